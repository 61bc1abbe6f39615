"""Computed versus official status: the bridge between the stored figures and lists and the
criteria engine (`boligsocial.criteria.rules`).

For every area and year with figures or list entries, `assess_area` builds the engine's
`AreaFigures` from the indicator values, classifies the year under the rule set in force that
year, with the area's earlier years as history (the official lists first, computed years where
no list says anything), and compares the result with the official list entries of the year.
Every difference is a `Disagreement`; none is hidden.

A year's list counts as stored for a designation when any area has an entry for it. An area
with figures that year but no entry is then taken as not on that list (an `OfficialStatus`
with `explicit=False`), so an area whose figures qualify but that the list leaves out is
flagged too.

`assess_area` only shapes the data: the walk over the years is the criteria's one
(`criteria/assessment.py`). `selectors.area_assessments` reads what it needs for many areas in
a fixed number of queries (areas, values, list entries, stored lists)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from boligsocial.criteria.assessment import (
    Disagreement,
    OfficialStatus,
    YearInput,
    assess_years,
)
from boligsocial.criteria.rows import FIGURE_COLUMNS
from boligsocial.criteria.rules import (
    DEFAULT_RISK_MARGIN,
    DESIGNATION_KEYS,
    RULE_SETS,
    AreaFigures,
    Classification,
    DesignationKey,
    NoRuleSetError,
    RuleSet,
    rule_set_for_year,
)
from boligsocial.indicators.rules import Figure

# The indicator keys the criteria read: residents and the figure fields of the engine.
CRITERIA_KEYS: tuple[str, ...] = FIGURE_COLUMNS

Status = Literal["agree", "disagree", "unknown", "not_compared"]


@dataclass(frozen=True)
class ListEntry:
    """One stored entry of an official list (pure copy of `OfficialListEntry`)."""

    year: int
    designation: DesignationKey
    on_list: bool
    source: str = ""


@dataclass(frozen=True)
class YearAssessment:
    year: int
    rule_set: RuleSet | None  # None: no rule set for the year (before the first list)
    figures: Mapping[str, Figure]  # indicator key → figure, as stored
    classification: Classification | None  # None: no rule set, or a figure is missing
    missing: tuple[str, ...]  # the figures the rule set needs that the year lacks
    official: tuple[OfficialStatus, ...]
    disagreements: tuple[Disagreement, ...]

    @property
    def computed(self) -> tuple[DesignationKey, ...]:
        """The designations the figures give, in the law's order."""
        if self.classification is None:
            return ()
        held = self.classification.designations
        return tuple(k for k in DESIGNATION_KEYS if held.get(k))

    @property
    def official_designations(self) -> tuple[DesignationKey, ...]:
        """The designations the published lists give the area this year."""
        on = {s.designation for s in self.official if s.on_list}
        return tuple(k for k in DESIGNATION_KEYS if k in on)

    @property
    def status(self) -> Status:
        if self.disagreements:
            return "disagree"
        if not self.official:
            return "not_compared"
        if self.classification is None:
            return "unknown"
        return "agree"

    @property
    def rules(self) -> str:
        return self.rule_set.code if self.rule_set is not None else ""


@dataclass(frozen=True)
class AreaAssessment:
    area_id: int
    name: str
    slug: str
    municipality: str
    municipality_code: int
    years: tuple[YearAssessment, ...]  # ascending

    def for_year(self, year: int) -> YearAssessment | None:
        for assessment in self.years:
            if assessment.year == year:
                return assessment
        return None

    @property
    def latest(self) -> YearAssessment | None:
        return self.years[-1] if self.years else None

    @property
    def disagreements(self) -> tuple[tuple[int, Disagreement], ...]:
        return tuple((y.year, d) for y in self.years for d in y.disagreements)


def _rule_set(year: int) -> RuleSet | None:
    try:
        return rule_set_for_year(year)
    except NoRuleSetError:
        return None


def _area_figures(
    area: str, municipality: str, year: int, figures: Mapping[str, Figure], rule_set: RuleSet
) -> tuple[AreaFigures | None, tuple[str, ...]]:
    needed = ("residents", *rule_set.fields)
    missing = tuple(k for k in needed if k not in figures or figures[k].value is None)
    if missing:
        return None, missing
    residents = figures["residents"].value
    if residents is None:  # excluded by `missing` above; narrows the type
        return None, ("residents",)

    def value(key: str) -> Decimal | None:
        figure = figures.get(key)
        return figure.value if figure is not None else None

    return AreaFigures(
        area,
        municipality,
        year,
        int(residents),
        pct_outside_labour=value("pct_outside_labour"),
        pct_non_western=value("pct_non_western"),
        pct_convicted=value("pct_convicted"),
        conviction_ratio=value("conviction_ratio"),
        pct_basic_education=value("pct_basic_education"),
        income_pct_of_region=value("income_pct_of_region"),
    ), ()


def _official(
    year: int,
    entries: Sequence[ListEntry],
    known_lists: frozenset[tuple[int, str]],
) -> tuple[OfficialStatus, ...]:
    explicit = {e.designation: e for e in entries if e.year == year}
    statuses: list[OfficialStatus] = []
    for key in DESIGNATION_KEYS:
        entry = explicit.get(key)
        if entry is not None:
            statuses.append(OfficialStatus(key, entry.on_list, True, entry.source))
        elif (year, key) in known_lists:
            statuses.append(OfficialStatus(key, False, False))
    return tuple(statuses)


def assess_area(
    *,
    area_id: int,
    name: str,
    slug: str,
    municipality: str,
    municipality_code: int = 0,
    figures_by_year: Mapping[int, Mapping[str, Figure]],
    entries: Iterable[ListEntry] = (),
    known_lists: Iterable[tuple[int, str]] = (),
    risk_margin: Decimal = DEFAULT_RISK_MARGIN,
) -> AreaAssessment:
    """Classify each year of one area under the rule set in force and compare it with the
    official lists. `known_lists` holds the (year, designation) lists that are stored at all;
    by default the years of `entries`."""
    entries = tuple(entries)
    known = frozenset(known_lists) | {(e.year, e.designation) for e in entries}
    years = sorted(set(figures_by_year) | {e.year for e in entries})
    inputs: list[YearInput] = []
    missing_by_year: dict[int, tuple[str, ...]] = {}
    for year in years:
        rule_set = _rule_set(year)
        area_figures: AreaFigures | None = None
        missing: tuple[str, ...] = ()
        if rule_set is not None:
            figures = figures_by_year.get(year, {})
            area_figures, missing = _area_figures(name, municipality, year, figures, rule_set)
        missing_by_year[year] = missing
        inputs.append(YearInput(year, rule_set, area_figures, _official(year, entries, known)))
    assessed = [
        YearAssessment(
            year=item.year,
            rule_set=item.rule_set,
            figures=dict(figures_by_year.get(item.year, {})),
            classification=result.classification,
            missing=missing_by_year[item.year],
            official=item.official,
            disagreements=result.disagreements,
        )
        for item, result in zip(inputs, assess_years(inputs, risk_margin=risk_margin), strict=True)
    ]
    return AreaAssessment(area_id, name, slug, municipality, municipality_code, tuple(assessed))


def years_of_history() -> int:
    """How many list years, the list year included, a classification reads: the longest
    multi-year designation of any rule set (so a year can be assessed from that window)."""
    return max(
        (
            max((rule.streak.years, *(y for _, _, y in rule.streak.years_by_list_year)))
            for rule_set in RULE_SETS
            for rule in rule_set.designations
            if rule.streak is not None
        ),
        default=1,
    )
