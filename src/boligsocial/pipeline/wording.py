"""The Danish/English sentences of the deadlines' warnings and the pipeline's next steps.
The rules give codes and dates; this module words them (docs/decisions/0024)."""

from __future__ import annotations

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from boligsocial.pipeline import rules


def _date(day: object) -> str:
    return date_format(day, "DATE_FORMAT") if isinstance(day, datetime.date) else str(day)


def warning_text(warning: rules.Warning) -> str:
    p = warning.params
    if warning.code == rules.DIALOGUE_OVERDUE:
        return _(
            "The dialogue with LBF started on %(since)s and has run past its normal length of "
            "at most %(months)s months (%(due)s)."
        ) % {"since": _date(p["since"]), "months": p["months"], "due": _date(warning.due)}
    if warning.code == rules.NO_SUCCESSOR:
        return _(
            "The plan ends on %(end)s, within 18 months, and no successor is in preparation."
        ) % {"end": _date(p["end_date"])}
    if warning.code == rules.REPORT_DUE:
        return _("The yearly report to LBF for %(year)s is due by %(due)s.") % {
            "year": p["year"],
            "due": _date(warning.due),
        }
    if warning.code == rules.APPLICATION_WINDOW_CLOSED:
        return _("The fund round's applications closed on %(due)s.") % {"due": _date(warning.due)}
    return warning.code


def step_text(step: rules.Step) -> str:
    texts = {
        rules.SUBMIT_PREQUALIFICATION: _("Send the pre-qualification application"),
        rules.AWAIT_PREQUALIFICATION: _("LBF's decision on the pre-qualification"),
        rules.START_DIALOGUE: _("Start the dialogue with LBF"),
        rules.SUBMIT_PLAN: _("Send the full plan to LBF"),
        rules.AWAIT_GRANT: _("LBF's decision on the full plan"),
        rules.START: _("Start the plan"),
        rules.PREPARE_SUCCESSOR: _("Prepare a successor plan"),
        rules.RUN: _("Run the plan until its end"),
        rules.START_IDEA: _("Start a new plan (an idea)"),
    }
    return str(texts.get(step.code, step.code))


def holder_text(holder: str) -> str:
    texts = {
        rules.HOLDER_APPLICANTS: _("the housing organisations and the municipality"),
        rules.HOLDER_LBF: _("LBF"),
        rules.HOLDER_PLAN: _("the plan's leader and board"),
        rules.HOLDER_SECRETARIAT: _(
            "the secretariat (project support) with the housing organisations"
        ),
    }
    return str(texts.get(holder, holder))
