"""The vocabulary of the area criteria: figures in, rule sets as data, classification out.

Pure Python (no Django imports). Every figure is a `Decimal`, so a value read as `40` is exactly
40 and "overstiger 40 %" is exactly `> 40`: boundaries behave as the law words them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Literal


class Comparator(StrEnum):
    """How a criterion compares its figure with the threshold, in the law's words."""

    GT = ">"  # "overstiger"
    GE = ">="  # "mindst"
    LT = "<"  # "mindre end"

    def holds(self, value: Decimal, threshold: Decimal) -> bool:
        if self is Comparator.GT:
            return value > threshold
        if self is Comparator.GE:
            return value >= threshold
        return value < threshold


class MarginUnit(StrEnum):
    """How the margin to a threshold is given: percentage points (value − threshold) or the
    ratio of the value to the threshold (value ÷ threshold)."""

    POINTS = "pp"
    RATIO = "ratio"


CriterionKey = Literal[
    "outside_labour", "convicted", "non_western", "basic_education", "low_income"
]
CRITERION_KEYS: tuple[CriterionKey, ...] = (
    "outside_labour",
    "convicted",
    "non_western",
    "basic_education",
    "low_income",
)

DesignationKey = Literal[
    "ghetto", "haardt_ghetto", "udsat", "parallelsamfund", "omdannelse", "forebyggelse"
]
DESIGNATION_KEYS: tuple[DesignationKey, ...] = (
    "ghetto",
    "haardt_ghetto",
    "udsat",
    "parallelsamfund",
    "omdannelse",
    "forebyggelse",
)

FigureField = Literal[
    "pct_outside_labour",
    "pct_non_western",
    "pct_convicted",
    "conviction_ratio",
    "pct_basic_education",
    "income_pct_of_region",
]
FIGURE_FIELDS: tuple[FigureField, ...] = (
    "pct_outside_labour",
    "pct_non_western",
    "pct_convicted",
    "conviction_ratio",
    "pct_basic_education",
    "income_pct_of_region",
)
# Figures that are a share of a population, so 0–100 by construction.
PERCENT_FIELDS: frozenset[FigureField] = frozenset(
    {"pct_outside_labour", "pct_non_western", "pct_convicted", "pct_basic_education"}
)

# Plausibility bounds of the figures that are not shares. The convicted share of an area is at
# most 100 % and the national average has never been below 1 %, so an area cannot be more than
# 100 times the national average; an area's average income at ten times its region's is far
# beyond any social housing area. A larger value is a typing or unit error, refused on import.
FIGURE_MAXIMA: Mapping[str, int] = {"conviction_ratio": 100, "income_pct_of_region": 1000}

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


@dataclass(frozen=True)
class Criterion:
    """One criterion: `figure <comparator> threshold`. `years_averaged` tells the microdata
    pipeline over how many years (the list year and those before it) the figure is averaged."""

    key: CriterionKey
    field: FigureField
    comparator: Comparator
    threshold: Decimal
    margin_unit: MarginUnit
    years_averaged: int = 1


@dataclass(frozen=True)
class CriteriaGroup:
    """Criteria of which at least `min_met` must be met. A single condition (the non-Western
    share of a ghettoområde) is a group of one with `min_met=1`."""

    key: str
    criteria: tuple[Criterion, ...]
    min_met: int


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class DesignationRule:
    """A designation holds when the area has at least the rule set's minimum of residents,
    every group in `groups` is met, every designation in `requires` holds this year, and the
    `streak` (if any) is found in the history."""

    key: DesignationKey
    groups: tuple[str, ...] = ()
    requires: tuple[DesignationKey, ...] = ()
    streak: Streak | None = None


@dataclass(frozen=True)
class RuleSet:
    """One version of the law. `last_list_year` None means still in force."""

    code: str
    first_list_year: int
    last_list_year: int | None
    min_residents: int
    primary_group: str
    groups: tuple[CriteriaGroup, ...]
    designations: tuple[DesignationRule, ...]
    source: str

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

    def applies_to(self, list_year: int) -> bool:
        return self.first_list_year <= list_year and (
            self.last_list_year is None or list_year <= self.last_list_year
        )

    @property
    def fields(self) -> tuple[FigureField, ...]:
        """The figures this rule set reads, in the input's column order."""
        used = {c.field for g in self.groups for c in g.criteria}
        return tuple(f for f in FIGURE_FIELDS if f in used)

    def years_averaged(self, name: FigureField) -> int:
        """Over how many years the rule set averages a figure (1 when it does not use it)."""
        return max(
            (c.years_averaged for g in self.groups for c in g.criteria if c.field == name),
            default=1,
        )


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
