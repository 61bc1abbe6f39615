"""The words of a breach, in Danish and English number formats."""

from decimal import Decimal

import pytest
from django.utils import translation

from boligsocial.budgets.rules import LineFacts, budget_check
from boligsocial.budgets.wording import breach_text, format_kr, in_kind_text, year_warning_text
from boligsocial.funding.rules import RoundRules

R = RoundRules("2019–26", 2019, 2026, 4, Decimal("0.75"), Decimal("0.25"))


def check(lbf: str, local: str, in_kind: str = "0", counts: bool | None = True):
    lines = [
        LineFacts(2025, "lbf", False, Decimal(lbf)),
        LineFacts(2025, "municipality", False, Decimal(local)),
        LineFacts(2025, "afdeling", True, Decimal(in_kind)),
    ]
    return budget_check(lines, R, counts)


def test_breach_in_danish():
    with translation.override("da"):
        assert breach_text(check("1548000", "452000")) == (
            "LBF's andel er 77,4 %, 2,4 procentpoint over det højeste; der mangler "
            "64.000,00 kr. i lokal medfinansiering"
        )


def test_breach_in_english():
    with translation.override("en"):
        assert breach_text(check("1548000", "452000").period) == (
            "LBF's share is 77.4 %, 2.4 pct.-point over the maximum; 64,000.00 kr. more local "
            "money is needed"
        )


def test_no_breach_no_words():
    assert breach_text(check("750000", "250000")) == ""


def test_one_ore_over_is_never_shown_as_zero_points():
    with translation.override("da"):
        text = breach_text(check("750000.01", "250000"))
    assert text == (
        "LBF's andel er 75,0000002 %, 0,0000002 procentpoint over det højeste; der mangler "
        "0,01 kr. i lokal medfinansiering"
    )


def test_year_warning():
    with translation.override("da"):
        budget = check("800000", "200000")
        assert year_warning_text(2025, budget.years[2025]).startswith("2025: LBF's andel er 80,0 %")
        assert year_warning_text(2025, check("1", "1").years[2025]) == ""


@pytest.mark.parametrize(
    ("counts", "text"),
    [
        (True, "100.000,00 kr. i naturalier tæller som lokal medfinansiering."),
        (
            False,
            "Naturalier tæller ikke som medfinansiering i denne pulje: 100.000,00 kr. i "
            "naturalier er holdt uden for beregningen.",
        ),
        (
            None,
            "Det vides ikke, om naturalier tæller som medfinansiering i denne pulje: "
            "100.000,00 kr. i naturalier er holdt uden for beregningen.",
        ),
    ],
)
def test_in_kind_words(counts, text):
    with translation.override("da"):
        assert in_kind_text(check("750000", "150000", "100000", counts)) == text
    assert in_kind_text(check("750000", "250000")) == ""


def test_format_kr():
    with translation.override("da"):
        assert format_kr(Decimal("1234567.5")) == "1.234.567,50 kr."
