"""The words of the co-financing check, one copy for the budget pages, the API's `explanation`
field, the application PDF and the grant's refusal: a breach in kroner and percentage points
("LBF's share is 77,4 %, 2,4 pct.-point over the maximum; 48.000,00 kr. more local money is
needed"), in the active language's number format."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from boligsocial.budgets.rules import BudgetCheck, ShareCheck

#: Most decimals of a share or a number of percentage points in a text: enough to show that a
#: breach of one øre on a large budget is a breach (never "0,0 pct.-point over").
MAX_PLACES = 15


def format_kr(amount: Decimal) -> str:
    """1234567.5 → "1.234.567,50 kr." in Danish, "1,234,567.50 kr." in English."""
    value = amount.quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{number_format(value, 2, use_l10n=True, force_grouping=True)} kr."


def _places(over_points: Decimal) -> int:
    """One decimal, or as many more as it takes for the excess not to look like zero."""
    places = 1
    while places < MAX_PLACES and over_points.quantize(Decimal(1).scaleb(-places)) == 0:
        places += 1
    return places


def _number(value: Decimal, places: int) -> str:
    quantum = Decimal(1).scaleb(-places)
    return number_format(value.quantize(quantum, ROUND_HALF_UP), places, use_l10n=True)


def breach_text(check: BudgetCheck | ShareCheck) -> str:
    """Why the rule is broken, in kroner and percentage points; empty when it is not."""
    share = check.period if isinstance(check, BudgetCheck) else check
    if share.ok:
        return ""
    places = _places(share.over_points)
    params = {
        "share": _number(share.lbf_share * 100, places),
        "points": _number(share.over_points, places),
        "needed": format_kr(share.local_needed),
        "excess": format_kr(share.lbf_excess),
    }
    if share.local_needed > 0:
        return (
            _(
                "LBF's share is %(share)s %%, %(points)s pct.-point over the maximum; "
                "%(needed)s more local money is needed"
            )
            % params
        )
    return (
        _(
            "LBF's share is %(share)s %%, %(points)s pct.-point over the maximum; LBF's money "
            "must be %(excess)s less"
        )
        % params
    )


def year_warning_text(year: int, check: ShareCheck) -> str:
    """A year that breaks the rule (a warning: the whole period decides); empty when not."""
    if check.ok:
        return ""
    return _("%(year)s: %(breach)s") % {"year": year, "breach": breach_text(check)}


def in_kind_text(check: BudgetCheck | ShareCheck) -> str:
    """How in-kind contributions were treated, when there are any; empty when there are none."""
    share = check.period if isinstance(check, BudgetCheck) else check
    if share.in_kind_amount == 0:
        return ""
    params = {"amount": format_kr(share.in_kind_amount)}
    if share.in_kind_unknown:
        return (
            _(
                "Whether in-kind contributions count as co-financing is not known for this "
                "fund round: %(amount)s in kind is left out of the check."
            )
            % params
        )
    if share.in_kind_counted:
        return _("%(amount)s in kind is counted as local co-financing.") % params
    return (
        _(
            "In-kind contributions do not count as co-financing in this fund round: "
            "%(amount)s in kind is left out of the check."
        )
        % params
    )
