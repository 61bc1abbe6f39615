"""A plan's accounts as the pages, the API and the PDF show them (docs/decisions/0029): the
reguleringskonto statement of every year of its period (opening balance carried forward,
received from LBF and locally, spent, closing balance), budget against actual per budget line
and year (the current budget's lines by their stable keys), and one year's report with its
lines. Each a fixed number of queries whatever the number of years and lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Sum

from boligsocial.budgets.models import BudgetLine, BudgetVersion
from boligsocial.budgets.selectors import current_budget, lines_of
from boligsocial.plans.models import Plan
from boligsocial.reporting import rules
from boligsocial.reporting.models import (
    AccountLine,
    GoalResult,
    Milestone,
    ReportStatus,
    YearlyReport,
)
from boligsocial.reporting.selectors import PlanYear, due_date_for, plan_years
from boligsocial.reporting.wording import missing_text

ZERO = rules.ZERO


@dataclass(frozen=True)
class ComparisonRow:
    """Budget against actual of one budget line (or of spending tied to none) in one year."""

    key: str
    text: str
    category: str
    focus_area: str  # "" for across focus areas
    source: str  # the budget line's source ("" for spending the budget has no line for)
    budget: Decimal
    actual: Decimal

    @property
    def difference(self) -> Decimal:
        return self.actual - self.budget


@dataclass
class YearAccounts:
    """One year of the plan: its report (stored or derived), its line of the statement, and
    budget against actual per line."""

    plan_year: PlanYear
    statement: rules.StatementYear
    rows: list[ComparisonRow] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.plan_year.year

    @property
    def budget(self) -> Decimal:
        return sum((row.budget for row in self.rows), ZERO)

    @property
    def actual(self) -> Decimal:
        return sum((row.actual for row in self.rows), ZERO)

    @property
    def difference(self) -> Decimal:
        return self.actual - self.budget


@dataclass
class PlanAccounts:
    plan: Plan
    budget: BudgetVersion | None
    years: list[YearAccounts]

    @property
    def closing(self) -> Decimal:
        return self.years[-1].statement.closing if self.years else ZERO

    def year(self, year: int) -> YearAccounts | None:
        return next((y for y in self.years if y.year == year), None)


def _source(line: BudgetLine) -> str:
    named = line.source_organisation or line.source_afdeling or line.source_name
    kind = str(line.get_source_kind_display())
    return f"{kind}: {named}" if named else kind


def plan_accounts(plan: Plan, today: date) -> PlanAccounts:
    """The plan's years with their statement and budget against actual. Five queries: the
    reports with what was spent, the account lines, the current budget and its lines (the
    plan's fund round is read unless loaded)."""
    reports = list(
        YearlyReport.objects.filter(plan=plan).annotate(spent=Sum("account_lines__amount"))
    )
    years = plan_years(plan, today, reports)
    money = {
        report.year: rules.YearMoney(
            year=report.year,
            lbf_received=report.lbf_received,
            local_received=report.local_received,
            spent=report.spent or ZERO,
            opening=report.opening_balance,
        )
        for report in reports
    }
    numbers = [y.year for y in years]
    statement = {row.year: row for row in rules.statement(numbers, money)}
    spent_lines = list(
        AccountLine.objects.filter(report__plan=plan)
        .select_related("category", "focus_area", "report")
        .order_by("report__year", "position", "pk")
    )
    budget = current_budget(plan)
    budget_lines = list(lines_of(budget)) if budget is not None else []
    labels: dict[tuple[int, str], dict[str, Any]] = {}
    for line in budget_lines:
        labels[(line.year, line.key)] = {
            "text": line.text,
            "category": str(line.category),
            "focus_area": str(line.focus_area) if line.focus_area else "",
            "source": _source(line),
        }
    for used in spent_lines:
        key = (used.report.year, used.line_key)
        if key not in labels:
            labels[key] = {
                "text": used.text if used.line_key else "",
                "category": str(used.category) if used.line_key else "",
                "focus_area": str(used.focus_area or "") if used.line_key else "",
                "source": "",
            }
    compared = rules.compare_lines(
        numbers,
        (rules.BudgetFact(line.key, line.year, line.amount) for line in budget_lines),
        (rules.SpentFact(x.line_key, x.report.year, x.amount) for x in spent_lines),
    )
    result = []
    for plan_year, comparison in zip(years, compared, strict=True):
        rows = [
            ComparisonRow(
                key=line.key,
                budget=line.budget,
                actual=line.actual,
                **labels.get((line.year, line.key), _NO_LABEL),
            )
            for line in comparison.lines
        ]
        result.append(YearAccounts(plan_year, statement[plan_year.year], rows))
    return PlanAccounts(plan=plan, budget=budget, years=result)


_NO_LABEL = {"text": "", "category": "", "focus_area": "", "source": ""}


@dataclass
class ReportDetail:
    """One year's report with everything its page shows. `report` is None while nobody has
    opened it (the year's report is then due, with the due date of the rule)."""

    plan: Plan
    year: int
    report: YearlyReport | None
    due_date: date
    status: str
    late: bool
    owed: bool
    account_lines: list[AccountLine]
    goal_results: list[GoalResult]
    milestones: list[Milestone]
    budget_lines: list[BudgetLine]  # the current budget's lines of the year
    statement: rules.StatementYear | None
    missing: list[str]  # rules.MISSING_* codes
    accounts: YearAccounts | None = None  # the year's budget against actual

    @property
    def spent(self) -> Decimal:
        return sum((line.amount for line in self.account_lines), ZERO)

    @property
    def status_label(self) -> str:
        return str(ReportStatus(self.status).label)

    @property
    def missing_texts(self) -> list[str]:
        return [missing_text(code, self.year) for code in self.missing]

    @property
    def editable(self) -> bool:
        return rules.can_edit(self.status)


def report_detail(plan: Plan, year: int, today: date) -> ReportDetail:
    """The plan's report of `year` with its lines, the year's budget lines and its line of
    the statement. A fixed number of queries."""
    accounts = plan_accounts(plan, today)
    found = accounts.year(year)
    report = (
        YearlyReport.objects.filter(plan=plan, year=year)
        .prefetch_related(
            Prefetch(
                "account_lines",
                queryset=AccountLine.objects.select_related("category", "focus_area"),
            ),
            Prefetch("goal_results", queryset=GoalResult.objects.select_related("focus_area")),
            Prefetch("milestones", queryset=Milestone.objects.select_related("focus_area")),
        )
        .first()
    )
    lines = list(report.account_lines.all()) if report else []
    goals = list(report.goal_results.all()) if report else []
    milestones = list(report.milestones.all()) if report else []
    budget_lines = (
        [line for line in lines_of(accounts.budget) if line.year == year]
        if accounts.budget is not None
        else []
    )
    plan_year = found.plan_year if found else None
    status = report.status if report else rules.DUE
    due = report.due_date if report else due_date_for(plan, year)
    return ReportDetail(
        plan=plan,
        year=year,
        report=report,
        due_date=due,
        status=status,
        late=bool(plan_year and plan_year.late),
        owed=bool(plan_year and plan_year.owed),
        account_lines=lines,
        goal_results=goals,
        milestones=milestones,
        budget_lines=budget_lines,
        statement=found.statement if found else None,
        accounts=found,
        missing=rules.submission_missing(
            account_lines=len(lines), goal_results=len(goals), milestones=len(milestones)
        ),
    )
