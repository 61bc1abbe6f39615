"""`boligsocial lists import FILE --source TEXT`: store the ministry's published 1 December
lists (and the figures they publish) from CSV or XLSX in the criteria format."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from boligsocial.core.tables import TableErrors, nothing_imported, read_table
from boligsocial.indicators.services import official_lists_import


class Command(BaseCommand):
    help = "Official lists of udsatte boligområder: import the published lists."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import",
            help="Import a list in the criteria format (area, municipality, year, figures, "
            "official_ghetto, official_udsat, ...). All rows or none.",
        )
        imp.add_argument("file", help="CSV (comma or semicolon, UTF-8) or XLSX file")
        imp.add_argument(
            "--source",
            required=True,
            help="Where the list comes from, e.g. the ministry's PDF and date",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            table = read_table(options["file"], name=options["file"])
            result = official_lists_import(table=table, source=options["source"])
        except TableErrors as exc:
            raise CommandError(nothing_imported(exc), returncode=2) from None
        self.stdout.write(
            f"Imported {result.rows} rows: {result.list_entries_written} list entries, "
            f"{result.values_written} figures, {result.areas_created} new areas."
        )
