"""Invented values: dates, CVR numbers, names from made-up syllables, outlines, terms."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from boligsocial.demo.national.base import REFERENCE_DATE, SYLLABLES, RoundInfo
from boligsocial.organisations.rules import CVR_WEIGHTS


def months_later(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def years_later(day: date, years: int) -> date:
    return day.replace(year=day.year + years)


def invent_cvr(rng: random.Random, taken: set[str]) -> str:
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        check = -sum(d * w for d, w in zip(digits, CVR_WEIGHTS[:7], strict=True)) % 11
        cvr = "".join(map(str, digits)) + str(check)
        if check < 10 and cvr not in taken:
            taken.add(cvr)
            return cvr


def stem(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def unique_text(make: Callable[[], str], taken: set[str]) -> str:
    while True:
        value = make()
        if value.casefold() not in taken:
            taken.add(value.casefold())
            return value


def invent_outline(rng: random.Random, lon: float, lat: float) -> dict[str, Any]:
    radius = rng.uniform(0.002, 0.006)
    corners = rng.randint(5, 8)
    ring = []
    for i in range(corners):
        angle = 2 * math.pi * i / corners
        r = radius * rng.uniform(0.7, 1.0)
        ring.append(
            [round(lon + r * 1.7 * math.cos(angle), 6), round(lat + r * math.sin(angle), 6)]
        )
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def round_for(rounds: Sequence[RoundInfo], year: int) -> RoundInfo | None:
    found = [r for r in rounds if r.first_year <= year <= r.last_year]
    return found[0] if len(found) == 1 else None


def invent_terms(
    rng: random.Random, start: date, end: date, parts: int
) -> list[tuple[date, date | None]]:
    """`parts` consecutive terms covering the plan period (cut at month starts, never after the
    reference date); the last is open while the plan runs."""
    last_cut = min(end, REFERENCE_DATE)
    months = (last_cut.year - start.year) * 12 + last_cut.month - start.month
    cuts = sorted(
        {
            months_later(start, m)
            for m in rng.sample(range(1, max(months, 2)), min(parts - 1, max(months - 1, 0)))
        }
    )
    starts = [start, *[c for c in cuts if start < c <= last_cut]]
    terms: list[tuple[date, date | None]] = []
    for i, s in enumerate(starts):
        if i + 1 < len(starts):
            terms.append((s, starts[i + 1] - timedelta(days=1)))
        else:
            terms.append((s, None if end >= REFERENCE_DATE else end))
    return terms
