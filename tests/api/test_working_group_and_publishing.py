"""The API's side of decision 0025: a plan's working group (`working_group`) is a body whose
seats may start on the day the plan was recorded as an idea, before its period; and only the
secretariat changes whether a plan is published, role by role."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from boligsocial.governance.models import Body, Membership
from boligsocial.plans.models import Plan
from tests.factories import fund_round
from tests.kit import ROLES, db_snapshot

pytestmark = pytest.mark.django_db


def new_idea(world) -> Plan:
    """A plan created through the API: an idea recorded today, starting next year."""
    next_year = timezone.localdate().year + 1
    response = world.client("admin").post(
        "/api/v1/plans/",
        {
            "name": "Plan Gamma",
            "fund_round": fund_round().pk,
            "start_date": f"{next_year}-01-01",
            "end_date": f"{next_year + 3}-12-31",
            "fund_round_reason": "Prøves under rundens regler.",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    return Plan.objects.get(pk=response.json()["id"])


def test_a_working_group_seats_people_before_the_plan_from_the_ideas_day(world):
    plan = new_idea(world)
    client = world.client("admin")
    response = client.post(
        "/api/v1/bodies/",
        {"plan": plan.pk, "kind": "working_group", "name": "Arbejdsgruppen"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "working_group"
    body = Body.objects.get(pk=response.json()["id"])
    today = timezone.localdate()
    seat = {"body": body.pk, "person": world.person_d.pk, "represents": world.org_b.pk}
    before = db_snapshot()
    response = client.post(
        "/api/v1/memberships/",
        {**seat, "valid_from": (today - timedelta(days=1)).isoformat()},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["valid_from"]
    assert db_snapshot() == before
    response = client.post(
        "/api/v1/memberships/", {**seat, "valid_from": today.isoformat()}, format="json"
    )
    assert response.status_code == 201, response.content
    assert Membership.objects.get(pk=response.json()["id"]).valid_from < plan.start_date
    listed = client.get("/api/v1/bodies/", {"kind": "working_group"}).json()["results"]
    assert [row["id"] for row in listed] == [body.pk]
    seats = client.get("/api/v1/memberships/", {"body_kind": "working_group"}).json()
    assert [row["body"]["id"] for row in seats["results"]] == [body.pk]


def test_a_board_still_keeps_the_plans_period(world):
    plan = new_idea(world)
    client = world.client("admin")
    body = client.post(
        "/api/v1/bodies/", {"plan": plan.pk, "kind": "board", "name": "Bestyrelsen"}, format="json"
    ).json()
    response = client.post(
        "/api/v1/memberships/",
        {
            "body": body["id"],
            "person": world.person_d.pk,
            "represents": world.org_b.pk,
            "valid_from": timezone.localdate().isoformat(),
        },
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["valid_from"]


# Publishing: the secretariat's alone -----------------------------------------------------------

# Who may publish plan_led (unpublished; led by `leader`, read by the housing user): only the
# admin. The leader edits the plan but its `published` is refused on the field; the others may
# not edit the plan at all (other_leader cannot even read it).
PUBLISH = {
    "admin": 200,
    "leader": 400,
    "other_leader": 404,
    "housing_user": 403,
    "municipality_user": 403,
    "anonymous": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_secretariat_publishes_a_plan(world, role):
    before = db_snapshot()
    response = world.client(role).patch(
        f"/api/v1/plans/{world.plan_led.pk}/", {"published": True}, format="json"
    )
    assert response.status_code == PUBLISH[role], response.content
    world.plan_led.refresh_from_db()
    assert world.plan_led.published is (role == "admin")
    if role == "leader":
        assert list(response.json()) == ["published"]
        assert "Only the secretariat" in response.json()["published"][0]
    if role != "admin":
        assert db_snapshot() == before


def test_a_leader_cannot_unpublish_but_may_send_the_value_unchanged(world):
    world.plan_led.published = True
    world.plan_led.save()
    client = world.client("leader")
    url = f"/api/v1/plans/{world.plan_led.pk}/"
    response = client.patch(url, {"published": False}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["published"]
    response = client.patch(url, {"published": True, "description": "Ny tekst"}, format="json")
    assert response.status_code == 200, response.content
    world.plan_led.refresh_from_db()
    assert (world.plan_led.published, world.plan_led.description) == (True, "Ny tekst")
