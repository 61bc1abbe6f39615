"""The area figures of each year and the official lists the criteria engine makes of them."""

from __future__ import annotations

import random
from decimal import Decimal

from boligsocial.criteria.rules import (
    AreaFigures,
    DesignationKey,
    HistoryEntry,
    classify,
    rule_set_for_year,
)
from boligsocial.criteria.rules.sets import NoRuleSetError
from boligsocial.demo.national.base import LIST_YEARS
from boligsocial.demo.national.specs import FigureSpec, ListEntrySpec, NationalData

# Seven of the ten figures a year: (key, base, spread with vulnerability, noise, population share)
FIGURES = (
    ("pct_outside_labour", 18, 34, 3, 0.6),
    ("pct_non_western", 12, 60, 4, 1.0),
    ("pct_convicted", 0.9, 3.2, 0.3, 0.75),
    ("pct_basic_education", 22, 45, 4, 0.4),
    ("income_pct_of_region", 95, -45, 4, 0.55),
    ("pct_households_moving_out", 8, 9, 2, 0.45),
    ("pct_youth_without_upper_secondary", 14, 32, 5, 0.015),
)


def figures_and_lists(data: NationalData, rng: random.Random) -> None:
    """Ten figures per area and year, drifting from a seeded level of vulnerability, and the
    official lists the criteria engine makes of them (so computed and official status agree)."""
    for area in data.areas:
        level = rng.betavariate(1.6, 2.2)
        drift = rng.uniform(-0.025, 0.02)
        residents = area.residents
        history: list[HistoryEntry] = []
        listed: set[DesignationKey] = set()
        for year in LIST_YEARS:
            v = min(1.0, max(0.0, level + drift * (year - 2010) + rng.uniform(-0.04, 0.04)))
            residents = max(200, round(residents * rng.uniform(0.97, 1.03)))
            rows: list[tuple[str, Decimal, int | None, int | None]] = [
                ("residents", Decimal(residents), residents, None),
                ("children_0_17", Decimal(round(residents * (0.18 + 0.15 * v))), None, None),
            ]
            for key, base, spread, noise, share in FIGURES:
                pct = max(0.0, base + spread * v + rng.uniform(-noise, noise))
                population = max(1, round(residents * share))
                persons = min(population, round(population * pct / 100))
                counted = None if key == "income_pct_of_region" else persons
                rows.append((key, Decimal(str(round(pct, 1))), counted, population))
            values = {key: value for key, value, _p, _q in rows}
            ratio = (values["pct_convicted"] / Decimal("0.85")).quantize(Decimal("0.01"))
            values["conviction_ratio"] = ratio
            rows.append(("conviction_ratio", ratio, None, None))
            data.figures += [FigureSpec(area.slug, k, year, val, p, q) for k, val, p, q in rows]
            try:
                rule_set = rule_set_for_year(year)
            except NoRuleSetError:
                continue
            figures = AreaFigures(
                area=area.name,
                municipality=str(area.municipality_code),
                year=year,
                residents=residents,
                **{
                    k: values[k]
                    for k in (
                        "pct_outside_labour",
                        "pct_non_western",
                        "pct_convicted",
                        "conviction_ratio",
                        "pct_basic_education",
                        "income_pct_of_region",
                    )
                },
            )
            result = classify(figures, rule_set, history=history)
            now = {k for k, held in result.designations.items() if held}
            for key in sorted(now):
                data.list_entries.append(ListEntrySpec(area.slug, year, key, True))
                history.append(HistoryEntry(year, key, True, "official"))
            for key in sorted(listed - now):
                if result.designations.get(key) is False:  # published as having left the list
                    data.list_entries.append(ListEntrySpec(area.slug, year, key, False))
            listed = now
