"""Computed versus official status: the three real published lists reproduced with exactly one
disagreement (Ringparken, Slagelse 2012), each year under the rule set in force, history from
the official lists and earlier computed years, every kind of disagreement with its reason,
disclosure control of what a reader sees, and a fixed number of queries for many areas."""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from django.test.utils import override_settings
from django.utils import translation
from tests.factories import AreaFactory, municipality

import boligsocial.demo
from boligsocial.criteria.assessment import Disagreement, OfficialStatus
from boligsocial.criteria.rules import FIGURE_FIELDS
from boligsocial.indicators.assessment import (
    AreaAssessment,
    ListEntry,
    assess_area,
    years_of_history,
)
from boligsocial.indicators.models import Indicator, IndicatorValue, OfficialListEntry
from boligsocial.indicators.reasons import closest, disagreement_reason, relative_distance
from boligsocial.indicators.redaction import redacted_explanation, shown_year
from boligsocial.indicators.rules import Figure
from boligsocial.indicators.selectors import area_assessments, area_overview, known_lists

LISTS_DIR = Path(boligsocial.demo.__file__).parent / "data" / "official_lists"
KEYS = ("residents", *FIGURE_FIELDS)


def _figures(**values: object) -> dict[str, Figure]:
    return {k: Figure(Decimal(str(v))) for k, v in values.items()}


def _assess(figures_by_year, entries=(), known_lists=(), name="Testparken") -> AreaAssessment:
    return assess_area(
        area_id=1,
        name=name,
        slug="testparken",
        municipality="Aarhus",
        figures_by_year=figures_by_year,
        entries=entries,
        known_lists=known_lists,
    )


def _published_lists() -> list[AreaAssessment]:
    """Every area on the published lists 2010–2012, read straight from the CSV files."""
    figures: dict[tuple[str, str], dict[int, dict[str, Figure]]] = defaultdict(dict)
    entries: dict[tuple[str, str], list[ListEntry]] = defaultdict(list)
    known: set[tuple[int, str]] = set()
    for path in sorted(LISTS_DIR.glob("ghetto_list_*.csv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                key, year = (row["area"], row["municipality"]), int(row["year"])
                figures[key][year] = {k: Figure(Decimal(row[k])) for k in KEYS if row[k]}
                entries[key].append(ListEntry(year, "ghetto", row["official_ghetto"] == "1"))
                known.add((year, "ghetto"))
    return [
        assess_area(
            area_id=i,
            name=name,
            slug=f"area-{i}",
            municipality=municipality_name,
            figures_by_year=figures[(name, municipality_name)],
            entries=entries[(name, municipality_name)],
            known_lists=known,
        )
        for i, (name, municipality_name) in enumerate(sorted(figures))
    ]


# The published lists ----------------------------------------------------------------------


def test_the_three_published_lists_are_reproduced_except_ringparken_slagelse_2012():
    assessed = _published_lists()
    years = [y for a in assessed for y in a.years]
    assert len(assessed) == 42
    assert len(years) == 96
    assert {y.rules for y in years} == {"2010"}
    statuses = defaultdict(int)
    for year in years:
        statuses[year.status] += 1
    assert dict(statuses) == {"agree": 95, "disagree": 1}
    disagreements = [(a.name, year, d) for a in assessed for year, d in a.disagreements]
    assert disagreements == [
        (
            "Ringparken, Slagelse",
            2012,
            Disagreement("ghetto", False, OfficialStatus("ghetto", True, True, "")),
        )
    ]
    ringparken = next(a for a in assessed if a.name == "Ringparken, Slagelse")
    year = ringparken.for_year(2012)
    assert year is not None
    assert year.classification is not None
    assert year.computed == ()
    assert year.official_designations == ("ghetto",)
    assert year.classification.criteria_met == ("outside_labour",)
    with translation.override("da"):
        assert disagreement_reason(year, year.disagreements[0]) == (
            "På listen som ghettoområde, men tallene opfylder 1 af 3 kriterier (mindst 2 kræves)."
        )
    with translation.override("en"):
        assert disagreement_reason(year, year.disagreements[0]) == (
            "On the list as ghettoområde, but its figures meet 1 of 3 criteria (at least 2 "
            "required)."
        )
    assert [(y.year, y.status, y.computed) for y in ringparken.years] == [
        (2010, "agree", ("ghetto",)),
        (2011, "agree", ("ghetto",)),
        (2012, "disagree", ()),
    ]


def test_the_aarhus_areas_on_the_published_lists_agree_every_year():
    by_name = {a.name: a for a in _published_lists()}
    summary = {
        name: [(y.year, y.computed, y.official_designations, y.status) for y in by_name[name].years]
        for name in ("Bispehaven", "Gellerupparken/Toveshøj", "Trigeparken")
    }
    on = ("ghetto",)
    assert summary == {
        "Bispehaven": [(y, on, on, "agree") for y in (2010, 2011, 2012)],
        "Gellerupparken/Toveshøj": [(y, on, on, "agree") for y in (2010, 2011, 2012)],
        "Trigeparken": [(2012, on, on, "agree")],
    }
    trigeparken = by_name["Trigeparken"].for_year(2012)
    assert trigeparken is not None
    assert trigeparken.classification is not None
    assert trigeparken.classification.criteria_met == ("outside_labour", "convicted")


def test_areas_published_as_having_left_the_list_agree_when_their_figures_do_not_qualify():
    left = [
        (a.name, y.year)
        for a in _published_lists()
        for y in a.years
        if any(not s.on_list for s in y.official)
    ]
    assert len(left) == 8
    by_name = {a.name: a for a in _published_lists()}
    aldersrogade = by_name["Aldersrogade"].for_year(2012)
    assert aldersrogade is not None
    assert (aldersrogade.status, aldersrogade.computed, aldersrogade.official) == (
        "agree",
        (),
        (OfficialStatus("ghetto", False, True, ""),),
    )


# Every kind of disagreement ---------------------------------------------------------------

QUALIFIES_2010 = {
    "residents": 1500,
    "pct_outside_labour": 45,
    "pct_non_western": 60,
    "pct_convicted": 2,
}


def test_an_area_left_off_a_stored_list_although_its_figures_qualify_is_flagged():
    assessed = _assess({2011: _figures(**QUALIFIES_2010)}, known_lists={(2011, "ghetto")})
    year = assessed.years[0]
    assert year.official == (OfficialStatus("ghetto", False, False, ""),)
    assert year.disagreements == (
        Disagreement("ghetto", True, OfficialStatus("ghetto", False, False, "")),
    )
    with translation.override("da"):
        assert disagreement_reason(year, year.disagreements[0]) == (
            "Ikke på den gemte liste over ghettoområde for 2011, men tallene opfylder 2 af 3 "
            "kriterier (mindst 2 kræves)."
        )


def test_an_area_published_as_having_left_although_its_figures_qualify_is_flagged():
    assessed = _assess(
        {2011: _figures(**QUALIFIES_2010)}, entries=[ListEntry(2011, "ghetto", False, "Liste")]
    )
    year = assessed.years[0]
    assert year.status == "disagree"
    with translation.override("da"):
        assert disagreement_reason(year, year.disagreements[0]) == (
            "Offentliggjort som udgået af listen over ghettoområde, men tallene opfylder 2 af 3 "
            "kriterier (mindst 2 kræves)."
        )


def test_an_area_on_the_list_with_fewer_residents_than_the_floor_is_flagged_with_the_count():
    figures = _figures(**{**QUALIFIES_2010, "residents": 999})
    year = _assess({2010: figures}, entries=[ListEntry(2010, "ghetto", True)]).years[0]
    assert year.disagreements[0].computed is False
    with translation.override("da"):
        assert disagreement_reason(year, year.disagreements[0]) == (
            "På listen som ghettoområde, men området har 999 beboere, færre end de 1000, som "
            "enhver betegnelse kræver."
        )
        assert disagreement_reason(year, year.disagreements[0], residents_label="<5") == (
            "På listen som ghettoområde, men området har <5 beboere, færre end de 1000, som "
            "enhver betegnelse kræver."
        )


def test_a_designation_the_years_rule_set_does_not_define_is_flagged():
    figures = _figures(
        residents=1500,
        pct_outside_labour=20,
        pct_non_western=20,
        conviction_ratio=1,
        pct_basic_education=20,
        income_pct_of_region=90,
    )
    year = _assess({2021: figures}, entries=[ListEntry(2021, "ghetto", True)]).years[0]
    assert year.rules == "2021"
    assert year.disagreements == (
        Disagreement("ghetto", None, OfficialStatus("ghetto", True, True, "")),
    )
    with translation.override("da"):
        assert disagreement_reason(year, year.disagreements[0]) == (
            "På listen som ghettoområde, som regelsættet 2021 ikke har."
        )


def test_a_year_with_a_missing_figure_cannot_be_computed_and_says_which():
    figures = _figures(residents=1500, pct_outside_labour=45, pct_non_western=60)
    year = _assess({2010: figures}, entries=[ListEntry(2010, "ghetto", True)]).years[0]
    assert (year.classification, year.missing, year.status) == (None, ("pct_convicted",), "unknown")
    assert year.disagreements == ()
    assert year.official_designations == ("ghetto",)


def test_a_year_before_the_first_list_has_no_rule_set_and_is_not_compared():
    year = _assess({2009: _figures(**QUALIFIES_2010)}).years[0]
    assert (year.rule_set, year.rules, year.classification, year.status) == (
        None,
        "",
        None,
        "not_compared",
    )


# Each year under the rule set in force, with history ---------------------------------------

FIVE_CRITERIA_MET = {
    "residents": 1500,
    "pct_outside_labour": 45,
    "pct_non_western": 60,
    "pct_convicted": 3,
    "pct_basic_education": 55,
    "income_pct_of_region": 50,
}
HARD_2018 = {
    "residents": 1500,
    "pct_outside_labour": 45,
    "pct_non_western": 60,
    "conviction_ratio": Decimal("3.5"),
    "pct_basic_education": 65,
    "income_pct_of_region": 50,
}


def test_each_year_is_classified_under_the_rule_set_in_force():
    figures = {
        2013: _figures(**QUALIFIES_2010),
        2014: _figures(**FIVE_CRITERIA_MET),
        2018: _figures(**HARD_2018),
        2021: _figures(**HARD_2018),
    }
    assessed = _assess(figures)
    assert [(y.year, y.rules, y.computed) for y in assessed.years] == [
        (2013, "2010", ("ghetto",)),
        (2014, "2014", ("ghetto",)),
        (2018, "2018", ("ghetto", "udsat")),  # no history for 2015–2017: not hårdt
        (2021, "2021", ("udsat", "parallelsamfund", "forebyggelse")),
    ]


def test_a_haardt_ghettoomraade_counts_the_official_lists_of_the_earlier_years():
    entries = [ListEntry(y, "ghetto", True, "Liste") for y in (2014, 2015, 2016, 2017)]
    entries.append(ListEntry(2018, "haardt_ghetto", True, "Liste"))
    assessed = _assess({2018: _figures(**HARD_2018)}, entries=entries)
    year = assessed.for_year(2018)
    assert year is not None
    assert year.classification is not None
    assert year.computed == ("ghetto", "haardt_ghetto", "udsat")
    assert year.status == "agree"
    assert year.classification.streaks["haardt_ghetto"].confirmed == (2014, 2015, 2016, 2017)
    # the 2016 list left it out: the 5-year streak is broken, and the 2018 list disagrees
    entries[2] = ListEntry(2016, "ghetto", False, "Liste")
    year = _assess({2018: _figures(**HARD_2018)}, entries=entries).for_year(2018)
    assert year is not None
    assert year.computed == ("ghetto", "udsat")
    assert [d.designation for d in year.disagreements] == ["haardt_ghetto"]
    with translation.override("da"):
        assert disagreement_reason(year, year.disagreements[0]) == (
            "På listen som hårdt ghettoområde, men historikken viser det ikke på hver af de "
            "seneste 5 lister."
        )


def test_earlier_computed_years_are_history_where_no_list_is_stored():
    figures = {y: _figures(**FIVE_CRITERIA_MET) for y in (2014, 2015, 2016, 2017)}
    figures[2018] = _figures(**HARD_2018)
    year = _assess(figures).for_year(2018)
    assert year is not None
    assert year.computed == ("ghetto", "haardt_ghetto", "udsat")
    # a stored list for 2015 that leaves the area out wins over the computed 2015
    year = _assess(figures, known_lists={(2015, "ghetto")}).for_year(2018)
    assert year is not None
    assert year.computed == ("ghetto", "udsat")


def test_closest_is_the_criterion_nearest_its_threshold_relative_to_the_threshold():
    year = _assess({2012: _figures(residents=1858, pct_outside_labour=55, pct_non_western="44.8",
                                   pct_convicted="2.64")}).years[0]  # fmt: skip
    c = year.classification
    assert c is not None
    nearest = closest(c)
    assert nearest is not None
    assert (nearest.key, nearest.margin) == ("convicted", Decimal("-0.06"))
    assert relative_distance(nearest) == Decimal("0.06") / Decimal("2.7")
    other = closest(c, hidden={"pct_convicted"})
    assert other is not None
    assert other.key == "non_western"
    assert closest(c, hidden=set(FIGURE_FIELDS)) is None


# Disclosure control of what a reader sees --------------------------------------------------


def test_a_suppressed_figure_is_hidden_from_a_non_analyst_everywhere_in_the_year():
    figures = _figures(residents=1858, pct_outside_labour=55, pct_non_western="44.8")
    figures["pct_convicted"] = Figure(Decimal("2.64"), persons=4, population=151)
    year = _assess({2012: figures}, entries=[ListEntry(2012, "ghetto", True)]).years[0]
    public = shown_year(year, analyst=False)
    analyst = shown_year(year, analyst=True)
    assert public.hidden == frozenset({"pct_convicted"})
    assert analyst.hidden == frozenset()
    convicted = next(s for s in public.criteria if s.result.key == "convicted")
    assert (convicted.value, convicted.margin, convicted.at_risk, convicted.suppressed) == (
        None,
        None,
        False,
        True,
    )
    assert public.closest is not None
    assert public.closest.result.key == "non_western"
    assert analyst.closest is not None
    assert analyst.closest.result.key == "convicted"
    assert [s.result.key for s in public.at_risk] == []
    assert [s.result.key for s in analyst.at_risk] == ["convicted"]
    assert "2,64" in analyst.explanation
    assert "2,64" not in public.explanation
    assert public.explanation == (
        "Opfylder 1 af 3 kriterier: andelen af 18–64-årige uden for arbejdsmarked og uddannelse "
        "er 55 % (overstiger 40 %). Opfylder ikke: andelen af dømte blandt beboere på 18 år og "
        "derover vises ikke, da tallet bygger på færre end 5 personer (skal overstige 2,7 %); "
        "andelen af indvandrere og efterkommere fra ikke-vestlige lande er 44,8 % (skal "
        "overstige 50 %). Ghettoområde kræver mindst 2 af 3. Ingen betegnelse."
    )
    assert analyst.explanation == year.classification.explanation  # type: ignore[union-attr]


@override_settings(DISCLOSURE_MIN_COUNT=10)
def test_the_disclosure_threshold_is_a_setting():
    figures = _figures(residents=1500, pct_outside_labour=45, pct_non_western=60)
    figures["pct_convicted"] = Figure(Decimal("0.6"), persons=9, population=1500)
    year = _assess({2010: figures}).years[0]
    shown = shown_year(year, analyst=False)
    assert shown.hidden == frozenset({"pct_convicted"})
    assert "færre end 10 personer" in shown.explanation


def test_a_suppressed_residents_count_is_replaced_in_the_explanation():
    figures = _figures(pct_outside_labour=45, pct_non_western=60, pct_convicted=2)
    figures["residents"] = Figure(Decimal(3), persons=3)
    year = _assess({2010: figures}).years[0]
    c = year.classification
    assert c is not None
    text = redacted_explanation(c, frozenset({"residents"}), "<5")
    assert "Området har <5 beboere, færre end de 1.000" in text
    assert "har 3 beboere" not in text
    residents = shown_year(year, analyst=False).residents
    assert residents is not None
    assert (residents.value, residents.suppressed) == (None, True)


# Many areas in a fixed number of queries ----------------------------------------------------


def _store(area, year, values, official=None):
    indicators = {i.key: i for i in Indicator.objects.filter(key__in=values)}
    for key, value in values.items():
        IndicatorValue.objects.create(
            area=area, indicator=indicators[key], year=year, value=Decimal(str(value))
        )
    if official is not None:
        OfficialListEntry.objects.create(
            area=area, year=year, designation="ghetto", on_list=official, source="Liste"
        )


@pytest.mark.django_db
@pytest.mark.parametrize("count", [3, 10])
def test_area_assessments_cost_five_queries_whatever_the_number_of_areas_then_one(
    count, django_assert_num_queries
):
    for i in range(count):
        area = AreaFactory(name=f"Område {i:02d}", slug=f"omraade-{i}")
        _store(area, 2010, QUALIFIES_2010, official=True)
        _store(area, 2011, {**QUALIFIES_2010, "pct_convicted": 3}, official=i % 2 == 0)
    AreaFactory(name="Uden tal", slug="uden-tal")  # no figures, no entries: not assessed
    # the areas' version, stored lists, areas, values, list entries
    with django_assert_num_queries(5):
        assessed = area_assessments()
    # kept for the areas' version (docs/decisions/0014): only the version is read again
    lists = known_lists()
    with django_assert_num_queries(1):
        assert area_assessments(stored_lists=lists) == assessed
    assert [a.name for a in assessed] == [f"Område {i:02d}" for i in range(count)]
    assert [len(a.disagreements) for a in assessed] == [
        0 if i % 2 == 0 else 1 for i in range(count)
    ]


@pytest.mark.django_db
def test_area_overview_rows_are_the_areas_with_data_in_the_year_sorted_by_risk():
    near = AreaFactory(name="Nærparken", slug="naer", municipality=municipality("Odense"))
    far = AreaFactory(name="Fjernparken", slug="fjern")
    old = AreaFactory(name="Gammelparken", slug="gammel")
    _store(near, 2011, {**QUALIFIES_2010, "pct_convicted": "2.69"}, official=True)
    _store(far, 2011, {**QUALIFIES_2010, "pct_outside_labour": 60}, official=True)
    _store(old, 2010, QUALIFIES_2010, official=True)
    overview = area_overview(analyst=False)
    assert (overview.year, overview.years) == (2011, (2011, 2010))
    assert [r.area.name for r in overview.rows] == ["Nærparken", "Fjernparken"]
    assert [r.area.name for r in area_overview(analyst=False, sort="name").rows] == [
        "Fjernparken",
        "Nærparken",
    ]
    assert [r.area.name for r in area_overview(analyst=False, year=2010).rows] == ["Gammelparken"]
    odense = area_overview(analyst=False, municipality_code=municipality("Odense").code)
    assert [r.area.name for r in odense.rows] == ["Nærparken"]


@pytest.mark.django_db
def test_the_overview_reads_only_the_years_a_classification_looks_back_on():
    assert years_of_history() == 5  # hårdt ghettoområde on the lists of 2018–2020
    area = AreaFactory(name="Hårdparken", slug="haard")
    _store(area, 2013, {**QUALIFIES_2010, "pct_convicted": 1}, official=False)
    for year in (2014, 2015, 2016, 2017):
        _store(area, year, FIVE_CRITERIA_MET)
    _store(area, 2018, HARD_2018)
    [row] = area_overview(analyst=True, year=2018).rows
    assert row.shown.year.computed == ("ghetto", "haardt_ghetto", "udsat")
    assert [y.year for y in row.area.years] == [2014, 2015, 2016, 2017, 2018]
    # the same as assessing every year
    [full] = area_assessments()
    assert full.for_year(2018) == row.shown.year


def test_a_forebyggelse_disagreement_counts_the_61b_criteria():
    """The reason counts the §61b criteria for a forebyggelsesområde, not the udsat ones."""
    from boligsocial.criteria.rules import AreaFigures, classify, get_rule_set
    from boligsocial.indicators.reasons import _group_counts

    figures = AreaFigures(
        area="Testparken",
        municipality="Aarhus",
        year=2021,
        residents=2000,
        pct_outside_labour=Decimal("35"),
        pct_non_western=Decimal("35"),
        conviction_ratio=Decimal("2.5"),
        pct_basic_education=Decimal("10"),
        income_pct_of_region=Decimal("90"),
    )
    c = classify(figures, get_rule_set("2021"))
    assert c.designations["forebyggelse"] is True
    assert _group_counts(c, "2021", "forebyggelse") == (2, 4, 2)
    assert _group_counts(c, "2021", "udsat") == (0, 4, 2)
    assert _group_counts(c, "2021", "parallelsamfund") == (0, 4, 2)
