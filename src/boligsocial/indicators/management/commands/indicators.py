"""`boligsocial indicators import FILE --source TEXT` and
`boligsocial indicators export [-o FILE] [--unsuppressed]`: area figures in the long layout
(area, municipality, year, indicator, value, persons, population); export and import use the
same layout so a spreadsheet round-trips."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from boligsocial.core.tables import TableErrors, nothing_imported, read_table
from boligsocial.indicators.exports import values_to_csv, values_to_xlsx
from boligsocial.indicators.selectors import indicator_values, shown_values
from boligsocial.indicators.services import indicator_values_import


class Command(BaseCommand):
    help = "Area indicators: import and export figures."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import figures (all rows or none).")
        imp.add_argument("file", help="CSV (comma or semicolon, UTF-8) or XLSX file")
        imp.add_argument("--source", required=True, help="Where the figures come from")
        exp = sub.add_parser("export", help="Export every figure.")
        exp.add_argument("-o", "--output", help="File to write (.csv or .xlsx); default stdout")
        exp.add_argument(
            "--unsuppressed",
            action="store_true",
            help="Analysts only: do not suppress figures about fewer than DISCLOSURE_MIN_COUNT "
            "persons.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            try:
                result = indicator_values_import(
                    table=read_table(options["file"], name=options["file"]),
                    source=options["source"],
                )
            except TableErrors as exc:
                raise CommandError(nothing_imported(exc), returncode=2) from None
            self.stdout.write(f"Imported {result.values_written} figures.")
            return
        values = list(shown_values(indicator_values(), analyst=options["unsuppressed"]))
        output = options.get("output")
        if output and output.lower().endswith(".xlsx"):
            Path(output).write_bytes(values_to_xlsx(values))
        elif output:
            Path(output).write_text(values_to_csv(values), encoding="utf-8")
        else:
            sys.stdout.write(values_to_csv(values))
