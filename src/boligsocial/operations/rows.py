"""A table's rows in a vendor-neutral form and back (docs/decisions/0033).

A table is one JSON-lines member: a first line naming the table, its model and its columns, then
one JSON array per row, in primary-key order. Values are what the ORM reads (so SQLite's and
PostgreSQL's storage forms meet in one), written exactly: dates and times in ISO 8601 with their
microseconds and offset, decimals as strings, binary data in base64, JSON as JSON. They are read
back through the field (`to_python`) and written with the field's own preparation for the target
database (`get_db_prep_save`), in plain INSERTs: no model is saved, so no signal runs and
simple-history records nothing that was not in the backup."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import IO, Any, Protocol

from django.core.management.color import no_style
from django.db import connections, models
from django.utils.duration import duration_iso_string

from boligsocial.core import data_version
from boligsocial.operations.schema import columns

BATCH = 1000
Progress = Callable[[str], None]


class Writable(Protocol):
    def write(self, data: bytes) -> int: ...


def encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, timedelta):
        return duration_iso_string(value)
    if isinstance(value, bytes | memoryview | bytearray):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot write a value of type {type(value).__name__}")


def header(model: type[models.Model]) -> dict[str, Any]:
    return {
        "table": model._meta.db_table,
        "model": model._meta.label_lower,
        "columns": [f.column for f in columns(model)],
    }


def dump_table(model: type[models.Model], out: Writable, using: str) -> int:
    """Write the table's header and rows; return the number of rows."""
    fields = columns(model)
    out.write(_line(header(model)))
    rows = (
        model._base_manager.using(using)
        .order_by(model._meta.pk.attname)
        .values_list(*[f.attname for f in fields])
    )
    count = 0
    for row in rows.iterator(chunk_size=2000):
        out.write(_line([encode(v) for v in row]))
        count += 1
    return count


def _line(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def read_header(lines: IO[bytes]) -> dict[str, Any]:
    first = lines.readline()
    try:
        found = json.loads(first)
    except ValueError as exc:
        raise ValueError(f"the first line is not JSON ({exc})") from exc
    if not isinstance(found, dict) or not {"table", "columns"} <= set(found):
        raise ValueError("the first line does not name the table and its columns")
    return found


def load_table(model: type[models.Model], lines: IO[bytes], using: str) -> int:
    """Insert the member's rows (after its header line) into the table; return their number.
    Many rows per INSERT: PostgreSQL's data-version trigger runs once per statement, and one
    statement per row would update the version's row hundreds of thousands of times in one
    transaction (decision 0033)."""
    connection = connections[using]
    fields = columns(model)
    quote = connection.ops.quote_name
    start = "INSERT INTO {} ({}) VALUES ".format(  # noqa: S608 - quoted names, values bound
        quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
    )
    one = "({})".format(", ".join(["%s"] * len(fields)))
    limit = connection.features.max_query_params or 65535
    size = max(1, min(BATCH, limit // max(1, len(fields))))
    count = 0
    with connection.cursor() as cursor:
        for batch in _batches(_decoded(fields, lines, connection), size):
            cursor.execute(start + ", ".join([one] * len(batch)), [v for row in batch for v in row])
            count += len(batch)
    return count


def _decoded(
    fields: list[models.Field[Any, Any]], lines: IO[bytes], connection: Any
) -> Iterator[list[Any]]:
    for number, line in enumerate(lines, start=2):
        row = json.loads(line)
        if not isinstance(row, list) or len(row) != len(fields):
            raise ValueError(f"line {number} does not have {len(fields)} values")
        yield [
            None if value is None else f.get_db_prep_save(f.to_python(value), connection)
            for f, value in zip(fields, row, strict=True)
        ]


def _batches(rows: Iterable[list[Any]], size: int) -> Iterator[list[list[Any]]]:
    batch: list[list[Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def wipe(model_list: list[type[models.Model]], using: str) -> None:
    """Delete every row of these tables (inside the caller's transaction)."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    tables = [m._meta.db_table for m in reversed(model_list) if m._meta.db_table in existing]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=False)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # TRUNCATE refuses a table with foreign-key checks still pending in the transaction.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for statement in statements:
            cursor.execute(statement)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def bump_data_version(using: str) -> None:
    """A restored database is other data: give it a data version never used before, so no page
    cached from earlier data is served (docs/decisions/0014)."""
    connection = connections[using]
    table = connection.ops.quote_name(data_version.TABLE)
    if connection.vendor == "postgresql":
        now = "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint"
        new = f"GREATEST(version + 1, {now})"
    else:
        now = "CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)"
        new = f"MAX(version + 1, {now})"
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET version = {new}")  # noqa: S608 - constants only


@contextmanager
def snapshot(using: str) -> Iterator[None]:
    """Every read inside sees the database at one moment, without holding up writers: a
    read-only repeatable-read transaction on PostgreSQL, a deferred read transaction on SQLite
    (in WAL mode a reader never blocks a writer). Inside an open transaction (a test), that
    one."""
    connection = connections[using]
    if connection.in_atomic_block:
        yield
        return
    connection.ensure_connection()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            connection.set_autocommit(False)
            try:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                yield
            finally:
                connection.rollback()
                connection.set_autocommit(True)
        else:
            cursor.execute("BEGIN DEFERRED")
            try:
                yield
            finally:
                cursor.execute("ROLLBACK")
