"""The Danish choice keys stored before decision 0019 (`leder`, `bestyrelse`, `formand`,
`boligorganisation`, ...) are deprecated aliases of the English ones until 1 July 2027: the
filters and the writes accept them; answers and the schema's enums give the English keys only."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from boligsocial.governance.models import (
    FORMER_BODY_KINDS,
    FORMER_MEMBERSHIP_ROLES,
    FORMER_PLAN_ROLE_KINDS,
    BodyKind,
    MembershipRole,
    PlanRole,
    PlanRoleKind,
)
from boligsocial.organisations.models import (
    FORMER_ORGANISATION_KINDS,
    Organisation,
    OrganisationKind,
)
from tests.api.helpers import ids
from tests.factories import BodyFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def get(world: Any, path: str, params: dict[str, Any]) -> list[int]:
    return ids(world.client("admin").get(f"/api/v1/{path}/", params))


def test_every_former_key_names_a_current_choice_and_none_is_still_stored():
    for former, enum in (
        (FORMER_PLAN_ROLE_KINDS, PlanRoleKind),
        (FORMER_BODY_KINDS, BodyKind),
        (FORMER_MEMBERSHIP_ROLES, MembershipRole),
        (FORMER_ORGANISATION_KINDS, OrganisationKind),
    ):
        assert set(former.values()) <= set(enum.values)
        assert not set(former) & set(enum.values)
        # Each current key has at most one former one: the mapping can be reversed.
        assert len(set(former.values())) == len(former)


def test_the_filters_take_a_former_key_as_its_english_key(world):
    group = BodyFactory(plan=world.plan_pub, kind=BodyKind.STEERING, name="Styregruppe Alfa")
    chair = MembershipFactory(
        body=group,
        person=world.person_a,
        represents=world.org_a,
        role=MembershipRole.CHAIR,
        valid_from=date(2024, 1, 1),
    )
    police = OrganisationFactory(kind=OrganisationKind.POLICE, name="Testpolitiet")
    cases = [
        ("plan-roles", "kind", "leder", "leader", [world.role_led.pk]),
        ("plan-roles", "kind", "medarbejder", "staff", [world.role_pub.pk, world.role_other.pk]),
        ("bodies", "kind", "styregruppe", "steering_group", [group.pk]),
        ("memberships", "role", "formand", "chair", [chair.pk]),
        ("memberships", "body_kind", "styregruppe", "steering_group", [chair.pk]),
        ("organisations", "kind", "politi", "police", [police.pk]),
        ("organisations", "kind", "andet", "other", [world.partner.pk]),
    ]
    for path, param, former, current, expected in cases:
        assert get(world, path, {param: current}) == expected, (path, current)
        assert get(world, path, {param: former}) == expected, (path, former)
    # A former and a current key in one request, as repeated parameters.
    assert get(world, "plan-roles", {"kind": ["leder", "staff"]}) == sorted(
        PlanRole.objects.values_list("pk", flat=True)
    )


def test_an_unknown_key_is_still_refused_naming_the_filter(world):
    response = world.client("admin").get("/api/v1/plan-roles/", {"kind": "chef"})
    assert response.status_code == 400
    assert list(response.json()) == ["kind"]


def test_a_write_takes_a_former_key_and_stores_and_answers_the_english_one(world):
    client = world.client("admin")
    created = client.post(
        "/api/v1/plan-roles/",
        {
            "plan": world.plan_pub.pk,
            "person": world.person_g.pk,
            "kind": "medarbejder",
            "valid_from": "2024-01-01",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["kind"] == "staff"
    assert PlanRole.objects.get(pk=created.json()["id"]).kind == PlanRoleKind.STAFF
    organisation = client.post(
        "/api/v1/organisations/",
        {"kind": "skole", "name": "Testskolen Syd"},
        format="json",
    )
    assert organisation.status_code == 201, organisation.content
    assert organisation.json()["kind"] == "school"
    assert Organisation.objects.get(name="Testskolen Syd").kind == OrganisationKind.SCHOOL


def test_the_schema_lists_the_english_keys_only(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    enums = {
        name: component["enum"]
        for name, component in schema["components"]["schemas"].items()
        if "enum" in component
    }
    assert enums["PlanRoleKind"] == ["leader", "staff"]
    assert enums["BodyKind"] == [
        "board",
        "steering_group",
        "follow_group",
        "cooperation_council",
        "working_group",  # decision 0025
    ]
    assert enums["MembershipRole"] == ["chair", "vice_chair", "member", "secretary", "observer"]
    assert enums["OrganisationKind"] == list(OrganisationKind.values)
