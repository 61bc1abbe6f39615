"""The yearly report's pure rules: the due date (at the boundary day), which years a plan owes,
lateness, what a submission lacks, the reguleringskonto and budget against actual."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from boligsocial.reporting import rules
from boligsocial.reporting.rules import BudgetFact, SpentFact, YearMoney

D = Decimal


@pytest.mark.parametrize(
    ("year", "months", "due"),
    [
        (2024, None, date(2025, 6, 30)),  # the default: 6 months after year end
        (2024, 6, date(2025, 6, 30)),
        (2024, 0, date(2024, 12, 31)),
        (2024, 1, date(2025, 1, 31)),
        (2023, 2, date(2024, 2, 29)),  # a leap year's February
        (2024, 2, date(2025, 2, 28)),
        (2024, 12, date(2025, 12, 31)),
        (2024, 13, date(2026, 1, 31)),
        (2024, 24, date(2026, 12, 31)),
    ],
)
def test_due_date(year: int, months: int | None, due: date) -> None:
    assert rules.report_due_date(year, months) == due


def test_due_date_refuses_a_negative_number_of_months() -> None:
    with pytest.raises(ValueError, match="before its year ends"):
        rules.report_due_date(2024, -1)


def test_late_only_after_the_due_date() -> None:
    due = date(2025, 6, 30)
    assert rules.is_late(rules.DUE, due, date(2025, 6, 30)) is False  # the boundary day
    assert rules.is_late(rules.DUE, due, date(2025, 7, 1)) is True
    assert rules.is_late(rules.RETURNED, due, date(2025, 7, 1)) is True
    # Submitted in time and waiting for LBF: not late; submitted too late: late until approved.
    assert rules.is_late(rules.SUBMITTED, due, date(2030, 1, 1), date(2025, 6, 30)) is False
    assert rules.is_late(rules.SUBMITTED, due, date(2030, 1, 1), date(2025, 7, 1)) is True
    assert rules.is_late(rules.SUBMITTED, due, date(2025, 6, 30), date(2025, 6, 30)) is False
    assert rules.is_late(rules.APPROVED, due, date(2030, 1, 1)) is False


@pytest.mark.parametrize(
    ("state", "today", "years"),
    [
        ("running", date(2026, 12, 3), [2023, 2024, 2025]),
        ("running", date(2027, 1, 1), [2023, 2024, 2025, 2026]),
        ("ended", date(2030, 1, 1), [2023, 2024, 2025, 2026]),
        ("granted", date(2023, 12, 31), []),  # the first year has not ended
        ("granted", date(2024, 1, 1), [2023]),
        ("in_dialogue", date(2030, 1, 1), []),
        ("withdrawn", date(2030, 1, 1), []),
    ],
)
def test_report_years(state: str, today: date, years: list[int]) -> None:
    assert rules.report_years(state, date(2023, 3, 1), date(2026, 12, 31), today) == years


def test_status_rules() -> None:
    assert [s for s in rules.STATUSES if rules.can_edit(s)] == ["due", "returned"]
    assert [s for s in rules.STATUSES if rules.can_submit(s)] == ["due", "returned"]
    assert [s for s in rules.STATUSES if rules.can_decide(s)] == ["submitted"]


def test_submission_missing_names_each_part() -> None:
    assert rules.submission_missing(account_lines=0, goal_results=0, milestones=0) == [
        "accounts",
        "goals",
        "milestones",
    ]
    assert rules.submission_missing(account_lines=1, goal_results=0, milestones=1) == ["goals"]
    assert rules.submission_missing(account_lines=1, goal_results=1, milestones=1) == []


def test_statement_carries_the_balance_forward() -> None:
    money = {
        2023: YearMoney(2023, lbf_received=D("100.00"), local_received=D("40.00"), spent=D("90")),
        2025: YearMoney(2025, lbf_received=D("10.00"), spent=D("100.01")),
    }
    rows = rules.statement([2023, 2024, 2025], money)
    assert [(r.year, r.opening, r.received, r.spent, r.closing) for r in rows] == [
        (2023, D("0.00"), D("140.00"), D("90"), D("50.00")),
        (2024, D("50.00"), D("0.00"), D("0.00"), D("50.00")),  # no report: nothing moved
        (2025, D("50.00"), D("10.00"), D("100.01"), D("-40.01")),  # overspent: negative
    ]


def test_statement_entered_opening_balance_overrides_and_says_so() -> None:
    money = {
        2023: YearMoney(2023, lbf_received=D("100.00")),
        2024: YearMoney(2024, opening=D("80.00"), spent=D("30.00")),
        2025: YearMoney(2025, opening=D("50.00")),
    }
    rows = rules.statement([2023, 2024, 2025], money)
    assert rows[1].opening == D("80.00")
    assert rows[1].closing == D("50.00")
    assert rows[1].opening_entered
    assert rows[1].carried_differs == D("100.00")
    assert rows[2].opening_entered
    assert rows[2].carried_differs is None
    assert rows[0].carried_differs is None


def test_compare_lines_per_key_and_year() -> None:
    budget = [
        BudgetFact("a", 2024, D("100.00")),
        BudgetFact("b", 2024, D("50.00")),
        BudgetFact("a", 2025, D("10.00")),
        BudgetFact("a", 2030, D("1.00")),  # not a year asked for
    ]
    spent = [
        SpentFact("a", 2024, D("60.00")),
        SpentFact("a", 2024, D("50.00")),
        SpentFact("", 2024, D("5.00")),  # tied to no line
        SpentFact("gone", 2024, D("7.00")),  # a key the budget no longer has
    ]
    years = rules.compare_lines([2024, 2025], budget, spent)
    first = years[0]
    assert [(x.key, x.budget, x.actual, x.difference) for x in first.lines] == [
        ("a", D("100.00"), D("110.00"), D("10.00")),
        ("b", D("50.00"), D("0.00"), D("-50.00")),
        ("gone", D("0.00"), D("7.00"), D("7.00")),
        ("", D("0.00"), D("5.00"), D("5.00")),
    ]
    assert (first.budget, first.actual, first.difference) == (D("150.00"), D("122.00"), D("-28.00"))
    assert [(x.key, x.actual) for x in years[1].lines] == [("a", D("0.00"))]
