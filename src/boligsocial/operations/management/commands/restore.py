"""`boligsocial restore FILE [--replace] [-q]`: a backup back into the database (docs/decisions
/0033). Refuses a file it cannot read or whose checksums fail, a database that holds data
(unless `--replace`), and a database at another migration state than this version's; then
nothing is written, exit 2. A backup from an older version is migrated after loading."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from boligsocial.operations.archive import BackupError
from boligsocial.operations.restore import restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `boligsocial backup` into an empty database, or with "
        "--replace instead of all the data it holds; an older version's backup is migrated."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="the backup file")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace all data of a database that is not empty (in one transaction)",
        )
        parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        quiet = options["quiet"]

        def progress(message: str) -> None:
            if not quiet:
                self.stderr.write(message, style_func=lambda text: text)

        try:
            manifest = restore_backup(path, replace=options["replace"], progress=progress)
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        rows = sum(t["rows"] for t in manifest["tables"])
        self.stdout.write(
            f"Restored {path}: made {manifest['created_at']} by Boligsocial "
            f"{manifest['app_version']} on {manifest['database_vendor']}; {rows:,} rows in "
            f"{len(manifest['tables'])} tables and {len(manifest['files']):,} documents."
        )
