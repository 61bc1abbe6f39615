from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligsocial.funding.rules import (
    RoundRules,
    check_cofinancing,
    is_whole_years,
    plan_length_months,
    plan_period_problems,
)

R2019 = RoundRules(
    code="2019–26",
    first_year=2019,
    last_year=2026,
    normal_plan_years=4,
    lbf_max_share=Decimal("0.75"),
    local_min_share=Decimal("0.25"),
)


@pytest.mark.parametrize(
    ("start", "end", "months", "whole4"),
    [
        (date(2021, 1, 1), date(2024, 12, 31), 48, True),
        (date(2021, 1, 15), date(2025, 1, 14), 48, True),
        (date(2021, 4, 1), date(2025, 3, 31), 48, True),
        (date(2020, 2, 29), date(2024, 2, 28), 48, True),
        (date(2021, 1, 1), date(2025, 1, 1), 48, False),
        (date(2021, 1, 1), date(2025, 12, 31), 60, False),
        (date(2021, 1, 1), date(2024, 12, 30), 47, False),
    ],
)
def test_plan_length(start, end, months, whole4):
    assert plan_length_months(start, end) == months
    assert is_whole_years(start, end, 4) is whole4


def test_a_normal_four_year_plan_in_its_round_has_no_problems():
    assert (
        plan_period_problems(
            start=date(2021, 1, 1), end=date(2024, 12, 31), rules=R2019, length_reason=""
        )
        == []
    )


def test_start_outside_the_round_is_a_start_date_problem():
    problems = plan_period_problems(
        start=date(2018, 12, 31), end=date(2022, 12, 30), rules=R2019, length_reason=""
    )
    assert [(p.field, p.code) for p in problems] == [("start_date", "start_outside_round")]
    problems = plan_period_problems(
        start=date(2027, 1, 1), end=date(2030, 12, 31), rules=R2019, length_reason=""
    )
    assert [(p.field, p.code) for p in problems] == [("start_date", "start_outside_round")]


@pytest.mark.parametrize(
    ("start", "end"),
    [(date(2019, 1, 1), date(2022, 12, 31)), (date(2026, 12, 31), date(2030, 12, 30))],
)
def test_first_and_last_day_of_the_round_are_inside(start, end):
    assert plan_period_problems(start=start, end=end, rules=R2019, length_reason="") == []


def test_other_length_needs_a_reason():
    kwargs = {"start": date(2014, 1, 1), "end": date(2018, 12, 31), "rules": R2019}
    kwargs["rules"] = RoundRules(**{**R2019.__dict__, "first_year": 2011, "last_year": 2014})
    problems = plan_period_problems(**kwargs, length_reason="")
    assert [(p.field, p.code, p.params["months"]) for p in problems] == [
        ("length_reason", "length_needs_reason", 60)
    ]
    assert plan_period_problems(**kwargs, length_reason="Forlænget efter aftale med LBF") == []


def test_latest_plan_end_is_enforced_when_set():
    rules = RoundRules(**{**R2019.__dict__, "latest_plan_end": date(2028, 12, 31)})
    problems = plan_period_problems(
        start=date(2026, 1, 1), end=date(2029, 12, 31), rules=rules, length_reason=""
    )
    assert [(p.field, p.code) for p in problems] == [("end_date", "end_after_round")]


def test_end_before_start_is_the_only_problem_reported():
    problems = plan_period_problems(
        start=date(2022, 1, 1), end=date(2021, 1, 1), rules=R2019, length_reason=""
    )
    assert [(p.field, p.code) for p in problems] == [("end_date", "end_before_start")]


@pytest.mark.parametrize(
    ("lbf", "local", "ok"),
    [
        ("750000", "250000", True),  # exactly 75/25
        ("750000.01", "249999.99", False),  # one øre over LBF's share
        ("600000", "400000", True),  # more local money is fine
        ("1000000", "0", False),
        ("1", "0.33", False),  # 75.19 %: rounding must not let LBF over its share
        ("0.75", "0.25", True),
    ],
)
def test_cofinancing_75_25(lbf, local, ok):
    result = check_cofinancing(lbf_amount=Decimal(lbf), local_amount=Decimal(local), rules=R2019)
    assert result.ok is ok
    assert result.total == Decimal(lbf) + Decimal(local)


@given(
    lbf=st.decimals(min_value=0, max_value=10**9, places=2),
    local=st.decimals(min_value=0, max_value=10**9, places=2),
)
def test_cofinancing_ok_iff_local_share_at_least_a_quarter(lbf, local):
    result = check_cofinancing(lbf_amount=lbf, local_amount=local, rules=R2019)
    total = lbf + local
    if total == 0:
        assert result.ok
    else:
        assert result.ok == (lbf / total <= Decimal("0.75"))


def test_negative_amounts_are_refused():
    with pytest.raises(ValueError, match="negative"):
        check_cofinancing(lbf_amount=Decimal("-10"), local_amount=Decimal("20"), rules=R2019)
