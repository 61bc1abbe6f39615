"""The tables of a database at a migration state: which migrations are applied, the models of
that state (the migrations' own historical models, not the code's), and their tables in an order
where a table comes after the tables it refers to.

Working from the migration state rather than the code's models is what makes a backup generic
and a restore of an older backup possible: every installed app's every model, its many-to-many
tables and its simple-history table are found without a list, and a database (or a backup) at an
older state is read and written with the columns it has (docs/decisions/0033)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps.registry import Apps
from django.db import connections, models
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

# {app label: [migration names]}, sorted: what the manifest records.
MigrationState = dict[str, list[str]]
Node = tuple[str, str]


def applied_migrations(using: str = "default") -> MigrationState:
    """The migrations applied to the database, per app (empty for a database never migrated)."""
    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return {}
    state: MigrationState = {}
    for app, name in sorted(recorder.applied_migrations()):
        state.setdefault(app, []).append(name)
    return state


def nodes_of(state: MigrationState) -> set[Node]:
    return {(app, name) for app, names in state.items() for name in names}


def loader(using: str = "default") -> MigrationLoader:
    return MigrationLoader(connections[using], ignore_no_migrations=True)


def head_state(using: str = "default") -> MigrationState:
    """The state the code's migrations lead to: every migration known to the code applied."""
    graph = loader(using).graph
    state: MigrationState = {}
    for app, name in sorted(graph.nodes):
        state.setdefault(app, []).append(name)
    return state


def unknown_migrations(state: MigrationState, using: str = "default") -> list[str]:
    """Migrations in `state` the code does not know (a backup made by a newer version)."""
    known = set(loader(using).graph.nodes)
    return sorted(f"{app}.{name}" for app, name in nodes_of(state) - known)


def targets_of(state: MigrationState, using: str = "default") -> list[tuple[str, str | None]]:
    """Per app of the code, the migration to migrate to so that exactly `state` is applied: the
    app's applied migration with the most ancestors, or None for an app with none applied."""
    graph = loader(using).graph
    applied = nodes_of(state)
    targets: list[tuple[str, str | None]] = []
    for app in sorted({app for app, _name in graph.nodes}):
        mine = [node for node in applied if node[0] == app]
        latest = max(mine, key=lambda node: (len(graph.forwards_plan(node)), node[1]), default=None)
        targets.append((app, latest[1] if latest else None))
    return targets


def migrate_to(state: MigrationState, using: str = "default") -> None:
    """Migrate the database so that exactly the migrations of `state` are applied."""
    connection = connections[using]
    executor = MigrationExecutor(connection)
    targets = targets_of(state, using)
    plan = executor.migration_plan(targets)
    executor.migrate(targets, plan=plan)
    applied = nodes_of(applied_migrations(using))
    if applied != nodes_of(state):
        missing = sorted(nodes_of(state) - applied)
        extra = sorted(applied - nodes_of(state))
        raise RuntimeError(f"could not reach the backup's migration state: {missing=} {extra=}")


def state_apps(state: MigrationState, using: str = "default") -> Apps:
    """The models as they are at `state` (the migrations' historical models)."""
    graph_loader = loader(using)
    nodes = sorted(nodes_of(state))
    project_state = graph_loader.project_state(nodes, at_end=True)
    return project_state.apps


def table_models(apps: Apps) -> list[type[models.Model]]:
    """Every table's model at that state, each table once, a table after the tables its foreign
    keys refer to (a cycle keeps the apps' order; the load does not depend on it, since the
    database checks foreign keys at commit)."""
    found: dict[str, type[models.Model]] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped and meta.db_table not in found:
            found[meta.db_table] = model
    ordered: list[type[models.Model]] = []
    placed: set[str] = set()
    visiting: set[str] = set()

    def place(table: str) -> None:
        if table in placed or table in visiting or table not in found:
            return
        visiting.add(table)
        for target in _referenced_tables(found[table]):
            if target != table:
                place(target)
        visiting.discard(table)
        placed.add(table)
        ordered.append(found[table])

    for table in found:
        place(table)
    return ordered


def _referenced_tables(model: type[models.Model]) -> Iterable[str]:
    for field in model._meta.concrete_fields:
        remote: Any = field.remote_field
        if remote is not None and getattr(remote, "model", None) is not None:
            yield remote.model._meta.db_table


def columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The columns written and read: every concrete field but a generated one."""
    return [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)]
