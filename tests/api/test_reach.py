"""Who may reach whom through the API: a plan leader names, sees and changes only the people of
their own plans and the people they created; and an object the user may not read answers
exactly as one that does not exist (404 for URLs, "does not exist" for ids in bodies)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from boligsocial.demo.load import load_demo
from boligsocial.governance.models import Person, PlanRole, PlanRoleKind
from boligsocial.plans.models import Plan
from tests.api.helpers import ids
from tests.factories import person_created_by
from tests.kit import db_snapshot

MISSING = 999_999


def does_not_exist(pk: int) -> list[str]:
    return [f'Invalid pk "{pk}" - object does not exist.']


def test_the_bispehaven_leader_cannot_take_over_skovgaardsparkens_leader(db: Any):
    """The reported attack on the demo: attach another plan's leader to one's own plan, then
    rename him. Both are refused and nothing is written."""
    load_demo()
    bispehaven = Plan.objects.get(slug="bispehaven-2024-2028")
    skov_leader = PlanRole.objects.get(
        plan__slug="skovgaardsparken-2023-2027", kind=PlanRoleKind.LEADER
    ).person
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(get_user_model().objects.get(username="leder-bispehaven-2024-2028"))
    before = db_snapshot()
    attach = client.post(
        "/api/v1/plan-roles/",
        {
            "plan": bispehaven.pk,
            "person": skov_leader.pk,
            "kind": "staff",
            "valid_from": "2025-01-01",
        },
        format="json",
    )
    assert attach.status_code == 400
    assert attach.json() == {"person": does_not_exist(skov_leader.pk)}
    rename = client.patch(f"/api/v1/people/{skov_leader.pk}/", {"name": "Ny"}, format="json")
    assert rename.status_code == 403
    assert rename.json() == {
        "detail": "Only secretariat administrators and the leaders of this person's plans may "
        "change this person."
    }
    assert db_snapshot() == before
    # He is on Skovgårdsparken's public page, so the leader reads him as anyone may.
    assert client.get(f"/api/v1/people/{skov_leader.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("endpoint", "person"),
    [
        ("plan-roles", "person_a"),  # appears only in the published plan_pub
        ("plan-roles", "person_e"),  # appears only in plan_other, which the leader cannot read
        ("plan-roles", "person_g"),  # appears nowhere, created by someone else
        ("memberships", "person_b"),
        ("memberships", "person_f"),
        ("memberships", "person_g"),
    ],
)
def test_a_leader_names_no_one_from_other_plans(world, endpoint, person):
    pk = getattr(world, person).pk
    body: dict[str, Any] = {"person": pk, "valid_from": "2024-01-01"}
    if endpoint == "plan-roles":
        body.update(plan=world.plan_led.pk, kind="staff")
    else:
        body.update(body=world.body_led.pk, represents=world.org_b.pk)
    before = db_snapshot()
    response = world.client("leader").post(f"/api/v1/{endpoint}/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"person": does_not_exist(pk)}
    assert db_snapshot() == before


def test_the_people_a_leader_sees_and_changes(world):
    client = world.client("leader")
    # People of the plans the leader may read (plan_pub and their own plan_led), nobody else.
    assert sorted(ids(client.get("/api/v1/people/"))) == sorted(
        [world.person_a.pk, world.person_b.pk, world.person_c.pk, world.person_d.pk]
    )
    new = person_created_by(world.users["leader"], name="Testperson H")
    assert world.person_g.pk not in ids(client.get("/api/v1/people/"))
    assert new.pk in ids(client.get("/api/v1/people/"))
    assert client.get(f"/api/v1/people/{new.pk}/").status_code == 200
    changed = client.patch(f"/api/v1/people/{new.pk}/", {"title": "Leder"}, format="json")
    assert changed.status_code == 200
    assert changed.json()["title"] == "Leder"
    # Another leader neither sees nor changes nor names the leader's new person.
    other = world.client("other_leader")
    assert new.pk not in ids(other.get("/api/v1/people/"))
    assert other.get(f"/api/v1/people/{new.pk}/").status_code == 404
    assert other.patch(f"/api/v1/people/{new.pk}/", {"title": "x"}, format="json").status_code == (
        404
    )
    named = other.post(
        "/api/v1/plan-roles/",
        {
            "plan": world.plan_other.pk,
            "person": new.pk,
            "kind": "staff",
            "valid_from": "2024-01-01",
        },
        format="json",
    )
    assert named.json() == {"person": does_not_exist(new.pk)}


@pytest.mark.parametrize(
    ("url", "attr"),
    [
        ("people/{}/", "person_e"),  # only in plan_other
        ("people/{}/", "person_g"),  # nowhere, not created by the leader
        ("plans/{}/", "plan_other"),
        ("plan-roles/{}/", "role_other"),
        ("bodies/{}/", "body_other"),
        ("memberships/{}/", "seat_other"),
    ],
)
@pytest.mark.parametrize("method", ["get", "patch", "put"])
def test_an_unreadable_object_answers_as_a_missing_one(world, url, attr, method):
    client = world.client("leader")
    before = db_snapshot()
    hidden = getattr(client, method)(
        "/api/v1/" + url.format(getattr(world, attr).pk), {"name": "x"}, format="json"
    )
    missing = getattr(client, method)(
        "/api/v1/" + url.format(MISSING), {"name": "x"}, format="json"
    )
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert list(hidden.json()) == ["detail"]
    assert db_snapshot() == before


@pytest.mark.parametrize(
    ("endpoint", "field", "hidden", "payload"),
    [
        ("bodies", "plan", "plan_other", {"kind": "board", "name": "x"}),
        (
            "plan-roles",
            "plan",
            "plan_other",
            {"person": "person_d", "kind": "staff", "valid_from": "2024-01-01"},
        ),
        (
            "memberships",
            "body",
            "body_other",
            {"person": "person_c", "represents": "org_b", "valid_from": "2024-01-01"},
        ),
        (
            "memberships",
            "person",
            "person_e",
            {"body": "body_led", "represents": "org_b", "valid_from": "2024-01-01"},
        ),
    ],
)
def test_an_unreadable_id_in_a_body_answers_as_a_missing_one(
    world, endpoint, field, hidden, payload
):
    """Before, a plan the user could not read answered 403 and a missing one 400."""
    refs = {"person", "body", "represents", "plan"}
    data = {k: getattr(world, v).pk if k in refs else v for k, v in payload.items()}
    client = world.client("leader")
    before = db_snapshot()
    hidden_pk = getattr(world, hidden).pk
    for pk in (hidden_pk, MISSING):
        response = client.post(f"/api/v1/{endpoint}/", {**data, field: pk}, format="json")
        assert response.status_code == 400
        assert response.json() == {field: does_not_exist(pk)}
    assert db_snapshot() == before


def test_a_readable_plan_the_user_may_not_change_is_403(world):
    response = world.client("leader").post(
        "/api/v1/bodies/",
        {"plan": world.plan_pub.pk, "kind": "board", "name": "x"},
        format="json",
    )
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Only secretariat administrators and the plan's leader may change this plan."
    }


def test_an_administrator_names_anyone(world):
    response = world.client("admin").post(
        "/api/v1/plan-roles/",
        {
            "plan": world.plan_other.pk,
            "person": world.person_g.pk,
            "kind": "staff",
            "valid_from": "2024-01-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert Person.objects.get(pk=world.person_g.pk).plan_roles.get().plan == world.plan_other


@pytest.mark.parametrize(
    ("accept", "detail"), [(None, "Ikke fundet."), ("da", "Ikke fundet."), ("en", "Not found.")]
)
@pytest.mark.parametrize("url", ["plans/{}/", "people/{}/", "plan-roles/{}/", "areas/{}/"])
def test_a_missing_object_is_not_found_in_the_readers_language_without_naming_a_model(
    world, url, accept, detail
):
    """Django's 404 text ("No PlanRole matches the given query.") is English and names the
    model; the API answers DRF's translated "not found" instead."""
    client = APIClient(**({"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}))
    response = client.get("/api/v1/" + url.format(MISSING))
    assert response.status_code == 404
    assert response.json() == {"detail": detail}
