"""A demo plan's budget lines as plain values (no database): the year's templates of
`money.toml` spread over the plan's calendar years, its focus areas and its sources, in whole
kroner that add up exactly (largest remainder), so LBF's share of every year is the one asked
for to the krone's rounding."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Any

from boligsocial.demo.money.data import LineTemplate

KRONE = Decimal("1")
LBF = "lbf"


@dataclass(frozen=True)
class DemoLine:
    year: int
    category: str
    focus_area: Any  # one of the plan's focus areas, None: shared
    source_kind: str
    source: Any  # an organisation or afdeling, None for LBF, a name for a foundation
    text: str
    in_kind: bool
    amount: Decimal


def months_by_year(start: date, end: date) -> dict[int, int]:
    """How many months of each calendar year the period start..end covers, counting the start's
    and the end's months whole (the demo's plans start on a 1st and end on a month's last day)."""
    months: dict[int, int] = {}
    for year in range(start.year, end.year + 1):
        first = start.month if year == start.year else 1
        last = end.month if year == end.year else 12
        months[year] = last - first + 1
    return months


def distribute(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """`total` (whole kroner) split by `weights`, each part whole kroner, the parts adding up to
    `total` exactly: the largest remainders get the kroner left over."""
    weight_sum = sum(weights, Decimal(0))
    if not weights or weight_sum == 0:
        return [Decimal(0)] * len(weights)
    exact = [total * w / weight_sum for w in weights]
    parts = [e.quantize(KRONE, ROUND_FLOOR) for e in exact]
    left = int(total - sum(parts, Decimal(0)))
    order = sorted(range(len(exact)), key=lambda i: (parts[i] - exact[i], i))
    for i in order[:left]:
        parts[i] += 1
    return parts


def plan_lines(
    *,
    start: date,
    end: date,
    yearly_total: Decimal,
    templates: Sequence[LineTemplate],
    focus_areas: Sequence[Any],
    organisations: Sequence[Any],
    municipality: Any,
    afdeling: Any,
    foundation: str,
    lbf_share: Decimal | None = None,
) -> list[DemoLine]:
    """Every line of the plan's budget, year by year. A year of the period gets its months'
    part of `yearly_total`; LBF's lines hold `lbf_share` of it (by default the templates' own
    share) and the local lines the rest; in-kind lines come on top."""
    ordinary = [t for t in templates if not t.in_kind]
    template_lbf = sum((t.share for t in ordinary if t.source_kind == LBF), Decimal(0))
    share = template_lbf if lbf_share is None else lbf_share
    out: list[DemoLine] = []
    for year, months in months_by_year(start, end).items():
        total = (yearly_total * months / 12).quantize(KRONE, ROUND_HALF_UP)
        lbf_total = (total * share).quantize(KRONE, ROUND_HALF_UP)
        slots = [s for t in ordinary for s in _slots(t, focus_areas, organisations)]
        lbf = [i for i, s in enumerate(slots) if s[0].source_kind == LBF]
        local = [i for i, s in enumerate(slots) if s[0].source_kind != LBF]
        amounts: dict[int, Decimal] = {}
        for indexes, money in ((lbf, lbf_total), (local, total - lbf_total)):
            parts = distribute(money, [slots[i][3] for i in indexes])
            amounts.update(zip(indexes, parts, strict=True))
        for i, slot in enumerate(slots):
            out.append(_line(year, slot, amounts[i], municipality, afdeling, foundation))
        for t in templates:
            if t.in_kind:
                for slot in _slots(t, focus_areas, organisations):
                    amount = (total * slot[3]).quantize(KRONE, ROUND_HALF_UP)
                    out.append(_line(year, slot, amount, municipality, afdeling, foundation))
    return out


_Slot = tuple[LineTemplate, Any, Any, Decimal]  # template, focus area, organisation, weight


def _slots(
    t: LineTemplate, focus_areas: Sequence[Any], organisations: Sequence[Any]
) -> list[_Slot]:
    """The lines one template gives: per focus area ("each") and per housing organisation."""
    if t.focus == "each" and focus_areas:
        focus: list[Any] = list(focus_areas)
    elif t.focus == "first" and focus_areas:
        focus = [focus_areas[0]]
    else:
        focus = [None]
    orgs: list[Any] = (
        list(organisations) if t.source_kind == "housing_organisation" and organisations else [None]
    )
    weight = t.share / (len(focus) * len(orgs))
    return [(t, f, o, weight) for f in focus for o in orgs]


def _line(
    year: int, slot: _Slot, amount: Decimal, municipality: Any, afdeling: Any, foundation: str
) -> DemoLine:
    t, focus_area, organisation, _weight = slot
    source = {
        LBF: None,
        "municipality": municipality,
        "housing_organisation": organisation,
        "afdeling": afdeling,
        "foundation": foundation,
    }[t.source_kind]
    return DemoLine(
        year=year,
        category=t.category,
        focus_area=focus_area,
        source_kind=t.source_kind,
        source=source,
        text=t.text,
        in_kind=t.in_kind,
        amount=amount,
    )
