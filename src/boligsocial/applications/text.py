"""The application's numbers, amounts, shares and dates as text in the active language: Danish
formats by default (1.234.567 kr., 74,5 %, 30. november 2026), a minus sign, not a hyphen, and
a no-break space between a number and its unit so they never part at a line end."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.indicators.models import Unit

DASH = "–"
MINUS = "−"
NBSP = "\u00a0"


def number(value: Decimal | int, *, places: int = 2) -> str:
    """At most `places` decimals, trailing zeros dropped, grouped: 1907 → "1.907",
    44.2000 → "44,2" (in Danish)."""
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP).normalize()
    exponent = rounded.as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    text = number_format(rounded, decimals, use_l10n=True, force_grouping=True)
    return text.replace("-", MINUS)


def kroner(value: Decimal | None) -> str:
    """Whole kroner, as a budget estimate is given: 1234567 → "1.234.567 kr."."""
    if value is None:
        return DASH
    return f"{number(value, places=0)}{NBSP}kr."


def share(value: Decimal | None) -> str:
    """A share as a percentage with at most one decimal: 0.7449 → "74,5 %"."""
    if value is None:
        return DASH
    return f"{number(value * 100, places=1)}{NBSP}%"


def with_unit(value: Decimal, unit: str) -> str:
    if unit == Unit.PERCENT:
        return f"{number(value)}{NBSP}%"
    if unit == Unit.RATIO:
        return f"{number(value)}{NBSP}×"
    if unit == Unit.KRONER:
        return kroner(value)
    return number(value)


def requirement(comparator: str, threshold: Decimal, unit: str) -> str:
    """The law's wording of a criterion's threshold, as on the area pages."""
    text = with_unit(threshold, unit)
    if comparator == ">":
        return _("exceeds %(threshold)s") % {"threshold": text}
    if comparator == ">=":
        return _("at least %(threshold)s") % {"threshold": text}
    return _("less than %(threshold)s") % {"threshold": text}


def day(value: date | None) -> str:
    if value is None:
        return DASH
    return date_format(value, "DATE_FORMAT")


def period(start: date, end: date) -> str:
    return f"{day(start)} – {day(end)}"


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


SOURCE_LABELS = {
    "lbf": gettext_lazy("LBF"),
    "municipality": gettext_lazy("Municipality"),
    "housing_organisation": gettext_lazy("Housing organisations"),
    "other": gettext_lazy("Other local sources"),
}


def source_label(source: str) -> str:
    return str(SOURCE_LABELS.get(source, source))
