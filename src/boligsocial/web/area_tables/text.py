"""Numbers, units, criteria and thresholds as text in the reader's language (Danish or
English formats)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.criteria.rules import Comparator, CriterionKey, MarginUnit
from boligsocial.indicators.models import Indicator, Unit
from boligsocial.indicators.reasons import designation_label
from boligsocial.indicators.redaction import ShownCriterion, ShownFigure
from boligsocial.indicators.rules import suppression_label

DASH = "–"


MINUS = "−"


def number(value: Decimal, *, places: int = 2) -> str:
    """At most `places` decimals, trailing zeros dropped, grouped: 1907 → "1.907",
    44.2000 → "44,2" (in Danish); a minus sign, not a hyphen."""
    rounded = value.quantize(Decimal(1).scaleb(-places)).normalize()
    exponent = rounded.as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    text = number_format(rounded, decimals, use_l10n=True, force_grouping=True)
    return text.replace("-", MINUS)


def with_unit(value: Decimal, unit: str) -> str:
    if unit == Unit.PERCENT:
        return f"{number(value)} %"
    if unit == Unit.RATIO:
        return f"{number(value)} ×"
    return number(value)


def unit_of(indicators: dict[str, Indicator], key: str) -> str:
    indicator = indicators.get(key)
    return indicator.unit if indicator is not None else ""


def name_of(indicators: dict[str, Indicator], key: str) -> str:
    indicator = indicators.get(key)
    return indicator.name if indicator is not None else key


def shown_figure(figure: ShownFigure | None, unit: str) -> str:
    if figure is None:
        return DASH
    if figure.suppressed or figure.value is None:
        return suppression_label(settings.DISCLOSURE_MIN_COUNT)
    return with_unit(figure.value, unit)


def requirement(comparator: Comparator, threshold: Decimal, unit: str) -> str:
    text = with_unit(threshold, unit)
    if comparator is Comparator.GT:
        return _("exceeds %(threshold)s") % {"threshold": text}
    if comparator is Comparator.GE:
        return _("at least %(threshold)s") % {"threshold": text}
    return _("less than %(threshold)s") % {"threshold": text}


def margin_text(margin: Decimal, unit: MarginUnit) -> str:
    if unit is MarginUnit.POINTS:
        sign = "+" if margin > 0 else ""
        return _("%(value)s pp") % {"value": sign + number(margin)}
    return _("%(value)s × the threshold") % {"value": number(margin)}


SHORT_NAMES = {
    "outside_labour": gettext_lazy("Outside labour market"),
    "convicted": gettext_lazy("Convicted"),
    "non_western": gettext_lazy("Non-Western"),
    "basic_education": gettext_lazy("Basic schooling"),
    "low_income": gettext_lazy("Low income"),
}


def criterion_label(
    shown: ShownCriterion, indicators: dict[str, Indicator], *, short: bool = False
) -> str:
    """The criterion's name (its indicator's name, or a short name for tables with many
    columns), with the designation its group decides when that is not the main group."""
    if short:
        name = str(SHORT_NAMES.get(shown.result.key, shown.result.key))
    else:
        name = name_of(indicators, shown.result.field)
    if shown.primary:
        return name
    designation = designation_label(_group_designation(shown.result.group))
    return f"{name} ({designation.lower()})"


def _group_designation(group: str) -> str:
    return "forebyggelse" if group.startswith("forebyggelse") else group


def criterion_code(shown: ShownCriterion) -> str:
    """The criterion's key as in `criteria classify` output; `group:key` outside the main
    group (e.g. `forebyggelse:outside_labour`)."""
    key: CriterionKey = shown.result.key
    return key if shown.primary else f"{shown.result.group}:{key}"
