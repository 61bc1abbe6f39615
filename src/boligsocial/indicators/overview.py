"""The overview of every area's computed versus official status in a year, as a reader may see
it, and its orders (nearest a threshold first, by name, by municipality)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from boligsocial.indicators.assessment import AreaAssessment
from boligsocial.indicators.reasons import relative_distance
from boligsocial.indicators.redaction import ShownYear

SortKey = Literal["risk", "name", "municipality"]
SORT_KEYS: tuple[SortKey, ...] = ("risk", "name", "municipality")

# Danish alphabetical order: æ, ø, å after z.
_DANISH_ORDER = str.maketrans({"æ": "z\x01", "ø": "z\x02", "å": "z\x03"})


def danish_sort_key(text: str) -> str:
    return text.lower().translate(_DANISH_ORDER)


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


def sorted_rows(rows: list[OverviewRow], sort: SortKey) -> list[OverviewRow]:
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
