"""Small helpers shared by services: one place that turns rule violations into field errors."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from boligsocial.core.numbers import COUNT_MAX, FIGURE_LIMIT

# Free text (descriptions, notes, reasons) is at most this long: a page of text. Names are
# CharFields of at most 200 characters. Longer text is an error on the field, not a 4 MB page.
LONG_TEXT_MAX = 5_000
long_text = MaxLengthValidator(LONG_TEXT_MAX)
# A count (residents, dwellings, persons) fits a PositiveIntegerField on every database; SQLite
# alone would store more and PostgreSQL would fail on it with a server error.
count_max = MaxValueValidator(COUNT_MAX)


def figure_in_range(value: Decimal) -> None:
    """A figure the database can store and read back (docs/decisions/0011)."""
    if value is not None and abs(value) >= FIGURE_LIMIT:
        raise ValidationError(
            _("A figure must be below %(limit)s.") % {"limit": number_format(FIGURE_LIMIT, 0)},
            code="figure_range",
        )


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


def unique_problem(instance: Any, **lookup: Any) -> bool:
    """True when another row of the instance's model matches `lookup`. Model clean() methods
    use it so that a duplicate is reported on the field the user can fix, not as an anonymous
    constraint violation (the database constraint stays as the last line of defence)."""
    others = type(instance)._default_manager.filter(**lookup)
    if instance.pk:
        others = others.exclude(pk=instance.pk)
    return bool(others.exists())
