from __future__ import annotations

from datetime import date

import pytest

from boligsocial.funding.selectors import current_fund_round, fund_round_list

pytestmark = pytest.mark.django_db


def test_the_current_fund_round_is_the_one_whose_years_hold_the_date():
    rounds = list(fund_round_list())
    assert current_fund_round(rounds, on=date(2011, 1, 1)).code == "2011–14"
    assert current_fund_round(rounds, on=date(2014, 12, 31)).code == "2011–14"
    assert current_fund_round(rounds, on=date(2015, 1, 1)).code == "2015–18"
    assert current_fund_round(rounds, on=date(2026, 12, 31)).code == "2019–26"


def test_after_the_last_round_the_latest_is_current_and_without_rounds_none():
    rounds = list(fund_round_list())
    assert current_fund_round(rounds, on=date(2031, 6, 1)).code == "2019–26"
    assert current_fund_round([], on=date(2026, 1, 1)) is None
