"""A backup file that is not one, that this version cannot read, or whose content does not match
its manifest is refused before anything is written: one line naming the problem, exit 2."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.kit import nothing_written
from tests.operations.helpers import add_documents, backup, file_checksums, rewrite

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(world: Any, tmp_path: Path) -> Path:
    add_documents(world.plan_pub, world.plan_led)
    path = tmp_path / "backup.zip"
    backup(path)
    return path


def refused(path: Path, *args: str) -> str:
    with pytest.raises(CommandError) as caught:
        call_command("restore", str(path), "-q", *args)
    assert caught.value.returncode == 2
    return str(caught.value)


def first_table(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))["tables"][0]["member"]


def test_the_manifest_describes_everything(made: Path) -> None:
    from django.apps import apps
    from django.db import connection

    from boligsocial import __version__
    from boligsocial.operations.schema import applied_migrations

    with zipfile.ZipFile(made) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        names = set(archive.namelist())
    assert manifest["format"] == "boligsocial-backup"
    assert manifest["format_version"] == 1
    assert manifest["app_version"] == __version__
    assert manifest["database_vendor"] == connection.vendor
    assert manifest["created_at"]
    assert manifest["migrations"] == applied_migrations()
    # Every table of every model (many-to-many and history tables too), with its row count.
    tables = {entry["table"]: entry["rows"] for entry in manifest["tables"]}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            assert tables[model._meta.db_table] == model._base_manager.count(), model
    assert {"plans_plan_afdelinger", "plans_historicalplan", "django_content_type"} <= set(tables)
    assert len(manifest["files"]) == 2
    assert names == {"manifest.json", *manifest["members"]}
    assert all(len(member["sha256"]) == 64 for member in manifest["members"].values())


def test_progress_per_table_on_stderr_and_quiet_with_q(made: Path, tmp_path: Path) -> None:
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("backup", "-o", str(tmp_path / "b.zip"), stdout=out, stderr=err)
    assert "plans_plan: 3 rows" in err.getvalue().splitlines()
    assert "documents.document.file: 2 files" in err.getvalue().splitlines()
    assert out.getvalue().startswith(f"Wrote {tmp_path / 'b.zip'} (")
    err = StringIO()
    call_command("backup", "-o", str(tmp_path / "c.zip"), "-q", stdout=out, stderr=err)
    assert err.getvalue() == ""


def _tampered_member(path: Path) -> dict[str, Any]:
    return {first_table(path): b"not what was backed up\n"}


CASES = {
    "not a zip": (lambda path: None, "is not a Boligsocial backup (not a zip archive"),
    "no manifest": (lambda path: {"manifest.json": None}, "(no manifest.json)"),
    "another format": (
        lambda path: {"manifest": lambda m: {**m, "format": "something-else"}},
        "names no boligsocial-backup",
    ),
    "a newer format": (
        lambda path: {"manifest": lambda m: {**m, "format_version": 2}},
        "backup format version 2 is unknown to this version of Boligsocial (it reads version 1)",
    ),
    "a changed member": (_tampered_member, "does not match its checksum in manifest.json"),
    "a missing member": (lambda path: {first_table(path): None}, "missing: ['tables/0001-"),
    "an extra member": (lambda path: {"extra.txt": b"x"}, "not in the manifest: ['extra.txt']"),
    "a newer version's migrations": (
        lambda path: {
            "manifest": lambda m: {
                **m,
                "migrations": {**m["migrations"], "plans": [*m["migrations"]["plans"], "9999_x"]},
            }
        },
        "was made by a newer version of Boligsocial: this version does not know the "
        "migrations plans.9999_x",
    ),
    "an unsafe document name": (
        lambda path: {
            "manifest": lambda m: {
                **m,
                "files": [{**m["files"][0], "name": "../../etc/passwd"}, *m["files"][1:]],
            }
        },
        "the document name '../../etc/passwd' is not a safe storage name",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_file_is_refused_and_nothing_is_written(
    case: str, made: Path, tmp_path: Path, document_dir: Path
) -> None:
    change, message = CASES[case]
    bad = tmp_path / "bad.zip"
    changes = change(made)
    if changes is None:
        bad.write_bytes(b"PK\x03\x04 this is not a zip archive")
    else:
        rewrite(made, bad, **changes)
    files = file_checksums(document_dir)
    with nothing_written():
        said = refused(bad, "--replace")
    assert message in said
    assert "\n" not in said
    assert file_checksums(document_dir) == files


def test_a_missing_file_or_folder(tmp_path: Path) -> None:
    assert refused(tmp_path / "none.zip") == f"{tmp_path / 'none.zip'}: no such file"
    with pytest.raises(CommandError) as caught:
        call_command("backup", "-o", str(tmp_path / "no" / "b.zip"), "-q")
    assert caught.value.returncode == 2
    assert "the folder" in str(caught.value)
    assert list(tmp_path.iterdir()) == []
