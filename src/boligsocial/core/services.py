"""Helpers for the service functions of every app (HackSoft's `model_update`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models
from django.utils.text import slugify

from boligsocial.core.models import SlugHistory

M = TypeVar("M", bound=models.Model)


def model_update(*, instance: M, fields: Iterable[str], data: Mapping[str, Any]) -> tuple[M, bool]:
    """Set the given `fields` that are present in `data`, validate, and save only those.
    Returns the instance and whether anything changed. Raises ValidationError, writing nothing."""
    changed: list[str] = []
    for field in fields:
        if field not in data:
            continue
        if getattr(instance, field) != data[field]:
            setattr(instance, field, data[field])
            changed.append(field)
    if changed:
        instance.full_clean()
        instance.save(update_fields=changed)
    return instance, bool(changed)


DANISH_LETTERS = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa", "–": "-", "—": "-"}
)


def danish_slugify(text: str) -> str:
    """slugify() drops æ and ø; write them as Danes do in URLs: ae, oe, aa. A dash between
    years ("2023–2027") is a hyphen, not nothing."""
    return slugify(text.translate(DANISH_LETTERS))


def unique_slug(
    model: type[models.Model],
    text: str,
    *,
    exclude_pk: Any = None,
    fallback: str = "item",
    reserved: models.QuerySet[Any] | None = None,
) -> str:
    """A slug from `text` that no other row of `model` has: `name`, `name-2`, `name-3`, ...
    `reserved` holds rows with a `slug` column that are taken too: the former slugs of other
    rows, whose old addresses keep redirecting to them (docs/decisions/0012)."""
    base = danish_slugify(text)[:180] or fallback
    others = (
        model._default_manager.exclude(pk=exclude_pk)
        if exclude_pk
        else (model._default_manager.all())
    )
    slug, n = base, 2
    while others.filter(slug=slug).exists() or (
        reserved is not None and reserved.filter(slug=slug).exists()
    ):
        slug, n = f"{base}-{n}", n + 1
    return slug


def former_slugs_of_others(history: type[SlugHistory], pk: Any = None) -> models.QuerySet[Any]:
    """The former slugs of every object but `pk` (all of them for a new object): `unique_slug`
    never gives those out again, so old addresses keep redirecting to their object."""
    rows = history._default_manager.all()
    return rows.exclude(**{f"{history.owner_field}_id": pk}) if pk else rows


def remember_former_slug(history: type[SlugHistory], owner: Any, *, old_slug: str) -> None:
    """Keep the old address of `owner`, just renamed: it redirects to the new one from now on.
    An object renamed back to an earlier slug takes it back, which then is current again."""
    manager = history._default_manager
    manager.filter(**{history.owner_field: owner, "slug": owner.slug}).delete()
    manager.get_or_create(**{history.owner_field: owner, "slug": old_slug})
