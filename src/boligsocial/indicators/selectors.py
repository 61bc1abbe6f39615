"""Reads of indicator values, with disclosure control applied for the reader."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from boligsocial.areas.models import Area
from boligsocial.criteria.rules import Classification, Comparator, CriterionResult
from boligsocial.criteria.rules.explain import (
    COMPARATOR_REQUIRED,
    COMPARATOR_WORDS,
    FIELD_LABELS,
    FIELD_UNITS,
    danish_number,
    describe_criterion,
)
from boligsocial.indicators.assessment import (
    CRITERIA_KEYS,
    AreaAssessment,
    YearAssessment,
    area_assessments,
    assess_areas,
    closest,
    disagreement_reason,
    known_lists,
    relative_distance,
    years_of_history,
)
from boligsocial.indicators.models import Indicator, IndicatorValue, OfficialListEntry, Unit
from boligsocial.indicators.rules import Figure, disclose, suppression_label
from boligsocial.organisations.models import Municipality


@dataclass(frozen=True)
class ShownValue:
    area_name: str
    municipality: str
    year: int
    indicator_key: str
    value: Decimal | None  # None: suppressed for this reader
    persons: int | None
    population: int | None
    suppressed: bool


def indicator_list(*, active_only: bool = True) -> QuerySet[Indicator]:
    qs = Indicator.objects.order_by("position", "key")
    return qs.filter(active=True) if active_only else qs


def indicator_values(*, area_ids: list[int] | None = None) -> QuerySet[IndicatorValue]:
    qs = IndicatorValue.objects.select_related("area__municipality", "indicator").order_by(
        "area__municipality__name", "area__name", "indicator__position", "year"
    )
    return qs.filter(area_id__in=area_ids) if area_ids is not None else qs


def shown_values(values: QuerySet[IndicatorValue], *, analyst: bool) -> Iterator[ShownValue]:
    """The values as a reader may see them: suppressed below the disclosure threshold unless the
    reader is an analyst. Counts behind a suppressed figure are suppressed too."""
    min_count = settings.DISCLOSURE_MIN_COUNT
    for v in values:
        shown = disclose(
            Figure(v.value, v.persons, v.population, is_count=v.indicator.unit == Unit.COUNT),
            min_count=min_count,
            analyst=analyst,
        )
        suppressed = shown is None
        yield ShownValue(
            area_name=v.area.name,
            municipality=v.area.municipality.name,
            year=v.year,
            indicator_key=v.indicator.key,
            value=shown,
            persons=None if suppressed else v.persons,
            population=None if suppressed else v.population,
            suppressed=suppressed,
        )


def official_list_entries(*, area_ids: list[int] | None = None) -> QuerySet[OfficialListEntry]:
    qs = OfficialListEntry.objects.select_related("area__municipality").order_by(
        "area__name", "year", "designation"
    )
    return qs.filter(area_id__in=area_ids) if area_ids is not None else qs


# Computed versus official status, as a reader may see it ------------------------------------

SortKey = Literal["risk", "name", "municipality"]
SORT_KEYS: tuple[SortKey, ...] = ("risk", "name", "municipality")

# Danish alphabetical order: æ, ø, å after z.
_DANISH_ORDER = str.maketrans({"æ": "z\x01", "ø": "z\x02", "å": "z\x03"})


def danish_sort_key(text: str) -> str:
    return text.lower().translate(_DANISH_ORDER)


@dataclass(frozen=True)
class ShownFigure:
    value: Decimal | None  # None: suppressed for this reader
    suppressed: bool


@dataclass(frozen=True)
class ShownCriterion:
    """A criterion as the reader may see it: value and margin are None when its figure is
    suppressed, and then it is never shown as at risk (that would hint at the value)."""

    result: CriterionResult
    value: Decimal | None
    margin: Decimal | None
    at_risk: bool
    suppressed: bool
    primary: bool  # in the rule set's main group (the criteria counted in "n of m")


@dataclass(frozen=True)
class ShownYear:
    year: YearAssessment
    residents: ShownFigure | None
    criteria: tuple[ShownCriterion, ...]
    closest: ShownCriterion | None
    at_risk: tuple[ShownCriterion, ...]
    explanation: str
    hidden: frozenset[str]  # indicator keys suppressed for this reader
    reasons: tuple[str, ...]  # one per disagreement

    @property
    def suppressed(self) -> bool:
        return bool(self.hidden)


@dataclass(frozen=True)
class OverviewRow:
    area: AreaAssessment
    shown: ShownYear


@dataclass(frozen=True)
class AreaOverview:
    year: int | None
    years: tuple[int, ...]  # every year with figures or list entries, newest first
    rows: tuple[OverviewRow, ...]

    @property
    def suppressed(self) -> bool:
        return any(r.shown.suppressed for r in self.rows)


def _hidden(figures: Mapping[str, Figure], *, analyst: bool, min_count: int) -> frozenset[str]:
    if analyst:
        return frozenset()
    return frozenset(
        key
        for key, figure in figures.items()
        if disclose(figure, min_count=min_count, analyst=False) is None
    )


_AT_RISK_START = "Tæt på grænsen ("


def redacted_explanation(classification: Classification, hidden: frozenset[str], label: str) -> str:
    """The engine's explanation with every suppressed figure replaced by a note, and the
    suppressed criteria left out of the at-risk sentence (their presence there would tell
    roughly what the figure is)."""
    text = classification.explanation
    if not hidden:
        return text
    at_risk_prefix = ""
    start = text.find(_AT_RISK_START)
    if start >= 0:
        end = text.index("): ", start) + 3
        at_risk_prefix = text[start:end]
        text = text[:start].rstrip()
    for result in classification.criteria:
        if result.field not in hidden:
            continue
        words = (COMPARATOR_WORDS if result.met else COMPARATOR_REQUIRED)[result.comparator]
        unit = FIELD_UNITS[result.field]
        text = text.replace(
            describe_criterion(result),
            f"{FIELD_LABELS[result.field]} vises ikke, da tallet bygger på færre end "
            f"{label.lstrip('<')} personer ({words} {danish_number(result.threshold)}{unit})",
        )
    if "residents" in hidden:
        residents = danish_number(classification.figures.residents)
        text = text.replace(f"har {residents} beboere", f"har {label} beboere")
    if at_risk_prefix:
        seen: set[tuple[str, Decimal]] = set()
        lines: list[str] = []
        for result in classification.criteria:
            if not result.at_risk or result.field in hidden:
                continue
            if (result.field, result.threshold) in seen:
                continue
            seen.add((result.field, result.threshold))
            lines.append(describe_criterion(result))
        if lines:
            text += f" {at_risk_prefix}{'; '.join(lines)}."
    return text


def shown_year(year: YearAssessment, *, analyst: bool) -> ShownYear:
    """One assessed year as the reader may see it (disclosure control applied)."""
    min_count = settings.DISCLOSURE_MIN_COUNT
    label = suppression_label(min_count)
    hidden = _hidden(year.figures, analyst=analyst, min_count=min_count)
    residents_figure = year.figures.get("residents")
    residents = None
    if residents_figure is not None:
        suppressed = "residents" in hidden
        residents = ShownFigure(None if suppressed else residents_figure.value, suppressed)
    c = year.classification
    criteria: list[ShownCriterion] = []
    explanation = ""
    if c is not None:
        primary_group = year.rule_set.primary_group if year.rule_set else ""
        for result in c.criteria:
            suppressed = result.field in hidden
            criteria.append(
                ShownCriterion(
                    result=result,
                    value=None if suppressed else result.value,
                    margin=None if suppressed else result.margin,
                    at_risk=result.at_risk and not suppressed,
                    suppressed=suppressed,
                    primary=result.group == primary_group,
                )
            )
        explanation = redacted_explanation(c, hidden, label)
    shown = [s for s in criteria if not s.suppressed]
    nearest = closest(c, hidden) if c is not None else None
    closest_shown = next((s for s in shown if s.result == nearest), None)
    reasons = tuple(
        disagreement_reason(year, d, residents_label=label if "residents" in hidden else None)
        for d in year.disagreements
    )
    return ShownYear(
        year=year,
        residents=residents,
        criteria=tuple(criteria),
        closest=closest_shown,
        at_risk=tuple(s for s in shown if s.at_risk),
        explanation=explanation,
        hidden=hidden,
        reasons=reasons,
    )


def _sorted(rows: list[OverviewRow], sort: SortKey) -> list[OverviewRow]:
    def by_name(row: OverviewRow) -> tuple[str, str]:
        return (danish_sort_key(row.area.name), danish_sort_key(row.area.municipality))

    if sort == "name":
        return sorted(rows, key=by_name)
    if sort == "municipality":
        return sorted(rows, key=lambda r: (danish_sort_key(r.area.municipality), by_name(r)))

    def by_risk(row: OverviewRow) -> tuple[int, Decimal, tuple[str, str]]:
        nearest = row.shown.closest
        if nearest is None:
            return (1, Decimal(0), by_name(row))
        return (0, relative_distance(nearest.result), by_name(row))

    return sorted(rows, key=by_risk)


def overview_years(stored_lists: frozenset[tuple[int, str]] | None = None) -> tuple[int, ...]:
    """Every year with criteria figures or official list entries, newest first (one query
    when `stored_lists` from `known_lists()` is given, two otherwise)."""
    lists = stored_lists if stored_lists is not None else known_lists()
    values = IndicatorValue.objects.filter(indicator__key__in=CRITERIA_KEYS)
    years = set(values.order_by().values_list("year", flat=True).distinct())
    years |= {year for year, _designation in lists}
    return tuple(sorted(years, reverse=True))


def overview_municipalities() -> QuerySet[Municipality]:
    """The municipalities that have an area with figures or list entries."""
    values = IndicatorValue.objects.filter(
        area__municipality=OuterRef("pk"), indicator__key__in=CRITERIA_KEYS
    )
    entries = OfficialListEntry.objects.filter(area__municipality=OuterRef("pk"))
    return Municipality.objects.filter(Q(Exists(values)) | Q(Exists(entries))).order_by("name")


def area_overview(
    *,
    analyst: bool,
    year: int | None = None,
    years: tuple[int, ...] | None = None,
    stored_lists: frozenset[tuple[int, str]] | None = None,
    municipality_code: int | None = None,
    sort: SortKey = "risk",
) -> AreaOverview:
    """One row per area with figures or list entries in `year` (the latest by default): its
    computed and official designations, agreement, criteria met, the criterion nearest its
    threshold and the criteria at risk, as the reader may see them. Sorted by `sort`: "risk"
    puts the area whose shown figure is nearest a threshold (relative to it) first."""
    lists = stored_lists if stored_lists is not None else known_lists()
    years = years if years is not None else overview_years(lists)
    if year is None:
        year = years[0] if years else None
    if year is None:
        return AreaOverview(None, years, ())
    rows = []
    # a year's classification reads only the years of its longest multi-year designation
    assessments = area_assessments(
        municipality_code=municipality_code,
        since_year=year - years_of_history() + 1,
        until_year=year,
        stored_lists=lists,
    )
    for assessment in assessments:
        assessed = assessment.for_year(year)
        if assessed is not None:
            rows.append(OverviewRow(assessment, shown_year(assessed, analyst=analyst)))
    return AreaOverview(year, years, tuple(_sorted(rows, sort)))


def area_by_slug(slug: str) -> Area | None:
    return Area.objects.select_related("municipality").filter(slug=slug).first()


def area_assessment(area: Area) -> AreaAssessment:
    """Every year of one area (3 queries: values, list entries, stored lists)."""
    [assessment] = assess_areas([area])
    return assessment


# Each criterion over time, with the threshold of each year's rule set ------------------------

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


def indicators_by_key() -> dict[str, Indicator]:
    return {i.key: i for i in Indicator.objects.all()}
