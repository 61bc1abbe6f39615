"""The words of LBF's instalments, shared by the pages, the API and the services' refusals:
each state's name, why an instalment is held back, and what is wrong with an amount."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from boligsocial.budgets.rules import AMOUNT_MAX
from boligsocial.payments import rules
from boligsocial.payments.models import InstalmentState
from boligsocial.payments.rules import Overdue


def state_label(state: str) -> str:
    return str(InstalmentState(state).label)


def overdue_text(overdue: Overdue) -> str:
    """ "the report for 2024, due 30 June 2025"."""
    return _("the report for %(year)s, due %(date)s") % {
        "year": overdue.year,
        "date": date_format(overdue.due_date, "DATE_FORMAT"),
    }


def reason_text(reasons: Iterable[Overdue]) -> str:
    """Why an instalment is held back: "Held back while a report is late: the report for
    2024, due 30 June 2025." (each late report named)."""
    found = list(reasons)
    if not found:
        return ""
    return ngettext(
        "Held back while a report is late: %(reports)s.",
        "Held back while reports are late: %(reports)s.",
        len(found),
    ) % {"reports": "; ".join(overdue_text(o) for o in found)}


def held_back_refusal(year: int, reasons: Iterable[Overdue]) -> str:
    """The refusal of a payment of a held-back instalment, naming the late reports."""
    return _(
        "The instalment for %(year)s cannot be paid: %(reason)s It is released when LBF has "
        "approved the late reports."
    ) % {"year": year, "reason": reason_text(reasons)}


def amount_message(problem: str) -> str:
    messages = {
        rules.NOT_POSITIVE: _("The amount must be more than 0 kr."),
        rules.TOO_LARGE: _("The amount can be at most %(max)s kr.")
        % {"max": number_format(AMOUNT_MAX, 2, use_l10n=True, force_grouping=True)},
        rules.FRACTION_OF_ORE: _("The amount is in kroner with at most two decimals (øre)."),
    }
    return str(messages[problem])


def planned_amount_message(problem: str) -> str:
    if problem == rules.NOT_POSITIVE:
        return str(_("The planned amount cannot be negative."))
    return amount_message(problem)
