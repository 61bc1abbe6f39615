"""What an editor is told when someone else saved the object after they opened its form: each
field changed meanwhile, as "label: the value you saw → the value stored now", in the error
summary (see `web.forms.VersionedForm` and docs/decisions/0009-versions-and-conflicts.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

#: Long texts are cut in the message; the form shows them in full.
SHOWN_CHARACTERS = 120


@dataclass
class ChangedField:
    name: str
    label: str
    seen: str
    current: str
    yours: str | None = None  # what the editor wrote, when it differs from both
    href: str = ""

    @property
    def message(self) -> str:
        text = _("%(field)s: “%(seen)s” → “%(current)s”") % {
            "field": self.label,
            "seen": self.seen,
            "current": self.current,
        }
        if self.yours is not None:
            text += " " + _("(you wrote “%(yours)s”)") % {"yours": self.yours}
        return text


@dataclass
class Conflict:
    """The error summary's item for a refused save."""

    changes: list[ChangedField] = field(default_factory=list)
    message: str = field(
        default_factory=lambda: _(
            "Someone else saved changes after you opened this form, so your changes were not "
            "saved. Changed meanwhile:"
        )
    )
    advice: str = field(
        default_factory=lambda: _(
            "The form now shows the current values of these fields, and your own changes to "
            "the other fields. Check them and save again."
        )
    )


def _text(value: Any) -> str:
    return Truncator(str(value)).chars(SHOWN_CHARACTERS)


def display_value(model: type[models.Model], name: str, value: Any) -> str:
    """A stored value (in `core.concurrency.jsonable` form) as the user reads it: names of
    related objects, choice labels, Danish dates and numbers, "(empty)"."""
    if value is None or value == "" or value == []:
        return _("(empty)")
    try:
        model_field = model._meta.get_field(name)
    except Exception:
        return _text(value)
    if model_field.many_to_many or model_field.many_to_one or model_field.one_to_one:
        related = model_field.related_model
        if related is None or isinstance(related, str):
            raise TypeError(f"{name}: the related model is not loaded")
        pks = value if isinstance(value, list) else [value]
        objects = related._default_manager.filter(pk__in=pks)
        names = sorted(str(obj) for obj in objects)
        return _text(", ".join(names)) if names else _text(value)
    if getattr(model_field, "choices", None):
        labels = {str(k): v for k, v in model_field.flatchoices}  # type: ignore[union-attr]
        return _text(labels.get(str(value), value))
    if isinstance(model_field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(model_field, models.DateField) and isinstance(value, str):
        try:
            return date_format(date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return _text(value)
    if isinstance(model_field, models.DecimalField):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return _text(value)
        return number_format(number, model_field.decimal_places, use_l10n=True)
    return _text(value)


def _derived(model: type[models.Model], name: str) -> bool:
    """A slug follows the name (and old addresses keep working): not the editor's concern."""
    try:
        return isinstance(model._meta.get_field(name), models.SlugField)
    except Exception:
        return False


def field_label(model: type[models.Model], name: str) -> str:
    try:
        return str(capfirst(model._meta.get_field(name).verbose_name))  # type: ignore[union-attr]
    except Exception:
        return name


def describe_conflict(
    model: type[models.Model],
    *,
    seen: Mapping[str, Any],
    current: Mapping[str, Any],
    submitted: Mapping[str, Any],
    hrefs: Mapping[str, str],
) -> Conflict:
    """The fields whose stored value differs from what the editor saw (all in jsonable form);
    `submitted` holds what the editor wrote in the form's fields, `hrefs` each field's link."""
    changes: list[ChangedField] = []
    for name, now in current.items():
        before = seen.get(name)
        if before == now or _derived(model, name):
            continue
        yours = None
        if name in submitted and submitted[name] not in (before, now):
            yours = display_value(model, name, submitted[name])
        changes.append(
            ChangedField(
                name=name,
                label=field_label(model, name),
                seen=display_value(model, name, before),
                current=display_value(model, name, now),
                yours=yours,
                href=hrefs.get(name, ""),
            )
        )
    return Conflict(changes=changes)
