"""The money of LBF's grant (issue 10, decision 0026): when LBF's decision on a full plan is
`granted`, the plan's draft original budget becomes the granted budget and LBF's total of it is
booked against the frame of the year of the decision (the tilsagn commits the whole grant), in
the transition's transaction, so a refusal of either writes nothing. Called by
`lifecycle.services.plan_transition_make`."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from boligsocial.budgets.selectors import lbf_total
from boligsocial.budgets.services import budget_grant
from boligsocial.documents.models import Document
from boligsocial.frames.services import frame_grant_book
from boligsocial.lifecycle import rules
from boligsocial.plans.models import Plan


def is_grant(kind: str, to_status: str | None) -> bool:
    return kind == rules.GRANT_DECISION and to_status == rules.GRANTED


def grant_decision_text(*, when: date, note: str, document: Document | None) -> str:
    """What the granted budget records as LBF's decision: the note of the step, else the
    letter's title, else the date of the tilsagn."""
    if note.strip():
        return note.strip()
    if document is not None and document.title:
        return str(document.title)
    return _("LBF's tilsagn of %(date)s") % {"date": date_format(when, "DATE_FORMAT")}


def grant_money(
    *,
    plan: Plan,
    user: Any,
    when: date,
    note: str = "",
    document: Document | None = None,
    exceed_frame_decision: str = "",
) -> None:
    """Approve the plan's budget as granted and book LBF's total against the frame. Raises
    the budget's refusal (keyed `budget`) or the frame's (keyed `exceed_frame_decision`)."""
    granted = budget_grant(
        plan=plan,
        when=when,
        decision=grant_decision_text(when=when, note=note, document=document),
        user=user,
    )
    frame_grant_book(
        plan=plan,
        user=user,
        year=when.year,
        amount=lbf_total(granted),
        exceed_decision=exceed_frame_decision,
        booked_on=when,
    )
