"""What each role reads through the API: exactly the rows its role allows, in every endpoint.
See the table in conftest.py for who may read which plan."""

from __future__ import annotations

from datetime import date

import pytest

from boligsocial.funding.models import FundRound
from boligsocial.governance.models import PlanRoleKind
from boligsocial.organisations.models import Municipality, Region
from tests.api.helpers import ids
from tests.factories import PlanRoleFactory
from tests.kit import ROLES

# Which plans each role reads: the single source of the expectations below.
READABLE_PLANS = {
    "admin": ("plan_pub", "plan_led", "plan_other"),
    "leader": ("plan_pub", "plan_led"),
    "other_leader": ("plan_pub", "plan_other"),
    "housing_user": ("plan_pub", "plan_led"),
    "municipality_user": ("plan_pub", "plan_other"),
    "anonymous": ("plan_pub",),
}
# What hangs off each plan in the world fixture.
PLAN_CONTENT = {
    "plan_pub": {"role": "role_pub", "body": "body_pub", "seat": "seat_pub", "people": "AB"},
    "plan_led": {"role": "role_led", "body": "body_led", "seat": "seat_led", "people": "CD"},
    "plan_other": {
        "role": "role_other",
        "body": "body_other",
        "seat": "seat_other",
        "people": "EF",
    },
}


def expected(world, role: str, what: str) -> list[int]:
    plans = READABLE_PLANS[role]
    if what == "plans":
        objs = [getattr(world, p) for p in plans]
    elif what == "people":
        letters = "".join(PLAN_CONTENT[p]["people"] for p in plans)
        if role == "admin":
            letters += "G"
        objs = [getattr(world, f"person_{letter.lower()}") for letter in letters]
    else:
        objs = [getattr(world, PLAN_CONTENT[p][what]) for p in plans]
    return sorted(obj.pk for obj in objs)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("endpoint", "what"),
    [
        ("plans", "plans"),
        ("plan-roles", "role"),
        ("bodies", "body"),
        ("memberships", "seat"),
        ("people", "people"),
    ],
)
def test_lists_show_exactly_what_the_role_may_read(world, role, endpoint, what):
    response = world.client(role).get(f"/api/v1/{endpoint}/")
    assert sorted(ids(response)) == expected(world, role, what)
    assert response.json()["count"] == len(expected(world, role, what))


DETAIL_OBJECTS = {
    "plans": ("plan_pub", "plan_led", "plan_other"),
    "plan-roles": ("role_pub", "role_led", "role_other"),
    "bodies": ("body_pub", "body_led", "body_other"),
    "memberships": ("seat_pub", "seat_led", "seat_other"),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", sorted(DETAIL_OBJECTS))
def test_detail_of_an_unreadable_plan_or_its_content_is_404(world, role, endpoint):
    client = world.client(role)
    for plan_name, attr in zip(
        ("plan_pub", "plan_led", "plan_other"), DETAIL_OBJECTS[endpoint], strict=True
    ):
        obj = getattr(world, attr)
        response = client.get(f"/api/v1/{endpoint}/{obj.pk}/")
        readable = plan_name in READABLE_PLANS[role]
        assert response.status_code == (200 if readable else 404), (plan_name, response.content)
        if readable:
            assert response.json()["id"] == obj.pk


@pytest.mark.parametrize("role", ROLES)
def test_person_detail_follows_the_same_rule_as_the_list(world, role):
    client = world.client(role)
    visible = set(expected(world, role, "people"))
    for letter in "ABCDEFG":
        person = getattr(world, f"person_{letter.lower()}")
        response = client.get(f"/api/v1/people/{person.pk}/")
        assert response.status_code == (200 if person.pk in visible else 404), letter


@pytest.mark.parametrize("role", ["admin", "leader", "housing_user", "municipality_user"])
def test_logged_in_users_get_email_and_phone(world, role):
    world.person_a.phone = "+45 12 34 56 78"
    world.person_a.save()
    response = world.client(role).get(f"/api/v1/people/{world.person_a.pk}/")
    assert response.json() == {
        "id": world.person_a.pk,
        "name": "Testperson A",
        "title": "Konsulent",
        "employer": {
            "id": world.partner.pk,
            "kind": "other",
            "name": "Testskolen",
            "slug": world.partner.slug,
        },
        "email": world.person_a.email,
        "phone": "+45 12 34 56 78",
    }


def test_anonymous_users_get_public_fields_of_people_only(world):
    world.person_a.phone = "+45 12 34 56 78"
    world.person_a.save()
    client = world.client("anonymous")
    detail = client.get(f"/api/v1/people/{world.person_a.pk}/").json()
    assert detail == {
        "id": world.person_a.pk,
        "name": "Testperson A",
        "title": "Konsulent",
        "employer": {
            "id": world.partner.pk,
            "kind": "other",
            "name": "Testskolen",
            "slug": world.partner.slug,
        },
    }
    rows = client.get("/api/v1/people/").json()["results"]
    assert [set(row) for row in rows] == [{"id", "name", "title", "employer"}] * 2


def test_people_cannot_be_searched_by_email_anonymously(world):
    response = world.client("anonymous").get("/api/v1/people/", {"q": world.person_a.email})
    assert ids(response) == []


@pytest.mark.parametrize("role", ROLES)
def test_filtering_people_by_a_hidden_plan_reveals_nobody(world, role):
    response = world.client(role).get("/api/v1/people/", {"plan_id": world.plan_other.pk})
    if "plan_other" in READABLE_PLANS[role]:
        assert sorted(ids(response)) == sorted([world.person_e.pk, world.person_f.pk])
    else:
        assert ids(response) == []


@pytest.mark.parametrize("role", ROLES)
def test_reference_data_and_registry_are_public_and_the_same_for_every_role(world, role):
    client = world.client(role)
    assert client.get("/api/v1/regions/").json()["count"] == Region.objects.count() == 5
    assert client.get("/api/v1/municipalities/").json()["count"] == Municipality.objects.count()
    assert client.get("/api/v1/fund-rounds/").json()["count"] == FundRound.objects.count()
    assert sorted(ids(client.get("/api/v1/organisations/"))) == sorted(
        [world.org_a.pk, world.org_b.pk, world.org_c.pk, world.partner.pk]
    )
    assert sorted(ids(client.get("/api/v1/areas/"))) == sorted(
        [world.area_a.pk, world.area_b.pk, world.area_c.pk]
    )
    assert sorted(ids(client.get("/api/v1/afdelinger/"))) == sorted(
        [world.afd_a.pk, world.afd_b.pk, world.afd_c.pk]
    )


def test_a_plan_shows_its_relations_and_todays_leader_and_staff(world):
    # A former staff member (ended) is not listed; a current one is.
    PlanRoleFactory(
        plan=world.plan_led,
        person=world.person_d,
        kind=PlanRoleKind.STAFF,
        valid_from=date(2023, 1, 1),
        valid_to=date(2023, 6, 30),
    )
    response = world.client("leader").get(f"/api/v1/plans/{world.plan_led.pk}/")
    body = response.json()
    assert body["name"] == "Plan Beta"
    assert body["published"] is False
    assert body["fund_round"]["code"] == "2019–26"
    assert [a["id"] for a in body["afdelinger"]] == [world.afd_b.pk]
    assert [o["id"] for o in body["housing_organisations"]] == [world.org_b.pk]
    assert body["areas"] == [
        {
            "id": world.area_b.pk,
            "name": "Betaparken",
            "slug": world.area_b.slug,
            "municipality": {
                "id": world.area_b.municipality_id,
                "code": 461,
                "name": "Odense",
            },
        }
    ]
    assert body["dwellings"] == 400
    assert body["leader"]["id"] == world.role_led.pk
    assert body["leader"]["person"] == {
        "id": world.person_c.pk,
        "name": "Testperson C",
        "title": "Konsulent",
        "employer": None,
    }
    assert body["staff"] == []
