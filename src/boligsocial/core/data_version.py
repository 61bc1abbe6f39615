"""The data version: one number that changes with every committed write to the project's tables.

The public page cache puts it in every key (docs/decisions/0014). It is bumped by database
triggers on every table of the project's apps, so that no write can forget it: services, the
admin, the API, imports, loaders with `bulk_create`, raw SQL and a `psql` session all bump it, in
the same transaction as the write. A reader therefore sees either the old data with the old
version or the new data with the new version, on every worker and every app server.

The new version is the larger of the old one plus one and the current time in microseconds, so
it never repeats: a restored backup or a rolled-back test does not bring back a number whose
cache entries were made from other data.

The triggers are (re)installed after every `migrate` (`install_triggers`, connected to
`post_migrate` in `CoreConfig.ready`); the SQLite schema editor drops a table's triggers when it
rebuilds the table, and a new model's table gets them the same way. A test fails if a table of
the project lacks them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.apps import apps
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "core_dataversion"
ROW_ID = 1
# A second row, the version of the areas' data only: the tables of these apps (areas and
# afdelinger, municipalities and organisations, indicator figures and official lists). Their
# triggers bump both rows; every other table's bump only the first. What is computed from the
# areas' data alone (the classification of every area, docs/decisions/0014) keys on this one,
# so a write to a plan does not make it compute again.
AREAS_ROW_ID = 2
AREA_APPS = ("boligsocial.areas", "boligsocial.organisations", "boligsocial.indicators")
# Trigger names: SQLite's are global (one per table and operation), PostgreSQL's per table.
SQLITE_PREFIX = "boligsocial_data_version"
POSTGRES_TRIGGER = "boligsocial_data_version"
POSTGRES_FUNCTION = "boligsocial_bump_data_version"
POSTGRES_AREAS_FUNCTION = "boligsocial_bump_area_data_version"
OPERATIONS = ("INSERT", "UPDATE", "DELETE")
# Tables outside the project's apps whose columns a public page shows: the history of a plan
# names who made each change. Only a change of these columns bumps (not a login's last_login).
NAMED_COLUMNS = {"auth_user": ("username", "first_name", "last_name")}

_ALL = f"id = {ROW_ID}"
_AREAS = f"id IN ({ROW_ID}, {AREAS_ROW_ID})"


def _sqlite_bump(rows: str) -> str:
    return (
        f"UPDATE {TABLE} SET version = MAX(version + 1, "
        f"CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)) WHERE {rows}"
    )


def _postgres_function_sql(name: str, rows: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {TABLE} SET version = GREATEST(
        version + 1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint
    ) WHERE {rows};
    RETURN NULL;
END
$$
"""


def tracked_tables() -> list[str]:
    """Every table of the project's own apps (`boligsocial.*`): models, many-to-many tables and
    history tables, except the version's own. Sessions, login throttling (axes) and Django's
    auth tables are not data any cached page shows, except the names in NAMED_COLUMNS."""
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_config is not None
        and model._meta.app_config.name.startswith("boligsocial.")
        and model._meta.managed
        and not model._meta.proxy
    }
    tables.discard(TABLE)
    return sorted(tables)


def area_tables() -> set[str]:
    """The tracked tables whose writes change the areas' version too (AREA_APPS)."""
    return {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_config is not None and model._meta.app_config.name in AREA_APPS
    }


def _bump_of(table: str, areas: set[str]) -> tuple[str, str]:
    """The rows a write to `table` bumps, and the PostgreSQL function that does it."""
    if table in areas:
        return _AREAS, POSTGRES_AREAS_FUNCTION
    return _ALL, POSTGRES_FUNCTION


def _existing_tables(connection: BaseDatabaseWrapper) -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def tables_with_triggers(using: str = "default") -> set[str]:
    """The tracked tables that have the complete set of triggers, as the database says, each
    bumping the rows it should (a trigger of an older form, which bumped every row, does not
    count: install_triggers replaces it)."""
    connection = connections[using]
    areas = area_tables()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT tbl_name, name, sql FROM sqlite_master "
                "WHERE type = 'trigger' AND name LIKE %s",
                [SQLITE_PREFIX + "%"],
            )
            names: dict[str, set[str]] = {}
            for table, name, sql in cursor.fetchall():
                if sql.rstrip().endswith(f"WHERE {_bump_of(table, areas)[0]}; END"):
                    names.setdefault(table, set()).add(name)
            return {
                table
                for table, found in names.items()
                if found >= {_sqlite_trigger_name(table, op) for op in _operations(table)}
            }
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, p.proname FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid "
                "WHERE t.tgname = %s AND c.relnamespace = to_regnamespace(current_schema())",
                [POSTGRES_TRIGGER],
            )
            return {
                table
                for table, function in cursor.fetchall()
                if function == _bump_of(table, areas)[1]
            }
    raise NotImplementedError(f"No data-version triggers for {connection.vendor}")


def _sqlite_trigger_name(table: str, operation: str) -> str:
    return f"{SQLITE_PREFIX}_{table}_{operation.lower()}"


def _operations(table: str) -> tuple[str, ...]:
    return ("UPDATE",) if table in NAMED_COLUMNS else OPERATIONS


def _event(connection: BaseDatabaseWrapper, table: str, operation: str) -> str:
    """`UPDATE OF "a", "b"` for a table of NAMED_COLUMNS, else the operation."""
    if table in NAMED_COLUMNS:
        columns = ", ".join(connection.ops.quote_name(c) for c in NAMED_COLUMNS[table])
        return f"{operation} OF {columns}"
    return operation


def install_triggers(using: str = "default") -> list[str]:
    """Create the version row and every missing trigger; return the tables that got triggers.
    Idempotent, and cheap when nothing is missing."""
    connection = connections[using]
    existing = _existing_tables(connection)
    if TABLE not in existing:
        return []  # the core migration has not run (yet)
    with connection.cursor() as cursor:
        for row_id in (ROW_ID, AREAS_ROW_ID):
            cursor.execute(f"SELECT 1 FROM {TABLE} WHERE id = %s", [row_id])
            if cursor.fetchone() is None:
                cursor.execute(f"INSERT INTO {TABLE} (id, version) VALUES (%s, 0)", [row_id])
    done = tables_with_triggers(using)
    wanted = [*tracked_tables(), *NAMED_COLUMNS]
    missing = [table for table in wanted if table in existing and table not in done]
    if not missing:
        return []
    quote = connection.ops.quote_name
    areas = area_tables()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for table in missing:
                for operation in _operations(table):
                    name = quote(_sqlite_trigger_name(table, operation))
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                    cursor.execute(
                        f"CREATE TRIGGER {name} "
                        f"AFTER {_event(connection, table, operation)} ON {quote(table)} "
                        f"BEGIN {_sqlite_bump(_bump_of(table, areas)[0])}; END"
                    )
        elif connection.vendor == "postgresql":
            cursor.execute(_postgres_function_sql(POSTGRES_FUNCTION, _ALL))
            cursor.execute(_postgres_function_sql(POSTGRES_AREAS_FUNCTION, _AREAS))
            for table in missing:
                # One statement-level trigger per table: a bulk insert bumps once.
                events = (
                    _event(connection, table, "UPDATE")
                    if table in NAMED_COLUMNS
                    else "INSERT OR UPDATE OR DELETE OR TRUNCATE"
                )
                cursor.execute(f"DROP TRIGGER IF EXISTS {POSTGRES_TRIGGER} ON {quote(table)}")
                cursor.execute(
                    f"CREATE TRIGGER {POSTGRES_TRIGGER} "
                    f"AFTER {events} ON {quote(table)} "
                    f"FOR EACH STATEMENT EXECUTE FUNCTION {_bump_of(table, areas)[1]}()"
                )
        else:
            raise NotImplementedError(f"No data-version triggers for {connection.vendor}")
    return missing


def install_triggers_after_migrate(using: str = "default", **_kwargs: Any) -> None:
    """`post_migrate` receiver (also sent after a test database is flushed)."""
    install_triggers(using)


def current(using: str = "default", *, row_id: int = ROW_ID) -> int | None:
    """The current data version (one indexed read), or None if the row is missing (a database
    that has not been migrated, or a test that flushed it). `row_id=AREAS_ROW_ID`: the version
    of the areas' data only (`areas_version`)."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT version FROM {TABLE} WHERE id = %s", [row_id])
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def areas_version(using: str = "default") -> int | None:
    """The version of the areas' data (the tables of AREA_APPS): it changes with every write to
    them and with no other, and never repeats."""
    return current(using, row_id=AREAS_ROW_ID)


T = TypeVar("T")


class KeptPerAreasVersion:
    """Values computed from the areas' data alone, kept in this process for the latest
    versions of that data (docs/decisions/0014): a write to anything else leaves them, a write
    to the areas' data gives a new version and so new entries, on every worker (each reads the
    version from the database). Kept values are shared by the requests of a process: keep only
    immutable ones. Without a version row nothing is kept."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[tuple[Hashable, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, version: int | None, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
        """The value kept for `key` at `version`, else `compute()` kept. Read `version` before
        the data `compute` reads: then a value is never older than its version."""
        if version is None:
            return compute()
        full = (version, *key)
        with self._lock:
            if full in self._values:
                self._values.move_to_end(full)
                return self._values[full]
        value = compute()
        with self._lock:
            self._values[full] = value
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
