"""The synthetic national installation: a deterministic, wholly fictional Denmark to measure
the pages on (issue 8, docs/decisions/0013).

At `scale=1.0`: about 600 areas with outlines in all 98 municipalities, 7,000 afdelinger,
500 housing organisations, 100 running and 300 ended plans across the stored fund rounds,
3,000 people with plan roles and seats in 1,500 bodies over the years, the official lists
2010–2024 and ten area figures a year 2010–2024. Everything is invented: names are built from
made-up syllables and the demo's invented first names, figures from a seeded random generator,
and the official lists are what the criteria engine makes of those figures.

Two steps: `generate()` builds the data as plain values (no database), and `load_national()`
checks it against the register's own rules (the same pure functions the services call: CVR
modulus 11, GeoJSON outlines, plan periods of the fund round, afdelinger claimed by one plan at
a time, roles and seats within the plan's period, one leader / chair / vice-chair at a time,
one seat per person and body) and then writes what is missing with `bulk_create`, in one
transaction. Every object is looked up by its natural key first, so a second load writes
nothing. Rows of models with history get one "created" history row each, with the reason
`HISTORY_REASON`, so the history pages say truthfully where they came from.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from simple_history.utils import bulk_create_with_history

from boligsocial.accounts.models import Role, RoleAssignment
from boligsocial.accounts.services import role_assign, user_create
from boligsocial.areas.models import Afdeling, Area
from boligsocial.areas.rules import geojson_problem
from boligsocial.core.services import danish_slugify
from boligsocial.criteria.rules import (
    AreaFigures,
    DesignationKey,
    HistoryEntry,
    classify,
    rule_set_for_year,
)
from boligsocial.criteria.rules.sets import NoRuleSetError
from boligsocial.demo.load import DEFAULT_PASSWORD
from boligsocial.demo.source import FICTIONAL_FIRST_NAMES
from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.funding.rules import RoundRules, plan_period_problems
from boligsocial.governance.models import (
    Body,
    BodyKind,
    Membership,
    MembershipRole,
    Person,
    PlanRole,
    PlanRoleKind,
)
from boligsocial.governance.rules import Period, Span, pairwise_conflicts, period_problems
from boligsocial.indicators.models import Indicator, IndicatorValue, OfficialListEntry
from boligsocial.organisations.models import Municipality, Organisation, OrganisationKind
from boligsocial.organisations.rules import CVR_WEIGHTS, cvr_problem
from boligsocial.plans.models import Plan
from boligsocial.site.models import SiteProfile

DEFAULT_SEED = 2026
# Statuses, current seats and open ends are as of this day, not the day of loading, so the
# same seed always gives the same rows (a plan "running" here ends after it).
REFERENCE_DATE = date(2026, 12, 1)
FIRST_PLAN_START = date(2007, 1, 1)
LIST_YEARS = range(2010, 2025)
FICTIONAL = "Fiktive data (syntetisk national installation, boligsocial national)"
HISTORY_REASON = "Fiktive data indlæst af boligsocial national"
SECRETARIAT_SLUG = "fiktivt-landssekretariat"
ADMIN_USERNAME = "national-sekretariat"
LEADER_USERNAME = "national-leder"

# Sizes at scale 1.0 (issue 8).
FULL = {
    "areas": 600,
    "afdelinger": 7000,
    "organisations": 500,
    "running_plans": 100,
    "ended_plans": 300,
    "people": 3000,
    "bodies": 1500,
}


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


SYLLABLES = _words(
    "ka lo mi sve tor bel ra nu vi dal hes mo rin ul fen ba si tre gun ost lis var kel "
    "py ly sø ha bro ste"
)
AREA_SUFFIXES = _words(
    "parken haven gården vænget højen bakken lunden toften engen kvarteret husene vangen"
)
SURNAME_SUFFIXES = _words("vig holt mark strup bjerg lev rød gaard tved næs")
ORG_PATTERNS = (
    "Boligselskabet {}",
    "{} Boligforening",
    "Almene Boliger {}",
    "Andelsboligforeningen {}",
    "{} Bolig",
)
# Rough boxes (lon, lon, lat, lat) for the regions, to place invented outlines on land-ish.
REGION_BOXES = {
    1081: (8.6, 10.4, 56.65, 57.45),
    1082: (8.3, 10.7, 55.95, 56.65),
    1083: (8.5, 10.7, 54.95, 55.75),
    1084: (12.15, 12.55, 55.6, 56.0),
    1085: (11.2, 12.2, 54.85, 55.75),
}
# kind: (name, fixed single seats, members range, extra seat)
BODY_SEATS: dict[str, tuple[str, tuple[str, ...], tuple[int, int], str]] = {
    BodyKind.BOARD: (
        "Bestyrelse",
        (MembershipRole.CHAIR, MembershipRole.VICE_CHAIR),
        (3, 6),
        MembershipRole.SECRETARY,
    ),
    BodyKind.STEERING: ("Styregruppe", (MembershipRole.CHAIR,), (2, 5), MembershipRole.SECRETARY),
    BodyKind.FOLLOW: ("Følgegruppe", (MembershipRole.CHAIR,), (3, 7), ""),
    BodyKind.COUNCIL: (
        "Samarbejdsråd",
        (MembershipRole.CHAIR, MembershipRole.VICE_CHAIR),
        (3, 6),
        MembershipRole.OBSERVER,
    ),
}
STAFF_TITLES = (
    "Boligsocial medarbejder",
    "Ungeguide",
    "Beskæftigelsesmedarbejder",
    "Lektiecafékoordinator",
    "Fritidsjobformidler",
)
PERSON_TITLES = {
    OrganisationKind.HOUSING: ("Boligsocial medarbejder", "Driftschef", "Forretningsfører"),
    OrganisationKind.MUNICIPALITY: ("Konsulent", "Afdelingsleder", "SSP-konsulent"),
    OrganisationKind.SECRETARIAT: ("Konsulent i sekretariatet", "Sekretariatsleder"),
}


class NationalDataError(ValueError):
    """The national installation cannot be loaded here; the message says why."""


@dataclass(frozen=True)
class RoundInfo:
    code: str
    first_year: int
    last_year: int
    normal_plan_years: int
    focus_areas: tuple[str, ...]
    latest_plan_end: date | None = None

    def rules(self) -> RoundRules:
        return RoundRules(
            code=self.code,
            first_year=self.first_year,
            last_year=self.last_year,
            normal_plan_years=self.normal_plan_years,
            lbf_max_share=Decimal("0.75"),
            local_min_share=Decimal("0.25"),
            latest_plan_end=self.latest_plan_end,
        )


# --- generated values ------------------------------------------------------------------------


@dataclass(frozen=True)
class OrgSpec:
    slug: str
    kind: str
    name: str
    cvr: str = ""
    municipality_code: int | None = None  # a kommune organisation's own kommune
    region_code: int = 0


@dataclass(frozen=True)
class AreaSpec:
    slug: str
    name: str
    municipality_code: int
    region_code: int
    residents: int
    outline: dict[str, Any]


@dataclass(frozen=True)
class AfdelingSpec:
    org_slug: str
    number: str
    name: str
    area_slug: str | None
    dwellings: int


@dataclass(frozen=True)
class PlanSpec:
    slug: str
    name: str
    round_code: str
    area_slug: str
    start: date
    end: date
    status: str
    focus_areas: tuple[str, ...]
    lbf_number: str
    length_reason: str = ""


@dataclass(frozen=True)
class PersonSpec:
    email: str
    name: str
    title: str
    employer_slug: str


@dataclass(frozen=True)
class RoleSpec:
    plan_slug: str
    person_email: str
    kind: str
    title: str
    fte: Decimal
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True)
class BodySpec:
    plan_slug: str
    kind: str
    name: str


@dataclass(frozen=True)
class SeatSpec:
    plan_slug: str
    body_name: str
    person_email: str
    represents_slug: str
    role: str
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True)
class FigureSpec:
    area_slug: str
    key: str
    year: int
    value: Decimal
    persons: int | None
    population: int | None


@dataclass(frozen=True)
class ListEntrySpec:
    area_slug: str
    year: int
    designation: str
    on_list: bool


@dataclass
class NationalData:
    organisations: list[OrgSpec] = field(default_factory=list)
    areas: list[AreaSpec] = field(default_factory=list)
    afdelinger: list[AfdelingSpec] = field(default_factory=list)
    plans: list[PlanSpec] = field(default_factory=list)
    people: list[PersonSpec] = field(default_factory=list)
    roles: list[RoleSpec] = field(default_factory=list)
    bodies: list[BodySpec] = field(default_factory=list)
    seats: list[SeatSpec] = field(default_factory=list)
    figures: list[FigureSpec] = field(default_factory=list)
    list_entries: list[ListEntrySpec] = field(default_factory=list)


def sizes(scale: float) -> dict[str, int]:
    if not 0 < scale <= 10:
        raise NationalDataError(f"--scale {scale}: give a number above 0 and at most 10.")
    minimum = {"organisations": 3, "people": 40, "running_plans": 1, "ended_plans": 1}
    return {k: max(minimum.get(k, 2), round(v * scale)) for k, v in FULL.items()}


def _months_later(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _years_later(day: date, years: int) -> date:
    return day.replace(year=day.year + years)


def _cvr(rng: random.Random, taken: set[str]) -> str:
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        check = -sum(d * w for d, w in zip(digits, CVR_WEIGHTS[:7], strict=True)) % 11
        cvr = "".join(map(str, digits)) + str(check)
        if check < 10 and cvr not in taken:
            taken.add(cvr)
            return cvr


def _stem(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _unique(make: Callable[[], str], taken: set[str]) -> str:
    while True:
        value = make()
        if value.casefold() not in taken:
            taken.add(value.casefold())
            return value


def _outline(rng: random.Random, lon: float, lat: float) -> dict[str, Any]:
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


def _round_for(rounds: Sequence[RoundInfo], year: int) -> RoundInfo | None:
    found = [r for r in rounds if r.first_year <= year <= r.last_year]
    return found[0] if len(found) == 1 else None


def generate(
    *,
    municipalities: Sequence[tuple[int, str, int]],
    rounds: Sequence[RoundInfo],
    scale: float = 1.0,
    seed: int = DEFAULT_SEED,
) -> NationalData:
    """The national installation as plain values. `municipalities` are (code, name, region
    code); `rounds` the stored fund rounds. The same arguments always give the same data."""
    n = sizes(scale)
    rng = random.Random(seed)  # noqa: S311 (fictional data, reproducible from the seed)
    data = NationalData()
    names: set[str] = set()
    municipalities = sorted(municipalities)
    region_of = {code: region for code, _name, region in municipalities}

    # Areas: every municipality gets one before any gets a second (at full scale all 98).
    order = [m[0] for m in municipalities]
    rng.shuffle(order)
    weights = {code: rng.uniform(0.2, 3.0) for code in order}
    area_municipalities = order[: n["areas"]]
    while len(area_municipalities) < n["areas"]:
        area_municipalities += rng.choices(order, [weights[c] for c in order])
    centre = {}
    for code, _name, region in municipalities:
        lon0, lon1, lat0, lat1 = REGION_BOXES.get(region, (8.3, 12.5, 54.9, 57.4))
        local = random.Random(seed * 1000 + code)  # noqa: S311 (as rng above)
        centre[code] = (local.uniform(lon0, lon1), local.uniform(lat0, lat1))
    for code in area_municipalities:
        name = _unique(lambda: _stem(rng) + rng.choice(AREA_SUFFIXES), names)
        lon, lat = centre[code]
        data.areas.append(
            AreaSpec(
                slug=f"{danish_slugify(name)}-{code}",
                name=name,
                municipality_code=code,
                region_code=region_of[code],
                residents=rng.randint(400, 6000),
                outline=_outline(
                    rng, lon + rng.uniform(-0.06, 0.06), lat + rng.uniform(-0.04, 0.04)
                ),
            )
        )

    # Organisations: housing organisations spread over the municipalities with areas, a kommune
    # organisation for each of those municipalities, and one secretariat.
    cvrs: set[str] = set()
    home = [area_municipalities[i % len(area_municipalities)] for i in range(n["organisations"])]
    housing_by_municipality: dict[int, list[OrgSpec]] = defaultdict(list)
    housing_by_region: dict[int, list[OrgSpec]] = defaultdict(list)
    for code in home:
        name = _unique(lambda: rng.choice(ORG_PATTERNS).format(_stem(rng)), names)
        org = OrgSpec(
            slug=danish_slugify(name),
            kind=OrganisationKind.HOUSING,
            name=name,
            cvr=_cvr(rng, cvrs),
            region_code=region_of[code],
        )
        data.organisations.append(org)
        housing_by_municipality[code].append(org)
        housing_by_region[org.region_code].append(org)
    mname = {code: name for code, name, _region in municipalities}
    kommune = {}
    for code in sorted(set(area_municipalities)):
        kommune[code] = OrgSpec(
            slug=f"{danish_slugify(mname[code])}-kommune-fiktiv",
            kind=OrganisationKind.MUNICIPALITY,
            name=f"{mname[code]} Kommune (fiktive data)",
            municipality_code=code,
            region_code=region_of[code],
        )
        data.organisations.append(kommune[code])
    secretariat = OrgSpec(
        slug=SECRETARIAT_SLUG, kind=OrganisationKind.SECRETARIAT, name="Fiktivt Landssekretariat"
    )
    data.organisations.append(secretariat)

    # Afdelinger: each area gets some of one to three housing organisations' afdelinger; the
    # rest (about a tenth) lie outside the areas, first with organisations that have none yet.
    in_areas = max(len(data.areas), round(n["afdelinger"] * 0.9))
    counts = Counter(rng.choices(range(len(data.areas)), k=in_areas - len(data.areas)))
    numbers: Counter[str] = Counter()
    area_afdelinger: dict[str, list[AfdelingSpec]] = defaultdict(list)

    def add_afdeling(org: OrgSpec, area: AreaSpec | None) -> None:
        numbers[org.slug] += 1
        number = str(numbers[org.slug])
        label = area.name if area else f"{_stem(rng)}{rng.choice(AREA_SUFFIXES)}"
        afdeling = AfdelingSpec(
            org_slug=org.slug,
            number=number,
            name=f"{label} afd. {number}",
            area_slug=area.slug if area else None,
            dwellings=rng.randint(20, 420),
        )
        data.afdelinger.append(afdeling)
        if area:
            area_afdelinger[area.slug].append(afdeling)

    for i, area in enumerate(data.areas):
        nearby = (
            housing_by_municipality[area.municipality_code]
            or housing_by_region[area.region_code]
            or [o for o in data.organisations if o.kind == OrganisationKind.HOUSING]
        )
        owners = rng.sample(nearby, min(len(nearby), rng.choice((1, 1, 2, 3))))
        for j in range(1 + counts[i]):
            add_afdeling(owners[j % len(owners)], area)
    housing = [o for o in data.organisations if o.kind == OrganisationKind.HOUSING]
    idle = [o for o in housing if not numbers[o.slug]]
    while len(data.afdelinger) < n["afdelinger"]:
        add_afdeling(idle.pop(0) if idle else rng.choice(housing), None)

    _plans(data, n, rng, rounds, area_afdelinger)
    _people_roles_bodies(data, n, rng, kommune, secretariat, housing_by_region)
    _figures_and_lists(data, rng)
    return data


def _plans(
    data: NationalData,
    n: dict[str, int],
    rng: random.Random,
    rounds: Sequence[RoundInfo],
    area_afdelinger: dict[str, list[AfdelingSpec]],
) -> None:
    """Chains of consecutive plans per area, so that no afdeling has two plans at once: the
    running plans (the last of their chain) and then chains of ended plans only."""
    areas = [a for a in data.areas if area_afdelinger[a.slug]]
    rng.shuffle(areas)
    chains: list[tuple[AreaSpec, list[tuple[date, int]]]] = []
    ended_left = n["ended_plans"]

    def backwards(last_start: date, last_years: int, wanted: int) -> list[tuple[date, int]]:
        periods = [(last_start, last_years)]
        while len(periods) <= wanted:
            years = rng.choice((4, 4, 4, 4, 4, 4, 4, 4, 3, 5))
            start = _months_later(periods[0][0], -(12 * years + rng.choice((0, 0, 1, 3, 6))))
            if start < FIRST_PLAN_START or _round_for(rounds, start.year) is None:
                break
            periods.insert(0, (start, years))
        return periods

    for area in areas[: n["running_plans"]]:
        start = _months_later(date(2023, 4, 1), rng.randrange(27))
        wanted = min(ended_left, rng.choice((0, 1, 1, 2, 2, 3)))
        chain = backwards(start, rng.choice((4, 4, 4, 5)), wanted)
        ended_left -= len(chain) - 1
        chains.append((area, chain))
    for area in areas[n["running_plans"] :]:
        if ended_left <= 0:
            break
        last = _months_later(date(2008, 1, 1), rng.randrange(12 * 13 + 6))
        chain = backwards(last, 4, min(ended_left, rng.choice((1, 2, 3))) - 1)
        ended_left -= len(chain)
        chains.append((area, chain))
    if ended_left > 0 or len(chains) < n["running_plans"]:
        raise NationalDataError(
            f"--scale: {len(data.areas)} areas are too few for the plans asked for."
        )

    serial = 0
    for area, chain in chains:
        for start, years in chain:
            fund_round = _round_for(rounds, start.year)
            if fund_round is None:
                raise NationalDataError(f"no single fund round covers {start.year}")
            end = _years_later(start, years) - timedelta(days=1)
            serial += 1
            focus = fund_round.focus_areas
            chosen = tuple(sorted(rng.sample(focus, min(len(focus), rng.randint(2, 4)))))
            name = f"{area.name} {start.year}-{end.year}"
            reason = ""
            if years != fund_round.normal_plan_years:
                reason = f"{years} år efter aftale med Landsbyggefonden (fiktivt eksempel)."
            data.plans.append(
                PlanSpec(
                    slug=f"{danish_slugify(name)}-{area.municipality_code}",
                    name=name,
                    round_code=fund_round.code,
                    area_slug=area.slug,
                    start=start,
                    end=end,
                    status="running" if end >= REFERENCE_DATE else "ended",
                    focus_areas=chosen,
                    lbf_number=f"FIKTIV-{start.year}-{serial:04d}",
                    length_reason=reason,
                )
            )


def _terms(
    rng: random.Random, start: date, end: date, parts: int
) -> list[tuple[date, date | None]]:
    """`parts` consecutive terms covering the plan period (cut at month starts, never after the
    reference date); the last is open while the plan runs."""
    last_cut = min(end, REFERENCE_DATE)
    months = (last_cut.year - start.year) * 12 + last_cut.month - start.month
    cuts = sorted(
        {
            _months_later(start, m)
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


def _people_roles_bodies(
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
                for start, end in _terms(rng, plan.start, plan.end, rng.choice((1, 1, 2, 3))):
                    role_slots.append((plan, kind, job, fte, start, end))
        for kind in list(BODY_SEATS)[: min(4, body_count[plan.slug])]:
            name, singles, (low, high), extra = BODY_SEATS[kind]
            data.bodies.append(BodySpec(plan_slug=plan.slug, kind=kind, name=name))
            roles: list[str] = [*singles, *[MembershipRole.MEMBER] * rng.randint(low, high)]
            if extra and rng.random() < 0.5:
                roles.append(extra)
            for role in roles:
                for start, end in _terms(rng, plan.start, plan.end, rng.choice((1, 1, 2, 2, 3))):
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
            name = _unique(
                lambda: f"{rng.choice(first_names)} {_stem(rng)}{rng.choice(SURNAME_SUFFIXES)}",
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


def _figures_and_lists(data: NationalData, rng: random.Random) -> None:
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


# --- checks against the register's rules ----------------------------------------------------


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


# --- writing -------------------------------------------------------------------------------


@dataclass
class NationalReport:
    created: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    sizes: dict[str, int] = field(default_factory=dict)
    users: tuple[str, ...] = ()

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


def stored_rounds() -> list[RoundInfo]:
    focus: dict[int, list[str]] = defaultdict(list)
    for fa in FocusArea.objects.filter(active=True).order_by("fund_round_id", "position"):
        focus[fa.fund_round_id].append(fa.name_da)
    return [
        RoundInfo(
            code=r.code,
            first_year=r.first_year,
            last_year=r.last_year,
            normal_plan_years=r.normal_plan_years,
            focus_areas=tuple(focus[r.pk]),
            latest_plan_end=r.latest_plan_end,
        )
        for r in FundRound.objects.order_by("first_year")
    ]


def load_national(
    *, scale: float = 1.0, seed: int = DEFAULT_SEED, password: str | None = None
) -> NationalReport:
    """Load the national installation (idempotent). `password` is for the two users it
    creates (`national-sekretariat`, `national-leder`); None creates no users."""
    began = time.monotonic()
    profile = SiteProfile.objects.first()
    if profile is not None and not profile.demo_notice:
        raise NationalDataError(
            "This database has a site profile without the demo notice, so it looks like a real "
            "installation: the fictional national data is only loaded into an empty or demo "
            "database."
        )
    municipalities = list(Municipality.objects.values_list("code", "name", "region__code"))
    if len(municipalities) != 98:
        raise NationalDataError(
            f"The database has {len(municipalities)} municipalities, not 98: run "
            "`boligsocial migrate` first."
        )
    rounds = stored_rounds()
    data = generate(municipalities=municipalities, rounds=rounds, scale=scale, seed=seed)
    found = problems(data, rounds)
    if found:
        raise NationalDataError(
            f"The generated data breaks {len(found)} rule(s), e.g. {found[0]}; nothing written."
        )
    report = NationalReport(sizes=sizes(scale))
    with transaction.atomic():
        _Writer(data, report).run(password)
    report.seconds = time.monotonic() - began
    return report


def _missing(
    model: type[models.Model],
    objs: Iterable[models.Model],
    key: Callable[[Any], Hashable],
    existing: Iterable[Any],
) -> list[models.Model]:
    have = {key(o) for o in existing}
    out, seen = [], set()
    for obj in objs:
        k = key(obj)
        if k not in have and k not in seen:
            seen.add(k)
            out.append(obj)
    return out


class _Writer:
    BATCH = 2000

    def __init__(self, data: NationalData, report: NationalReport) -> None:
        self.data = data
        self.report = report

    def _create(self, label: str, model: type[models.Model], objs: list[models.Model]) -> None:
        if not objs:
            return
        if hasattr(model, "history"):
            saved = bulk_create_with_history(
                objs, model, batch_size=self.BATCH, default_change_reason=HISTORY_REASON
            )
            if not all(o.pk for o in saved):
                raise RuntimeError("bulk_create must return primary keys")
        else:
            model._default_manager.bulk_create(objs, batch_size=self.BATCH)
        self.report.created[label] += len(objs)

    def run(self, password: str | None) -> None:
        d = self.data
        muni = {m.code: m for m in Municipality.objects.all()}
        orgs = [
            Organisation(
                kind=o.kind,
                name=o.name,
                slug=o.slug,
                cvr=o.cvr,
                municipality=muni[o.municipality_code] if o.municipality_code else None,
            )
            for o in d.organisations
        ]
        slugs = [o.slug for o in orgs]
        self._create(
            "organisations",
            Organisation,
            _missing(
                Organisation, orgs, lambda o: o.slug, Organisation.objects.filter(slug__in=slugs)
            ),
        )
        org = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}

        areas = [
            Area(
                name=a.name,
                slug=a.slug,
                municipality=muni[a.municipality_code],
                residents=a.residents,
                residents_source=FICTIONAL,
                outline=a.outline,
                description=f"Fiktivt boligområde i {muni[a.municipality_code].name} Kommune. "
                "Alle tal er opdigtede.",
                illustrative=True,
            )
            for a in d.areas
        ]
        area_slugs = [a.slug for a in areas]
        self._create(
            "areas",
            Area,
            _missing(Area, areas, lambda a: a.slug, Area.objects.filter(slug__in=area_slugs)),
        )
        area = {a.slug: a for a in Area.objects.filter(slug__in=area_slugs)}

        afdelinger = [
            Afdeling(
                organisation=org[a.org_slug],
                number=a.number,
                name=a.name,
                area=area[a.area_slug] if a.area_slug else None,
                dwellings=a.dwellings,
                illustrative=True,
            )
            for a in d.afdelinger
        ]
        org_ids = [o.pk for o in org.values()]
        existing_afd = Afdeling.objects.filter(organisation_id__in=org_ids)
        self._create(
            "afdelinger",
            Afdeling,
            _missing(Afdeling, afdelinger, lambda a: (a.organisation_id, a.number), existing_afd),
        )
        afdeling_by_area: dict[int, list[int]] = defaultdict(list)
        for pk, area_id in existing_afd.values_list("pk", "area_id"):
            if area_id:
                afdeling_by_area[area_id].append(pk)

        fund_round = {r.code: r for r in FundRound.objects.all()}
        plans = [
            Plan(
                name=p.name,
                slug=p.slug,
                lbf_number=p.lbf_number,
                fund_round=fund_round[p.round_code],
                start_date=p.start,
                end_date=p.end,
                length_reason=p.length_reason,
                status=p.status,
                published=True,
                description=f"Fiktiv helhedsplan for {p.name.rsplit(' ', 1)[0]}.",
                office_address=f"{p.name.split(' ')[0]}vej {1 + len(p.slug) % 40}",
                contact_email=f"plan-{p.lbf_number.lower()}@fiktiv.example.org",
                data_note="Alt om denne plan er fiktivt: den hører til den syntetiske nationale "
                "installation, som bruges til at måle sidernes hastighed.",
                illustrative=True,
            )
            for p in d.plans
        ]
        plan_slugs = [p.slug for p in plans]
        self._create(
            "plans",
            Plan,
            _missing(Plan, plans, lambda p: p.slug, Plan.objects.filter(slug__in=plan_slugs)),
        )
        plan = {p.slug: p for p in Plan.objects.filter(slug__in=plan_slugs)}
        focus = {(f.fund_round_id, f.name_da): f.pk for f in FocusArea.objects.all()}
        plan_ids = [p.pk for p in plan.values()]
        through_a = Plan.afdelinger.through
        through_f = Plan.focus_areas.through
        links_a = [
            through_a(plan_id=plan[p.slug].pk, afdeling_id=a)
            for p in d.plans
            for a in afdeling_by_area[area[p.area_slug].pk]
        ]
        links_f = [
            through_f(plan_id=plan[p.slug].pk, focusarea_id=focus[(plan[p.slug].fund_round_id, f)])
            for p in d.plans
            for f in p.focus_areas
        ]
        self._create(
            "plan afdelinger",
            through_a,
            _missing(
                through_a,
                links_a,
                lambda t: (t.plan_id, t.afdeling_id),
                through_a.objects.filter(plan_id__in=plan_ids),
            ),
        )
        self._create(
            "plan focus areas",
            through_f,
            _missing(
                through_f,
                links_f,
                lambda t: (t.plan_id, t.focusarea_id),
                through_f.objects.filter(plan_id__in=plan_ids),
            ),
        )

        people = [
            Person(name=p.name, title=p.title, employer=org[p.employer_slug], email=p.email)
            for p in d.people
        ]
        emails = [p.email for p in people]
        self._create(
            "people",
            Person,
            _missing(Person, people, lambda p: p.email, Person.objects.filter(email__in=emails)),
        )
        person = {p.email: p for p in Person.objects.filter(email__in=emails)}

        roles = [
            PlanRole(
                plan=plan[r.plan_slug],
                person=person[r.person_email],
                kind=r.kind,
                title=r.title,
                fte=r.fte,
                valid_from=r.valid_from,
                valid_to=r.valid_to,
            )
            for r in d.roles
        ]
        self._create(
            "plan roles",
            PlanRole,
            _missing(
                PlanRole,
                roles,
                lambda r: (r.plan_id, r.person_id, r.kind, r.valid_from),
                PlanRole.objects.filter(plan_id__in=plan_ids),
            ),
        )
        bodies = [Body(plan=plan[b.plan_slug], kind=b.kind, name=b.name) for b in d.bodies]
        existing_bodies = Body.objects.filter(plan_id__in=plan_ids)
        self._create(
            "bodies",
            Body,
            _missing(Body, bodies, lambda b: (b.plan_id, b.name), existing_bodies),
        )
        body = {(b.plan_id, b.name): b for b in existing_bodies.all()}
        seats = [
            Membership(
                body=body[(plan[s.plan_slug].pk, s.body_name)],
                person=person[s.person_email],
                represents=org[s.represents_slug],
                role=s.role,
                valid_from=s.valid_from,
                valid_to=s.valid_to,
            )
            for s in d.seats
        ]
        self._create(
            "memberships",
            Membership,
            _missing(
                Membership,
                seats,
                lambda m: (m.body_id, m.person_id, m.role, m.valid_from),
                Membership.objects.filter(body__plan_id__in=plan_ids),
            ),
        )

        indicator = {i.key: i for i in Indicator.objects.all()}
        area_ids = [a.pk for a in area.values()]
        values = [
            IndicatorValue(
                area=area[f.area_slug],
                indicator=indicator[f.key],
                year=f.year,
                value=f.value,
                persons=f.persons,
                population=f.population,
                source=FICTIONAL,
            )
            for f in d.figures
            if f.key in indicator
        ]
        self._create(
            "area figures",
            IndicatorValue,
            _missing(
                IndicatorValue,
                values,
                lambda v: (v.area_id, v.indicator_id, v.year),
                IndicatorValue.objects.filter(area_id__in=area_ids).only(
                    "area_id", "indicator_id", "year"
                ),
            ),
        )
        entries = [
            OfficialListEntry(
                area=area[e.area_slug],
                year=e.year,
                designation=e.designation,
                on_list=e.on_list,
                source=f"Fiktiv liste pr. 1. december {e.year} ({FICTIONAL})",
            )
            for e in d.list_entries
        ]
        self._create(
            "official list entries",
            OfficialListEntry,
            _missing(
                OfficialListEntry,
                entries,
                lambda e: (e.area_id, e.year, e.designation),
                OfficialListEntry.objects.filter(area_id__in=area_ids),
            ),
        )
        self._site_profile(org[SECRETARIAT_SLUG])
        if password is not None:
            self._users(password, plan)

    def _site_profile(self, secretariat: Organisation) -> None:
        if SiteProfile.objects.exists():
            return  # a demo profile (checked in load_national): left as it is
        profile = SiteProfile(
            title_da="Boligsocial – fiktiv national installation",
            title_en="Boligsocial – fictional national installation",
            intro_da="Alle planer, områder, personer og tal på dette site er opdigtede. Den "
            "syntetiske nationale installation bruges til at afprøve og måle platformen.",
            intro_en="Every plan, area, person and figure on this site is invented. The "
            "synthetic national installation is for trying and measuring the platform.",
            secretariat_text_da="Et fiktivt landssekretariat med fiktive medarbejdere.",
            secretariat_text_en="A fictional national secretariat with fictional staff.",
            secretariat=secretariat,
            demo_notice=True,
        )
        profile.full_clean()
        profile.save()
        self.report.created["site profile"] += 1

    def _users(self, password: str, plan: dict[str, Plan]) -> None:
        running = sorted(p.slug for p in self.data.plans if p.status == "running")
        led = plan[running[0]]
        wanted = (
            (ADMIN_USERNAME, Role.SECRETARIAT_ADMIN, None),
            (LEADER_USERNAME, Role.PLAN_LEADER, led),
        )
        user_model = get_user_model()
        for username, role, scope in wanted:
            user = user_model._default_manager.filter(username=username).first()
            if user is None:
                user = user_create(
                    username=username, password=password, email=f"{username}@example.org"
                )
                self.report.created["users"] += 1
            if not RoleAssignment.objects.filter(user=user, role=role, plan=scope).exists():
                role_assign(user=user, role=role, plan=scope)
                self.report.created["role assignments"] += 1
        self.report.users = (ADMIN_USERNAME, f"{LEADER_USERNAME} ({led.name})")


def default_password_allowed() -> bool:
    """The public demo password is only for SQLite files under var/ (local demo databases)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.sqlite3":
        return False
    try:
        return Path(str(db["NAME"])).resolve().is_relative_to(settings.VAR_DIR.resolve())
    except (OSError, ValueError):
        return False


__all__ = [
    "DEFAULT_PASSWORD",
    "DEFAULT_SEED",
    "NationalDataError",
    "NationalReport",
    "generate",
    "load_national",
    "problems",
]
