"""`boligsocial backup -o FILE [-q]`: every table of every app and every uploaded document in one
zip archive with a manifest and checksums (docs/decisions/0033). Progress (rows per table) on
stderr, `-q` for none; the file appears whole or not at all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from boligsocial.operations.archive import BackupError
from boligsocial.operations.backup import make_backup


class Command(BaseCommand):
    help = (
        "Back up all data (every table of every app) and every uploaded document into one file "
        "with a manifest and checksums."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-o", "--output", required=True, metavar="FILE", help="the backup file to write"
        )
        parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        if output.is_dir():
            raise CommandError(f"-o {output} is a folder; give a file name", returncode=2)
        try:
            manifest = make_backup(output, progress=self.progress(options["quiet"]))
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        rows = sum(t["rows"] for t in manifest["tables"])
        files = len(manifest["files"])
        missing = len(manifest["missing_files"])
        self.stdout.write(
            f"Wrote {output} ({output.stat().st_size:,} bytes): {rows:,} rows in "
            f"{len(manifest['tables'])} tables and {files:,} documents"
            + (f"; {missing} document file(s) missing from the storage" if missing else "")
            + "."
        )

    def progress(self, quiet: bool) -> Any:
        def say(message: str) -> None:
            if not quiet:
                self.stderr.write(message, style_func=lambda text: text)

        return say
