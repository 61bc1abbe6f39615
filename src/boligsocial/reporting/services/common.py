"""What the report services share: the editor check, the history's user, and the write
cycle that locks the report, checks its version and bumps it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from boligsocial.accounts.selectors import can_edit_plan
from boligsocial.core.concurrency import Expected, expect_version
from boligsocial.plans.models import Plan
from boligsocial.reporting import rules
from boligsocial.reporting.models import (
    ReportStatus,
    YearlyReport,
)

REPORT_FIELDS = ("lbf_received", "local_received", "opening_balance", "note")
ACCOUNT_LINE_FIELDS = ("line_key", "category", "focus_area", "text", "amount", "position")
GOAL_FIELDS = ("focus_area", "goal", "indicator", "baseline", "target", "result")
MILESTONE_FIELDS = ("due_on", "text", "focus_area")


def day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def recorded(instance: models.Model, user: Any) -> None:
    """The user named in the history row the next save or delete writes."""
    if getattr(user, "is_authenticated", False):
        instance._history_user = user  # type: ignore[attr-defined]


def require_editor(user: Any, plan: Plan) -> None:
    if not can_edit_plan(user, plan):
        raise PermissionDenied(
            _("Only secretariat administrators and the plan's leader may change its reports.")
        )


def status_problem(report: YearlyReport) -> str:
    """Why the report's contents cannot change now."""
    if report.status == ReportStatus.SUBMITTED:
        return _(
            "The report for %(year)s was submitted to LBF and no longer changes, unless LBF "
            "returns it."
        ) % {"year": report.year}
    return _("The report for %(year)s is approved by LBF and never changes.") % {
        "year": report.year
    }


@contextmanager
def writing(report: YearlyReport, user: Any, expected: Expected) -> Iterator[YearlyReport]:
    """Inside one transaction: the plan's editor only, the report's row locked and checked
    against `expected`, its contents open; afterwards its `changed_at` is bumped."""
    require_editor(user, report.plan)
    with expect_version(report, expected):
        if not rules.can_edit(report.status):
            raise ValidationError(status_problem(report))
        yield report
        report.changed_at = timezone.now()
        YearlyReport.objects.filter(pk=report.pk).update(changed_at=report.changed_at)
