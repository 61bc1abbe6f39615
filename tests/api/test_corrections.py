"""Corrections and deletions through the API (PATCH any field, DELETE a row entered by
mistake), the rules on dates and single seats, duplicate people and merging them."""

from __future__ import annotations

import pytest

from boligsocial.governance.models import Membership, Person, PlanRole
from tests.kit import db_snapshot

pytestmark = pytest.mark.django_db


def test_a_plan_leader_deletes_a_role_of_their_plan_and_the_history_keeps_it(world):
    client = world.client("leader")
    role_id = world.role_led.pk
    response = client.delete(f"/api/v1/plan-roles/{role_id}/")
    assert response.status_code == 204
    assert not PlanRole.objects.filter(pk=role_id).exists()
    deleted = PlanRole.history.get(id=role_id, history_type="-")
    assert deleted.history_user == world.users["leader"]


def test_a_seat_is_deleted_and_others_plans_rows_are_not_reachable(world):
    client = world.client("leader")
    before = db_snapshot()
    assert client.delete(f"/api/v1/memberships/{world.seat_other.pk}/").status_code == 404
    assert client.delete(f"/api/v1/plan-roles/{world.role_pub.pk}/").status_code == 403
    assert (
        world.client("anonymous").delete(f"/api/v1/memberships/{world.seat_led.pk}/").status_code
        == 403
    )
    assert db_snapshot() == before
    assert client.delete(f"/api/v1/memberships/{world.seat_led.pk}/").status_code == 204
    assert not Membership.objects.filter(pk=world.seat_led.pk).exists()


def test_delete_with_a_stale_if_match_is_412_and_deletes_nothing(world):
    client = world.client("leader")
    url = f"/api/v1/memberships/{world.seat_led.pk}/"
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"role": "vice_chair"}, format="json").status_code == 200
    response = client.delete(url, HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert response.json()["changed_fields"] == ["role"]
    assert Membership.objects.filter(pk=world.seat_led.pk).exists()


def test_patch_corrects_the_person_of_a_role_and_the_rules_apply(world):
    client = world.client("leader")
    url = f"/api/v1/plan-roles/{world.role_led.pk}/"
    response = client.patch(url, {"person": world.person_d.pk}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["person"]["id"] == world.person_d.pk
    before = db_snapshot()
    response = client.patch(url, {"valid_from": "2001-01-01"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["valid_from"]
    assert response.json()["valid_from"][0].startswith("The start date (")
    assert db_snapshot() == before


def test_a_second_leader_or_chair_at_the_same_time_is_refused(world):
    client = world.client("leader")
    response = client.post(
        "/api/v1/plan-roles/",
        {
            "plan": world.plan_led.pk,
            "person": world.person_d.pk,
            "kind": "leader",
            "valid_from": "2024-01-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["kind"]
    assert "Testperson C" in response.json()["kind"][0]
    client.patch(f"/api/v1/memberships/{world.seat_led.pk}/", {"role": "chair"}, format="json")
    response = client.post(
        "/api/v1/memberships/",
        {
            "body": world.body_led.pk,
            "person": world.person_c.pk,
            "represents": world.org_b.pk,
            "role": "chair",
            "valid_from": "2024-01-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["role"]


def test_a_possible_duplicate_person_is_400_on_name_unless_confirmed(world):
    client = world.client("admin")
    body = {"name": " testperson  a", "employer": world.partner.pk}
    before = db_snapshot()
    response = client.post("/api/v1/people/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "name": [
            "Is this the same person? A person with this name and employer already exists: "
            f"Testperson A (Konsulent, Testskolen, id {world.person_a.pk}). Choose the existing "
            "person, or confirm that this is another person with the same name."
        ]
    }
    assert db_snapshot() == before
    response = client.post("/api/v1/people/", {**body, "confirm_new": True}, format="json")
    assert response.status_code == 201
    assert "confirm_new" not in response.json()


def test_a_plan_leader_is_not_told_about_people_they_cannot_see(world):
    # Testperson E is only in plan_other, which the leader cannot read.
    response = world.client("leader").post(
        "/api/v1/people/", {"name": "Testperson E"}, format="json"
    )
    assert response.status_code == 201


def test_a_plan_leader_is_not_told_to_choose_a_person_they_cannot_choose(world):
    # Testperson A is in the published plan_pub: readable by the leader, but never theirs to
    # give a role, so "choose the existing person" would be advice they cannot follow.
    response = world.client("leader").post(
        "/api/v1/people/", {"name": "Testperson A", "employer": world.partner.pk}, format="json"
    )
    assert response.status_code == 201


def test_a_person_without_roles_is_deleted_one_with_roles_is_refused(world):
    client = world.client("admin")
    assert client.delete(f"/api/v1/people/{world.person_g.pk}/").status_code == 204
    assert not Person.objects.filter(pk=world.person_g.pk).exists()
    response = client.delete(f"/api/v1/people/{world.person_a.pk}/")
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": [
            "Testperson A has 1 role(s) and 0 seat(s): delete or correct those first, or "
            "merge the person into another."
        ]
    }


def test_administrators_merge_people(world):
    url = f"/api/v1/people/{world.person_c.pk}/merge/"
    assert (
        world.client("leader").post(url, {"remove": world.person_d.pk}, format="json").status_code
        == 403
    )
    response = world.client("admin").post(url, {"remove": world.person_d.pk}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["id"] == world.person_c.pk
    assert Membership.objects.get(pk=world.seat_led.pk).person == world.person_c
    assert not Person.objects.filter(pk=world.person_d.pk).exists()
