"""`boligsocial plan application --plan SLUG -o FILE.pdf|FILE.xlsx`: the plan's pre-qualification
application assembled from the data (docs/decisions/0022), as a PDF or an XLSX chosen by the
file's extension, in the installation's language (`LANGUAGE_CODE`). An unknown plan, an unknown
extension or a folder that does not exist is one line and exit 2, and nothing is written; the
file appears whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from boligsocial.applications.pdf import application_pdf
from boligsocial.applications.selectors import application_content, plan_for_application
from boligsocial.applications.xlsx import application_xlsx

RENDERERS = {".pdf": application_pdf, ".xlsx": application_xlsx}


class Command(BaseCommand):
    help = "A plan's pre-qualification application, assembled from the data, as PDF or XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        app = sub.add_parser(
            "application",
            help="Write the plan's pre-qualification application: a tagged PDF or an XLSX of "
            "its tables, by the output file's extension, with what is missing before it can "
            "be submitted.",
        )
        app.add_argument("--plan", required=True, metavar="SLUG", help="the plan's slug")
        app.add_argument(
            "-o", "--output", required=True, metavar="FILE", help="FILE.pdf or FILE.xlsx"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        render = RENDERERS.get(output.suffix.lower())
        if render is None:
            raise CommandError(
                f"-o {output}: the file must end in .pdf or .xlsx (the format follows the "
                "extension); nothing written",
                returncode=2,
            )
        folder = output.parent
        if not folder.is_dir():
            raise CommandError(
                f"-o {output}: the folder {folder} does not exist; nothing written", returncode=2
            )
        plan = plan_for_application(options["plan"])
        if plan is None:
            raise CommandError(
                f"--plan {options['plan']}: no plan has this slug; nothing written", returncode=2
            )
        with translation.override(settings.LANGUAGE_CODE):
            content = application_content(plan)
            data = render(content)
        # Written beside the target and renamed into place: never a half-written file.
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".application-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, output)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        missing = len(content.missing)
        self.stdout.write(
            f"Wrote {output} ({len(data):,} bytes): the application of {content.plan_name}; "
            + (f"{missing} part(s) missing before submission." if missing else "nothing missing.")
        )
