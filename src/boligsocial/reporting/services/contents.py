"""Opening a year's report and writing its contents: its figures, account lines (one import
replaces them all or none), goal results and milestones."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from boligsocial.budgets.models import BudgetLine
from boligsocial.core.concurrency import Expected
from boligsocial.plans.models import Plan
from boligsocial.reporting import rules
from boligsocial.reporting.models import (
    AccountLine,
    GoalResult,
    Milestone,
    YearlyReport,
)
from boligsocial.reporting.selectors import due_date_for
from boligsocial.reporting.services.common import (
    ACCOUNT_LINE_FIELDS,
    GOAL_FIELDS,
    MILESTONE_FIELDS,
    REPORT_FIELDS,
    recorded,
    require_editor,
    writing,
)

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
    recorded(report, user)
    report.save()
    return report


def report_update(
    *, report: YearlyReport, data: Mapping[str, Any], user: Any, expected: Expected = None
) -> YearlyReport:
    """Change the report's own figures: received from LBF, local co-financing received, the
    opening balance (None: carried forward), the note."""
    with writing(report, user, expected):
        for name in REPORT_FIELDS:
            if name in data:
                setattr(report, name, data[name])
        report.full_clean()
        recorded(report, user)
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
    with writing(report, user, expected):
        if line is None:
            line = AccountLine(report=report)
            if "position" not in data:
                last = report.account_lines.aggregate(m=models.Max("position"))["m"]
                line.position = (last or 0) + 1
        elif line.report_id != report.pk:
            raise ValidationError(_("The line belongs to another report."))
        _fill_account_line(report, line, data)
        recorded(line, user)
        line.save()
    return line


def account_line_delete(*, line: AccountLine, user: Any, expected: Expected = None) -> None:
    with writing(line.report, user, expected):
        recorded(line, user)
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
    with writing(report, user, expected):
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
            recorded(old, user)
            old.delete()
        for line in lines:
            recorded(line, user)
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
    recorded(row, user)
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
    with writing(report, user, expected):
        row = goal if goal is not None else GoalResult(report=report)
        _save_row(report, row, GOAL_FIELDS, data, user)
    return row


def goal_result_delete(*, goal: GoalResult, user: Any, expected: Expected = None) -> None:
    with writing(goal.report, user, expected):
        recorded(goal, user)
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
    with writing(report, user, expected):
        row = milestone if milestone is not None else Milestone(report=report)
        _save_row(report, row, MILESTONE_FIELDS, data, user)
    return row


def milestone_delete(*, milestone: Milestone, user: Any, expected: Expected = None) -> None:
    with writing(milestone.report, user, expected):
        recorded(milestone, user)
        milestone.delete()
