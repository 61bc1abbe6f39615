"""The generated data checked against the register's own rules, before anything is written."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from itertools import pairwise

from boligsocial.areas.rules import geojson_problem
from boligsocial.demo.national.base import RoundInfo
from boligsocial.demo.national.specs import AfdelingSpec, NationalData, PlanSpec
from boligsocial.funding.rules import plan_period_problems
from boligsocial.governance.rules import Period, Span, pairwise_conflicts, period_problems
from boligsocial.organisations.rules import cvr_problem


def problems(data: NationalData, rounds: Sequence[RoundInfo]) -> list[str]:
    """Every way the generated data breaks a rule the services enforce (empty when none)."""
    found: list[str] = []
    for org in data.organisations:
        if org.cvr and cvr_problem(org.cvr):
            found.append(f"organisation {org.name}: CVR {org.cvr} {cvr_problem(org.cvr)}")
    for area in data.areas:
        if geojson_problem(area.outline):
            found.append(f"area {area.name}: {geojson_problem(area.outline)}")
    by_code = {r.code: r for r in rounds}
    plan_of = {p.slug: p for p in data.plans}
    for plan in data.plans:
        fund_round = by_code[plan.round_code]
        found += [
            f"plan {plan.name}: {p.code}"
            for p in plan_period_problems(
                start=plan.start,
                end=plan.end,
                rules=fund_round.rules(),
                length_reason=plan.length_reason,
            )
        ]
        if not set(plan.focus_areas) <= set(fund_round.focus_areas):
            found.append(f"plan {plan.name}: focus areas of another round")
    claims: dict[tuple[str, str], list[PlanSpec]] = defaultdict(list)
    afdelinger_of: dict[str, list[AfdelingSpec]] = defaultdict(list)
    for afdeling in data.afdelinger:
        if afdeling.area_slug:
            afdelinger_of[afdeling.area_slug].append(afdeling)
    for plan in data.plans:
        for afdeling in afdelinger_of[plan.area_slug]:
            claims[(afdeling.org_slug, afdeling.number)].append(plan)
    for key, plans in claims.items():
        plans.sort(key=lambda p: p.start)
        for a, b in pairwise(plans):
            if b.start <= a.end:
                found.append(f"afdeling {key}: {a.name} and {b.name} overlap")
    ids = {p.email: i for i, p in enumerate(data.people)}

    def span(i: int, email: str, kind: str, start: date, end: date | None) -> Span:
        return Span(i, ids[email], email, kind, start, end)

    groups: dict[tuple[str, ...], list[Span]] = defaultdict(list)
    for i, role in enumerate(data.roles):
        groups[("role", role.plan_slug)].append(
            span(i, role.person_email, role.kind, role.valid_from, role.valid_to)
        )
    for i, seat in enumerate(data.seats):
        groups[("seat", seat.plan_slug, seat.body_name)].append(
            span(i, seat.person_email, seat.role, seat.valid_from, seat.valid_to)
        )
    for group, spans in groups.items():
        plan = plan_of[group[1]]
        within = Period(plan.start, plan.end)
        for row in spans:
            found += [
                f"{group}: {p.code}" for p in period_problems(row.valid_from, row.valid_to, within)
            ]
        found += [
            f"{group}: {p.code}"
            for _row, p in pairwise_conflicts(spans, memberships=group[0] == "seat")
        ]
    return found
