"""`restore_backup`: a backup back into a database, all of it or nothing (docs/decisions/0033).

1. The archive is checked whole (format, version, every member's SHA-256): a bad file is refused
   before anything is written.
2. A database without tables is migrated first (`migrate`); a database at another migration
   state than this version's is refused (`boligsocial migrate` first).
3. A backup made at an older migration state is brought to this version's: a child process
   migrates a scratch SQLite database to the backup's state, loads it, migrates it to the end
   and writes it out again; the database itself is only ever written by step 4.
4. In one transaction: every table is emptied (refused without `--replace` unless the database
   is empty: nothing but `migrate` has written to it), the rows are inserted as they were,
   foreign keys are checked, PostgreSQL's sequences are set after the highest keys and the data
   version moves on. The document files are written through the storage first (identical ones
   are kept) and removed again if the transaction fails; with `--replace`, files that only the
   replaced data named are deleted after the commit.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections import deque
from pathlib import Path
from typing import Any

from django.apps.registry import Apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import Storage
from django.core.management import call_command
from django.db import IntegrityError, connections, models, transaction

from boligsocial.core import data_version
from boligsocial.operations.archive import BackupError, VerifiedArchive, open_verified
from boligsocial.operations.files import (
    field_label,
    file_fields,
    storage_of,
    store,
    stored_checksum,
    stored_names,
)
from boligsocial.operations.rows import (
    Progress,
    bump_data_version,
    load_table,
    read_header,
    wipe,
)
from boligsocial.operations.schema import (
    MigrationState,
    applied_migrations,
    columns,
    head_state,
    nodes_of,
    state_apps,
    table_models,
    unknown_migrations,
)
from boligsocial.operations.sequences import set_counter


def _quiet(_message: str) -> None:
    return None


def restore_backup(
    path: Path, *, using: str = "default", replace: bool = False, progress: Progress = _quiet
) -> dict[str, Any]:
    """Restore the backup at `path`; return its manifest. BackupError says why not."""
    archive = open_verified(path)
    try:
        backup_state: MigrationState = archive.manifest["migrations"]
        unknown = unknown_migrations(backup_state, using)
        if unknown:
            raise BackupError(
                f"{path} was made by a newer version of Boligsocial: this version does not know "
                f"the migrations {', '.join(unknown[:5])}{' …' if len(unknown) > 5 else ''}; "
                "upgrade first; nothing written"
            )
        if not applied_migrations(using):
            progress("The database has no tables: migrating it first (boligsocial migrate).")
            call_command("migrate", database=using, interactive=False, verbosity=0)
        head = head_state(using)
        if nodes_of(applied_migrations(using)) != nodes_of(head):
            raise BackupError(
                "the database is not at this version's migration state: run `boligsocial "
                "migrate` first; nothing written"
            )
        apps = state_apps(head, using)
        if not replace and not database_is_empty(using, apps):
            raise BackupError(
                "the database already holds data: restore into an empty database (one that "
                "only `boligsocial migrate` has written to), or give --replace to replace all of "
                "its data with the backup's; nothing written"
            )
        if nodes_of(backup_state) == nodes_of(head):
            restore_verified(archive, apps, using=using, replace=replace, progress=progress)
            return archive.manifest
        progress(
            "The backup was made at an older migration state: migrating a copy of it to this "
            "version's in a scratch database."
        )
        with tempfile.TemporaryDirectory(prefix="boligsocial-restore-") as folder:
            upgraded = upgrade_copy(path, Path(folder), progress)
            newer = open_verified(upgraded)
            try:
                restore_verified(newer, apps, using=using, replace=replace, progress=progress)
            finally:
                newer.close()
        return archive.manifest
    finally:
        archive.close()


def database_is_empty(using: str, apps: Apps) -> bool:
    """Nothing but `migrate` has written to the database: it has no user, and its data version
    (which every write to the project's tables moves on, decision 0014) is still 0."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    if user_model._base_manager.using(using).exists():
        return False
    versions = apps.get_model("core", "DataVersion")._base_manager.using(using)
    return not versions.filter(version__gt=0).exists()


def restore_verified(
    archive: VerifiedArchive,
    apps: Apps,
    *,
    using: str = "default",
    replace: bool = False,
    progress: Progress = _quiet,
) -> None:
    """Write a checked backup made at the state of `apps` into the database at that state."""
    model_list = table_models(apps)
    check_tables(archive, model_list)
    storages = _storages(archive)
    before = _named_files(apps, using) if replace else set()
    written = _write_files(archive, storages, replace=replace, progress=progress)
    try:
        with transaction.atomic(using=using):
            load_rows(archive, model_list, using=using, progress=progress)
            bump_data_version(using)
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise
    ContentType.objects.clear_cache()
    restored = {(entry["field"], entry["name"]) for entry in archive.manifest["files"]}
    for label, name in sorted(before - restored):
        old = storage_of(label)
        if old is not None and old.exists(name):
            old.delete(name)
            progress(f"deleted {name}: only the replaced data named it")


def check_tables(archive: VerifiedArchive, model_list: list[type[models.Model]]) -> None:
    """The backup's tables and columns are exactly those of the models."""
    backup = {entry["table"]: entry for entry in archive.manifest["tables"]}
    ours = {model._meta.db_table: model for model in model_list}
    if set(backup) != set(ours):
        missing = sorted(set(ours) - set(backup))[:5]
        extra = sorted(set(backup) - set(ours))[:5]
        raise BackupError(
            f"{archive.path}: its tables do not match its migration state (missing: "
            f"{missing or 'none'}; unknown: {extra or 'none'}); nothing written"
        )
    for table, model in ours.items():
        if backup[table]["columns"] != [f.column for f in columns(model)]:
            raise BackupError(
                f"{archive.path}: the columns of {table} do not match its migration state; "
                "nothing written"
            )


def load_rows(
    archive: VerifiedArchive,
    model_list: list[type[models.Model]],
    *,
    using: str,
    progress: Progress,
) -> None:
    """Empty every table and insert the backup's rows (inside the caller's transaction)."""
    connection = connections[using]
    entries = {entry["table"]: entry for entry in archive.manifest["tables"]}
    wipe(model_list, using)
    for model in model_list:
        entry = entries[model._meta.db_table]
        with archive.open(entry["member"]) as lines:
            try:
                found = read_header(lines)
                if found["table"] != entry["table"] or found["columns"] != entry["columns"]:
                    raise ValueError("its first line names another table or other columns")
                count = load_table(model, lines, using)
            except (ValueError, TypeError) as exc:
                raise BackupError(f"{archive.path}: {entry['member']}: {exc}") from exc
        if count != entry["rows"]:
            raise BackupError(
                f"{archive.path}: {entry['table']} has {count} rows, its manifest says "
                f"{entry['rows']}"
            )
        progress(f"{entry['table']}: {count:,} rows")
    for model in model_list:
        set_counter(model, entries[model._meta.db_table].get("last_key"), using)
    # The version rows (if the backup had none) and the triggers that move it on.
    data_version.install_triggers(using)
    try:
        connection.check_constraints(table_names=[m._meta.db_table for m in model_list])
    except IntegrityError as exc:
        raise BackupError(f"{archive.path}: the rows break a foreign key: {exc}") from exc


def _storages(archive: VerifiedArchive) -> dict[str, Storage]:
    found: dict[str, Storage] = {}
    for entry in archive.manifest["files"]:
        label = entry["field"]
        storage = storage_of(label)
        if storage is None:
            raise BackupError(
                f"{archive.path}: its documents belong to {label}, which this version does "
                "not have; nothing written"
            )
        found[label] = storage
    return found


def _named_files(apps: Apps, using: str) -> set[tuple[str, str]]:
    return {
        (field_label(model, field), name)
        for model, field in file_fields(apps)
        for name in stored_names(model, field, using)
    }


def _write_files(
    archive: VerifiedArchive,
    storages: dict[str, Storage],
    *,
    replace: bool,
    progress: Progress,
) -> list[tuple[Storage, str]]:
    """Put every file of the backup into its storage; return those newly written."""
    written: list[tuple[Storage, str]] = []
    try:
        for entry in archive.manifest["files"]:
            storage, name = storages[entry["field"]], entry["name"]
            found = stored_checksum(storage, name)
            if found == entry["sha256"]:
                continue
            if found is not None:
                if not replace:
                    raise BackupError(
                        f"the storage already has a different file {name}; give --replace to "
                        "overwrite it; nothing written"
                    )
                storage.delete(name)
            with archive.open(entry["member"]) as content:
                store(storage, name, content)
            written.append((storage, name))
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise
    progress(f"documents: {len(archive.manifest['files']):,} files ({len(written):,} written)")
    return written


def upgrade_copy(path: Path, folder: Path, progress: Progress) -> Path:
    """The backup brought to this version's migration state, by a child process working on a
    scratch SQLite database in `folder` (the data migrations of the apps write to the process's
    default database, so the scratch database must be that)."""
    output = folder / "upgraded.zip"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "boligsocial.settings",
        "DATABASE_URL": f"sqlite:///{folder / 'scratch.sqlite3'}",
        "BOLIGSOCIAL_HOME": str(folder),
        "SECRET_KEY": settings.SECRET_KEY,
        "CACHE_URL": "",
    }
    command = [sys.executable, "-m", "boligsocial.operations.upgrade", str(path), str(output)]
    last: deque[str] = deque(maxlen=5)
    with subprocess.Popen(  # noqa: S603 - this interpreter and our own module
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    ) as child:
        for line in child.stderr or ():
            last.append(line.rstrip())
            progress(f"  (older state) {line.rstrip()}")
    if child.returncode != 0:
        said = " / ".join(last) or f"exit status {child.returncode}"
        raise BackupError(f"could not bring the backup to this version's state: {said}")
    return output
