"""Small helpers shared by services: one place that turns rule violations into field errors."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def check_period(
    valid_from: date | None, valid_to: date | None, *, from_field: str, to_field: str
) -> None:
    """An end before the start is an error on the end field. Open-ended (None) is allowed."""
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationError(
            {
                to_field: _("The end date (%(end)s) is before the start date (%(start)s).")
                % {
                    "end": date_format(valid_to, "DATE_FORMAT"),
                    "start": date_format(valid_from, "DATE_FORMAT"),
                }
            }
        )


def periods_overlap(
    a_from: date | None, a_to: date | None, b_from: date | None, b_to: date | None
) -> bool:
    """Closed intervals; None is an open end (the far past or the far future)."""
    a_start = a_from or date.min
    a_end = a_to or date.max
    b_start = b_from or date.min
    b_end = b_to or date.max
    return a_start <= b_end and b_start <= a_end


def unique_problem(instance: Any, **lookup: Any) -> bool:
    """True when another row of the instance's model matches `lookup`. Model clean() methods
    use it so that a duplicate is reported on the field the user can fix, not as an anonymous
    constraint violation (the database constraint stays as the last line of defence)."""
    others = type(instance)._default_manager.filter(**lookup)
    if instance.pk:
        others = others.exclude(pk=instance.pk)
    return bool(others.exists())
