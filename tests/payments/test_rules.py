"""The pure rules of LBF's instalments (decision 0030): state and reason, schedule, re-planning,
the amount paid, the totals per year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligsocial.budgets.rules import AMOUNT_MAX
from boligsocial.payments import rules
from boligsocial.payments.rules import (
    Amounts,
    InstalmentState,
    Overdue,
    PlannedInstalment,
    StoredInstalment,
)


@dataclass(frozen=True)
class Report:
    """As `reporting.selectors.ReportDue`: more fields than the rules read."""

    plan_id: int
    year: int
    due_date: date
    status: str = "due"
    late: bool = True


LATE_2024 = Report(1, 2024, date(2025, 6, 30))
LATE_2025 = Report(1, 2025, date(2026, 6, 30), status="returned")


def test_an_unpaid_instalment_without_late_reports_is_planned_and_payable():
    state = rules.instalment_state(paid=False, late_reports=[])
    assert state == InstalmentState(rules.PLANNED, ())
    assert state.payable
    assert not state.held_back


def test_an_unpaid_instalment_is_held_back_while_any_report_is_late_with_each_as_a_reason():
    state = rules.instalment_state(paid=False, late_reports=[LATE_2025, LATE_2024, LATE_2024])
    assert state.state == rules.HELD_BACK
    assert state.held_back
    assert not state.payable
    assert state.reasons == (
        Overdue(2024, date(2025, 6, 30)),
        Overdue(2025, date(2026, 6, 30)),
    )


def test_a_paid_instalment_stays_paid_whatever_is_late():
    state = rules.instalment_state(paid=True, late_reports=[LATE_2024])
    assert state == InstalmentState(rules.PAID, ())
    assert not state.payable
    assert not state.held_back


def test_released_when_no_late_report_is_left():
    held = rules.instalment_state(paid=False, late_reports=[LATE_2024])
    released = rules.instalment_state(paid=False, late_reports=[])
    assert (held.state, released.state) == (rules.HELD_BACK, rules.PLANNED)


@pytest.mark.parametrize(
    ("year", "start", "expected"),
    [
        (2024, date(2024, 3, 15), date(2024, 3, 15)),  # the first year: the plan's start
        (2025, date(2024, 3, 15), date(2025, 1, 1)),
        (2024, date(2024, 1, 1), date(2024, 1, 1)),
        (2023, date(2024, 3, 15), date(2024, 3, 15)),  # never before the plan starts
    ],
)
def test_planned_on_1_january_or_the_plans_start_in_its_first_year(year, start, expected):
    assert rules.planned_on(year, start) == expected


def test_schedule_has_one_instalment_per_year_with_lbf_money_in_order():
    planned = rules.schedule(
        {
            2026: Decimal("300000.00"),
            2024: Decimal("100000.50"),
            2025: Decimal("0.00"),
            2027: Decimal("0.01"),
        },
        date(2024, 4, 1),
    )
    assert planned == (
        PlannedInstalment(2024, date(2024, 4, 1), Decimal("100000.50")),
        PlannedInstalment(2026, date(2026, 1, 1), Decimal("300000.00")),
        PlannedInstalment(2027, date(2027, 1, 1), Decimal("0.01")),
    )
    assert rules.schedule({}, date(2024, 1, 1)) == ()


def _stored(year: int, paid: bool, amount: str, on: date | None = None) -> StoredInstalment:
    return StoredInstalment(year, paid, on or date(year, 1, 1), Decimal(amount))


def test_replan_keeps_paid_updates_unpaid_removes_years_without_money_and_creates_new():
    stored = [
        _stored(2024, True, "100.00"),  # paid: kept although the budget now says 150
        _stored(2025, False, "200.00"),  # amount changes
        _stored(2026, False, "300.00"),  # as scheduled
        _stored(2027, False, "400.00"),  # no LBF money in 2027 any more
        _stored(2028, True, "50.00"),  # paid, not in the budget: still kept
    ]
    planned = [
        PlannedInstalment(2024, date(2024, 1, 1), Decimal("150.00")),
        PlannedInstalment(2025, date(2025, 1, 1), Decimal("250.00")),
        PlannedInstalment(2026, date(2026, 1, 1), Decimal("300.00")),
        PlannedInstalment(2029, date(2029, 1, 1), Decimal("90.00")),
    ]
    result = rules.replan(stored, planned)
    assert result.create == (PlannedInstalment(2029, date(2029, 1, 1), Decimal("90.00")),)
    assert result.update == (PlannedInstalment(2025, date(2025, 1, 1), Decimal("250.00")),)
    assert result.remove == (2027,)
    assert result.unchanged == (2026,)
    assert result.kept_paid == (2024, 2028)
    assert result.changes


def test_replan_updates_an_unpaid_instalment_whose_date_alone_changed():
    stored = [_stored(2024, False, "100.00", on=date(2024, 2, 1))]
    planned = [PlannedInstalment(2024, date(2024, 1, 1), Decimal("100.00"))]
    assert rules.replan(stored, planned).update == tuple(planned)


def test_replan_of_the_same_schedule_changes_nothing():
    planned = rules.schedule({2024: Decimal("1.00"), 2025: Decimal("2.00")}, date(2024, 1, 1))
    stored = [StoredInstalment(p.year, False, p.planned_on, p.amount) for p in planned]
    result = rules.replan(stored, planned)
    assert not result.changes
    assert result.unchanged == (2024, 2025)


@pytest.mark.parametrize(
    ("amount", "problem"),
    [
        (Decimal("0.01"), None),
        (AMOUNT_MAX, None),
        (Decimal("999999999.99"), None),
        (Decimal("0.00"), rules.NOT_POSITIVE),
        (Decimal("-0.01"), rules.NOT_POSITIVE),
        (Decimal("1000000000.00"), rules.TOO_LARGE),  # one øre over the largest amount
        (Decimal("10.005"), rules.FRACTION_OF_ORE),
    ],
)
def test_an_amount_paid_is_above_zero_at_most_the_largest_amount_in_whole_ore(amount, problem):
    assert rules.amount_problem(amount) == problem


def test_a_planned_amount_may_be_zero_but_not_negative():
    assert rules.amount_problem(Decimal("0"), allow_zero=True) is None
    assert rules.amount_problem(Decimal("-1"), allow_zero=True) == rules.NOT_POSITIVE


def test_year_totals_count_each_instalment_under_its_state_in_the_years_order():
    totals = rules.year_totals(
        [
            Amounts(2025, rules.HELD_BACK, Decimal("200.00")),
            Amounts(2024, rules.PAID, Decimal("100.00"), Decimal("99.50")),
            Amounts(2025, rules.PLANNED, Decimal("10.00")),
            Amounts(2024, rules.PLANNED, Decimal("5.00")),
            Amounts(2024, rules.PAID, Decimal("1.00"), None),
        ]
    )
    assert [(t.year, t.planned, t.held_back, t.paid, t.scheduled) for t in totals] == [
        (2024, Decimal("5.00"), Decimal("0.00"), Decimal("99.50"), Decimal("5.00")),
        (2025, Decimal("10.00"), Decimal("200.00"), Decimal("0.00"), Decimal("210.00")),
    ]


@given(
    paid=st.booleans(),
    years=st.lists(st.integers(min_value=2010, max_value=2040), max_size=6),
)
def test_held_back_exactly_when_unpaid_and_some_report_is_late(paid, years):
    reports = [Report(1, y, date(y + 1, 6, 30)) for y in years]
    state = rules.instalment_state(paid=paid, late_reports=reports)
    assert state.held_back == (not paid and bool(years))
    assert [r.year for r in state.reasons] == (sorted(set(years)) if state.held_back else [])
