"""Reads of indicator values, with disclosure control applied for the reader."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet

from boligsocial.indicators.models import Indicator, IndicatorValue, OfficialListEntry
from boligsocial.indicators.rules import Figure, disclose


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
            Figure(v.value, v.persons, v.population), min_count=min_count, analyst=analyst
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
