"""The people of the generated plans: staff roles, bodies and their seats over the years."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal

from boligsocial.demo.national.base import (
    BODY_SEATS,
    PERSON_TITLES,
    STAFF_TITLES,
    SURNAME_SUFFIXES,
    NationalDataError,
)
from boligsocial.demo.national.invent import invent_terms, stem, unique_text
from boligsocial.demo.national.specs import (
    BodySpec,
    NationalData,
    OrgSpec,
    PersonSpec,
    PlanSpec,
    RoleSpec,
    SeatSpec,
)
from boligsocial.demo.source import FICTIONAL_FIRST_NAMES
from boligsocial.governance.models import (
    MembershipRole,
    PlanRoleKind,
)
from boligsocial.organisations.models import OrganisationKind


def people_roles_bodies(
    data: NationalData,
    n: dict[str, int],
    rng: random.Random,
    kommune: dict[int, OrgSpec],
    secretariat: OrgSpec,
    housing_by_region: dict[int, list[OrgSpec]],
) -> None:
    """Slots first (roles and seats with their terms), then people shared out over the
    regions in proportion to the slots there, then each slot filled from its region's people in
    turn, never twice in one plan's staff or one body."""
    area_of = {a.slug: a for a in data.areas}
    body_count = {p.slug: n["bodies"] // len(data.plans) for p in data.plans}
    for plan in rng.sample(data.plans, n["bodies"] % len(data.plans)):
        body_count[plan.slug] += 1
    role_slots: list[tuple[PlanSpec, str, str, Decimal, date, date | None]] = []
    seat_slots: list[tuple[PlanSpec, str, str, date, date | None]] = []
    kind: str
    for plan in data.plans:
        for kind, title, seats in (
            (PlanRoleKind.LEADER, "Projektleder", 1),
            (PlanRoleKind.STAFF, "", rng.randint(2, 5)),
        ):
            for _ in range(seats):
                fte = (
                    Decimal("1.00")
                    if kind == PlanRoleKind.LEADER
                    else rng.choice((Decimal("1.00"), Decimal("0.80"), Decimal("0.50")))
                )
                job = title or rng.choice(STAFF_TITLES)
                for start, end in invent_terms(rng, plan.start, plan.end, rng.choice((1, 1, 2, 3))):
                    role_slots.append((plan, kind, job, fte, start, end))
        for kind in list(BODY_SEATS)[: min(4, body_count[plan.slug])]:
            name, singles, (low, high), extra = BODY_SEATS[kind]
            data.bodies.append(BodySpec(plan_slug=plan.slug, kind=kind, name=name))
            roles: list[str] = [*singles, *[MembershipRole.MEMBER] * rng.randint(low, high)]
            if extra and rng.random() < 0.5:
                roles.append(extra)
            for role in roles:
                for start, end in invent_terms(
                    rng, plan.start, plan.end, rng.choice((1, 1, 2, 2, 3))
                ):
                    seat_slots.append((plan, name, role, start, end))

    region_of_plan = {p.slug: area_of[p.area_slug].region_code for p in data.plans}
    slots_in = Counter(region_of_plan[s[0].slug] for s in role_slots + seat_slots)
    regions = sorted(slots_in)
    total = sum(slots_in.values())
    share = {r: max(1, n["people"] * slots_in[r] // total) for r in regions}
    share[max(regions, key=lambda r: slots_in[r])] += n["people"] - sum(share.values())
    pools: dict[int, list[PersonSpec]] = {}
    names: set[str] = set()
    first_names = sorted(FICTIONAL_FIRST_NAMES)
    kommuner_in = defaultdict(list)
    for org in kommune.values():
        kommuner_in[org.region_code].append(org)
    for region in regions:
        pool = []
        for _ in range(share[region]):
            name = unique_text(
                lambda: f"{rng.choice(first_names)} {stem(rng)}{rng.choice(SURNAME_SUFFIXES)}",
                names,
            )
            draw = rng.random()
            if draw < 0.03:
                employer = secretariat
            elif draw < 0.4 and kommuner_in[region]:
                employer = rng.choice(kommuner_in[region])
            else:
                employer = rng.choice(housing_by_region[region] or list(kommune.values()))
            person = PersonSpec(
                email=f"person{len(data.people) + 1:05d}@fiktiv.example.org",
                name=name,
                title=rng.choice(PERSON_TITLES[OrganisationKind(employer.kind)]),
                employer_slug=employer.slug,
            )
            data.people.append(person)
            pool.append(person)
        pools[region] = pool
    employer_of = {p.email: p.employer_slug for p in data.people}
    turn = Counter[int]()

    def take(region: int, used: set[str]) -> PersonSpec:
        pool = pools[region]
        for _ in range(len(pool)):
            person = pool[turn[region] % len(pool)]
            turn[region] += 1
            if person.email not in used:
                used.add(person.email)
                return person
        spare = [p for p in data.people if p.email not in used]
        if not spare:
            raise NationalDataError("--scale: too few people for the seats of one body.")
        person = rng.choice(spare)
        used.add(person.email)
        return person

    staff_of: dict[str, set[str]] = defaultdict(set)
    for plan, kind, job, fte, start, end in role_slots:
        person = take(region_of_plan[plan.slug], staff_of[plan.slug])
        data.roles.append(RoleSpec(plan.slug, person.email, kind, job, fte, start, end))
    members_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for plan, body, role, start, end in seat_slots:
        person = take(region_of_plan[plan.slug], members_of[(plan.slug, body)])
        data.seats.append(
            SeatSpec(plan.slug, body, person.email, employer_of[person.email], role, start, end)
        )
