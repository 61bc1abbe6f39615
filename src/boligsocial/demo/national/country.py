"""`generate()`: the whole fictional country as plain values (no database): organisations,
areas, afdelinger and plans here; people, bodies and figures in their own modules."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from boligsocial.core.services import danish_slugify
from boligsocial.demo.national.base import (
    AREA_SUFFIXES,
    DEFAULT_SEED,
    FIRST_PLAN_START,
    ORG_PATTERNS,
    REFERENCE_DATE,
    REGION_BOXES,
    SECRETARIAT_SLUG,
    NationalDataError,
    RoundInfo,
    sizes,
)
from boligsocial.demo.national.figures import figures_and_lists
from boligsocial.demo.national.invent import (
    invent_cvr,
    invent_outline,
    months_later,
    round_for,
    stem,
    unique_text,
    years_later,
)
from boligsocial.demo.national.people import people_roles_bodies
from boligsocial.demo.national.specs import AfdelingSpec, AreaSpec, NationalData, OrgSpec, PlanSpec
from boligsocial.organisations.models import OrganisationKind


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
        name = unique_text(lambda: stem(rng) + rng.choice(AREA_SUFFIXES), names)
        lon, lat = centre[code]
        data.areas.append(
            AreaSpec(
                slug=f"{danish_slugify(name)}-{code}",
                name=name,
                municipality_code=code,
                region_code=region_of[code],
                residents=rng.randint(400, 6000),
                outline=invent_outline(
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
        name = unique_text(lambda: rng.choice(ORG_PATTERNS).format(stem(rng)), names)
        org = OrgSpec(
            slug=danish_slugify(name),
            kind=OrganisationKind.HOUSING,
            name=name,
            cvr=invent_cvr(rng, cvrs),
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
        label = area.name if area else f"{stem(rng)}{rng.choice(AREA_SUFFIXES)}"
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
    people_roles_bodies(data, n, rng, kommune, secretariat, housing_by_region)
    figures_and_lists(data, rng)
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
            start = months_later(periods[0][0], -(12 * years + rng.choice((0, 0, 1, 3, 6))))
            if start < FIRST_PLAN_START or round_for(rounds, start.year) is None:
                break
            periods.insert(0, (start, years))
        return periods

    for area in areas[: n["running_plans"]]:
        start = months_later(date(2023, 4, 1), rng.randrange(27))
        wanted = min(ended_left, rng.choice((0, 1, 1, 2, 2, 3)))
        chain = backwards(start, rng.choice((4, 4, 4, 5)), wanted)
        ended_left -= len(chain) - 1
        chains.append((area, chain))
    for area in areas[n["running_plans"] :]:
        if ended_left <= 0:
            break
        last = months_later(date(2008, 1, 1), rng.randrange(12 * 13 + 6))
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
            fund_round = round_for(rounds, start.year)
            if fund_round is None:
                raise NationalDataError(f"no single fund round covers {start.year}")
            end = years_later(start, years) - timedelta(days=1)
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
