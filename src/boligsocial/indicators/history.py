"""The official list history stored in the database, in the criteria engine's terms, so that
`boligsocial criteria classify` counts earlier published lists for the multi-year designations
(hårdt ghettoområde, omdannelsesområde) even when the input has no earlier rows.

An input names its areas by strings; each (area, municipality) is matched to a stored area once,
by the matching rule of the imports (`matching.py`), and from then on the history is read and
kept by the area's id, so an area renamed or listed under another name keeps its history."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import cast

from django.db import DatabaseError

from boligsocial.criteria.rules import DesignationKey, HistoryEntry
from boligsocial.indicators.matching import (
    area_key,
    areas_by_name,
    municipalities_by_name,
    municipality_key,
)
from boligsocial.indicators.models import OfficialListEntry

AreaKey = tuple[str, str]  # (area name as in the input, municipality as in the input)


def official_history(area_ids: Iterable[int]) -> dict[int, list[HistoryEntry]]:
    """Every stored list entry of the areas, as HistoryEntries by area id (one query)."""
    history: dict[int, list[HistoryEntry]] = defaultdict(list)
    entries = (
        OfficialListEntry.objects.filter(area_id__in=list(area_ids))
        .order_by("area_id", "year", "designation")
        .values_list("area_id", "year", "designation", "on_list")
    )
    for area_id, year, designation, on_list in entries:
        key = cast(DesignationKey, designation)
        history[area_id].append(HistoryEntry(year, key, on_list, "official"))
    return dict(history)


def matched_area_ids(keys: Iterable[AreaKey]) -> dict[AreaKey, int]:
    """The stored area each (area, municipality) of an input names, where there is one."""
    municipalities = municipalities_by_name()
    areas = areas_by_name()
    matched: dict[AreaKey, int] = {}
    for key in keys:
        name, municipality_name = key
        municipality = municipalities.get(municipality_key(municipality_name))
        if municipality is None:
            continue
        area = areas.get((area_key(name), municipality.pk))
        if area is not None:
            matched[key] = area.pk
    return matched


def official_history_for(keys: Iterable[AreaKey]) -> dict[AreaKey, list[HistoryEntry]]:
    """The stored history of each (area, municipality) an input names, matched to its area
    first. Empty when the database has not been migrated (the command then works on its input
    alone)."""
    try:
        matched = matched_area_ids(keys)
        by_id = official_history(set(matched.values()))
    except DatabaseError:
        return {}
    return {key: by_id[area_id] for key, area_id in matched.items() if area_id in by_id}
