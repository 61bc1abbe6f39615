"""The rule sets against the law's wording: every threshold, comparator and boundary."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligsocial.criteria.rules import (
    DESIGNATION_KEYS,
    RULE_SETS,
    Comparator,
    HistoryEntry,
    MarginUnit,
    MissingFigureError,
    NoRuleSetError,
    classify,
    get_rule_set,
    rule_set_for_year,
)
from boligsocial.criteria.rules.types import AreaFigures

from .helpers import figures

# The law, transcribed from shared/domain/README.md §5 (and, for the 2010 averages, decision
# 0102): (rule set, group, criterion, figure, comparator, threshold, margin unit, years averaged)
LAW = {
    ("2010", "ghetto", "outside_labour", "pct_outside_labour", ">", "40", "pp", 4),
    ("2010", "ghetto", "convicted", "pct_convicted", ">", "2.7", "pp", 4),
    ("2010", "ghetto", "non_western", "pct_non_western", ">", "50", "pp", 1),
    ("2014", "ghetto", "outside_labour", "pct_outside_labour", ">", "40", "pp", 2),
    ("2014", "ghetto", "convicted", "pct_convicted", ">", "2.7", "pp", 2),
    ("2014", "ghetto", "non_western", "pct_non_western", ">", "50", "pp", 1),
    ("2014", "ghetto", "basic_education", "pct_basic_education", ">", "50", "pp", 1),
    ("2014", "ghetto", "low_income", "income_pct_of_region", "<", "55", "ratio", 1),
    ("2018", "udsat", "outside_labour", "pct_outside_labour", ">", "40", "pp", 2),
    ("2018", "udsat", "convicted", "conviction_ratio", ">=", "3", "ratio", 2),
    ("2018", "udsat", "basic_education", "pct_basic_education", ">", "60", "pp", 1),
    ("2018", "udsat", "low_income", "income_pct_of_region", "<", "55", "ratio", 1),
    ("2018", "ghetto", "non_western", "pct_non_western", ">", "50", "pp", 1),
    ("2021", "udsat", "outside_labour", "pct_outside_labour", ">", "40", "pp", 2),
    ("2021", "udsat", "convicted", "conviction_ratio", ">=", "3", "ratio", 2),
    ("2021", "udsat", "basic_education", "pct_basic_education", ">", "60", "pp", 1),
    ("2021", "udsat", "low_income", "income_pct_of_region", "<", "55", "ratio", 1),
    ("2021", "parallelsamfund", "non_western", "pct_non_western", ">", "50", "pp", 1),
    ("2021", "forebyggelse", "outside_labour", "pct_outside_labour", ">", "30", "pp", 2),
    ("2021", "forebyggelse", "convicted", "conviction_ratio", ">=", "2", "ratio", 2),
    ("2021", "forebyggelse", "basic_education", "pct_basic_education", ">", "60", "pp", 1),
    ("2021", "forebyggelse", "low_income", "income_pct_of_region", "<", "65", "ratio", 1),
    ("2021", "forebyggelse_non_western", "non_western", "pct_non_western", ">", "30", "pp", 1),
}
# How many criteria of each group must be met.
MIN_MET = {
    ("2010", "ghetto"): 2,
    ("2014", "ghetto"): 3,
    ("2018", "udsat"): 2,
    ("2018", "ghetto"): 1,
    ("2021", "udsat"): 2,
    ("2021", "parallelsamfund"): 1,
    ("2021", "forebyggelse"): 2,
    ("2021", "forebyggelse_non_western"): 1,
}
# Met at / just above / just below the threshold, per the law's words.
EXPECTED = {
    ">": {"at": False, "above": True, "below": False},  # overstiger
    ">=": {"at": True, "above": True, "below": False},  # mindst
    "<": {"at": False, "above": False, "below": True},  # mindre end
}
STEP = Decimal("0.01")


def test_the_rule_sets_are_exactly_the_law():
    data = {
        (
            r.code,
            g.key,
            c.key,
            c.field,
            str(c.comparator),
            str(c.threshold),
            str(c.margin_unit),
            c.years_averaged,
        )
        for r in RULE_SETS
        for g in r.groups
        for c in g.criteria
    }
    assert data == LAW
    assert {(r.code, g.key): g.min_met for r in RULE_SETS for g in r.groups} == MIN_MET
    assert {r.code: r.min_residents for r in RULE_SETS} == {
        "2010": 1000,
        "2014": 1000,
        "2018": 1000,
        "2021": 1000,
    }


@pytest.mark.parametrize(
    ("year", "code"),
    [
        (2010, "2010"),
        (2013, "2010"),
        (2014, "2014"),
        (2017, "2014"),
        (2018, "2018"),
        (2020, "2018"),
        (2021, "2021"),
        (2035, "2021"),
    ],
)
def test_rule_set_in_force_by_list_year(year, code):
    assert rule_set_for_year(year).code == code


def test_no_rule_set_before_the_first_list():
    with pytest.raises(NoRuleSetError, match="no rule set for the list of 2009"):
        rule_set_for_year(2009)
    with pytest.raises(NoRuleSetError, match="unknown rule set '2019'"):
        get_rule_set("2019")


def test_validity_periods_are_contiguous_and_do_not_overlap():
    for earlier, later in itertools.pairwise(RULE_SETS):
        assert earlier.last_list_year is not None
        assert later.first_list_year == earlier.last_list_year + 1
    assert RULE_SETS[-1].last_list_year is None


@pytest.mark.parametrize(
    "law", sorted(LAW), ids=lambda law: f"{law[0]}-{law[1]}-{law[2]}{law[4]}{law[5]}"
)
@pytest.mark.parametrize("where", ["at", "above", "below"])
def test_every_threshold_boundary(law, where):
    code, group, key, field, comparator, threshold, unit, _ = law
    value = Decimal(threshold) + {"at": 0, "above": STEP, "below": -STEP}[where]
    result = classify(figures(**{field: value}), get_rule_set(code))
    [criterion] = [c for c in result.criteria if c.group == group and c.key == key]
    assert criterion.value == value
    assert criterion.threshold == Decimal(threshold)
    assert str(criterion.comparator) == comparator
    assert criterion.met is EXPECTED[comparator][where]
    # The margin is the distance in points for a share, the value as a multiple of the
    # threshold for a ratio: at the threshold 0 or 1, above it more, below it less.
    if unit == "pp":
        assert criterion.margin == {"at": 0, "above": STEP, "below": -STEP}[where]
    else:
        one = Decimal(1)
        assert {"at": criterion.margin == one, "above": criterion.margin > one,
                "below": criterion.margin < one}[where]  # fmt: skip


def _meeting(code: str, group: str, n: int) -> dict[str, Decimal]:
    """Figures meeting exactly the first n criteria of a group (by a wide margin)."""
    values: dict[str, Decimal] = {}
    criteria = [law for law in sorted(LAW) if law[0] == code and law[1] == group]
    for _, _, _, field, comparator, threshold, _, _ in criteria[:n]:
        values[field] = Decimal(threshold) + (-5 if comparator == "<" else 5) * (
            Decimal("0.1") if field == "pct_convicted" else 1
        )
    return values


@pytest.mark.parametrize(
    ("code", "designation", "group", "min_met", "extra"),
    [
        ("2010", "ghetto", "ghetto", 2, {}),
        ("2014", "ghetto", "ghetto", 3, {}),
        ("2018", "udsat", "udsat", 2, {}),
        ("2018", "ghetto", "udsat", 2, {"pct_non_western": 60}),
        ("2021", "udsat", "udsat", 2, {}),
        ("2021", "parallelsamfund", "udsat", 2, {"pct_non_western": 60}),
        ("2021", "forebyggelse", "forebyggelse", 2, {"pct_non_western": 40}),
    ],
)
def test_designation_needs_the_minimum_number_of_criteria(code, designation, group, min_met, extra):
    rule_set = get_rule_set(code)
    year = rule_set.first_list_year
    enough = figures(year=year, **extra, **_meeting(code, group, min_met))
    too_few = figures(year=year, **extra, **_meeting(code, group, min_met - 1))
    assert classify(enough, rule_set).designations[designation] is True
    assert classify(too_few, rule_set).designations[designation] is False


@pytest.mark.parametrize(
    ("code", "designation", "extra"),
    [
        ("2010", "ghetto", {}),
        ("2014", "ghetto", {}),
        ("2018", "udsat", {"pct_non_western": 60}),
        ("2018", "ghetto", {"pct_non_western": 60}),
        ("2021", "udsat", {"pct_non_western": 60}),
        ("2021", "parallelsamfund", {"pct_non_western": 60}),
        ("2021", "forebyggelse", {"pct_non_western": 60}),
    ],
)
@pytest.mark.parametrize(("residents", "held"), [(999, False), (1000, True), (1001, True)])
def test_every_designation_needs_1000_residents(code, designation, extra, residents, held):
    rule_set = get_rule_set(code)
    group = rule_set.primary_group if designation != "forebyggelse" else "forebyggelse"
    values = {**_meeting(code, group, 5), **extra}
    result = classify(figures(year=rule_set.first_list_year, residents=residents, **values),
                      rule_set)  # fmt: skip
    assert result.designations[designation] is held
    assert result.meets_residents_floor is held
    assert all(c.met for c in result.criteria if c.group == group)  # the figures still count


@pytest.mark.parametrize(
    ("code", "defined"),
    [
        ("2010", {"ghetto"}),
        ("2014", {"ghetto"}),
        ("2018", {"udsat", "ghetto", "haardt_ghetto"}),
        ("2021", {"udsat", "parallelsamfund", "omdannelse", "forebyggelse"}),
    ],
)
def test_designations_a_rule_set_does_not_define_are_none(code, defined):
    result = classify(figures(year=get_rule_set(code).first_list_year), get_rule_set(code))
    assert {k for k, v in result.designations.items() if v is not None} == defined
    assert set(result.designations) == set(DESIGNATION_KEYS)


@pytest.mark.parametrize(("non_western", "ghetto"), [("50", False), ("50.01", True)])
def test_2018_ghetto_is_udsat_with_non_western_over_50(non_western, ghetto):
    result = classify(
        figures(year=2019, pct_outside_labour=45, conviction_ratio=3, pct_non_western=non_western),
        get_rule_set("2018"),
    )
    assert result.designations["udsat"] is True
    assert result.designations["ghetto"] is ghetto


def test_2018_ghetto_needs_udsat_even_with_non_western_over_50():
    result = classify(figures(year=2019, pct_outside_labour=45, pct_non_western=90),
                      get_rule_set("2018"))  # fmt: skip
    assert result.n_criteria_met == 1
    assert result.designations == {
        "ghetto": False,
        "haardt_ghetto": False,
        "udsat": False,
        "parallelsamfund": None,
        "omdannelse": None,
        "forebyggelse": None,
    }


def test_2021_forebyggelse_has_its_own_thresholds():
    # 35 % outside (over 30, not over 40), income 60 % (under 65, not under 55), 35 % non-Western.
    result = classify(
        figures(pct_outside_labour=35, income_pct_of_region=60, pct_non_western=35),
        get_rule_set("2021"),
    )
    assert result.n_criteria_met == 0
    assert result.designations["udsat"] is False
    assert result.designations["parallelsamfund"] is False
    assert result.designations["forebyggelse"] is True
    at_30 = classify(
        figures(pct_outside_labour=35, income_pct_of_region=60, pct_non_western=30),
        get_rule_set("2021"),
    )
    assert at_30.designations["forebyggelse"] is False


def _history(designation, years, value=True, source="computed"):
    return [HistoryEntry(y, designation, value, source) for y in years]


GHETTO_2018 = {"pct_outside_labour": 45, "conviction_ratio": 3.5, "pct_non_western": 60}


@pytest.mark.parametrize(
    ("year", "earlier", "held"),
    [
        (2018, range(2014, 2018), True),  # 5 lists for 2018–2020 (transition rule)
        (2018, range(2015, 2018), False),
        (2020, range(2016, 2020), True),
        (2020, range(2017, 2020), False),
        (2021, range(2018, 2021), True),  # rule set 2018 forced on 2021: the law's 4 lists
        (2021, range(2019, 2021), False),
    ],
)
def test_haardt_ghetto_counts_the_last_lists(year, earlier, held):
    result = classify(
        figures(year=year, **GHETTO_2018),
        get_rule_set("2018"),
        history=_history("ghetto", earlier),
    )
    assert result.designations["ghetto"] is True
    assert result.designations["haardt_ghetto"] is held
    assert result.streaks["haardt_ghetto"].years_required == (5 if year <= 2020 else 4)


def test_haardt_ghetto_needs_ghetto_this_year():
    result = classify(
        figures(year=2018, pct_outside_labour=45, conviction_ratio=3.5, pct_non_western=50),
        get_rule_set("2018"),
        history=_history("ghetto", range(2014, 2018)),
    )
    assert result.designations["haardt_ghetto"] is False


def test_omdannelse_counts_ghetto_years_under_older_rules_as_parallelsamfund_years():
    history = _history("ghetto", [2017, 2018, 2019, 2020])  # 2017 under 2014, 2018–20 under 2018
    result = classify(figures(year=2021, **GHETTO_2018), get_rule_set("2021"), history=history)
    assert result.designations["parallelsamfund"] is True
    assert result.designations["omdannelse"] is True
    streak = result.streaks["omdannelse"]
    assert (streak.years_required, streak.confirmed, streak.missing) == (
        5,
        (2017, 2018, 2019, 2020),
        (),
    )


def test_omdannelse_with_a_year_missing_or_denied():
    history = [
        *_history("parallelsamfund", [2022, 2024]),
        *_history("parallelsamfund", [2023], value=False),
    ]
    result = classify(figures(year=2025, **GHETTO_2018), get_rule_set("2021"), history=history)
    assert result.designations["omdannelse"] is False
    streak = result.streaks["omdannelse"]
    assert (streak.confirmed, streak.denied, streak.missing) == ((2022, 2024), (2023,), (2021,))
    assert (
        "Omdannelsesområde kræver ghettoområde eller parallelsamfund på hver af de seneste 5 "
        "lister (2021–2025): bekræftet for 2022, 2024, ikke opfyldt i 2023, ingen oplysninger "
        "om 2021."
    ) in result.explanation


def test_official_history_wins_over_computed_for_the_same_year():
    years = [2021, 2022, 2023, 2024]
    computed = _history("parallelsamfund", years)
    official_no = _history("parallelsamfund", [2022], value=False, source="official")
    result = classify(figures(year=2025, **GHETTO_2018), get_rule_set("2021"),
                      history=computed + official_no)  # fmt: skip
    assert result.designations["omdannelse"] is False
    assert result.streaks["omdannelse"].denied == (2022,)

    computed_no = _history("parallelsamfund", [2022], value=False)
    official_yes = _history("parallelsamfund", [2022], source="official")
    others = _history("parallelsamfund", [2021, 2023, 2024])
    result = classify(figures(year=2025, **GHETTO_2018), get_rule_set("2021"),
                      history=others + computed_no + official_yes)  # fmt: skip
    assert result.designations["omdannelse"] is True


def test_missing_figure_is_an_error():
    bare = AreaFigures("Testområde", "Aarhus", 2014, 2000, pct_outside_labour=Decimal(50))
    with pytest.raises(MissingFigureError) as raised:
        classify(bare, get_rule_set("2014"))
    assert raised.value.field == "pct_convicted"


def test_explanation_and_at_risk():
    result = classify(
        figures(year=2012, pct_outside_labour="55.0", pct_non_western="44.8", pct_convicted="2.64"),
        get_rule_set("2010"),
    )
    assert result.explanation == (
        "Opfylder 1 af 3 kriterier: andelen af 18–64-årige uden for arbejdsmarked og uddannelse "
        "er 55 % (overstiger 40 %). Opfylder ikke: andelen af dømte blandt beboere på 18 år og "
        "derover er 2,64 % (skal overstige 2,7 %); andelen af indvandrere og efterkommere fra "
        "ikke-vestlige lande er 44,8 % (skal overstige 50 %). Ghettoområde kræver mindst 2 af 3. "
        "Ingen betegnelse. Tæt på grænsen (inden for 10 % af tærsklen): andelen af dømte blandt "
        "beboere på 18 år og derover er 2,64 % (skal overstige 2,7 %)."
    )
    assert [(c.key, c.met) for c in result.at_risk] == [("convicted", False)]


def test_explanation_shows_more_decimals_when_rounding_would_hide_the_comparison():
    result = classify(figures(year=2012, pct_outside_labour="40.001"), get_rule_set("2010"))
    assert "er 40,001 % (overstiger 40 %)" in result.explanation


def test_at_risk_margin_is_configurable_and_relative_to_the_threshold():
    rule_set = get_rule_set("2018")
    values = {"pct_outside_labour": 37, "conviction_ratio": "2.8", "income_pct_of_region": 50}
    default = classify(figures(year=2019, **values), rule_set)
    assert [(c.key, c.margin) for c in default.at_risk] == [
        ("outside_labour", Decimal(-3)),  # 3 pp under 40: within 4 pp (10 %)
        ("convicted", Decimal("0.9333")),  # ratio 2.8 / 3
        ("low_income", Decimal("0.9091")),  # 50 / 55: within 5.5
    ]
    narrow = classify(figures(year=2019, **values), rule_set, risk_margin=Decimal("0.05"))
    assert [c.key for c in narrow.at_risk] == []


figure_values = st.decimals(min_value=0, max_value=100, places=2)


@given(
    outside=figure_values,
    non_western=figure_values,
    convicted=st.decimals(min_value=0, max_value=10, places=2),
    ratio=st.decimals(min_value=0, max_value=8, places=2),
    basic=figure_values,
    income=st.decimals(min_value=0, max_value=200, places=2),
    residents=st.integers(min_value=0, max_value=20000),
    code=st.sampled_from(["2010", "2014", "2018", "2021"]),
)
def test_properties_of_every_classification(
    outside, non_western, convicted, ratio, basic, income, residents, code
):
    rule_set = get_rule_set(code)
    area = AreaFigures(
        "Testområde",
        "Aarhus",
        rule_set.first_list_year,
        residents,
        pct_outside_labour=outside,
        pct_non_western=non_western,
        pct_convicted=convicted,
        conviction_ratio=ratio,
        pct_basic_education=basic,
        income_pct_of_region=income,
    )
    result = classify(area, rule_set)
    primary = [c for c in result.criteria if c.group == rule_set.primary_group]
    assert result.criteria_met == tuple(c.key for c in primary if c.met)
    assert result.explanation.startswith(
        f"Opfylder {result.n_criteria_met} af {result.n_criteria} kriterier"
    )
    for c in result.criteria:
        # The margin says on which side of the threshold the figure is, in either unit.
        neutral = Decimal(0) if c.margin_unit is MarginUnit.POINTS else Decimal(1)
        above = c.value > c.threshold
        assert (c.margin > neutral) is above or c.margin == neutral
        # "mindre end" is met below the threshold, "overstiger" above it, "mindst" at it too.
        if c.value != c.threshold:
            assert c.met is (above if c.comparator is not Comparator.LT else not above)
    held = {k for k, v in result.designations.items() if v}
    if residents < 1000:
        assert held == set()
    # The designations nest as the law builds them.
    assert not ({"ghetto", "parallelsamfund"} & held) or "udsat" in held or code < "2018"
    assert "haardt_ghetto" not in held  # no history given
    assert "omdannelse" not in held
    if code in {"2010", "2014"}:
        assert ("ghetto" in held) is (
            residents >= 1000 and result.n_criteria_met >= MIN_MET[(code, "ghetto")]
        )


@given(value=st.decimals(min_value=0, max_value=100, places=3), bump=st.decimals(0, 10, places=3))
def test_raising_a_share_never_unmeets_an_over_criterion(value, bump):
    rule_set = get_rule_set("2014")
    low = classify(figures(year=2015, pct_basic_education=value), rule_set)
    high = classify(figures(year=2015, pct_basic_education=min(value + bump, 100)), rule_set)
    assert high.n_criteria_met >= low.n_criteria_met


@pytest.mark.parametrize("rule_set", RULE_SETS, ids=lambda r: r.code)
def test_crossing_one_threshold_meets_exactly_that_criterion(rule_set):
    """From figures far from every threshold (the helper's defaults), moving one figure across
    one criterion's threshold meets that criterion and no other reading a different figure."""
    year = rule_set.first_list_year
    assert [c.key for c in classify(figures(year=year), rule_set).criteria if c.met] == []
    for group in rule_set.groups:
        for criterion in group.criteria:
            step = STEP if criterion.comparator is not Comparator.LT else -STEP
            value = criterion.threshold + step
            result = classify(figures(year=year, **{criterion.field: value}), rule_set)
            met = {(c.group, c.key) for c in result.criteria if c.met}
            assert (group.key, criterion.key) in met
            assert all(c.field == criterion.field for c in result.criteria if c.met), (
                f"{criterion.field}={value} met another figure's criterion"
            )


def test_a_harder_list_implies_the_list_it_is_part_of():
    from boligsocial.criteria.rules import HistoryEntry, history_status

    only_hard = [HistoryEntry(2019, "haardt_ghetto", True, "official")]
    assert history_status(only_hard, 2019, ("ghetto", "parallelsamfund")) is True
    left_hard = [HistoryEntry(2019, "haardt_ghetto", False, "official")]
    assert history_status(left_hard, 2019, ("ghetto", "parallelsamfund")) is None
    both = [HistoryEntry(2019, "ghetto", False, "official"), *only_hard]
    assert history_status(both, 2019, ("ghetto",)) is True
