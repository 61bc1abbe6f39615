"""A backup restored into a second database holds exactly what the first held: every table row
by row (history, many-to-many and Django's own tables included; each table's key counter too)
and every document file by checksum. On SQLite always; on PostgreSQL (into a database of its
own, test_ops_restore) when DATABASE_URL names one, and then across the two vendors too."""

from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from boligsocial.demo.load import load_demo
from boligsocial.documents.models import Document
from boligsocial.plans.models import Plan
from tests.operations.helpers import (
    CHANGED_ON_PURPOSE,
    add_documents,
    backup,
    differences,
    file_checksums,
    table_contents,
)

pytestmark = pytest.mark.django_db

BIN = Path(sys.executable).with_name("boligsocial")
POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")
TARGET_DB = "test_ops_restore"


def run(args: list[str], home: Path, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DATABASE_URL", "DJANGO_SETTINGS_MODULE", "SECRET_KEY"}
    }
    env.update(
        BOLIGSOCIAL_HOME=str(home),
        DATABASE_URL=database_url,
        DOCUMENT_ROOT=str(home / "documents"),
        SECRET_KEY=secrets.token_urlsafe(48),
    )
    return subprocess.run(
        [str(BIN), *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.fixture
def made(world: Any, tmp_path: Path, document_dir: Path) -> tuple[Path, dict[str, Any]]:
    """The kit's world and the Aarhus demo, with documents (one deleted), backed up."""
    load_demo()
    add_documents(world.plan_pub, world.plan_led)
    path = tmp_path / "backup.zip"
    return path, backup(path)


def source_files(document_dir: Path) -> dict[str, str]:
    return {
        name: hashlib.sha256((document_dir / name).read_bytes()).hexdigest()
        for name in Document.objects.values_list("file", flat=True)
    }


def source_tables() -> tuple[list[str], dict[str, list[tuple[Any, ...]]]]:
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        return tables, table_contents(cursor, tables)


def migration_names(cursor: Any) -> set[tuple[str, str]]:
    cursor.execute("SELECT app, name FROM django_migrations")
    return {tuple(row) for row in cursor.fetchall()}


def used_counters(cursor: Any) -> list[tuple[Any, ...]]:
    cursor.execute("SELECT name, seq FROM sqlite_sequence WHERE seq > 0 ORDER BY name")
    return [tuple(row) for row in cursor.fetchall()]


def test_sqlite_round_trip(made: Any, tmp_path: Path, document_dir: Path) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the source database is PostgreSQL: see the PostgreSQL round trip")
    path, manifest = made
    home = tmp_path / "target"
    home.mkdir()
    target = home / "restored.sqlite3"
    done = run(["restore", str(path)], home, f"sqlite:///{target}")
    assert done.returncode == 0, done.stderr
    assert f"plans_plan: {Plan.objects.count()} rows" in done.stderr
    assert f"{sum(t['rows'] for t in manifest['tables']):,} rows" in done.stdout

    tables, source = source_tables()
    # Read as Django's own SQLite connection reads the source (its type converters).
    with sqlite3.connect(target, detect_types=sqlite3.PARSE_DECLTYPES) as restored:
        cursor = restored.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        assert sorted(row[0] for row in cursor.fetchall()) == [*tables, "sqlite_sequence"]
        assert differences(source, table_contents(cursor, tables)) == []
        with connection.cursor() as ours:
            assert migration_names(cursor) == migration_names(ours)
            # Each table's key counter (above the deleted document's key too); a counter at 0
            # (only rolled-back inserts) is as good as none.
            assert used_counters(cursor) == used_counters(ours)
    assert source["documents_document"], "the world has documents"
    assert source["plans_historicalplan"], "the world has history"
    assert file_checksums(home / "documents") == source_files(document_dir)


@pytest.fixture
def postgres_target() -> Iterator[str]:
    """An empty database of this test's own on the PostgreSQL server of DATABASE_URL."""
    psycopg = pytest.importorskip("psycopg")
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(os.environ["DATABASE_URL"])
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {TARGET_DB} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {TARGET_DB}")
    yield urlunsplit(parts._replace(path=f"/{TARGET_DB}"))
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {TARGET_DB} WITH (FORCE)")


def counters(cursor: Any) -> dict[str, int]:
    """Each table's next key comes after this number: the larger of its sequence's last value
    and its highest key (a sequence set back by an earlier test's rolled-back restore is not
    rolled back: sequences are outside transactions)."""
    cursor.execute(
        "SELECT s.relname, t.relname, a.attname FROM pg_class s "
        "JOIN pg_depend d ON d.objid = s.oid JOIN pg_class t ON d.refobjid = t.oid "
        "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid "
        "WHERE s.relkind = 'S' AND t.relnamespace = to_regnamespace(current_schema())"
    )
    found = {}
    for sequence, table, column in cursor.fetchall():
        if table in CHANGED_ON_PURPOSE:
            continue
        cursor.execute(f'SELECT last_value, is_called FROM "{sequence}"')
        value, called = cursor.fetchone()
        cursor.execute(f'SELECT MAX("{column}") FROM "{table}"')
        found[table] = max(value if called else 0, cursor.fetchone()[0] or 0)
    return found


@pytest.mark.skipif(not POSTGRES, reason="DATABASE_URL names no PostgreSQL database")
def test_postgresql_round_trip_and_across_vendors(
    made: Any, tmp_path: Path, document_dir: Path, postgres_target: str
) -> None:
    import psycopg

    path, _manifest = made
    home = tmp_path / "target"
    home.mkdir()
    done = run(["restore", "-q", str(path)], home, postgres_target)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    tables, source = source_tables()
    from psycopg.types.string import TextLoader

    with psycopg.connect(postgres_target) as restored:
        # JSON as text, as Django's own connection reads it (JSONField decodes it itself).
        for json_type in ("json", "jsonb"):
            restored.adapters.register_loader(json_type, TextLoader)
        cursor = restored.cursor()
        assert sorted(connection.introspection.table_names()) == tables
        assert differences(source, table_contents(cursor, tables)) == []
        with connection.cursor() as ours:
            assert migration_names(cursor) == migration_names(ours)
            assert counters(cursor) == counters(ours)
    assert file_checksums(home / "documents") == source_files(document_dir)
    from_postgresql_to_sqlite_and_back(made, tmp_path)


def from_postgresql_to_sqlite_and_back(made: Any, tmp_path: Path) -> None:
    """The vendor-neutral form: PostgreSQL's backup restored into SQLite and backed up there
    gives the same rows (compared as the backups write them; the same-vendor round trips
    compare the databases themselves)."""
    path, manifest = made
    home = tmp_path / "sqlite"
    home.mkdir()
    url = f"sqlite:///{home / 'restored.sqlite3'}"
    assert run(["restore", "-q", str(path)], home, url).returncode == 0
    again = tmp_path / "again.zip"
    done = run(["backup", "-q", "-o", str(again)], home, url)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(path) as first, zipfile.ZipFile(again) as second:
        for entry in manifest["tables"]:
            if entry["table"] == "core_dataversion":
                continue
            assert first.read(entry["member"]) == second.read(entry["member"]), entry["table"]
