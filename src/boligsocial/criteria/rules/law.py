"""The words a rule set is written in: figures and their units, comparators, legal citations,
populations and averaging. Pure Python (no Django imports).

A criterion in `sets.py` is built from these, so that it carries everything a reader needs to
check it against the law: where it stands (§, stk., nr., the act and its date), whom the figure
counts (age band, persons excluded, how unknown education counts), in which unit, and over how
many years it is averaged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
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

    @property
    def words(self) -> str:
        """The law's word for the comparison."""
        return COMPARATOR_WORDS[self]


COMPARATOR_WORDS: Mapping[Comparator, str] = {
    Comparator.GT: "overstiger",
    Comparator.GE: "mindst",
    Comparator.LT: "mindre end",
}


class MarginUnit(StrEnum):
    """How the margin to a threshold is given: percentage points (value − threshold) or the
    ratio of the value to the threshold (value ÷ threshold)."""

    POINTS = "pp"
    RATIO = "ratio"


class Unit(StrEnum):
    """The unit of a figure and of the threshold it is compared with."""

    # "pct." of a population: a share, 0–100.
    PERCENT = "percent"
    # "gange landsgennemsnittet": a multiple of the same share in the whole country.
    TIMES_NATIONAL_AVERAGE = "times_national_average"
    # "pct. af den gennemsnitlige bruttoindkomst for samme gruppe i regionen".
    PERCENT_OF_REGIONAL_AVERAGE = "percent_of_regional_average"

    @property
    def margin_unit(self) -> MarginUnit:
        """A share's margin is in percentage points; a multiple's is the ratio to the threshold."""
        return MarginUnit.POINTS if self is Unit.PERCENT else MarginUnit.RATIO

    @property
    def upper_bound(self) -> Decimal:
        """The largest plausible figure in this unit. A share is at most 100 %. The convicted
        share of an area is at most 100 % and the national share has never been below 1 %, so
        an area cannot be more than 100 times the national average; an area's income at ten
        times its region's is far beyond any social housing area."""
        return {
            Unit.PERCENT: Decimal(100),
            Unit.TIMES_NATIONAL_AVERAGE: Decimal(100),
            Unit.PERCENT_OF_REGIONAL_AVERAGE: Decimal(1000),
        }[self]


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
# The unit of each figure of the input: a criterion that reads a figure must use its unit.
FIGURE_UNITS: Mapping[FigureField, Unit] = {
    "pct_outside_labour": Unit.PERCENT,
    "pct_non_western": Unit.PERCENT,
    "pct_convicted": Unit.PERCENT,
    "conviction_ratio": Unit.TIMES_NATIONAL_AVERAGE,
    "pct_basic_education": Unit.PERCENT,
    "income_pct_of_region": Unit.PERCENT_OF_REGIONAL_AVERAGE,
}
# Figures that are a share of a population, so 0–100 by construction.
PERCENT_FIELDS: frozenset[FigureField] = frozenset(
    f for f, unit in FIGURE_UNITS.items() if unit is Unit.PERCENT
)
# Plausibility bounds of the figures that are not shares (see `Unit.upper_bound`): a larger
# value is a typing or unit error, refused on import.
FIGURE_MAXIMA: Mapping[str, int] = {
    f: int(unit.upper_bound) for f, unit in FIGURE_UNITS.items() if unit is not Unit.PERCENT
}


@dataclass(frozen=True, kw_only=True)
class Act:
    """A version of the law: the act (or, before the law, the government text) and its date."""

    name: str
    dated: date

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, kw_only=True)
class Citation:
    """Where a rule stands: `almenboligloven § 61 a, stk. 1, nr. 2` in `act`."""

    act: Act
    paragraph: str
    stk: int | None = None
    nr: int | None = None
    law: str = "almenboligloven"

    def __str__(self) -> str:
        text = f"{self.law} § {self.paragraph}"
        if self.stk is not None:
            text += f", stk. {self.stk}"
        if self.nr is not None:
            text += f", nr. {self.nr}"
        return f"{text} ({self.act})"


@dataclass(frozen=True, kw_only=True)
class Population:
    """Whom a figure counts, in the law's words and as data: an age band (inclusive; None for
    no bound), persons left out, and how a person with unknown education counts."""

    words: str
    min_age: int | None = None
    max_age: int | None = None
    excludes_students: bool = False  # "eksklusive uddannelsessøgende"
    unknown_education_is_basic: bool = False  # "inkl. uoplyst uddannelse"

    @property
    def age_band(self) -> tuple[int, int | None]:
        return (self.min_age or 0, self.max_age)


@dataclass(frozen=True, kw_only=True)
class Averaging:
    """Over how many list years a figure is averaged: the list year and the years before it
    ("opgjort som gennemsnit over de seneste 2 år"); 1 is the list year alone."""

    years: int

    def __str__(self) -> str:
        if self.years == 1:
            return "det seneste år"
        return f"gennemsnit over de seneste {self.years} år"


LATEST_YEAR = Averaging(years=1)
