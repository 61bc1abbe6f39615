"""Reads of indicator values and of the areas' computed versus official status, in a fixed
number of queries, with disclosure control applied for the reader (`redaction.py`). What the
reads are turned into lives beside them: `assessment.py` (the bridge to the criteria engine),
`redaction.py` (what a reader may see), `reasons.py`, `overview.py` and `series.py`
(presentation)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from boligsocial.areas.models import Area
from boligsocial.core import data_version
from boligsocial.criteria.rules import DEFAULT_RISK_MARGIN, DesignationKey
from boligsocial.indicators.assessment import (
    CRITERIA_KEYS,
    AreaAssessment,
    ListEntry,
    assess_area,
    years_of_history,
)
from boligsocial.indicators.models import Indicator, IndicatorValue, OfficialListEntry, Unit
from boligsocial.indicators.overview import AreaOverview, OverviewRow, SortKey, sorted_rows
from boligsocial.indicators.redaction import shown_year
from boligsocial.indicators.rules import Figure, disclose
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


# Computed versus official status -------------------------------------------------------


def _areas_with_data() -> QuerySet[Area]:
    values = IndicatorValue.objects.filter(area=OuterRef("pk"), indicator__key__in=CRITERIA_KEYS)
    entries = OfficialListEntry.objects.filter(area=OuterRef("pk"))
    return Area.objects.filter(Q(Exists(values)) | Q(Exists(entries)))


def known_lists() -> frozenset[tuple[int, str]]:
    """The (year, designation) lists of which any entry is stored."""
    return frozenset(
        OfficialListEntry.objects.order_by().values_list("year", "designation").distinct()
    )


# The assessments of every area, kept per process for the latest versions of the areas' data
# (docs/decisions/0014): a write to a plan, a person or a body leaves them, so rendering
# /omraader/ after such a write does not classify 600 areas again; a write to the areas' data
# gives a new version and so a new entry. Assessments are immutable (frozen dataclasses).
kept_assessments = data_version.KeptPerAreasVersion(8)


def area_assessments(
    *,
    municipality_code: int | None = None,
    since_year: int | None = None,
    until_year: int | None = None,
    stored_lists: frozenset[tuple[int, str]] | None = None,
    risk_margin: Decimal = DEFAULT_RISK_MARGIN,
) -> list[AreaAssessment]:
    """The assessments of every area with figures or list entries (in a municipality), by
    municipality and name, with the years from `since_year` up to `until_year`. One query (the
    areas' version) when this process assessed the same areas at the same version before, else
    five (four when `stored_lists` is given), whatever the number of areas and years."""
    # The version first: data read after it is at least as new, so an entry is never older
    # than its version says (a write committed in between only makes it newer).
    version = data_version.areas_version()
    lists = stored_lists if stored_lists is not None else known_lists()
    kept = kept_assessments.get(
        version,
        (municipality_code, since_year, until_year, lists, risk_margin),
        lambda: tuple(
            _area_assessments(
                municipality_code=municipality_code,
                since_year=since_year,
                until_year=until_year,
                stored_lists=lists,
                risk_margin=risk_margin,
            )
        ),
    )
    return list(kept)


def _area_assessments(
    *,
    municipality_code: int | None,
    since_year: int | None,
    until_year: int | None,
    stored_lists: frozenset[tuple[int, str]],
    risk_margin: Decimal,
) -> list[AreaAssessment]:
    qs = _areas_with_data().select_related("municipality")
    if municipality_code is not None:
        qs = qs.filter(municipality__code=municipality_code)
    area_list = list(qs.order_by("municipality__name", "name"))
    if not area_list:
        return []
    return assess_areas(
        area_list,
        area_ids=qs.values("pk"),
        since_year=since_year,
        until_year=until_year,
        stored_lists=stored_lists,
        risk_margin=risk_margin,
    )


def assess_areas(
    areas: Sequence[Area],
    *,
    area_ids: QuerySet[Area, Any] | list[int] | None = None,
    since_year: int | None = None,
    until_year: int | None = None,
    stored_lists: frozenset[tuple[int, str]] | None = None,
    risk_margin: Decimal = DEFAULT_RISK_MARGIN,
) -> list[AreaAssessment]:
    """Assess `areas` (with their municipality loaded), in their order: three queries (values,
    list entries, stored lists; two when `stored_lists` is given). `area_ids` may be a subquery
    selecting the same areas, so that a long list of ids is not sent to the database."""
    ids = area_ids if area_ids is not None else [a.pk for a in areas]
    values = IndicatorValue.objects.filter(area_id__in=ids, indicator__key__in=CRITERIA_KEYS)
    entries_qs = OfficialListEntry.objects.filter(area_id__in=ids)
    if since_year is not None:
        values = values.filter(year__gte=since_year)
        entries_qs = entries_qs.filter(year__gte=since_year)
    if until_year is not None:
        values = values.filter(year__lte=until_year)
        entries_qs = entries_qs.filter(year__lte=until_year)
    figures: dict[int, dict[int, dict[str, Figure]]] = defaultdict(lambda: defaultdict(dict))
    for area_id, key, unit, year, value, persons, population in values.order_by().values_list(
        "area_id", "indicator__key", "indicator__unit", "year", "value", "persons", "population"
    ):
        figures[area_id][year][key] = Figure(
            value, persons, population, is_count=unit == Unit.COUNT
        )
    entries: dict[int, list[ListEntry]] = defaultdict(list)
    for area_id, year, designation, on_list, source in entries_qs.order_by().values_list(
        "area_id", "year", "designation", "on_list", "source"
    ):
        entries[area_id].append(ListEntry(year, cast(DesignationKey, designation), on_list, source))
    lists = stored_lists if stored_lists is not None else known_lists()
    return [
        assess_area(
            area_id=area.pk,
            name=area.name,
            slug=area.slug,
            municipality=area.municipality.name,
            municipality_code=area.municipality.code,
            figures_by_year=figures.get(area.pk, {}),
            entries=entries.get(area.pk, ()),
            known_lists=lists,
            risk_margin=risk_margin,
        )
        for area in areas
    ]


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
    return AreaOverview(year, years, tuple(sorted_rows(rows, sort)))


def area_by_slug(slug: str) -> Area | None:
    return Area.objects.select_related("municipality").filter(slug=slug).first()


def area_assessment(area: Area) -> AreaAssessment:
    """Every year of one area (3 queries: values, list entries, stored lists)."""
    [assessment] = assess_areas([area])
    return assessment


def indicators_by_key() -> dict[str, Indicator]:
    return {i.key: i for i in Indicator.objects.all()}
