"""Submitting a report to LBF, and LBF's decision on it (approve, or return with remarks)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from boligsocial.accounts.rules import lbf_decision_capacities
from boligsocial.accounts.selectors import scopes_for
from boligsocial.core.concurrency import Expected, expect_version
from boligsocial.reporting import rules
from boligsocial.reporting.models import (
    DecisionCapacity,
    ReportStatus,
    YearlyReport,
)
from boligsocial.reporting.services.common import (
    day,
    recorded,
    writing,
)
from boligsocial.reporting.wording import missing_text

# Submitting, and LBF's decision ----------------------------------------------------------------


def missing_parts(report: YearlyReport) -> list[str]:
    """What the report lacks before it can be submitted, each in a phrase."""
    missing = rules.submission_missing(
        account_lines=report.account_lines.count(),
        goal_results=report.goal_results.count(),
        milestones=report.milestones.count(),
    )
    return [missing_text(code, report.year) for code in missing]


def report_submit(
    *,
    report: YearlyReport,
    user: Any,
    submitted_on: date | None = None,
    expected: Expected = None,
) -> YearlyReport:
    """Send the report to LBF: it needs the accounts, at least one goal result and one
    milestone, and its year must have ended. `submitted_on` records a submission made
    earlier (by letter or e-mail); not after today."""
    today = timezone.localdate()
    with writing(report, user, expected):
        if not rules.year_has_ended(report.year, today):
            raise ValidationError(
                _("%(year)s has not ended: its report can be submitted from 1 January %(next)s.")
                % {"year": report.year, "next": report.year + 1}
            )
        when = submitted_on or today
        if when > today:
            raise ValidationError(
                {
                    "submitted_on": _("A submission cannot be dated after today (%(today)s).")
                    % {"today": day(today)}
                }
            )
        if when.year <= report.year:
            raise ValidationError(
                {
                    "submitted_on": _(
                        "The report for %(year)s cannot be submitted before the year ended."
                    )
                    % {"year": report.year}
                }
            )
        missing = missing_parts(report)
        if missing:
            raise ValidationError(
                _("The report for %(year)s cannot be submitted yet. It lacks %(missing)s.")
                % {"year": report.year, "missing": "; ".join(missing)},
                code="incomplete",
            )
        report.status = ReportStatus.SUBMITTED
        report.submitted_on = when
        report.submitted_by = user
        report.full_clean()
        recorded(report, user)
        report.save()
    return report


def decision_capacities(user: Any) -> tuple[str, ...]:
    """The capacities in which the user may record LBF's decision on a report (none for
    most users)."""
    return lbf_decision_capacities(scopes_for(user))


def _deciding(
    report: YearlyReport, user: Any, capacity: str | None, decided_on: date, expected: Expected
) -> Iterator[YearlyReport]:
    held = decision_capacities(user)
    if not held:
        raise PermissionDenied(
            _(
                "Only a user acting for LBF, or a secretariat administrator recording LBF's "
                "letter, may record LBF's decision on a report."
            )
        )
    chosen = capacity or held[0]
    if chosen not in DecisionCapacity.values:
        raise ValidationError({"decision_capacity": _("Choose one of the capacities offered.")})
    if chosen not in held:
        raise PermissionDenied(
            _("You may not record LBF's decision as “%(capacity)s”.")
            % {"capacity": DecisionCapacity(chosen).label}
        )
    today = timezone.localdate()
    with expect_version(report, expected):
        if not rules.can_decide(report.status):
            raise ValidationError(
                _(
                    "Only a report submitted to LBF can be approved or returned; the report "
                    "for %(year)s is “%(status)s”."
                )
                % {"year": report.year, "status": report.get_status_display()}
            )
        if decided_on > today:
            raise ValidationError(
                {
                    "decided_on": _("LBF's decision cannot be dated after today (%(today)s).")
                    % {"today": day(today)}
                }
            )
        if report.submitted_on and decided_on < report.submitted_on:
            raise ValidationError(
                {
                    "decided_on": _(
                        "LBF's decision cannot be dated before the report was submitted (%(date)s)."
                    )
                    % {"date": day(report.submitted_on)}
                }
            )
        report.decided_on = decided_on
        report.decided_by = user
        report.decision_capacity = chosen
        yield report
        report.full_clean()
        recorded(report, user)
        report.save()


def report_approve(
    *,
    report: YearlyReport,
    user: Any,
    decided_on: date,
    remarks: str = "",
    capacity: str | None = None,
    expected: Expected = None,
) -> YearlyReport:
    """Record LBF's approval of a submitted report on `decided_on` (with remarks, if any).
    `capacity` defaults to the first the user holds (acting for LBF before recording as
    administrator)."""
    with contextmanager(_deciding)(report, user, capacity, decided_on, expected):
        report.status = ReportStatus.APPROVED
        report.remarks = remarks
    return report


def report_return(
    *,
    report: YearlyReport,
    user: Any,
    decided_on: date,
    remarks: str,
    capacity: str | None = None,
    expected: Expected = None,
) -> YearlyReport:
    """Record that LBF returned a submitted report with remarks (required): its contents can
    be changed again and it can be submitted again; past its due date it is late."""
    with contextmanager(_deciding)(report, user, capacity, decided_on, expected):
        if not remarks.strip():
            raise ValidationError({"remarks": _("Say what LBF asks to be changed.")})
        report.status = ReportStatus.RETURNED
        report.remarks = remarks
    return report
