"""Filtering (the FilterSets of each domain app), ordering and pagination of the list
endpoints, with exact results."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from boligsocial.funding.models import FundRound
from boligsocial.governance.models import MembershipRole, PlanRoleKind
from boligsocial.organisations.models import Municipality, Region
from tests.api.helpers import ids
from tests.factories import BodyFactory, MembershipFactory, PlanRoleFactory, municipality


def get(world, path: str, params: dict[str, Any], role: str = "admin") -> list[int]:
    return ids(world.client(role).get(f"/api/v1/{path}/", params))


def pks(*objects: Any) -> list[int]:
    return [obj.pk for obj in objects]


def test_region_and_municipality_filters(world):
    midt = Region.objects.get(code=1082)
    assert get(world, "regions", {"code": 1082}) == [midt.pk]
    assert get(world, "regions", {"q": "midt"}) == [midt.pk]
    aarhus = municipality("Aarhus")
    assert get(world, "municipalities", {"code": 751}) == [aarhus.pk]
    assert get(world, "municipalities", {"q": "aarh"}) == [aarhus.pk]
    in_midt = list(
        Municipality.objects.filter(region__code=1082).order_by("name").values_list("pk", flat=True)
    )
    assert len(in_midt) == 19
    assert get(world, "municipalities", {"region": 1082, "limit": 50}) == in_midt
    assert get(world, "municipalities", {"region_id": midt.pk, "limit": 50}) == in_midt


def test_organisation_filters(world):
    world.org_a.municipality = municipality("Aarhus")
    world.org_a.address = "Testvej 7, 8000 Aarhus C"
    world.org_a.save()
    world.partner.active = False
    world.partner.save()
    housing = pks(world.org_a, world.org_b, world.org_c)
    assert get(world, "organisations", {"kind": "housing_organisation"}) == housing
    assert get(world, "organisations", {"kind": ["other", "police"]}) == pks(world.partner)
    assert get(world, "organisations", {"cvr": "10000017"}) == pks(world.org_b)
    assert get(world, "organisations", {"q": "testvej 8000"}) == pks(world.org_a)
    assert get(world, "organisations", {"q": "10000025"}) == pks(world.org_c)
    assert get(world, "organisations", {"municipality": 751}) == pks(world.org_a)
    assert get(world, "organisations", {"municipality_id": world.org_a.municipality_id}) == pks(
        world.org_a
    )
    assert get(world, "organisations", {"active": "false"}) == pks(world.partner)
    assert get(world, "organisations", {"active": "true"}) == housing


def test_area_and_afdeling_filters(world):
    assert get(world, "areas", {"municipality": 461}) == pks(world.area_b)
    assert get(world, "areas", {"municipality_id": world.area_c.municipality_id}) == pks(
        world.area_c
    )
    assert get(world, "areas", {"region": 1081}) == pks(world.area_c)  # Nordjylland: Aalborg
    assert get(world, "areas", {"region_id": Region.objects.get(code=1083).pk}) == pks(world.area_b)
    assert get(world, "areas", {"q": "beta"}) == pks(world.area_b)
    assert get(world, "afdelinger", {"organisation_id": world.org_c.pk}) == pks(world.afd_c)
    assert get(world, "afdelinger", {"area_id": world.area_a.pk}) == pks(world.afd_a)
    assert get(world, "afdelinger", {"municipality": 461}) == pks(world.afd_b)
    assert get(world, "afdelinger", {"municipality_id": world.area_a.municipality_id}) == pks(
        world.afd_a
    )
    assert get(world, "afdelinger", {"number": "3"}) == pks(world.afd_c)
    assert get(world, "afdelinger", {"q": "gamma"}) == pks(world.afd_c)


def test_fund_round_filters(world):
    rounds = {r.code: r.pk for r in FundRound.objects.all()}
    assert get(world, "fund-rounds", {"year": 2015}) == [rounds["2015–18"]]
    assert get(world, "fund-rounds", {"code": "2011–14"}) == [rounds["2011–14"]]
    assert get(world, "fund-rounds", {"active": "true"}) == [
        rounds[c] for c in ("2006–10", "2011–14", "2015–18", "2019–26")
    ]
    body = world.client("anonymous").get(f"/api/v1/fund-rounds/{rounds['2011–14']}/").json()
    assert body["code"] == "2011–14"
    assert body["lbf_max_share"] == "0.7500"
    assert len(body["focus_areas"]) == 7


def test_plan_filters(world):
    world.plan_other.status = "granted"
    world.plan_other.save()
    focus = FundRound.objects.get(code="2019–26").focus_areas.order_by("position").first()
    world.plan_led.focus_areas.set([focus])
    every = pks(world.plan_pub, world.plan_led, world.plan_other)
    assert get(world, "plans", {}) == every
    assert get(world, "plans", {"status": "granted"}) == pks(world.plan_other)
    assert get(world, "plans", {"status": ["granted", "running"]}) == every
    # The Danish keys of before decision 0020 are deprecated aliases.
    assert get(world, "plans", {"status": "tilsagn"}) == pks(world.plan_other)
    assert get(world, "plans", {"status": ["tilsagn", "igang"]}) == every
    assert get(world, "plans", {"published": "false"}) == pks(world.plan_led, world.plan_other)
    assert get(world, "plans", {"fund_round": "2019–26"}) == every
    assert get(world, "plans", {"fund_round": "2011–14"}) == []
    assert get(world, "plans", {"fund_round_id": world.plan_pub.fund_round_id}) == every
    assert get(world, "plans", {"active_on": "2026-12-31"}) == every
    assert get(world, "plans", {"active_on": "2027-01-01"}) == []
    assert get(world, "plans", {"organisation_id": world.org_b.pk}) == pks(world.plan_led)
    assert get(world, "plans", {"afdeling_id": world.afd_c.pk}) == pks(world.plan_other)
    assert get(world, "plans", {"area_id": world.area_a.pk}) == pks(world.plan_pub)
    assert get(world, "plans", {"municipality": 851}) == pks(world.plan_other)
    assert get(world, "plans", {"focus_area_id": focus.pk}) == pks(world.plan_led)
    assert get(world, "plans", {"q": "gamma"}) == pks(world.plan_other)
    # Filters narrow what the role may read; they never widen it.
    assert get(world, "plans", {"published": "false"}, role="anonymous") == []
    assert get(world, "plans", {"organisation_id": world.org_b.pk}, role="anonymous") == []


def test_people_filters(world):
    world.person_b.employer = world.org_a
    world.person_b.title = "Formand for afdelingsbestyrelsen"
    world.person_b.save()
    assert get(world, "people", {"employer_id": world.org_a.pk}) == pks(world.person_b)
    assert get(world, "people", {"plan_id": world.plan_led.pk}) == pks(
        world.person_c, world.person_d
    )
    assert get(world, "people", {"q": "afdelingsbestyrelsen"}) == pks(world.person_b)
    assert get(world, "people", {"q": "konsulent"}) == pks(
        world.person_a,
        world.person_c,
        world.person_d,
        world.person_e,
        world.person_f,
        world.person_g,
    )


def test_plan_role_filters_and_on(world):
    ended = PlanRoleFactory(
        plan=world.plan_pub,
        person=world.person_b,
        kind=PlanRoleKind.LEADER,
        valid_from=date(2023, 1, 1),
        valid_to=date(2023, 12, 31),
    )
    assert get(world, "plan-roles", {"plan_id": world.plan_pub.pk}) == pks(ended, world.role_pub)
    assert get(world, "plan-roles", {"plan_id": world.plan_pub.pk, "on": "2024-01-01"}) == pks(
        world.role_pub
    )
    assert get(world, "plan-roles", {"person_id": world.person_b.pk}) == pks(ended)
    assert get(world, "plan-roles", {"kind": "leader"}) == pks(ended, world.role_led)
    assert get(world, "plan-roles", {"on": "2022-12-31"}) == []


def test_body_filters(world):
    group = BodyFactory(plan=world.plan_pub, kind="steering_group", name="Styregruppe Alfa")
    group.active = False
    group.save()
    assert get(world, "bodies", {"plan_id": world.plan_pub.pk}) == pks(world.body_pub, group)
    assert get(world, "bodies", {"kind": "steering_group"}) == pks(group)
    assert get(world, "bodies", {"active": "false"}) == pks(group)
    assert get(world, "bodies", {"q": "gamma"}) == pks(world.body_other)


def test_membership_filters_and_who_sat_where_on_a_date(world):
    ended = MembershipFactory(
        body=world.body_pub,
        person=world.person_a,
        represents=world.partner,
        role=MembershipRole.CHAIR,
        valid_from=date(2023, 1, 1),
        valid_to=date(2023, 6, 30),
    )
    future = MembershipFactory(
        body=world.body_pub,
        person=world.person_a,
        represents=world.org_a,
        role=MembershipRole.CHAIR,
        valid_from=date(2030, 1, 1),
    )
    body_pub = {"body_id": world.body_pub.pk}
    # Without `on` every seat is listed, past and future.
    assert get(world, "memberships", body_pub) == pks(ended, future, world.seat_pub)
    assert get(world, "memberships", {**body_pub, "on": "2023-06-30"}) == pks(ended, world.seat_pub)
    assert get(world, "memberships", {**body_pub, "on": "2023-07-01"}) == pks(world.seat_pub)
    assert get(world, "memberships", {**body_pub, "on": "2030-01-01"}) == pks(
        future, world.seat_pub
    )
    assert get(world, "memberships", {"on": "2022-12-31"}) == []
    assert get(world, "memberships", {"plan_id": world.plan_other.pk}) == pks(world.seat_other)
    assert get(world, "memberships", {"person_id": world.person_a.pk}) == pks(ended, future)
    assert get(world, "memberships", {"represents_id": world.partner.pk}) == pks(ended)
    assert get(world, "memberships", {"role": "chair"}) == pks(ended, future)
    assert get(world, "memberships", {"body_kind": "steering_group"}) == []
    # The seats of an organisation: on its behalf (ended) or held by its staff (A works for
    # the partner, and now B too).
    world.person_b.employer = world.partner
    world.person_b.save()
    assert get(world, "memberships", {"organisation_id": world.partner.pk}) == pks(
        ended, future, world.seat_pub
    )


def test_ordering(world):
    names = {"plan_pub": "Plan Alfa", "plan_led": "Plan Beta", "plan_other": "Plan Gamma"}
    assert list(names) == ["plan_pub", "plan_led", "plan_other"]
    world.plan_led.end_date = date(2026, 6, 30)
    world.plan_led.length_reason = "Kortere"
    world.plan_led.save()
    assert get(world, "plans", {"ordering": "-name"}) == pks(
        world.plan_other, world.plan_led, world.plan_pub
    )
    # Ties are broken by id, so pages never overlap.
    assert get(world, "plans", {"ordering": "end_date"}) == pks(
        world.plan_led, world.plan_pub, world.plan_other
    )
    assert get(world, "plans", {"ordering": "-end_date"}) == pks(
        world.plan_pub, world.plan_other, world.plan_led
    )
    assert get(world, "people", {"ordering": "-name", "limit": 3}) == pks(
        world.person_g, world.person_f, world.person_e
    )
    # Unknown ordering fields are ignored.
    assert get(world, "plans", {"ordering": "secret"}) == pks(
        world.plan_pub, world.plan_led, world.plan_other
    )


def test_pagination(world):
    client = world.client("admin")
    first = client.get("/api/v1/people/", {"limit": 3}).json()
    assert first["count"] == 7
    assert [row["name"] for row in first["results"]] == [
        "Testperson A",
        "Testperson B",
        "Testperson C",
    ]
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/people/?limit=3&offset=3"
    last = client.get("/api/v1/people/", {"limit": 3, "offset": 6}).json()
    assert [row["name"] for row in last["results"]] == ["Testperson G"]
    assert last["next"] is None
    # The page size is capped at 1000.
    assert client.get("/api/v1/municipalities/", {"limit": 10**30}).json()["count"] == 98
    assert len(client.get("/api/v1/municipalities/", {"limit": 10**30}).json()["results"]) == 98
    assert len(client.get("/api/v1/municipalities/").json()["results"]) == 50


@pytest.mark.parametrize("role", ["anonymous", "admin"])
def test_browsable_api_renders(world, role):
    client = world.client(role)
    for path in ("", "plans/", f"plans/{world.plan_pub.pk}/", "memberships/"):
        response = client.get(f"/api/v1/{path}", HTTP_ACCEPT="text/html")
        assert response.status_code == 200, path
        assert b"Boligsocial" in response.content or b"Api Root" in response.content
