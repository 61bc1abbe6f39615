"""Reads of the yearly reports to LBF (docs/decisions/0029).

Reports due are derived: every ended calendar year of a granted, running or ended plan's period
owes a report (`rules.report_years`); a year without a stored report counts as `due`, with the
due date of the fund round's rule. So the lists below cost a fixed number of queries whatever
the number of plans: the plans (with their round), then their stored reports.

- `late_reports(plan_ids, today)`: the late reports per plan (the payments hold instalments back
  while a plan has one);
- `reports_due(plans, today)`: every report owed by the plans, with its status and lateness
  (the all-plans page `intern/rapporter/` and `GET /api/v1/reports/`);
- `plan_reports(plan, today)`: one plan's years with their report (stored or not).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from boligsocial.plans.models import Plan
from boligsocial.reporting import rules
from boligsocial.reporting.models import ReportStatus, YearlyReport


@dataclass(frozen=True)
class ReportDue:
    """A report a plan owes: stored or not (`status` is `due` for a year without a row)."""

    plan_id: int
    year: int
    due_date: date
    status: str
    late: bool

    @property
    def status_label(self) -> str:
        return str(ReportStatus(self.status).label)


@dataclass(frozen=True)
class DueRow:
    """A report due with its plan (for lists across plans) and its stored row, if any."""

    plan: Plan
    due: ReportDue
    report: YearlyReport | None = None


def due_date_for(plan: Plan, year: int) -> date:
    """The due date of the plan's report of `year` by its fund round's rule."""
    return rules.report_due_date(year, plan.fund_round.report_due_months)


def _report_plans(plans: QuerySet[Plan]) -> list[Plan]:
    return list(
        plans.filter(status__in=rules.REPORTING_PLAN_STATES)
        .select_related("fund_round")
        .order_by("name", "pk")
    )


def _stored(plan_ids: list[int]) -> dict[tuple[int, int], YearlyReport]:
    found = YearlyReport.objects.filter(plan_id__in=plan_ids).order_by()
    return {(report.plan_id, report.year): report for report in found}


def _due(plan: Plan, year: int, report: YearlyReport | None, today: date) -> ReportDue:
    if report is None:
        due_date, status = due_date_for(plan, year), rules.DUE
    else:
        due_date, status = report.due_date, report.status
    return ReportDue(
        plan_id=plan.pk,
        year=year,
        due_date=due_date,
        status=status,
        late=rules.is_late(status, due_date, today, report.submitted_on if report else None),
    )


def _rows(plans: QuerySet[Plan], today: date) -> list[DueRow]:
    """Every report the plans owe on `today`, plan by plan (name order), year by year. Two
    queries."""
    found = _report_plans(plans)
    stored = _stored([plan.pk for plan in found])
    rows = []
    for plan in found:
        for year in rules.report_years(plan.status, plan.start_date, plan.end_date, today):
            report = stored.get((plan.pk, year))
            rows.append(DueRow(plan=plan, due=_due(plan, year, report, today), report=report))
    return rows


def late_reports(plan_ids: Iterable[int] | None, today: date) -> dict[int, list[ReportDue]]:
    """The late reports of the plans (all plans when `plan_ids` is None) on `today`, per plan
    id, oldest year first; a plan with none is not in the answer. Two queries."""
    plans = Plan.objects.all() if plan_ids is None else Plan.objects.filter(pk__in=list(plan_ids))
    late: dict[int, list[ReportDue]] = {}
    for row in _rows(plans, today):
        if row.due.late:
            late.setdefault(row.due.plan_id, []).append(row.due)
    return late


def reports_due(
    plans: QuerySet[Plan],
    today: date,
    *,
    statuses: Iterable[str] | None = None,
    late: bool | None = None,
) -> list[DueRow]:
    """Every report the plans owe on `today` (optionally only those of `statuses`, only the
    late ones or only those not late), late first, then by due date, plan name and year. Two
    queries, whatever the number of plans."""
    wanted = frozenset(statuses) if statuses is not None else None
    rows = [
        row
        for row in _rows(plans, today)
        if (wanted is None or row.due.status in wanted) and (late is None or row.due.late == late)
    ]
    rows.sort(key=lambda r: (not r.due.late, r.due.due_date, r.plan.name, r.plan.pk, r.due.year))
    return rows


@dataclass(frozen=True)
class PlanYear:
    """One calendar year of a plan's period with its stored report, if any."""

    year: int
    due_date: date
    report: YearlyReport | None
    # The year has ended and the plan reports: the report is owed.
    owed: bool
    status: str
    late: bool

    @property
    def status_label(self) -> str:
        return str(ReportStatus(self.status).label)


def plan_years(
    plan: Plan, today: date, reports: Iterable[YearlyReport] | None = None
) -> list[PlanYear]:
    """Every calendar year of the plan's period with its report (stored or derived). The
    reports are read unless given (one query)."""
    stored = {
        report.year: report
        for report in (reports if reports is not None else YearlyReport.objects.filter(plan=plan))
    }
    owed = set(rules.report_years(plan.status, plan.start_date, plan.end_date, today))
    years = []
    for year in range(plan.start_date.year, plan.end_date.year + 1):
        report = stored.get(year)
        due_date = report.due_date if report else due_date_for(plan, year)
        status = report.status if report else rules.DUE
        years.append(
            PlanYear(
                year=year,
                due_date=due_date,
                report=report,
                owed=year in owed,
                status=status,
                late=year in owed
                and rules.is_late(status, due_date, today, report.submitted_on if report else None),
            )
        )
    return years
