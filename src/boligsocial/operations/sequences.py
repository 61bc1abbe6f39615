"""The highest key each table has ever given out, kept across a backup and a restore.

A table's next key must stay above the keys of rows that were deleted, not just above the rows
that are left: simple-history keeps the history of a deleted plan under the plan's id, and a new
plan given that id again would inherit it. So the backup records each table's counter (SQLite's
`sqlite_sequence`, PostgreSQL's sequence) and the restore sets the counter to that value or the
highest key restored, whichever is larger (docs/decisions/0033)."""

from __future__ import annotations

from typing import Any

from django.db import connections, models


def auto_key(model: type[models.Model]) -> models.Field[Any, Any] | None:
    pk = model._meta.pk
    return pk if isinstance(pk, models.AutoField) else None


def last_key(model: type[models.Model], using: str) -> int | None:
    """The highest key the table's counter has given out (None: no counter, or never used)."""
    key = auto_key(model)
    if key is None:
        return None
    connection = connections[using]
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, key.column])
            sequence = cursor.fetchone()[0]
            if sequence is None:
                return None
            # The name comes from PostgreSQL itself, already quoted where needed.
            cursor.execute(f"SELECT last_value, is_called FROM {sequence}")  # noqa: S608
            value, called = cursor.fetchone()
            return int(value) if called else None
        if connection.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            row = cursor.fetchone()
            return int(row[0]) if row and row[0] else None
    raise NotImplementedError(f"no key counters for {connection.vendor}")


def set_counter(model: type[models.Model], recorded: int | None, using: str) -> None:
    """Set the table's counter to the larger of `recorded` and its highest key."""
    key = auto_key(model)
    if key is None:
        return
    connection = connections[using]
    quote = connection.ops.quote_name
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX({quote(key.column)}) FROM {quote(table)}")  # noqa: S608
        highest = max(cursor.fetchone()[0] or 0, recorded or 0)
        if connection.vendor == "postgresql":
            # Never lower a sequence: a sequence is not rolled back with a transaction, so a
            # restore that is rolled back must not leave it below the keys that come back.
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, key.column])
            sequence = cursor.fetchone()[0]
            cursor.execute(f"SELECT last_value, is_called FROM {sequence}")  # noqa: S608
            last_value, is_called = cursor.fetchone()
            highest = max(highest, last_value if is_called else last_value - 1)
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, %s), %s, %s)",
                [table, key.column, max(highest, 1), highest > 0],
            )
        elif connection.vendor == "sqlite":
            cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
            if highest:
                cursor.execute(
                    "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, highest]
                )
        else:
            raise NotImplementedError(f"no key counters for {connection.vendor}")
