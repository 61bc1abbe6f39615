"""Each criterion of an area over the years, with the threshold of the rule set in force each
year, as the reader may see it: the data of the area page's charts and tables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from boligsocial.criteria.rules import Comparator
from boligsocial.indicators.assessment import CRITERIA_KEYS, AreaAssessment, YearAssessment
from boligsocial.indicators.models import Indicator
from boligsocial.indicators.redaction import ShownFigure
from boligsocial.indicators.rules import disclose

# The designation a group of criteria decides (the threshold lines' legend).
GROUP_DESIGNATIONS: dict[str, str] = {
    "ghetto": "ghetto",
    "udsat": "udsat",
    "parallelsamfund": "parallelsamfund",
    "forebyggelse": "forebyggelse",
    "forebyggelse_non_western": "forebyggelse",
}
RESIDENTS_FLOOR = "residents_floor"


@dataclass(frozen=True)
class ThresholdInForce:
    """A threshold of the rule set in force in a year. `line` names the threshold line it is
    drawn on: the designation its group decides, or the residents floor."""

    line: str
    comparator: Comparator
    threshold: Decimal
    met: bool | None  # None: the year could not be classified


@dataclass(frozen=True)
class SeriesYear:
    year: int
    rules: str
    figure: ShownFigure | None  # None: no figure that year
    thresholds: tuple[ThresholdInForce, ...]


@dataclass(frozen=True)
class CriterionSeries:
    """One figure of an area over the years: the data of its chart and of its table."""

    key: str
    indicator: Indicator | None
    years: tuple[SeriesYear, ...]

    @property
    def lines(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for year in self.years:
            for t in year.thresholds:
                seen.setdefault(t.line, None)
        return tuple(seen)

    @property
    def suppressed(self) -> bool:
        return any(y.figure is not None and y.figure.suppressed for y in self.years)


def _thresholds(key: str, year: YearAssessment) -> tuple[ThresholdInForce, ...]:
    rule_set = year.rule_set
    if rule_set is None:
        return ()
    c = year.classification
    if key == "residents":
        met = c.meets_residents_floor if c is not None else None
        floor = Decimal(rule_set.min_residents)
        return (ThresholdInForce(RESIDENTS_FLOOR, Comparator.GE, floor, met),)
    results = {(r.group, r.field): r.met for r in c.criteria} if c is not None else {}
    found: list[ThresholdInForce] = []
    for group in rule_set.groups:
        for criterion in group.criteria:
            if criterion.field != key:
                continue
            line = GROUP_DESIGNATIONS.get(group.key, group.key)
            found.append(
                ThresholdInForce(
                    line,
                    criterion.comparator,
                    criterion.threshold,
                    results.get((group.key, criterion.field)),
                )
            )
    return tuple(found)


def criterion_series(
    assessment: AreaAssessment, *, analyst: bool, indicators: Mapping[str, Indicator]
) -> list[CriterionSeries]:
    """Residents and every criterion figure the area has in any year, each over all the
    area's years with the thresholds in force, as the reader may see them."""
    min_count = settings.DISCLOSURE_MIN_COUNT
    series: list[CriterionSeries] = []
    for key in CRITERIA_KEYS:
        if not any(key in y.figures for y in assessment.years):
            continue
        years: list[SeriesYear] = []
        for year in assessment.years:
            figure = year.figures.get(key)
            shown: ShownFigure | None = None
            if figure is not None:
                value = disclose(figure, min_count=min_count, analyst=analyst)
                shown = ShownFigure(value, value is None)
            years.append(SeriesYear(year.year, year.rules, shown, _thresholds(key, year)))
        series.append(CriterionSeries(key, indicators.get(key), tuple(years)))
    return series
