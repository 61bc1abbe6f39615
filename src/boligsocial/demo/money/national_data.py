"""The national installation's money as plain values (no database): for every running plan a
granted budget of 4 × 200 lines, the yearly reports with their accounts for the years that have
ended, and LBF's instalments. Deterministic: a function of the plans' own generated values.

Each plan's lines are spread over the calendar years of its period by the months it covers
(200 lines a whole year, 800 in all); each year's last line is the municipality's
"udligning" that keeps LBF's share of the year at most 74 % (in-kind lines left out, the safe
reading when a round does not say whether they count). Every amount and text is fictional."""

from __future__ import annotations

import hashlib
import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from boligsocial.demo.money.lines import distribute, months_by_year
from boligsocial.demo.national.base import REFERENCE_DATE
from boligsocial.demo.national.specs import PlanSpec

LINES_PER_YEAR = 200
YEARS = 4
LBF_SHARE = Decimal("0.74")
GRANT_DAYS_BEFORE_START = 45  # the grant step of the plans' timelines (demo.timelines)
NOTE = "Fiktive data (syntetisk national installation): alle beløb er opdigtede."
FOUNDATION = "Fiktiv Fond for Boligområder (fiktive data)"

# Per category: its weight among the lines and the texts its lines take (fictional, ordinary).
CATEGORIES: dict[str, tuple[int, tuple[str, ...]]] = {
    "salaries": (45, ("Projektleder", "Boligsocial medarbejder", "Ungeguide", "Jobkonsulent")),
    "activities": (35, ("Lektiecafé", "Fritidsjob", "Familiekursus", "Sommeraktiviteter")),
    "administration": (10, ("Kontorleje", "It og telefoni", "Revision", "Bogføring")),
    "evaluation": (4, ("Midtvejsevaluering", "Slutevaluering", "Dataindsamling")),
    "other": (6, ("Uforudsete udgifter", "Kompetenceudvikling", "Kommunikation")),
}
# Source kinds of the ordinary lines and their weights; the rest is the yearly udligning.
SOURCES = (
    ("lbf", 78),
    ("municipality", 10),
    ("housing_organisation", 8),
    ("afdeling", 2),
    ("foundation", 1),
    ("in_kind", 1),
)


@dataclass(frozen=True)
class NationalLine:
    key: str
    position: int
    year: int
    category: str
    focus_area: str | None  # a focus area's Danish name; None: shared
    source_kind: str
    organisation: str | None  # an organisation's slug
    afdeling: tuple[str, str] | None  # (organisation slug, number)
    source_name: str
    in_kind: bool
    text: str
    amount: Decimal


@dataclass(frozen=True)
class NationalReport:
    year: int
    status: str  # approved or submitted; a late report has no row (it counts as due)
    due_date: date
    submitted_on: date
    decided_on: date | None


@dataclass(frozen=True)
class PlanMoneySpec:
    plan_slug: str
    granted_on: date
    lines: tuple[NationalLine, ...]
    reports: tuple[NationalReport, ...]
    spent: dict[str, Decimal]  # per line key, of the years with a report

    def lbf_by_year(self) -> dict[int, Decimal]:
        out: dict[int, Decimal] = {}
        for line in self.lines:
            if line.source_kind == "lbf":
                out[line.year] = out.get(line.year, Decimal(0)) + line.amount
        return out


def line_key(plan_slug: str, number: int) -> str:
    """A stable 32-character key, the same on every load."""
    return hashlib.md5(f"{plan_slug}:{number}".encode(), usedforsecurity=False).hexdigest()


def plan_money(
    plan: PlanSpec,
    *,
    municipality: str,
    housing: Sequence[str],
    afdelinger: Sequence[tuple[str, str]],
    due: dict[int, date],
    index: int,
) -> PlanMoneySpec:
    """One running plan's money. `municipality` and `housing` are organisation slugs,
    `afdelinger` (organisation slug, number) pairs, `due` each past year's report due date;
    `index` (the plan's place among the running plans) picks every tenth plan's latest report
    as late (no row) and every tenth, another, as submitted and waiting for LBF."""
    rng = random.Random(zlib.crc32(plan.slug.encode()))  # noqa: S311 (fictional, reproducible)
    months = months_by_year(plan.start, plan.end)
    counts = distribute(Decimal(LINES_PER_YEAR * YEARS), [Decimal(m) for m in months.values()])
    categories = list(CATEGORIES)
    weights = [CATEGORIES[c][0] for c in categories]
    kinds, kind_weights = zip(*SOURCES, strict=True)
    lines: list[NationalLine] = []
    number = 0
    for year, count in zip(months, counts, strict=True):
        lbf, local = Decimal(0), Decimal(0)
        for _ in range(int(count) - 1):
            category = rng.choices(categories, weights)[0]
            kind = rng.choices(kinds, kind_weights)[0]
            in_kind = kind == "in_kind"
            if in_kind:
                kind, category = "housing_organisation", "administration"
            amount = Decimal(rng.randrange(1_000, 40_000))
            org, afdeling, name = _source(kind, rng, municipality, housing, afdelinger)
            focus = None if category in ("administration", "evaluation") else _focus(plan, rng)
            if kind == "lbf":
                lbf += amount
            elif not in_kind:
                local += amount
            text = rng.choice(CATEGORIES[category][1])
            lines.append(
                NationalLine(
                    line_key(plan.slug, number),
                    number,
                    year,
                    category,
                    focus,
                    kind,
                    org,
                    afdeling,
                    name,
                    in_kind,
                    text + (" (timer)" if in_kind else ""),
                    amount,
                )
            )
            number += 1
        needed = (lbf * (1 - LBF_SHARE) / LBF_SHARE).quantize(Decimal(1), ROUND_CEILING)
        lines.append(
            NationalLine(
                line_key(plan.slug, number),
                number,
                year,
                "other",
                None,
                "municipality",
                municipality,
                None,
                "",
                False,
                "Kommunal medfinansiering, udligning",
                max(needed - local, Decimal(1_000)),
            )
        )
        number += 1
    reports = _reports(plan, due, index)
    reported = {r.year for r in reports}
    spent = {
        line.key: (line.amount * Decimal(rng.randrange(80, 111)) / 100).quantize(Decimal(1))
        for line in lines
        if line.year in reported and not line.in_kind
    }
    granted_on = plan.start - timedelta(days=GRANT_DAYS_BEFORE_START)
    return PlanMoneySpec(plan.slug, granted_on, tuple(lines), reports, spent)


def _focus(plan: PlanSpec, rng: random.Random) -> str | None:
    if not plan.focus_areas or rng.random() < 0.1:
        return None
    return rng.choice(plan.focus_areas)


def _source(
    kind: str,
    rng: random.Random,
    municipality: str,
    housing: Sequence[str],
    afdelinger: Sequence[tuple[str, str]],
) -> tuple[str | None, tuple[str, str] | None, str]:
    if kind == "municipality":
        return municipality, None, ""
    if kind == "housing_organisation":
        return rng.choice(housing), None, ""
    if kind == "afdeling":
        return None, rng.choice(afdelinger), ""
    if kind == "foundation":
        return None, None, FOUNDATION
    return None, None, ""


def _reports(plan: PlanSpec, due: dict[int, date], index: int) -> tuple[NationalReport, ...]:
    """Approved reports for the plan's years that have ended, submitted three weeks before
    they were due and approved six weeks later; every tenth plan's latest is late (no row),
    and every tenth, another, is submitted and waits for LBF."""
    years = [y for y in range(plan.start.year, REFERENCE_DATE.year) if y in due]
    out = []
    for year in years:
        latest = year == years[-1]
        if latest and index % 10 == 3:
            continue
        submitted = due[year] - timedelta(days=21)
        waiting = latest and index % 10 == 7
        out.append(
            NationalReport(
                year,
                "submitted" if waiting else "approved",
                due[year],
                submitted,
                None if waiting else submitted + timedelta(days=42),
            )
        )
    return tuple(out)
