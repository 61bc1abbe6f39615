"""The vocabulary of the area criteria: figures in, rule sets as data, classification out.

Pure Python (no Django imports). Every figure is a `Decimal`, so a value read as `40` is exactly
40 and "overstiger 40 %" is exactly `> 40`: boundaries behave as the law words them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from boligsocial.criteria.rules.consistency import check_rule_set
from boligsocial.criteria.rules.law import (
    CRITERION_KEYS,
    DESIGNATION_KEYS,
    FIGURE_FIELDS,
    FIGURE_MAXIMA,
    FIGURE_UNITS,
    LATEST_YEAR,
    PERCENT_FIELDS,
    Act,
    Averaging,
    Citation,
    Comparator,
    CriterionKey,
    DesignationKey,
    FigureField,
    MarginUnit,
    Population,
    Unit,
)

__all__ = [
    "CRITERION_KEYS",
    "DESIGNATION_KEYS",
    "FIGURE_FIELDS",
    "FIGURE_MAXIMA",
    "FIGURE_UNITS",
    "LATEST_YEAR",
    "PERCENT_FIELDS",
    "Act",
    "AreaFigures",
    "Averaging",
    "Citation",
    "Classification",
    "Comparator",
    "CriteriaGroup",
    "Criterion",
    "CriterionKey",
    "CriterionResult",
    "DesignationKey",
    "DesignationRule",
    "FigureField",
    "HistoryEntry",
    "MarginUnit",
    "Population",
    "RuleSet",
    "Streak",
    "StreakResult",
    "Unit",
]

HistorySource = Literal["official", "computed"]


@dataclass(frozen=True)
class AreaFigures:
    """The published (or computed) figures of one area in one list year."""

    area: str
    municipality: str
    year: int
    residents: int
    pct_outside_labour: Decimal | None = None
    pct_non_western: Decimal | None = None
    pct_convicted: Decimal | None = None
    conviction_ratio: Decimal | None = None
    pct_basic_education: Decimal | None = None
    income_pct_of_region: Decimal | None = None

    def figure(self, name: FigureField) -> Decimal | None:
        value: Decimal | None = getattr(self, name)
        return value


@dataclass(frozen=True, kw_only=True)
class Criterion:
    """One criterion of the law: `figure <comparator> threshold`, with what a reader needs to
    check it against the law's text: its `citation` (§, stk., nr., act), the law's `words`, the
    `population` the figure counts, the figure's `unit` and its `averaging` (which the
    microdata pipeline follows)."""

    key: CriterionKey
    citation: Citation
    words: str
    population: Population
    field: FigureField
    unit: Unit
    comparator: Comparator
    threshold: Decimal
    averaging: Averaging = LATEST_YEAR

    @property
    def margin_unit(self) -> MarginUnit:
        return self.unit.margin_unit

    @property
    def years_averaged(self) -> int:
        return self.averaging.years


@dataclass(frozen=True, kw_only=True)
class CriteriaGroup:
    """Criteria of which at least `min_met` must be met. A single condition (the non-Western
    share of a ghettoområde) is a group of one with `min_met=1`."""

    key: str
    min_met: int
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True, kw_only=True)
class Streak:
    """A multi-year designation: the area must have held one of `counts_as` on each of the last
    `years` lists (this year's included). `years_by_list_year` holds transition rules as
    `(first list year, last list year, years)`."""

    years: int
    counts_as: tuple[DesignationKey, ...]
    years_by_list_year: tuple[tuple[int, int, int], ...] = ()

    def years_for(self, list_year: int) -> int:
        for first, last, years in self.years_by_list_year:
            if first <= list_year <= last:
                return years
        return self.years


@dataclass(frozen=True, kw_only=True)
class DesignationRule:
    """A designation holds when the area has at least the rule set's minimum of residents,
    every group in `groups` is met, every designation in `requires` holds this year (each
    declared before this one), and the `streak` (if any) is found in the history. Being on
    this list implies being on every list in `requires`."""

    key: DesignationKey
    citation: Citation
    groups: tuple[str, ...] = ()
    requires: tuple[DesignationKey, ...] = ()
    streak: Streak | None = None


@dataclass(frozen=True, kw_only=True)
class RuleSet:
    """One version of the law, valid for the lists of `first_list_year` to `last_list_year`
    (None: still in force). Building one checks that it is consistent (`consistency.py`) and
    raises `RuleSetError` naming what is wrong."""

    code: str
    acts: tuple[Act, ...]
    first_list_year: int
    last_list_year: int | None
    min_residents: int
    min_residents_citation: Citation
    primary_group: str
    groups: tuple[CriteriaGroup, ...]
    designations: tuple[DesignationRule, ...]
    notes: str = ""

    def __post_init__(self) -> None:
        check_rule_set(self)

    def group(self, key: str) -> CriteriaGroup:
        for group in self.groups:
            if group.key == key:
                return group
        raise KeyError(key)

    def designation(self, key: DesignationKey) -> DesignationRule | None:
        for rule in self.designations:
            if rule.key == key:
                return rule
        return None

    def implied(self, key: DesignationKey) -> tuple[DesignationKey, ...]:
        """Every designation that being `key` implies under this rule set, through `requires`
        (a hårdt ghettoområde is a ghettoområde, which is an udsat boligområde)."""
        rule = self.designation(key)
        found: list[DesignationKey] = []
        for required in rule.requires if rule is not None else ():
            for k in (required, *self.implied(required)):
                if k not in found:
                    found.append(k)
        return tuple(found)

    def applies_to(self, list_year: int) -> bool:
        return self.first_list_year <= list_year and (
            self.last_list_year is None or list_year <= self.last_list_year
        )

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for g in self.groups for c in g.criteria)

    @property
    def fields(self) -> tuple[FigureField, ...]:
        """The figures this rule set reads, in the input's column order."""
        used = {c.field for c in self.criteria}
        return tuple(f for f in FIGURE_FIELDS if f in used)

    def years_averaged(self, name: FigureField) -> int:
        """Over how many years the rule set averages a figure (1 when it does not use it)."""
        return max((c.years_averaged for c in self.criteria if c.field == name), default=1)

    def population(self, name: FigureField) -> Population | None:
        """Whom the figure counts under this rule set (None when it does not use it)."""
        return next((c.population for c in self.criteria if c.field == name), None)


@dataclass(frozen=True)
class HistoryEntry:
    """One earlier year's designation of an area: from a published list ("official") or from
    classifying that year's figures ("computed"). Official entries win over computed ones."""

    year: int
    designation: DesignationKey
    value: bool
    source: HistorySource


@dataclass(frozen=True)
class CriterionResult:
    group: str
    key: CriterionKey
    field: FigureField
    value: Decimal
    comparator: Comparator
    threshold: Decimal
    met: bool
    margin: Decimal
    margin_unit: MarginUnit
    at_risk: bool


@dataclass(frozen=True)
class StreakResult:
    """How a multi-year designation was checked: the earlier years it needs, the years the
    history confirms, the years it denies, and the years it says nothing about."""

    years_required: int
    earlier_years: tuple[int, ...]
    confirmed: tuple[int, ...]
    denied: tuple[int, ...]
    missing: tuple[int, ...]

    @property
    def complete(self) -> bool:
        return len(self.confirmed) == len(self.earlier_years)


@dataclass(frozen=True)
class Classification:
    figures: AreaFigures
    rules: str
    criteria: tuple[CriterionResult, ...]
    n_criteria: int
    min_criteria: int
    criteria_met: tuple[CriterionKey, ...]
    meets_residents_floor: bool
    min_residents: int
    designations: Mapping[DesignationKey, bool | None]
    streaks: Mapping[DesignationKey, StreakResult] = field(default_factory=dict)
    explanation: str = ""
    risk_margin: Decimal = Decimal("0.10")  # "at risk": within this fraction of a threshold

    @property
    def n_criteria_met(self) -> int:
        return len(self.criteria_met)

    @property
    def at_risk(self) -> tuple[CriterionResult, ...]:
        return tuple(c for c in self.criteria if c.at_risk)
