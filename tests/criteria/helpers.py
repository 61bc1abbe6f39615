"""Shared builders for the criteria tests."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from boligsocial.criteria.rules import AreaFigures

# Far from every threshold of every rule set, on the "not met" side.
NEUTRAL: dict[str, Decimal] = {
    "pct_outside_labour": Decimal("10"),
    "pct_non_western": Decimal("10"),
    "pct_convicted": Decimal("0.5"),
    "conviction_ratio": Decimal("0.5"),
    "pct_basic_education": Decimal("10"),
    "income_pct_of_region": Decimal("100"),
}


def figures(year: int = 2021, residents: int = 2000, **values: Any) -> AreaFigures:
    data = dict(NEUTRAL)
    data.update({k: Decimal(str(v)) for k, v in values.items()})
    return AreaFigures(area="Testområde", municipality="Aarhus", year=year, residents=residents,
                       **data)  # fmt: skip
