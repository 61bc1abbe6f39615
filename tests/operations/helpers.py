"""Building a world with documents, backing it up, and comparing two databases table by table."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from boligsocial.documents.services import document_store
from tests.documents.files import PDF, docx, xlsx

# Tables whose content a restore changes on purpose: the data version moves on (decision 0014),
# and the migration records are the target's own (compared by name).
CHANGED_ON_PURPOSE = {"core_dataversion", "django_migrations"}


def add_documents(plan: Any, other_plan: Any) -> list[Any]:
    """Three documents, one of them deleted again (its history stays, its key is used)."""
    first = document_store(plan=plan, upload=SimpleUploadedFile("brev.pdf", PDF), title="Brev")
    second = document_store(
        plan=plan, upload=SimpleUploadedFile("budget.xlsx", xlsx()), title="Budget"
    )
    third = document_store(
        plan=other_plan, upload=SimpleUploadedFile("aftale.docx", docx()), title="Aftale"
    )
    third.delete()
    return [first, second]


def backup(path: Path, *args: str) -> dict[str, Any]:
    call_command("backup", "-o", str(path), "-q", *args)
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))


def rewrite(source: Path, target: Path, **changes: Any) -> None:
    """A copy of the backup with members replaced (bytes), removed (None) or added; the manifest
    by `manifest=` (a function of the manifest)."""
    manifest_change = changes.pop("manifest", None)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            if name == "manifest.json" and manifest_change is not None:
                data = json.dumps(manifest_change(json.loads(data))).encode()
            if name in changes:
                data = changes.pop(name)
            if data is not None:
                new.writestr(name, data)
        for name, data in changes.items():
            new.writestr(name, data)


def file_checksums(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def table_contents(cursor: Any, tables: list[str]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table as the database driver gives it, in a fixed order."""
    contents = {}
    for table in tables:
        cursor.execute(f'SELECT * FROM "{table}"')
        contents[table] = sorted((tuple(row) for row in cursor.fetchall()), key=repr)
    return contents


def differences(
    source: dict[str, list[tuple[Any, ...]]], target: dict[str, list[tuple[Any, ...]]]
) -> list[str]:
    found = []
    for table in sorted(set(source) | set(target)):
        if table in CHANGED_ON_PURPOSE:
            continue
        mine, theirs = source.get(table), target.get(table)
        if mine != theirs:
            only_source = [row for row in mine or [] if row not in (theirs or [])][:2]
            only_target = [row for row in theirs or [] if row not in (mine or [])][:2]
            found.append(f"{table}: {only_source} / {only_target}")
    return found
