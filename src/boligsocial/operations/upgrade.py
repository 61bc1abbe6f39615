"""The child process of a restore that brings a backup made at an older migration state to this
version's (docs/decisions/0033): `python -m boligsocial.operations.upgrade IN OUT`, with
DATABASE_URL naming an empty scratch SQLite database. It migrates the scratch database to the
backup's state, loads the backup, runs the remaining migrations (so their data migrations see the
data, as in an installation upgraded in place) and writes the result as a new backup, the
document files copied unchanged. Progress on stderr; exit 2 with one line on an error."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "boligsocial.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from boligsocial.operations.archive import BackupError, open_verified
    from boligsocial.operations.backup import make_backup
    from boligsocial.operations.restore import load_rows
    from boligsocial.operations.schema import migrate_to, state_apps, table_models

    def progress(message: str) -> None:
        sys.stderr.write(message + "\n")
        sys.stderr.flush()

    source, output = Path(argv[0]), Path(argv[1])
    try:
        archive = open_verified(source)
        state = archive.manifest["migrations"]
        migrate_to(state)
        progress("migrated the scratch database to the backup's state")
        with transaction.atomic():
            load_rows(archive, table_models(state_apps(state)), using="default", progress=progress)
        call_command("migrate", interactive=False, verbosity=0)
        progress("migrated the backup's data to this version's state")
        make_backup(output, files_from=archive)
    except (BackupError, RuntimeError) as exc:
        progress(f"error: {exc}")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
