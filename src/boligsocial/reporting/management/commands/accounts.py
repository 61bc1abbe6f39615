"""`boligsocial accounts export --plan SLUG -o FILE.xlsx` and `boligsocial accounts import
FILE.xlsx --plan SLUG --user USERNAME [--dry-run]`: a plan's yearly accounts (the
reguleringskonto per year and the account lines) as a workbook and back, all years or none
(docs/decisions/0027). The import acts as the plan editor `--user` names: the reports' services
check and record who writes. Bad input is one message listing every problem with sheet, row
and column, exit 2, nothing written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from boligsocial.budgets.management.files import (
    not_imported,
    output_path,
    plan_of,
    workbook_data,
    write_atomically,
)
from boligsocial.budgets.workbook import WorkbookErrors
from boligsocial.reporting.workbook import accounts_workbook, accounts_workbook_import


class Command(BaseCommand):
    help = "A plan's yearly accounts in spreadsheets: export them as XLSX, import them again."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser(
            "export",
            help="Write the plan's yearly accounts as XLSX: the reguleringskonto per year and a "
            "sheet of account lines per year.",
        )
        export.add_argument("--plan", required=True, metavar="SLUG", help="the plan's slug")
        export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
        imp = sub.add_parser(
            "import",
            help="Read an exported (and edited) accounts workbook into the plan's reports that "
            "may still change: every year or none.",
        )
        imp.add_argument("file", metavar="FILE.xlsx")
        imp.add_argument("--plan", required=True, metavar="SLUG", help="the plan's slug")
        imp.add_argument(
            "--user",
            required=True,
            metavar="USERNAME",
            help="who imports: a secretariat administrator or the plan's leader (the reports' "
            "history names them)",
        )
        imp.add_argument("--dry-run", action="store_true", help="check every row, write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            plan = plan_of(options["plan"])
            if options["action"] == "export":
                output = output_path(Path(options["output"]))
                today = timezone.localdate()
                data = accounts_workbook(plan, today=today, exported_on=today)
                write_atomically(output, data)
                self.stdout.write(
                    f"Wrote {output} ({len(data):,} bytes): the yearly accounts of {plan.name}."
                )
                return
            user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise CommandError(
                    f"--user {options['user']}: no active user has this name; nothing imported",
                    returncode=2,
                )
            path = Path(options["file"])
            try:
                outcome = accounts_workbook_import(
                    plan=plan, data=workbook_data(path), user=user, dry_run=options["dry_run"]
                )
            except WorkbookErrors as exc:
                raise not_imported(path, exc) from None
            if options["dry_run"]:
                self.stdout.write(f"Dry run, nothing written: {outcome.summary}.")
            else:
                self.stdout.write(f"Imported the accounts of {plan.name}: {outcome.summary}.")
