"""Versions of stored objects, and the check that stops one editor silently undoing another.

A version token is computed from an object's stored field values (every concrete field but the
primary key, and the ids of its many-to-many relations), so it needs no column and no
migration: the same values give the same token on any machine and database. The token is a
hash of all the values followed by a short hash of each field, so two tokens of the same object
also tell which fields differ (the API's 412 answer names them without storing old versions).

A write that expects a version runs inside `expect_version()`: one transaction that re-reads
the row with `select_for_update()`, compares, and only then lets the service write. Another
writer of the same row waits for the lock (PostgreSQL) or for the database's write lock
(SQLite, whose transactions begin IMMEDIATE), so there is no window between the check and the
write. See docs/decisions/0009-versions-and-conflicts.md.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, TypeVar

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

M = TypeVar("M", bound=models.Model)

#: Characters of each field's own hash in a token (16 bits: enough to name changed fields; the
#: equality of two tokens rests on the full hash in front).
FIELD_DIGEST = 4
FULL_DIGEST = 20
SIGNING_SALT = "boligsocial.core.concurrency"

#: What a caller may expect: one token, any of several (HTTP If-Match lists), or None (no check).
Expected = str | Collection[str] | None


def jsonable(value: Any) -> Any:
    """A stored value in a canonical JSON form: related objects as their ids, dates in ISO
    8601, decimals without trailing zeros (so 1.00 from one database equals 1 from another)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Mapping):  # a JSON field's object
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):  # a JSON field's array: its order counts
        return [jsonable(v) for v in value]
    if isinstance(value, Collection):  # a set of related objects (a queryset, a set)
        return sorted(jsonable(v) for v in value)
    return str(value)


def version_values(instance: models.Model) -> dict[str, Any]:
    """The values a version is made of: every concrete field but the primary key (foreign keys
    as ids) and the sorted ids of every many-to-many relation."""
    opts = instance._meta
    values: dict[str, Any] = {}
    for field in opts.concrete_fields:
        if field.primary_key:
            continue
        values[field.name] = jsonable(field.value_from_object(instance))
    for m2m in opts.many_to_many:
        values[m2m.name] = (
            sorted(obj.pk for obj in getattr(instance, m2m.name).all()) if instance.pk else []
        )
    return values


def _digest(*parts: Any) -> str:
    """A keyed hash (HMAC with the site's secret key): a token shown to a reader who may not
    see every field (a person's phone number) cannot be used to test guesses of it."""
    text = json.dumps(parts, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return salted_hmac(SIGNING_SALT, text, algorithm="sha256").hexdigest()


def version_token(values: Mapping[str, Any]) -> str:
    """The token of `values` (from `version_values`): `<hash of all>.<hash of each field>`,
    the fields in name order."""
    names = sorted(values)
    full = _digest(*((name, values[name]) for name in names))[:FULL_DIGEST]
    each = "".join(_digest(name, values[name])[:FIELD_DIGEST] for name in names)
    return f"{full}.{each}"


def instance_version(instance: models.Model) -> str:
    return version_token(version_values(instance))


def changed_fields(token: str, current: Mapping[str, Any]) -> list[str] | None:
    """The fields whose values differ between the version `token` and the `current` values,
    in name order; None when the token is not one of this object's (the fields cannot be told).
    """
    full, _sep, each = token.partition(".")
    names = sorted(current)
    if len(full) != FULL_DIGEST or len(each) != FIELD_DIGEST * len(names):
        return None
    return [
        name
        for i, name in enumerate(names)
        if each[i * FIELD_DIGEST : (i + 1) * FIELD_DIGEST]
        != _digest(name, current[name])[:FIELD_DIGEST]
    ]


def _expected_tokens(expected: Expected) -> frozenset[str] | None:
    if expected is None:
        return None
    if isinstance(expected, str):
        return frozenset({expected})
    return frozenset(expected)


class ConflictError(ValidationError):
    """The object was changed by someone else after the caller read it. `changed` names the
    fields that differ from the expected version (None when that cannot be told), `current`
    holds the stored values and `version` the stored version."""

    def __init__(
        self,
        *,
        instance: models.Model,
        current: dict[str, Any],
        version: str,
        changed: list[str] | None,
    ) -> None:
        super().__init__(
            _(
                "Someone else has changed this object since you read it (%(object)s); your "
                "changes were not saved."
            )
            % {"object": instance._meta.verbose_name},
            code="conflict",
        )
        self.instance = instance
        self.current = current
        self.version = version
        self.changed = changed


def lock_and_check(instance: M, expected: Expected) -> str:
    """Inside a transaction: lock the object's row, raise ConflictError if its stored version
    is not one of `expected` (None: no check), and load the stored values into `instance`, so
    the write starts from them. Returns the stored version. Http404 if the row is gone."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_and_check() must run inside transaction.atomic().")
    model = type(instance)
    fresh = model._default_manager.select_for_update().filter(pk=instance.pk).first()
    if fresh is None:
        # Deleted by someone else since the caller read it: as for any object that does not
        # exist (a 404 page on the web, 404 in the API).
        raise Http404(_("It no longer exists: someone else deleted it."))
    current = version_values(fresh)
    token = version_token(current)
    tokens = _expected_tokens(expected)
    if tokens is not None and token not in tokens:
        known = [changed_fields(t, current) for t in sorted(tokens)]
        changed = next((c for c in known if c is not None), None)
        raise ConflictError(instance=fresh, current=current, version=token, changed=changed)
    instance.refresh_from_db()
    return token


@contextmanager
def expect_version(instance: models.Model, expected: Expected) -> Iterator[str]:
    """`with expect_version(plan, token): plan_update(plan=plan, ...)`: the check and the
    service's write in one transaction (the service's own atomic block nests inside). Yields
    the version the write starts from."""
    with transaction.atomic():
        yield lock_and_check(instance, expected)


# The version carried by a web form ----------------------------------------------------------


def sign_values(values: Mapping[str, Any]) -> str:
    """The values an editor saw, signed for a hidden form field, so the conflict message can
    say what changed meanwhile and nobody can forge what they saw."""
    return signing.dumps(dict(values), salt=SIGNING_SALT, compress=True)


def unsign_values(signed: str) -> dict[str, Any]:
    """The values of `sign_values`; raises signing.BadSignature for anything else."""
    values = signing.loads(signed, salt=SIGNING_SALT)
    if not isinstance(values, dict):
        raise signing.BadSignature("Not a version.")
    return values
