"""The one assessment walk of an area's years (`criteria/assessment.py`), used by
`criteria classify` and the area pages: history grows as it walks, and one `Disagreement`
type treats a designation the year's law does not define in one way."""

from __future__ import annotations

from boligsocial.criteria.assessment import (
    Disagreement,
    OfficialStatus,
    YearInput,
    assess_years,
)
from boligsocial.criteria.rules import HistoryEntry, get_rule_set
from tests.criteria.helpers import figures

GHETTO_2018 = {
    "pct_outside_labour": 45,
    "pct_non_western": 70,
    "conviction_ratio": "3.5",
    "pct_basic_education": 65,
    "income_pct_of_region": 50,
}


def test_a_list_the_law_does_not_define_disagrees_only_when_it_puts_the_area_on_it():
    rules_2021 = get_rule_set("2021")
    on = OfficialStatus("ghetto", True)
    off = OfficialStatus("ghetto", False, explicit=False)
    [with_on] = assess_years([YearInput(2021, rules_2021, figures(2021), (on,))])
    [with_off] = assess_years([YearInput(2021, rules_2021, figures(2021), (off,))])
    assert with_on.disagreements == (Disagreement("ghetto", None, on),)
    assert with_off.disagreements == ()


def test_a_year_without_figures_has_no_disagreement_but_its_list_is_history():
    rules_2018 = get_rule_set("2018")
    on = OfficialStatus("ghetto", True)
    years = [YearInput(y, rules_2018, None, (on,)) for y in (2014, 2015, 2016, 2017)]
    years.append(YearInput(2018, rules_2018, figures(2018, **GHETTO_2018)))
    results = assess_years(reversed(years))  # any order in, ascending out
    assert [r.year for r in results] == [2014, 2015, 2016, 2017, 2018]
    assert [r.disagreements for r in results[:4]] == [(), (), (), ()]
    assert results[4].classification is not None
    assert results[4].classification.designations["haardt_ghetto"] is True


def test_history_from_elsewhere_counts_only_before_each_year():
    rules_2018 = get_rule_set("2018")
    stored = [HistoryEntry(y, "ghetto", True, "official") for y in (2014, 2015, 2016, 2017)]
    later = [HistoryEntry(2019, "ghetto", False, "official")]
    [result] = assess_years(
        [YearInput(2018, rules_2018, figures(2018, **GHETTO_2018))], history=later + stored
    )
    assert result.classification is not None
    assert result.classification.designations["haardt_ghetto"] is True
