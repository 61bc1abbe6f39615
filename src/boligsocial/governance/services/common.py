"""What every governance write shares: the lock on the parent row, the errors of the rules,
and the history row's reason and user."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import F

M = TypeVar("M", bound=models.Model)


def lock_for_write(model: type[models.Model], pk: Any) -> None:
    """Serialise the writers of one plan's or one body's rows until the transaction ends.

    PostgreSQL: `SELECT ... FOR UPDATE` on the parent row; a second writer waits there until
    the first commits, then reads its rows. SQLite has no row locks (`select_for_update` is a
    no-op); a write as the transaction's first statement takes the database's write lock, which
    a second writer waits for (the busy timeout) before it reads anything. The write changes
    nothing and leaves no history. So it must be the first statement of the transaction (a
    SQLite transaction that has read cannot wait for the lock): the services call it first."""
    rows = model._default_manager.filter(pk=pk)
    if connection.features.has_select_for_update:
        list(rows.select_for_update().values_list("pk", flat=True))
    else:
        name = model._meta.pk.attname
        rows.update(**{name: F(name)})


def raise_errors(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def correct(
    row: M, *, fields: Iterable[str], data: dict[str, Any], check: Callable[[M], None]
) -> M:
    """Set the `fields` given in `data` on a dated row (a role or a seat), check it against
    the rules with `check`, and save it. The caller has locked its parent row."""
    for field in fields:
        if field in data:
            setattr(row, field, data[field])
    check(row)
    row.save()
    return row


def record(instance: models.Model, *, reason: str = "", actor: Any = None) -> None:
    """The change reason (when given) and the user (when given) of the history row that the
    next save or delete of `instance` writes."""
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]
    if actor is not None:
        instance._history_user = actor  # type: ignore[attr-defined]


def delete_recorded(instance: models.Model, *, actor: Any = None) -> None:
    """Delete a row entered by mistake; the history keeps the deleted row, with who deleted
    it (`actor`, when given)."""
    record(instance, actor=actor)
    instance.delete()
