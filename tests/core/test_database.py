"""The embedded database takes concurrent writers: WAL mode, a busy timeout and write locks
taken when a transaction begins (issue 6, docs/decisions/0011)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, connections, transaction

WRITERS = 16
WRITES_EACH = 5


@pytest.fixture
def file_database(tmp_path: Path, django_db_blocker: Any) -> Iterator[str]:
    """An alias for a file-based SQLite database with the project's connection options (the
    test database is in memory, where WAL does not apply). Not the test database, so no test
    transaction wraps it: every thread commits for real, as in production."""
    alias = "concurrency_file"
    connections.settings[alias] = {
        **connection.settings_dict,
        "NAME": str(tmp_path / "concurrency.sqlite3"),
        "OPTIONS": dict(settings.DATABASES["default"]["OPTIONS"]),
    }
    try:
        with django_db_blocker.unblock():
            yield alias
    finally:
        connections[alias].close()
        del connections.settings[alias]
        if hasattr(connections._connections, alias):
            delattr(connections._connections, alias)


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the options under test are SQLite's",
)
def test_sixteen_concurrent_writers_never_see_database_is_locked(file_database: str) -> None:
    with connections[file_database].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000
        cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
        cursor.execute("INSERT INTO counter (id, n) VALUES (1, 0)")
    connections[file_database].close()

    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS + 1)

    def writer() -> None:
        try:
            start.wait()
            for _ in range(WRITES_EACH):
                # Read, think, write: the pattern of a version check before a save.
                with (
                    transaction.atomic(using=file_database),
                    connections[file_database].cursor() as cursor,
                ):
                    cursor.execute("SELECT n FROM counter WHERE id = 1")
                    n = cursor.fetchone()[0]
                    time.sleep(0.002)
                    cursor.execute("UPDATE counter SET n = %s WHERE id = 1", [n + 1])
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections[file_database].close()

    def reader(stop: threading.Event) -> None:
        try:
            while not stop.is_set():
                with connections[file_database].cursor() as cursor:
                    cursor.execute("SELECT n FROM counter")
                    cursor.fetchall()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections[file_database].close()

    stop = threading.Event()
    threads = [threading.Thread(target=writer) for _ in range(WRITERS)]
    readers = [threading.Thread(target=reader, args=(stop,)) for _ in range(2)]
    for thread in threads + readers:
        thread.start()
    start.wait()
    for thread in threads:
        thread.join(timeout=120)
    stop.set()
    for thread in readers:
        thread.join(timeout=10)
    assert [str(e) for e in errors] == []
    with connections[file_database].cursor() as cursor:
        cursor.execute("SELECT n FROM counter WHERE id = 1")
        # No lost update either: every writer's read-and-increment counted.
        assert cursor.fetchone()[0] == WRITERS * WRITES_EACH
