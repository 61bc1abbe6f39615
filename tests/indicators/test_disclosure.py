from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligsocial.indicators.rules import Figure, disclose, is_disclosive


@pytest.mark.parametrize(
    ("persons", "population", "hidden"),
    [
        (None, None, False),  # published figure, counts unknown
        (0, 1500, False),  # nobody: reveals no one
        (1, 1500, True),
        (4, 1500, True),
        (5, 1500, False),  # exactly the threshold is shown
        (None, 4, True),  # share of a population under 5
        (None, 5, False),
        (3, 3, True),
    ],
)
def test_disclosure_threshold_boundaries(persons, population, hidden):
    figure = Figure(Decimal("12.5"), persons, population)
    assert is_disclosive(figure, min_count=5) is hidden
    assert disclose(figure, min_count=5, analyst=False) == (None if hidden else Decimal("12.5"))
    assert disclose(figure, min_count=5, analyst=True) == Decimal("12.5")


@given(persons=st.integers(min_value=0, max_value=100), minimum=st.integers(1, 20))
def test_counts_below_the_threshold_never_reach_a_non_analyst(persons, minimum):
    shown = disclose(Figure(Decimal(persons), persons, None), min_count=minimum, analyst=False)
    assert shown is None or persons == 0 or persons >= minimum


@pytest.mark.parametrize(
    ("value", "hidden"), [("0", False), ("1", True), ("4", True), ("5", False), ("1200", False)]
)
def test_a_count_without_a_separate_person_count_is_its_own_count(value, hidden):
    figure = Figure(Decimal(value), is_count=True)
    assert is_disclosive(figure, min_count=5) is hidden


@pytest.mark.parametrize(
    ("persons", "population", "hidden"),
    [(98, 100, True), (95, 100, False), (7, 7, False), (6, 7, True), (96, 100, True)],
)
def test_a_share_that_reveals_the_few_it_does_not_count_is_suppressed(persons, population, hidden):
    assert is_disclosive(Figure(Decimal("1"), persons, population), min_count=5) is hidden
