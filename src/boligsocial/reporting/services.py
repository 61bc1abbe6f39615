"""Writes of the yearly reports to LBF (docs/decisions/0029).

Every write to a report or one of its lines runs inside `core.concurrency.expect_version` on
the report's row (the whole report is one object for edit conflicts: `expected` is the
report's version token, None for no check) and bumps the report's `changed_at`. The contents
change only while the report is due or returned by LBF, and only by the plan's editors
(secretariat administrators, the plan's leader); LBF's decisions (approve, return with
remarks) only in the accounts' LBF decision capacities. Every service validates first and
writes nothing when it refuses (ValidationError keyed by field, PermissionDenied)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from boligsocial.accounts.rules import lbf_decision_capacities
from boligsocial.accounts.selectors import can_edit_plan, scopes_for
from boligsocial.budgets.models import BudgetLine
from boligsocial.core.concurrency import Expected, expect_version
from boligsocial.plans.models import Plan
from boligsocial.reporting import rules
from boligsocial.reporting.models import (
    AccountLine,
    DecisionCapacity,
    GoalResult,
    Milestone,
    ReportStatus,
    YearlyReport,
)
from boligsocial.reporting.selectors import due_date_for

REPORT_FIELDS = ("lbf_received", "local_received", "opening_balance", "note")
ACCOUNT_LINE_FIELDS = ("line_key", "category", "focus_area", "text", "amount", "position")
GOAL_FIELDS = ("focus_area", "goal", "indicator", "baseline", "target", "result")
MILESTONE_FIELDS = ("due_on", "text", "focus_area")


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def _recorded(instance: models.Model, user: Any) -> None:
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
def _writing(report: YearlyReport, user: Any, expected: Expected) -> Iterator[YearlyReport]:
    """Inside one transaction: the plan's editor only, the report's row locked and checked
    against `expected`, its contents open; afterwards its `changed_at` is bumped."""
    require_editor(user, report.plan)
    with expect_version(report, expected):
        if not rules.can_edit(report.status):
            raise ValidationError(status_problem(report))
        yield report
        report.changed_at = timezone.now()
        YearlyReport.objects.filter(pk=report.pk).update(changed_at=report.changed_at)


# Opening a year's report and its own fields ---------------------------------------------------


@transaction.atomic
def report_open(*, plan: Plan, year: int, user: Any) -> YearlyReport:
    """The plan's report of `year`, made (as due, with the due date of the fund round's rule)
    if it has none yet. Only for a granted, running or ended plan, a year of its period that
    has begun."""
    existing = YearlyReport.objects.filter(plan=plan, year=year).first()
    if existing is not None:
        return existing
    require_editor(user, plan)
    if plan.status not in rules.REPORTING_PLAN_STATES:
        raise ValidationError(
            _("Only a granted, running or ended plan reports to LBF; this plan is “%(status)s”.")
            % {"status": plan.get_status_display()}
        )
    if not plan.start_date.year <= year <= plan.end_date.year:
        raise ValidationError(
            {
                "year": _("%(year)s is outside the plan's period (%(first)s–%(last)s).")
                % {"year": year, "first": plan.start_date.year, "last": plan.end_date.year}
            }
        )
    today = timezone.localdate()
    if year > today.year:
        raise ValidationError(
            {
                "year": _("The report for %(year)s can be started from 1 January %(year)s.")
                % {"year": year}
            }
        )
    report = YearlyReport(plan=plan, year=year, due_date=due_date_for(plan, year))
    report.full_clean()
    _recorded(report, user)
    report.save()
    return report


def report_update(
    *, report: YearlyReport, data: Mapping[str, Any], user: Any, expected: Expected = None
) -> YearlyReport:
    """Change the report's own figures: received from LBF, local co-financing received, the
    opening balance (None: carried forward), the note."""
    with _writing(report, user, expected):
        for name in REPORT_FIELDS:
            if name in data:
                setattr(report, name, data[name])
        report.full_clean()
        _recorded(report, user)
        report.save()
    return report


# Lines: accounts, goal results, milestones ---------------------------------------------------


def _budget_line(report: YearlyReport, key: str) -> BudgetLine:
    """The plan's budget line `key` of the report's year, as the latest budget version that
    has it says (a revision may have changed its text since)."""
    line = (
        BudgetLine.objects.select_related("category", "focus_area")
        .filter(version__plan_id=report.plan_id, key=key, year=report.year)
        .order_by("-version__number")
        .first()
    )
    if line is None:
        raise ValidationError(
            {
                "line_key": _("The plan's budget has no line “%(key)s” in %(year)s.")
                % {"key": key[:40], "year": report.year}
            }
        )
    return line


def _fill_account_line(report: YearlyReport, line: AccountLine, data: Mapping[str, Any]) -> None:
    """Set the line's fields from `data`; a line tied to a budget line takes that line's
    category, focus area and text where `data` gives none."""
    for name in ACCOUNT_LINE_FIELDS:
        if name in data:
            setattr(line, name, data[name])
    line.line_key = (line.line_key or "").strip()
    if line.line_key:
        budget = _budget_line(report, line.line_key)
        if data.get("category") is None and not line.category_id:
            line.category = budget.category
        if "focus_area" not in data and line.pk is None:
            line.focus_area = budget.focus_area
        if not (line.text or "").strip():
            line.text = budget.text
    line.report = report
    line.full_clean()


def account_line_save(
    *,
    report: YearlyReport,
    data: Mapping[str, Any],
    user: Any,
    line: AccountLine | None = None,
    expected: Expected = None,
) -> AccountLine:
    """Add a line of the accounts (`line` None) or change one: the budget line it is spent
    on (`line_key`, blank for none), category, focus area, text, amount."""
    with _writing(report, user, expected):
        if line is None:
            line = AccountLine(report=report)
            if "position" not in data:
                last = report.account_lines.aggregate(m=models.Max("position"))["m"]
                line.position = (last or 0) + 1
        elif line.report_id != report.pk:
            raise ValidationError(_("The line belongs to another report."))
        _fill_account_line(report, line, data)
        _recorded(line, user)
        line.save()
    return line


def account_line_delete(*, line: AccountLine, user: Any, expected: Expected = None) -> None:
    with _writing(line.report, user, expected):
        _recorded(line, user)
        line.delete()


def account_lines_replace(
    *,
    report: YearlyReport,
    rows: Sequence[Mapping[str, Any]],
    user: Any,
    expected: Expected = None,
) -> list[AccountLine]:
    """The report's accounts replaced by `rows` (an import): every row is checked first, and
    either all are written or none. A refusal is a ValidationError whose errors each carry
    `params` {"row": the row's index from 0, "field": the field's name}."""
    with _writing(report, user, expected):
        lines: list[AccountLine] = []
        problems: list[ValidationError] = []
        for index, row in enumerate(rows):
            line = AccountLine(report=report, position=index + 1)
            try:
                _fill_account_line(report, line, row)
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    problems.extend(
                        ValidationError(
                            _("Row %(row)s, %(field)s: %(message)s"),
                            code="row",
                            params={"row": index, "field": name, "message": message},
                        )
                        for message in messages
                    )
            lines.append(line)
        if problems:
            raise ValidationError(problems)
        for old in report.account_lines.all():
            _recorded(old, user)
            old.delete()
        for line in lines:
            _recorded(line, user)
            line.save()
    return lines


def _save_row(
    report: YearlyReport,
    row: models.Model,
    fields: Sequence[str],
    data: Mapping[str, Any],
    user: Any,
) -> None:
    if getattr(row, "report_id", None) not in (None, report.pk):
        raise ValidationError(_("The line belongs to another report."))
    for name in fields:
        if name in data:
            setattr(row, name, data[name])
    row.report = report  # type: ignore[attr-defined]
    row.full_clean()
    _recorded(row, user)
    row.save()


def goal_result_save(
    *,
    report: YearlyReport,
    data: Mapping[str, Any],
    user: Any,
    goal: GoalResult | None = None,
    expected: Expected = None,
) -> GoalResult:
    """Add a goal's result (`goal` None) or change one: focus area, goal, indicator,
    baseline, target, result."""
    with _writing(report, user, expected):
        row = goal if goal is not None else GoalResult(report=report)
        _save_row(report, row, GOAL_FIELDS, data, user)
    return row


def goal_result_delete(*, goal: GoalResult, user: Any, expected: Expected = None) -> None:
    with _writing(goal.report, user, expected):
        _recorded(goal, user)
        goal.delete()


def milestone_save(
    *,
    report: YearlyReport,
    data: Mapping[str, Any],
    user: Any,
    milestone: Milestone | None = None,
    expected: Expected = None,
) -> Milestone:
    """Add a milestone of the coming year's plan (`milestone` None) or change one."""
    with _writing(report, user, expected):
        row = milestone if milestone is not None else Milestone(report=report)
        _save_row(report, row, MILESTONE_FIELDS, data, user)
    return row


def milestone_delete(*, milestone: Milestone, user: Any, expected: Expected = None) -> None:
    with _writing(milestone.report, user, expected):
        _recorded(milestone, user)
        milestone.delete()


# Submitting, and LBF's decision ----------------------------------------------------------------


def missing_parts(report: YearlyReport) -> list[str]:
    """What the report lacks before it can be submitted, each in a sentence."""
    missing = rules.submission_missing(
        account_lines=report.account_lines.count(),
        goal_results=report.goal_results.count(),
        milestones=report.milestones.count(),
    )
    texts = {
        rules.MISSING_ACCOUNTS: _("the accounts: no line of what was spent in %(year)s"),
        rules.MISSING_GOALS: _("the goals: no result of a goal in %(year)s"),
        rules.MISSING_MILESTONES: _("the milestone plan: no milestone for %(coming)s"),
    }
    return [texts[code] % {"year": report.year, "coming": report.year + 1} for code in missing]


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
    with _writing(report, user, expected):
        if not rules.year_has_ended(report.year, today):
            raise ValidationError(
                _("%(year)s has not ended: its report can be submitted from 1 January %(next)s.")
                % {"year": report.year, "next": report.year + 1}
            )
        day = submitted_on or today
        if day > today:
            raise ValidationError(
                {
                    "submitted_on": _("A submission cannot be dated after today (%(today)s).")
                    % {"today": _day(today)}
                }
            )
        if day.year <= report.year:
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
        report.submitted_on = day
        report.submitted_by = user
        report.full_clean()
        _recorded(report, user)
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
                    % {"today": _day(today)}
                }
            )
        if report.submitted_on and decided_on < report.submitted_on:
            raise ValidationError(
                {
                    "decided_on": _(
                        "LBF's decision cannot be dated before the report was submitted (%(date)s)."
                    )
                    % {"date": _day(report.submitted_on)}
                }
            )
        report.decided_on = decided_on
        report.decided_by = user
        report.decision_capacity = chosen
        yield report
        report.full_clean()
        _recorded(report, user)
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
