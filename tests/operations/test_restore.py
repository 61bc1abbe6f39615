"""Restoring into the database the tests run on: only into an empty one unless --replace, all in
one transaction (a failure half-way leaves the data and the document storage as they were),
the key counters kept, the files only the replaced data named removed; a backup made at an older
migration state is migrated after loading (a synthetic one, before organisations 0003 and the
money apps)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from boligsocial.budgets.models import BudgetCategory
from boligsocial.core import data_version
from boligsocial.documents.models import Document
from boligsocial.documents.services import document_store
from boligsocial.operations.archive import FORMAT, FORMAT_VERSION, ArchiveWriter
from boligsocial.operations.rows import encode, header
from boligsocial.operations.schema import columns, state_apps, table_models
from boligsocial.organisations.models import Organisation
from boligsocial.plans.models import Plan
from tests.documents.files import PDF
from tests.kit import db_snapshot, nothing_written, valid_cvr
from tests.operations.helpers import add_documents, backup, file_checksums, rewrite

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, Any]:
    """Every table of the project but the data version (a restore moves it on, on purpose)."""
    return {k: v for k, v in db_snapshot().items() if k != "core.DataVersion"}


def restore(path: Path, *args: str) -> None:
    call_command("restore", str(path), "-q", *args)


def test_a_database_with_data_is_only_replaced_with_replace(world: Any, tmp_path: Path) -> None:
    path = tmp_path / "backup.zip"
    backup(path)
    with nothing_written(), pytest.raises(CommandError) as caught:
        restore(path)
    assert caught.value.returncode == 2
    assert "the database already holds data" in str(caught.value)
    assert "--replace" in str(caught.value)


def test_an_empty_database_needs_no_replace(tmp_path: Path) -> None:
    """A database only `migrate` has written to (the test database) is empty."""
    path = tmp_path / "backup.zip"
    backup(path)
    before = data_version.current()
    restore(path)
    assert data_version.current() != before


def test_replace_brings_back_the_data_and_files_of_the_backup(
    world: Any, tmp_path: Path, document_dir: Path
) -> None:
    kept = add_documents(world.plan_pub, world.plan_led)
    path = tmp_path / "backup.zip"
    backup(path)
    at_backup, files_at_backup = snapshot(), file_checksums(document_dir)
    version = data_version.current()
    deleted_key = Document.history.order_by("-id").first().id  # the deleted document's key

    # After the backup: a plan renamed, a document added, a document's file lost.
    Plan.objects.filter(pk=world.plan_pub.pk).update(name="Omdøbt")
    later = document_store(plan=world.plan_pub, upload=SimpleUploadedFile("ny.pdf", PDF))
    (document_dir / kept[0].file.name).unlink()

    restore(path, "--replace")
    assert snapshot() == at_backup
    assert data_version.current() > version  # no cached page of other data is served
    assert not (document_dir / later.file.name).exists()  # only the replaced data named it
    written = file_checksums(document_dir)
    assert {name: written[name] for name in files_at_backup if name in written} == {
        name: sha for name, sha in files_at_backup.items() if name in written
    }
    assert (document_dir / kept[0].file.name).exists()
    # The next document does not take the key of the deleted one (nor inherit its history).
    again = document_store(plan=world.plan_pub, upload=SimpleUploadedFile("igen.pdf", PDF))
    assert again.pk > deleted_key


def test_a_failure_half_way_writes_nothing(world: Any, tmp_path: Path, document_dir: Path) -> None:
    add_documents(world.plan_pub, world.plan_led)
    path = tmp_path / "backup.zip"
    manifest = backup(path)
    for name in file_checksums(document_dir):
        (document_dir / name).unlink()  # the restore will have to write them
    last = manifest["tables"][-1]
    bad = tmp_path / "bad.zip"
    rewrite(
        path,
        bad,
        manifest=lambda m: {
            **m,
            "tables": [*m["tables"][:-1], {**last, "rows": last["rows"] + 1}],
        },
    )
    Plan.objects.filter(pk=world.plan_pub.pk).update(name="Efter backuppen")
    with nothing_written(), pytest.raises(CommandError) as caught:
        restore(bad, "--replace")
    assert f"{last['table']} has {last['rows']} rows, its manifest says" in str(caught.value)
    assert file_checksums(document_dir) == {}


# A backup from before organisations 0003 (English organisation kinds) --------------------------

OLDER_THAN = ("organisations", "0003_english_kind_keys")


def older_state() -> dict[str, list[str]]:
    """Every migration except OLDER_THAN and those that depend on it (the money apps')."""
    graph = MigrationLoader(connection).graph
    later = set(graph.backwards_plan(OLDER_THAN))
    state: dict[str, list[str]] = {}
    for app, name in sorted(set(graph.nodes) - later):
        state.setdefault(app, []).append(name)
    return state


def older_backup(path: Path) -> dict[str, list[str]]:
    """A backup as the version before organisations 0003 wrote it: an organisation of the kind
    `boligorganisation`, with its history; every other table empty."""
    state = older_state()
    apps = state_apps(state)
    organisation = apps.get_model("organisations", "Organisation")(
        id=7,
        kind="boligorganisation",
        name="Boligforeningen Fortid",
        slug="fortid",
        cvr=valid_cvr(9),
    )
    history = apps.get_model("organisations", "HistoricalOrganisation")(
        id=7,
        history_id=3,
        kind="kommune",
        name="Fortid Kommune",
        slug="fortid",
        cvr=valid_cvr(9),
        history_date=timezone.now(),
        history_type="+",
    )
    rows = {obj._meta.db_table: obj for obj in (organisation, history)}
    writer = ArchiveWriter(path)
    tables = []
    for number, model in enumerate(table_models(apps), start=1):
        member = f"tables/{number:04d}-{model._meta.db_table}.jsonl"
        found = rows.get(model._meta.db_table)
        with writer.member(member) as out:
            out.write(json.dumps(header(model)).encode() + b"\n")
            if found is not None:
                values = [encode(getattr(found, f.attname)) for f in columns(model)]
                out.write(json.dumps(values).encode() + b"\n")
        tables.append(
            {**header(model), "rows": int(found is not None), "last_key": None, "member": member}
        )
    writer.finish(
        {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": "0.0.9",
            "created_at": "2025-01-01T00:00:00+00:00",
            "database_vendor": "sqlite",
            "migrations": state,
            "tables": tables,
            "files": [],
            "missing_files": [],
        }
    )
    return state


def test_a_backup_from_an_older_version_is_migrated_after_loading(tmp_path: Path) -> None:
    from io import StringIO

    path = tmp_path / "older.zip"
    state = older_state()
    assert "0003_english_kind_keys" not in state["organisations"]
    assert "budgets" not in state  # the money apps came later
    older_backup(path)
    with zipfile.ZipFile(path) as archive:
        assert json.loads(archive.read("manifest.json"))["migrations"] == state

    err = StringIO()
    call_command("restore", str(path), "--replace", stderr=err, stdout=StringIO())
    assert "The backup was made at an older migration state" in err.getvalue()
    # Organisation 0003's data migration ran on the backup's rows, in the table and its history.
    organisation = Organisation.objects.get(slug="fortid")
    assert organisation.pk == 7
    assert organisation.kind == "housing_organisation"
    assert organisation.history.get().kind == "municipality"
    # The apps the older version did not have are there, with their migrations' reference data.
    assert BudgetCategory.objects.count() == 5
    assert data_version.current() is not None
