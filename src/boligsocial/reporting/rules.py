"""The yearly report to LBF as pure rules, without Django (docs/decisions/0029).

- When a report is due: `report_due_date` (the last day of the month `report_due_months` after
  the year's end: 6 months by default, so 30 June of the next year).
- Which years of a plan report: `report_years` (every calendar year of a granted, running or
  ended plan's period that has ended).
- Whether a report is late: `is_late` (the due date has passed and the report was not submitted
  by then, or was returned, and LBF has not approved it since: a late report stays late until
  LBF approves it, which is what releases LBF's held-back payments).
- What a submission lacks: `submission_missing`.
- Which status may follow which: `can_edit`, `can_submit`, `can_decide`.
- The reguleringskonto statement: `statement` (opening balance carried forward, received from
  LBF and locally, spent, closing balance) and budget against actual per line: `compare_lines`.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

# The report's statuses (the keys of models.ReportStatus).
DUE = "due"
SUBMITTED = "submitted"
APPROVED = "approved"
RETURNED = "returned"
STATUSES = (DUE, SUBMITTED, APPROVED, RETURNED)
# The contents may change, and the report be submitted, while it is due or returned by LBF.
OPEN = frozenset({DUE, RETURNED})

# A plan reports for its years while LBF's money is committed to it (the keys of
# plans.models.PlanStatus).
REPORTING_PLAN_STATES = frozenset({"granted", "running", "ended"})

# "6 months after year end" when the fund round says nothing (the rule known for 2011-14).
DEFAULT_DUE_MONTHS = 6

ZERO = Decimal("0.00")

# What a submission may lack (`submission_missing`), in the order it is said.
MISSING_ACCOUNTS = "accounts"
MISSING_GOALS = "goals"
MISSING_MILESTONES = "milestones"


def report_due_date(year: int, due_months: int | None) -> date:
    """The day the report of `year` is due at the latest: `due_months` months after 31
    December of the year (DEFAULT_DUE_MONTHS when None), kept within the month: 6 → 30 June
    of the next year, 2 → 28 or 29 February, 0 → 31 December of the year itself."""
    months = DEFAULT_DUE_MONTHS if due_months is None else due_months
    if months < 0:
        raise ValueError("a report cannot be due before its year ends")
    if months == 0:
        return date(year, 12, 31)
    extra_years, month_index = divmod(months - 1, 12)
    due_year = year + 1 + extra_years
    month = month_index + 1
    return date(due_year, month, calendar.monthrange(due_year, month)[1])


def report_years(plan_state: str, start: date, end: date, today: date) -> list[int]:
    """The years whose report a plan owes on `today`: each calendar year of its period that
    has ended, if the plan is granted, running or ended; none for a plan in any other state."""
    if plan_state not in REPORTING_PLAN_STATES:
        return []
    last = min(end.year, today.year - 1)
    return list(range(start.year, last + 1))


def is_late(status: str, due_date: date, today: date, submitted_on: date | None = None) -> bool:
    """Late: `today` is after the due date (on the due date itself it is on time) and the
    report is not approved, and either it is still open (due, or returned by LBF) or it was
    submitted after the due date. A report submitted in time and waiting for LBF is not late;
    one submitted too late stays late until LBF approves it (issue 10: payments held back
    "while any report of that plan is late, and released when the report is approved")."""
    if status == APPROVED or today <= due_date:
        return False
    if status in OPEN:
        return True
    return submitted_on is None or submitted_on > due_date


def year_has_ended(year: int, today: date) -> bool:
    return today.year > year


def can_edit(status: str) -> bool:
    """The report's contents change only while it is due or returned by LBF."""
    return status in OPEN


def can_submit(status: str) -> bool:
    return status in OPEN


def can_decide(status: str) -> bool:
    """LBF approves or returns a submitted report only."""
    return status == SUBMITTED


def submission_missing(*, account_lines: int, goal_results: int, milestones: int) -> list[str]:
    """What the report lacks before it can be submitted: the accounts (at least one line of
    what was spent), a goal result, a milestone of the coming year's plan."""
    missing = []
    if account_lines < 1:
        missing.append(MISSING_ACCOUNTS)
    if goal_results < 1:
        missing.append(MISSING_GOALS)
    if milestones < 1:
        missing.append(MISSING_MILESTONES)
    return missing


# The reguleringskonto ------------------------------------------------------------------------


@dataclass(frozen=True)
class YearMoney:
    """One year's money as the report says it; `opening` None = carried from the year
    before."""

    year: int
    lbf_received: Decimal = ZERO
    local_received: Decimal = ZERO
    spent: Decimal = ZERO
    opening: Decimal | None = None


@dataclass(frozen=True)
class StatementYear:
    year: int
    opening: Decimal
    lbf_received: Decimal
    local_received: Decimal
    spent: Decimal
    closing: Decimal
    # The opening balance was entered (not carried): it may differ from last year's closing.
    opening_entered: bool = False
    # Last year's closing balance, when the entered opening balance differs from it.
    carried_differs: Decimal | None = None

    @property
    def received(self) -> Decimal:
        return self.lbf_received + self.local_received


def statement(years: Sequence[int], money: Mapping[int, YearMoney]) -> list[StatementYear]:
    """The reguleringskonto of `years` (in order): each year opens with the previous year's
    closing balance (0 for the first) unless its report gives an opening balance, adds what
    was received from LBF and locally, subtracts what was spent, and carries the closing
    balance to the next year. A year without a report has received and spent nothing."""
    rows: list[StatementYear] = []
    carried = ZERO
    for year in sorted(years):
        figures = money.get(year, YearMoney(year=year))
        opening = carried if figures.opening is None else figures.opening
        closing = opening + figures.lbf_received + figures.local_received - figures.spent
        differs = (
            carried if figures.opening is not None and rows and figures.opening != carried else None
        )
        rows.append(
            StatementYear(
                year=year,
                opening=opening,
                lbf_received=figures.lbf_received,
                local_received=figures.local_received,
                spent=figures.spent,
                closing=closing,
                opening_entered=figures.opening is not None,
                carried_differs=differs,
            )
        )
        carried = closing
    return rows


# Budget against actual -----------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetFact:
    """A budget line of one year: its key (stable across budget versions) and amount."""

    key: str
    year: int
    amount: Decimal


@dataclass(frozen=True)
class SpentFact:
    """An account line of one year: the budget line key it is spent on ("" for none)."""

    key: str
    year: int
    amount: Decimal


@dataclass(frozen=True)
class LineComparison:
    """Budget against actual for one budget line key (or "" for spending tied to no line) in
    one year; `difference` = actual − budget (negative: less spent than budgeted)."""

    key: str
    year: int
    budget: Decimal
    actual: Decimal

    @property
    def difference(self) -> Decimal:
        return self.actual - self.budget


@dataclass(frozen=True)
class YearComparison:
    year: int
    lines: list[LineComparison] = field(default_factory=list)

    @property
    def budget(self) -> Decimal:
        return sum((line.budget for line in self.lines), ZERO)

    @property
    def actual(self) -> Decimal:
        return sum((line.actual for line in self.lines), ZERO)

    @property
    def difference(self) -> Decimal:
        return self.actual - self.budget


def compare_lines(
    years: Sequence[int], budget: Iterable[BudgetFact], spent: Iterable[SpentFact]
) -> list[YearComparison]:
    """Per year (in order), per budget line key: the budgeted amount, the amount spent on it
    and the difference. Lines in the order the budget gives them; spending on a key the
    budget does not have (or on none) follows, with a budget of 0."""
    wanted = sorted(set(years))
    budgets: dict[int, dict[str, Decimal]] = {year: {} for year in wanted}
    actuals: dict[int, dict[str, Decimal]] = {year: {} for year in wanted}
    for fact in budget:
        if fact.year in budgets:
            budgets[fact.year][fact.key] = budgets[fact.year].get(fact.key, ZERO) + fact.amount
    for used in spent:
        if used.year in actuals:
            actuals[used.year][used.key] = actuals[used.year].get(used.key, ZERO) + used.amount
    result = []
    for year in wanted:
        keys = list(budgets[year])
        keys += [key for key in actuals[year] if key not in budgets[year] and key]
        if "" in actuals[year] and "" not in keys:
            keys.append("")
        lines = [
            LineComparison(
                key=key,
                year=year,
                budget=budgets[year].get(key, ZERO),
                actual=actuals[year].get(key, ZERO),
            )
            for key in keys
        ]
        result.append(YearComparison(year=year, lines=lines))
    return result
