"""`make_backup`: every table of every installed app and every uploaded file in one archive
(docs/decisions/0033). The tables are read in one snapshot of the database, with the models of
its applied migration state, so whatever apps and models the installation has are all in it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import django
from django.apps.registry import Apps
from django.db import connections
from django.utils import timezone

import boligsocial
from boligsocial.operations.archive import (
    FORMAT,
    FORMAT_VERSION,
    ArchiveWriter,
    BackupError,
    VerifiedArchive,
)
from boligsocial.operations.files import (
    copy,
    field_label,
    file_fields,
    storage_of,
    stored_names,
)
from boligsocial.operations.rows import Progress, dump_table, header, snapshot
from boligsocial.operations.schema import applied_migrations, state_apps, table_models
from boligsocial.operations.sequences import last_key


def _quiet(_message: str) -> None:
    return None


def make_backup(
    path: Path,
    *,
    using: str = "default",
    progress: Progress = _quiet,
    files_from: VerifiedArchive | None = None,
) -> dict[str, Any]:
    """Write the backup to `path` (whole or not at all) and return its manifest. The files are
    read from the storages, or copied from another backup (`files_from`, when a backup is
    brought to a newer migration state)."""
    writer = ArchiveWriter(path)
    try:
        with snapshot(using):
            migrations = applied_migrations(using)
            if not migrations:
                raise BackupError(
                    "the database has no migrations applied, so nothing to back up "
                    "(is DATABASE_URL the installation's database?)"
                )
            apps = state_apps(migrations, using)
            tables = _write_tables(writer, apps, using, progress)
            if files_from is None:
                files, missing = _write_stored_files(writer, apps, using, progress)
            else:
                files = _copy_files(writer, files_from)
                missing = list(files_from.manifest.get("missing_files", []))
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": boligsocial.__version__,
            "django_version": django.get_version(),
            "created_at": timezone.now().isoformat(),
            "database_vendor": connections[using].vendor,
            "migrations": migrations,
            "tables": tables,
            "files": files,
            "missing_files": missing,
        }
        writer.finish(manifest)
    except BaseException:
        writer.abandon()
        raise
    return {**manifest, "members": writer.members}


def _write_tables(
    writer: ArchiveWriter, apps: Apps, using: str, progress: Progress
) -> list[dict[str, Any]]:
    tables = []
    for number, model in enumerate(table_models(apps), start=1):
        table = model._meta.db_table
        member = f"tables/{number:04d}-{table}.jsonl"
        with writer.member(member) as out:
            rows = dump_table(model, out, using)
        tables.append(
            {**header(model), "rows": rows, "last_key": last_key(model, using), "member": member}
        )
        progress(f"{table}: {rows:,} rows")
    return tables


def _write_stored_files(
    writer: ArchiveWriter, apps: Apps, using: str, progress: Progress
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    files: list[dict[str, Any]] = []
    missing: list[dict[str, str]] = []
    for model, field in file_fields(apps):
        label = field_label(model, field)
        storage = storage_of(label) or field.storage
        count = 0
        for name in stored_names(model, field, using):
            if not storage.exists(name):
                missing.append({"field": label, "name": name})
                progress(f"warning: {label} names {name}, which the storage does not have")
                continue
            member = f"files/{label}/{name}"
            with storage.open(name, "rb") as source, writer.member(member) as out:
                sha256, size = copy(source, out)
            files.append(
                {"field": label, "name": name, "member": member, "sha256": sha256, "size": size}
            )
            count += 1
        progress(f"{label}: {count:,} files")
    return files, missing


def _copy_files(writer: ArchiveWriter, source: VerifiedArchive) -> list[dict[str, Any]]:
    files = []
    for entry in source.manifest["files"]:
        with source.open(entry["member"]) as member, writer.member(entry["member"]) as out:
            copy(member, out)
        files.append(entry)
    return files
