"""Who may write through the API, endpoint by endpoint and role by role. An allowed write
changes exactly what was asked; a denied one answers 403 (or 404 when the user may not even
read the object) and writes nothing, not even a history row."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import pytest

from boligsocial.areas.models import Afdeling, Area
from boligsocial.governance.models import Body, Membership, Person, PlanRole
from boligsocial.organisations.models import Organisation
from boligsocial.plans.models import Plan
from tests.factories import fund_round
from tests.kit import ROLES, db_snapshot

ADMIN_ONLY = {"admin": 201}
# other_leader cannot read plan_led: its id in the body answers as a missing one would (400,
# "does not exist"); the housing user reads plan_led but edits nothing (403).
PLAN_LEADERS = {"admin": 201, "leader": 201, "other_leader": 400}
ANY_LEADER = {"admin": 201, "leader": 201, "other_leader": 201}

# endpoint: (model, valid body for a new row, roles allowed -> status; all others get 403)
CREATES: dict[str, tuple[Any, Callable[[Any], dict[str, Any]], dict[str, int]]] = {
    "organisations": (
        Organisation,
        lambda w: {"kind": "police", "name": "Testpolitiet"},
        ADMIN_ONLY,
    ),
    "areas": (Area, lambda w: {"name": "Deltaparken", "municipality": 751}, ADMIN_ONLY),
    "afdelinger": (
        Afdeling,
        lambda w: {"organisation": w.org_a.pk, "number": "99", "name": "Alfa 99"},
        ADMIN_ONLY,
    ),
    "plans": (
        Plan,
        lambda w: {
            "name": "Plan Delta",
            "fund_round": fund_round().pk,
            "start_date": "2023-01-01",
            "end_date": "2026-12-31",
        },
        ADMIN_ONLY,
    ),
    "people": (Person, lambda w: {"name": "Testperson H"}, ANY_LEADER),
    "plan-roles": (
        PlanRole,
        lambda w: {
            "plan": w.plan_led.pk,
            "person": w.person_d.pk,
            "kind": "staff",
            "valid_from": "2024-01-01",
        },
        PLAN_LEADERS,
    ),
    "bodies": (
        Body,
        lambda w: {"plan": w.plan_led.pk, "kind": "steering_group", "name": "Styregruppe Beta"},
        PLAN_LEADERS,
    ),
    "memberships": (
        Membership,
        lambda w: {
            "body": w.body_led.pk,
            "person": w.person_c.pk,
            "represents": w.org_b.pk,
            "valid_from": "2024-01-01",
        },
        PLAN_LEADERS,
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", sorted(CREATES))
def test_create_permission(world, endpoint, role):
    model, payload, allowed = CREATES[endpoint]
    before = db_snapshot()
    count = model.objects.count()
    response = world.client(role).post(f"/api/v1/{endpoint}/", payload(world), format="json")
    status = allowed.get(role, 403)
    assert response.status_code == status, response.content
    if status == 201:
        assert model.objects.count() == count + 1
        assert response.json()["id"] == model.objects.latest("pk").pk
    else:
        assert db_snapshot() == before


REFERENCE_EDIT = {"admin": 200}
PLAN_EDIT = {"admin": 200, "leader": 200, "other_leader": 404}

# endpoint: (world attribute of the row, change, roles allowed -> status; all others get 403)
UPDATES: dict[str, tuple[str, dict[str, Any], dict[str, int]]] = {
    "organisations": ("org_a", {"address": "Testvej 1"}, REFERENCE_EDIT),
    "areas": ("area_a", {"residents": 1600}, REFERENCE_EDIT),
    "afdelinger": ("afd_a", {"dwellings": 410}, REFERENCE_EDIT),
    "plans": ("plan_led", {"description": "Ny tekst"}, PLAN_EDIT),
    "people": ("person_c", {"title": "Leder"}, PLAN_EDIT),
    "plan-roles": ("role_led", {"title": "Leder"}, PLAN_EDIT),
    "bodies": ("body_led", {"description": "Mødes hver måned"}, PLAN_EDIT),
    "memberships": ("seat_led", {"role": "chair"}, PLAN_EDIT),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", sorted(UPDATES))
def test_update_permission(world, endpoint, role):
    attr, change, allowed = UPDATES[endpoint]
    obj = getattr(world, attr)
    before = db_snapshot()
    response = world.client(role).patch(f"/api/v1/{endpoint}/{obj.pk}/", change, format="json")
    status = allowed.get(role, 403)
    assert response.status_code == status, response.content
    if status == 200:
        obj.refresh_from_db()
        for field, value in change.items():
            assert getattr(obj, field) == value
            assert response.json()[field] == value
    else:
        assert db_snapshot() == before


PLAN = "Only secretariat administrators and the plan's leader may change this plan."


@pytest.mark.parametrize(
    ("method", "url", "body", "message"),
    [
        # A plan leader reads the published plan of others but may not change it or its content.
        ("patch", "plans/{plan_pub}/", {"description": "x"}, PLAN),
        ("patch", "plan-roles/{role_pub}/", {"title": "x"}, PLAN),
        ("patch", "bodies/{body_pub}/", {"description": "x"}, PLAN),
        ("patch", "memberships/{seat_pub}/", {"role": "chair"}, PLAN),
        (
            "patch",
            "people/{person_a}/",
            {"title": "x"},
            "Only secretariat administrators and the leaders of this person's plans may change "
            "this person.",
        ),
        ("post", "bodies/", {"plan": "plan_pub", "kind": "board", "name": "x"}, PLAN),
        (
            "post",
            "plan-roles/",
            {
                "plan": "plan_pub",
                "person": "person_d",
                "kind": "staff",
                "valid_from": "2024-01-01",
            },
            PLAN,
        ),
        (
            "post",
            "memberships/",
            {
                "body": "body_pub",
                "person": "person_d",
                "represents": "org_a",
                "valid_from": "2024-01-01",
            },
            PLAN,
        ),
        # A plan leader does not create plans.
        (
            "post",
            "plans/",
            {"name": "x", "fund_round": 4, "start_date": "2023-01-01", "end_date": "2026-12-31"},
            "Only secretariat administrators may create plans.",
        ),
    ],
)
def test_a_plan_leader_changes_only_their_own_plan(world, method, url, body, message):
    refs = {"plan", "person", "body", "represents"}
    data = {k: getattr(world, v).pk if k in refs else v for k, v in body.items()}
    path = "/api/v1/" + url.format(
        **{name: getattr(world, name).pk for name in REF_NAMES if name in url}
    )
    before = db_snapshot()
    response = getattr(world.client("leader"), method)(path, data, format="json")
    assert response.status_code == 403, response.content
    assert response.json() == {"detail": message}
    assert db_snapshot() == before


REF_NAMES = ("plan_pub", "role_pub", "body_pub", "seat_pub", "person_a")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ["regions", "municipalities", "fund-rounds"])
def test_reference_data_has_no_write_endpoints(world, endpoint, role):
    response = world.client(role).post(f"/api/v1/{endpoint}/", {"name": "x"}, format="json")
    assert response.status_code == 405


def test_a_plan_leader_adds_staff_to_their_plan_and_it_is_recorded(world):
    response = world.client("leader").post(
        "/api/v1/plan-roles/",
        {
            "plan": world.plan_led.pk,
            "person": world.person_d.pk,
            "kind": "staff",
            "title": "Beboerrådgiver",
            "fte": "0.50",
            "valid_from": "2024-01-01",
            "valid_to": "2024-12-31",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    role = PlanRole.objects.get(pk=response.json()["id"])
    assert response.json() == {
        "id": role.pk,
        "plan": {"id": world.plan_led.pk, "name": "Plan Beta", "slug": world.plan_led.slug},
        "person": {
            "id": world.person_d.pk,
            "name": "Testperson D",
            "title": "Konsulent",
            "employer": None,
        },
        "kind": "staff",
        "title": "Beboerrådgiver",
        "fte": "0.50",
        "valid_from": "2024-01-01",
        "valid_to": "2024-12-31",
    }
    assert role.history.get().history_user == world.users["leader"]


def test_a_plan_leader_creates_a_person_and_then_names_them_in_their_plan(world):
    client = world.client("leader")
    created = client.post(
        "/api/v1/people/",
        {"name": "Testperson H", "email": "h@example.org", "employer": world.org_b.pk},
        format="json",
    )
    assert created.status_code == 201, created.content
    person = Person.objects.get(pk=created.json()["id"])
    assert created.json() == {
        "id": person.pk,
        "name": "Testperson H",
        "title": "",
        "employer": {
            "id": world.org_b.pk,
            "kind": "housing_organisation",
            "name": "Boligforeningen Beta",
            "slug": world.org_b.slug,
        },
        "email": "h@example.org",
        "phone": "",
    }
    seat = client.post(
        "/api/v1/memberships/",
        {
            "body": world.body_led.pk,
            "person": person.pk,
            "represents": world.org_b.pk,
            "role": "secretary",
            "valid_from": "2024-01-01",
        },
        format="json",
    )
    assert seat.status_code == 201, seat.content
    assert client.get(f"/api/v1/people/{person.pk}/").status_code == 200
    assert (
        client.patch(f"/api/v1/people/{person.pk}/", {"phone": "12345678"}, format="json").json()[
            "phone"
        ]
        == "12345678"
    )


def test_a_plan_leader_cannot_name_a_person_hidden_from_them(world):
    # Person E appears only in plan_other, which the leader cannot read.
    before = db_snapshot()
    response = world.client("leader").post(
        "/api/v1/memberships/",
        {
            "body": world.body_led.pk,
            "person": world.person_e.pk,
            "represents": world.org_b.pk,
            "valid_from": "2024-01-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "person": [f'Invalid pk "{world.person_e.pk}" - object does not exist.']
    }
    assert db_snapshot() == before


def test_admin_creates_a_plan_that_the_service_has_checked(world):
    round_ = fund_round()
    focus = list(round_.focus_areas.order_by("position")[:2])
    response = world.client("admin").post(
        "/api/v1/plans/",
        {
            "name": "Plan Delta",
            "fund_round": round_.pk,
            "start_date": "2027-01-01",
            "end_date": "2030-12-31",
            "afdelinger": [world.afd_a.pk],
            "focus_areas": [f.pk for f in focus],
            "lbf_number": "LBF-0001",
            "contact_email": "delta@example.org",
        },
        format="json",
    )
    # The 2019–26 round does not take plans starting in 2027: the service says so on the field.
    assert response.status_code == 400
    assert list(response.json()) == ["start_date"]
    response = world.client("admin").post(
        "/api/v1/plans/",
        {
            "name": "Plan Delta",
            "fund_round": round_.pk,
            "start_date": "2026-01-01",
            "end_date": "2029-12-31",
            "afdelinger": [world.afd_a.pk],
            "focus_areas": [f.pk for f in focus],
            "lbf_number": "LBF-0001",
            "contact_email": "delta@example.org",
        },
        format="json",
    )
    # afd_a is covered by plan_pub until 2026-12-31: refused, on the afdelinger field.
    assert response.status_code == 400
    assert list(response.json()) == ["afdelinger"]
    response = world.client("admin").post(
        "/api/v1/plans/",
        {
            "name": "Plan Delta",
            "fund_round": round_.pk,
            "start_date": "2026-01-01",
            "end_date": "2029-12-31",
            "afdelinger": [],
            "focus_areas": [f.pk for f in focus],
            "lbf_number": "LBF-0001",
            "contact_email": "delta@example.org",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    plan = Plan.objects.get(pk=response.json()["id"])
    assert plan.slug == "plan-delta"
    assert plan.status == "idea"
    assert plan.published is False
    assert [f["id"] for f in response.json()["focus_areas"]] == [f.pk for f in focus]
    assert set(plan.history.values_list("history_user", flat=True)) == {world.users["admin"].pk}


def test_a_leader_replaces_the_afdelinger_of_their_plan_with_put(world):
    new = Afdeling.objects.create(organisation=world.org_b, number="7", name="Beta 7")
    response = world.client("leader").put(
        f"/api/v1/plans/{world.plan_led.pk}/",
        {
            "name": "Plan Beta",
            "fund_round": world.plan_led.fund_round_id,
            "start_date": "2023-01-01",
            "end_date": "2026-12-31",
            "afdelinger": [world.afd_b.pk, new.pk],
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    assert sorted(a["id"] for a in response.json()["afdelinger"]) == sorted(
        [world.afd_b.pk, new.pk]
    )
    assert set(world.plan_led.afdelinger.values_list("pk", flat=True)) == {world.afd_b.pk, new.pk}


def test_organisation_writes_go_through_the_service(world):
    client = world.client("admin")
    response = client.post(
        "/api/v1/organisations/",
        {
            "kind": "housing_organisation",
            "name": "Boligforeningen Delta",
            "cvr": "1000 0033",
            "municipality": 751,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    org = Organisation.objects.get(pk=response.json()["id"])
    assert (org.cvr, org.slug, org.municipality.code) == ("10000033", "boligforeningen-delta", 751)
    assert response.json()["municipality"] == {
        "id": org.municipality_id,
        "code": 751,
        "name": "Aarhus",
    }
    response = client.put(
        f"/api/v1/organisations/{org.pk}/",
        {"kind": "housing_organisation", "name": "Boligforeningen Delta", "cvr": "10000041"},
        format="json",
    )
    assert response.status_code == 200, response.content
    org.refresh_from_db()
    assert org.cvr == "10000041"


def test_basic_auth_works_and_history_records_the_user(world):
    admin = world.users["admin"]
    client = world.client("anonymous")
    token = base64.b64encode(f"{admin.username}:test-password-123".encode()).decode()
    response = client.patch(
        f"/api/v1/areas/{world.area_b.pk}/",
        {"residents": 2100},
        format="json",
        HTTP_AUTHORIZATION=f"Basic {token}",
    )
    assert response.status_code == 200, response.content
    assert response.json()["residents"] == 2100
    assert world.area_b.history.latest().history_user == admin


def test_wrong_basic_auth_password_is_refused(world):
    admin = world.users["admin"]
    token = base64.b64encode(f"{admin.username}:wrong".encode()).decode()
    before = db_snapshot()
    response = world.client("anonymous").patch(
        f"/api/v1/areas/{world.area_b.pk}/",
        {"residents": 2100},
        format="json",
        HTTP_AUTHORIZATION=f"Basic {token}",
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "Invalid username/password."}
    assert db_snapshot() == before


@pytest.mark.parametrize("role", ROLES)
def test_there_is_no_delete(world, role):
    before = db_snapshot()
    response = world.client(role).delete(f"/api/v1/plans/{world.plan_pub.pk}/")
    # Roles that may write plans learn that there is no DELETE; the others are refused first.
    assert response.status_code == (405 if role in {"admin", "leader", "other_leader"} else 403)
    assert db_snapshot() == before
