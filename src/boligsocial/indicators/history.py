"""The official list history stored in the database, in the criteria engine's terms, so that
`boligsocial criteria classify` counts earlier published lists for the multi-year designations
(hårdt ghettoområde, omdannelsesområde) even when the input has no earlier rows."""

from __future__ import annotations

from collections import defaultdict

from django.db import DatabaseError

from boligsocial.criteria.rules import HistoryEntry
from boligsocial.indicators.models import OfficialListEntry

AreaKey = tuple[str, str]  # (area name as in the input, municipality name)


def official_history_by_area() -> dict[AreaKey, list[HistoryEntry]]:
    """Every stored list entry as a HistoryEntry, under the area's name and each of its other
    names. Empty when the database has not been migrated (the command then works on its input
    alone)."""
    history: dict[AreaKey, list[HistoryEntry]] = defaultdict(list)
    try:
        entries = list(
            OfficialListEntry.objects.select_related("area__municipality").order_by(
                "area_id", "year", "designation"
            )
        )
    except DatabaseError:
        return {}
    for entry in entries:
        item = HistoryEntry(entry.year, entry.designation, entry.on_list, "official")  # type: ignore[arg-type]
        area = entry.area
        for name in {area.name, *area.aliases}:
            history[(name, area.municipality.name)].append(item)
    return dict(history)
