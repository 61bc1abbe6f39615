"""The co-financing rule over a budget's lines (pure, no database)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligsocial.budgets.rules import AMOUNT_MAX, LineFacts, budget_check
from boligsocial.funding.rules import RoundRules, check_cofinancing

R = RoundRules(
    code="2019–26",
    first_year=2019,
    last_year=2026,
    normal_plan_years=4,
    lbf_max_share=Decimal("0.75"),
    local_min_share=Decimal("0.25"),
)
D = Decimal


def lbf(amount: str, year: int = 2025) -> LineFacts:
    return LineFacts(year, "lbf", False, D(amount))


def local(amount: str, year: int = 2025, kind: str = "municipality", in_kind=False) -> LineFacts:
    return LineFacts(year, kind, in_kind, D(amount))


def test_amount_max_is_the_largest_accepted_amount():
    assert D("999999999.99") == AMOUNT_MAX


def test_exactly_75_percent_is_ok():
    check = budget_check([lbf("750000.00"), local("250000.00")], R, True)
    assert check.ok
    assert check.period.ok
    assert check.period.lbf_share == D("0.75")
    assert (check.period.over_points, check.period.local_needed, check.period.lbf_excess) == (
        D("0.00"),
        D("0.00"),
        D("0.00"),
    )


def test_one_ore_over_fails_and_one_ore_more_local_money_mends_it():
    check = budget_check([lbf("750000.01"), local("250000.00")], R, True)
    assert not check.ok
    period = check.period
    assert period.total == D("1000000.01")
    assert period.over_points > 0
    # 75 % of 1.000.000,02 kr. is 750.000,015 kr., whose cap (rounded down) is 750.000,01.
    assert period.local_needed == D("0.01")
    assert check_cofinancing(lbf_amount=D("750000.01"), local_amount=D("250000.01"), rules=R).ok
    # At the same total LBF must drop one øre.
    assert period.lbf_excess == D("0.01")


def test_local_needed_is_rounded_up_to_the_ore():
    # 1,00 kr. from LBF needs a total of 1,3333 kr.: 0,0333 kr. more than 1,30, so 0,04 kr.
    period = budget_check([lbf("1.00"), local("0.30")], R, True).period
    assert period.local_needed == D("0.04")
    assert not check_cofinancing(lbf_amount=D("1.00"), local_amount=D("0.33"), rules=R).ok
    assert check_cofinancing(lbf_amount=D("1.00"), local_amount=D("0.34"), rules=R).ok


def test_breach_figures_of_the_issue_example():
    # 77,4 % of 2.000.000 kr.: 2,4 pct.-point over; 64.000 kr. more local money needed.
    check = budget_check([lbf("1548000"), local("452000")], R, True)
    assert check.period.lbf_share == D("0.774")
    assert check.period.over_points == D("2.4")
    assert check.period.local_needed == D("64000.00")
    assert check.period.lbf_excess == D("48000.00")


@pytest.mark.parametrize(
    ("counts", "ok", "total", "local_amount", "unknown", "counted"),
    [
        (True, True, D("1000000.00"), D("250000.00"), False, True),
        (False, False, D("900000.00"), D("150000.00"), False, False),
        (None, False, D("900000.00"), D("150000.00"), True, False),
    ],
)
def test_in_kind(counts, ok, total, local_amount, unknown, counted):
    lines = [lbf("750000"), local("150000"), local("100000", kind="afdeling", in_kind=True)]
    period = budget_check(lines, R, counts).period
    assert period.ok is ok
    assert period.total == total
    assert period.local_amount == local_amount
    assert period.in_kind_amount == D("100000.00")
    assert period.in_kind_unknown is unknown
    assert period.in_kind_counted is counted
    assert period.budget_total == D("1000000.00")


def test_in_kind_unknown_is_checked_without_in_kind_the_safe_reading():
    # Without the in-kind money LBF pays 750/950 = 78,9 %: refused, although counting it
    # (True) would pass.
    lines = [lbf("750000"), local("200000"), local("50000", in_kind=True)]
    assert budget_check(lines, R, True).ok
    assert not budget_check(lines, R, None).ok


def test_whole_period_decides_a_year_in_breach_is_only_a_warning():
    lines = [
        lbf("800000", 2025),
        local("200000", 2025),  # 80 %
        lbf("700000", 2026),
        local("300000", 2026),  # 70 %
    ]
    check = budget_check(lines, R, True)
    assert check.ok
    assert check.period.lbf_share == D("0.75")
    assert list(check.years) == [2025, 2026]
    assert not check.years[2025].ok
    assert check.years[2026].ok
    assert check.years_in_breach == [2025]
    assert check.years[2025].local_needed == D("66666.67")


def test_the_period_is_the_sum_of_its_years():
    lines = [lbf("100", 2025), local("10", 2025), lbf("51", 2026), local("40", 2026)]
    check = budget_check(lines, R, True)
    assert check.period.lbf_amount == D("151.00")
    assert check.period.local_amount == D("50.00")
    assert not check.ok
    assert check.years_in_breach == [2025]


def test_no_lines_is_ok_with_zero_total():
    check = budget_check([], R, None)
    assert check.ok
    assert check.period.total == D("0")
    assert check.years == {}


def test_lbf_marked_in_kind_is_still_lbf():
    check = budget_check([LineFacts(2025, "lbf", True, D("100"))], R, False)
    assert check.period.lbf_amount == D("100.00")
    assert not check.ok


def test_negative_amount_is_refused():
    with pytest.raises(ValueError, match="negative"):
        budget_check([lbf("-1")], R, True)


def test_only_lbf_money():
    # A third of LBF's money is needed locally, or LBF pays a quarter less at the same total.
    check = budget_check([lbf("300000")], R, True)
    assert check.period.over_points == D("25")
    assert check.period.local_needed == D("100000.00")
    assert check.period.lbf_excess == D("75000.00")


def test_another_rounds_shares():
    rules = RoundRules("x", 2030, 2033, 4, D("0.60"), D("0.40"))
    check = budget_check([lbf("610"), local("390")], rules, True)
    assert not check.ok
    assert check.period.over_points == D("1.0")
    assert check.period.local_needed == D("16.67")
    assert check.period.lbf_excess == D("10.00")


@given(
    lbf_ore=st.integers(min_value=0, max_value=10**11),
    local_ore=st.integers(min_value=0, max_value=10**11),
)
def test_local_needed_is_the_least_that_mends_the_breach(lbf_ore, local_ore):
    lbf_amount, local_amount = D(lbf_ore) / 100, D(local_ore) / 100
    period = budget_check([lbf(str(lbf_amount)), local(str(local_amount))], R, True).period
    if period.ok:
        assert period.local_needed == 0
        return
    needed = period.local_needed
    assert check_cofinancing(lbf_amount=lbf_amount, local_amount=local_amount + needed, rules=R).ok
    assert not check_cofinancing(
        lbf_amount=lbf_amount, local_amount=local_amount + needed - D("0.01"), rules=R
    ).ok
    excess = period.lbf_excess
    assert check_cofinancing(
        lbf_amount=lbf_amount - excess, local_amount=local_amount + excess, rules=R
    ).ok
    assert not check_cofinancing(
        lbf_amount=lbf_amount - excess + D("0.01"),
        local_amount=local_amount + excess - D("0.01"),
        rules=R,
    ).ok
