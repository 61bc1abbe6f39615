"""The law as data: every criterion carries its citation, population, unit and averaging; a
rule set checks itself when built; designations derive what they imply from `requires`."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from boligsocial.criteria.populations import PopulationError, figure_populations
from boligsocial.criteria.rules import (
    RULE_SETS,
    Averaging,
    HistoryEntry,
    Population,
    RuleSetError,
    Unit,
    get_rule_set,
    history_status,
)
from boligsocial.criteria.rules.consistency import check_rule_sets

# The law's place of each criterion: (rule set, group, criterion) → citation, from the acts
# (docs/decisions/0100, 0102).
CITATIONS = {
    ("2010", "ghetto", "non_western"): "almenboligloven § 61 a, stk. 1, nr. 1",
    ("2010", "ghetto", "outside_labour"): "almenboligloven § 61 a, stk. 1, nr. 2",
    ("2010", "ghetto", "convicted"): "almenboligloven § 61 a, stk. 1, nr. 3",
    ("2014", "ghetto", "non_western"): "almenboligloven § 61 a, stk. 1, nr. 1",
    ("2014", "ghetto", "outside_labour"): "almenboligloven § 61 a, stk. 1, nr. 2",
    ("2014", "ghetto", "convicted"): "almenboligloven § 61 a, stk. 1, nr. 3",
    ("2014", "ghetto", "basic_education"): "almenboligloven § 61 a, stk. 1, nr. 4",
    ("2014", "ghetto", "low_income"): "almenboligloven § 61 a, stk. 1, nr. 5",
    ("2018", "udsat", "outside_labour"): "almenboligloven § 61 a, stk. 1, nr. 1",
    ("2018", "udsat", "convicted"): "almenboligloven § 61 a, stk. 1, nr. 2",
    ("2018", "udsat", "basic_education"): "almenboligloven § 61 a, stk. 1, nr. 3",
    ("2018", "udsat", "low_income"): "almenboligloven § 61 a, stk. 1, nr. 4",
    ("2018", "ghetto", "non_western"): "almenboligloven § 61 a, stk. 2",
    ("2021", "udsat", "outside_labour"): "almenboligloven § 61 a, stk. 1, nr. 1",
    ("2021", "udsat", "convicted"): "almenboligloven § 61 a, stk. 1, nr. 2",
    ("2021", "udsat", "basic_education"): "almenboligloven § 61 a, stk. 1, nr. 3",
    ("2021", "udsat", "low_income"): "almenboligloven § 61 a, stk. 1, nr. 4",
    ("2021", "parallelsamfund", "non_western"): "almenboligloven § 61 a, stk. 2",
    ("2021", "forebyggelse", "outside_labour"): "almenboligloven § 61 b, nr. 1",
    ("2021", "forebyggelse", "convicted"): "almenboligloven § 61 b, nr. 2",
    ("2021", "forebyggelse", "basic_education"): "almenboligloven § 61 b, nr. 3",
    ("2021", "forebyggelse", "low_income"): "almenboligloven § 61 b, nr. 4",
    ("2021", "forebyggelse_non_western", "non_western"): "almenboligloven § 61 b",
}
# Whom each figure counts (the domain brief §5): age band, students left out, unknown
# education as grundskole.
POPULATIONS = {
    "pct_outside_labour": ((18, 64), False, False),
    "pct_convicted": ((18, None), False, False),
    "conviction_ratio": ((18, None), False, False),
    "pct_non_western": ((0, None), False, False),
    "pct_basic_education": ((30, 59), False, True),
    "income_pct_of_region": ((15, 64), True, False),
}
UNITS = {
    "pct_outside_labour": Unit.PERCENT,
    "pct_convicted": Unit.PERCENT,
    "pct_non_western": Unit.PERCENT,
    "pct_basic_education": Unit.PERCENT,
    "conviction_ratio": Unit.TIMES_NATIONAL_AVERAGE,
    "income_pct_of_region": Unit.PERCENT_OF_REGIONAL_AVERAGE,
}


def test_every_criterion_cites_its_place_in_the_law():
    found = {
        (r.code, g.key, c.key): str(c.citation).split(" (")[0]
        for r in RULE_SETS
        for g in r.groups
        for c in g.criteria
    }
    assert found == CITATIONS


def test_each_rule_set_names_the_act_its_criteria_cite():
    for rule_set in RULE_SETS:
        acts = set(rule_set.acts)
        assert {c.citation.act for c in rule_set.criteria} <= acts, rule_set.code
        assert {d.citation.act for d in rule_set.designations} <= acts, rule_set.code
    assert str(get_rule_set("2021").designation("forebyggelse").citation) == (
        "almenboligloven § 61 b (LBK nr. 1171 af 11. november 2024)"
    )
    assert str(get_rule_set("2010").criteria[0].citation).endswith(
        "(lov nr. 123 af 23. februar 2011)"
    )


def test_every_criterion_counts_the_population_and_unit_of_the_law():
    for rule_set in RULE_SETS:
        for c in rule_set.criteria:
            p = c.population
            assert (p.age_band, p.excludes_students, p.unknown_education_is_basic) == (
                POPULATIONS[c.field]
            ), (rule_set.code, c.key)
            assert c.unit is UNITS[c.field]
            assert c.comparator.words in c.words  # "overstiger", "mindst", "mindre end"


def test_the_2010_and_2014_averages_differ_as_the_acts_say():
    averaged = {
        r.code: {c.key: c.averaging.years for c in r.criteria if c.averaging.years > 1}
        for r in RULE_SETS
    }
    assert averaged == {
        "2010": {"outside_labour": 4, "convicted": 4},
        "2014": {"outside_labour": 2, "convicted": 2},
        "2018": {"outside_labour": 2, "convicted": 2},
        "2021": {"outside_labour": 2, "convicted": 2},
    }
    assert str(get_rule_set("2010").criteria[0].averaging) == "gennemsnit over de seneste 4 år"


RULES_2018 = get_rule_set("2018")
RULES_2021 = get_rule_set("2021")
UDSAT, GHETTO, HARD = RULES_2018.designations


def _criterion(group: int = 0, index: int = 0):
    return RULES_2018.groups[group].criteria[index]


def _with_criterion(criterion, group: int = 0, index: int = 0):
    """RULES_2018 with one criterion of one group replaced."""
    groups = list(RULES_2018.groups)
    criteria = list(groups[group].criteria)
    criteria[index] = criterion
    groups[group] = replace(groups[group], criteria=tuple(criteria))
    return replace(RULES_2018, groups=tuple(groups))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda: replace(RULES_2018, designations=(GHETTO, UDSAT, HARD)),
            "designation 'ghetto' requires 'udsat', which is not declared before it",
        ),
        (
            lambda: replace(RULES_2018, designations=(UDSAT, replace(GHETTO, groups=("nope",)))),
            "designation 'ghetto' refers to group 'nope', which is not declared",
        ),
        (
            lambda: replace(RULES_2018, designations=(UDSAT, HARD)),
            "designation 'haardt_ghetto' requires 'ghetto', which is not declared before it",
        ),
        (
            lambda: replace(RULES_2018, designations=(UDSAT,)),
            "group 'ghetto' is used by no designation",
        ),
        (
            lambda: replace(RULES_2018, primary_group="ghettoområde"),
            "the primary group 'ghettoområde' is not declared",
        ),
        (
            lambda: replace(
                RULES_2018, groups=(replace(RULES_2018.groups[0], min_met=5), RULES_2018.groups[1])
            ),
            "group 'udsat' requires 5 of 4 criteria",
        ),
        (
            lambda: _with_criterion(replace(_criterion(0, 1), unit=Unit.PERCENT), 0, 1),
            "criterion 'convicted' of group 'udsat' reads conviction_ratio, which is in "
            "times_national_average, but is declared in percent",
        ),
        (
            lambda: _with_criterion(replace(_criterion(), threshold=Decimal(140))),
            "criterion 'outside_labour' of group 'udsat' has threshold 140, outside 0–100 percent",
        ),
        (
            lambda: _with_criterion(replace(_criterion(), threshold=Decimal(0))),
            "has threshold 0, outside 0–100 percent",
        ),
        (
            lambda: _with_criterion(
                replace(_criterion(0, 3), comparator=_criterion().comparator), 0, 3
            ),
            "criterion 'low_income' of group 'udsat' compares with '>', but its words do not "
            "say 'overstiger'",
        ),
        (
            lambda: replace(RULES_2018, last_list_year=2017),
            "valid for the lists of 2018–2017",
        ),
        (
            lambda: replace(RULES_2018, min_residents=0),
            "a floor of 0 residents",
        ),
    ],
    ids=[
        "designations-out-of-order",
        "unknown-group",
        "required-designation-missing",
        "unused-group",
        "unknown-primary-group",
        "min-met-over-count",
        "unit-of-the-figure",
        "threshold-over-100-percent",
        "threshold-zero",
        "comparator-not-in-the-words",
        "years-backwards",
        "no-residents-floor",
    ],
)
def test_an_inconsistent_rule_set_is_refused_when_built(change, message):
    with pytest.raises(RuleSetError) as raised:
        change()
    assert raised.value.code == "2018"
    assert message in str(raised.value)


def test_one_figure_is_averaged_one_way_within_a_rule_set():
    forebyggelse = RULES_2021.groups[2]
    labour = replace(forebyggelse.criteria[0], averaging=Averaging(years=3))
    groups = list(RULES_2021.groups)
    groups[2] = replace(forebyggelse, criteria=(labour, *forebyggelse.criteria[1:]))
    with pytest.raises(
        RuleSetError, match="pct_outside_labour is read with 2 different averagings"
    ):
        replace(RULES_2021, groups=tuple(groups))


def test_the_rule_sets_follow_each_other_without_a_gap():
    check_rule_sets(RULE_SETS)
    rules_2010, rules_2014, *_ = RULE_SETS
    with pytest.raises(RuleSetError, match="'2014': starts with the list of 2014, but '2010' "
                       "ends with 2012"):  # fmt: skip
        check_rule_sets([replace(rules_2010, last_list_year=2012), rules_2014])
    with pytest.raises(RuleSetError, match="the code is used twice"):
        check_rule_sets([rules_2010, replace(rules_2014, code="2010")])


def test_the_microdata_pipeline_refuses_populations_it_cannot_count():
    rules_2014 = get_rule_set("2014")
    ghetto = rules_2014.groups[0]
    wider = Population(words="beboere i alderen 16-64 år", min_age=16, max_age=64)
    criteria = list(ghetto.criteria)
    criteria[0] = replace(criteria[0], population=wider)
    other = replace(rules_2014, groups=(replace(ghetto, criteria=tuple(criteria)),))
    with pytest.raises(PopulationError, match="counts pct_outside_labour among 'beboere i "
                       "alderen 16-64 år', another rule set"):  # fmt: skip
        figure_populations([*RULE_SETS, other])
    criteria = list(ghetto.criteria)
    strict = replace(criteria[3].population, unknown_education_is_basic=False)
    criteria[3] = replace(criteria[3], population=strict)
    alone = replace(rules_2014, groups=(replace(ghetto, criteria=tuple(criteria)),))
    with pytest.raises(PopulationError, match="counts unknown education as grundskole"):
        figure_populations([alone])


def test_designations_imply_what_they_require():
    assert RULES_2018.implied("haardt_ghetto") == ("ghetto", "udsat")
    assert RULES_2021.implied("omdannelse") == ("parallelsamfund", "udsat")
    assert RULES_2021.implied("forebyggelse") == ()
    # An official omdannelsesområde in 2022 was a parallelsamfund that year, as § 61 a, stk. 4
    # requires, even when only the harder list was stored.
    only_hard = [HistoryEntry(2022, "omdannelse", True, "official")]
    assert history_status(only_hard, 2022, ("parallelsamfund",)) is True
    assert history_status(only_hard, 2022, ("forebyggelse",)) is None
    # A designation the law of that year does not define implies nothing.
    stray = [HistoryEntry(2022, "haardt_ghetto", True, "official")]
    assert history_status(stray, 2022, ("ghetto", "parallelsamfund")) is None
