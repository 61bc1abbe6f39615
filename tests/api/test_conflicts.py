"""No lost updates in the API: GET of one object answers its version in `ETag`; PUT/PATCH with
`If-Match` of an older version answers 412 naming the fields changed meanwhile and writes
nothing; with the current version it writes and answers the new `ETag`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from django.test import override_settings

from boligsocial.core.concurrency import instance_version
from boligsocial.governance.models import Body, Membership, Person, PlanRole
from boligsocial.plans.models import Plan
from tests.kit import db_snapshot

STALE_DETAIL = (
    "The object was changed after the version given in If-Match; nothing was written. "
    "`changed_fields` names what changed, `current` is the object now and the ETag header "
    "its version: repeat the change on it if it still applies."
)


def etag_of(obj: Any) -> str:
    return f'"{instance_version(type(obj).objects.get(pk=obj.pk))}"'


def test_get_of_one_object_answers_its_version(world: Any) -> None:
    client = world.client("admin")
    response = client.get(f"/api/v1/people/{world.person_a.pk}/")
    assert response.status_code == 200
    assert response["ETag"] == etag_of(world.person_a)
    # Lists carry no ETag: a version belongs to one object.
    assert "ETag" not in client.get("/api/v1/people/")


def test_patch_with_a_stale_version_is_412_and_writes_nothing(world: Any) -> None:
    alice, bob = world.client("admin"), world.client("leader")
    url = f"/api/v1/people/{world.person_c.pk}/"
    seen_by_alice = alice.get(url)["ETag"]
    seen_by_bob = bob.get(url)["ETag"]
    assert seen_by_alice == seen_by_bob

    first = alice.patch(
        url, {"name": "Testperson C Nyt"}, format="json", HTTP_IF_MATCH=seen_by_alice
    )
    assert first.status_code == 200, first.content
    assert first["ETag"] == etag_of(world.person_c)
    assert first["ETag"] != seen_by_alice

    before = db_snapshot()
    second = bob.patch(
        url,
        {"title": "Projektleder", "phone": "86 12 34 56"},
        format="json",
        HTTP_IF_MATCH=seen_by_bob,
    )
    assert second.status_code == 412
    body = second.json()
    assert body["detail"] == STALE_DETAIL
    assert body["changed_fields"] == ["name"]
    assert body["current"]["name"] == "Testperson C Nyt"
    assert body["current"]["title"] == world.person_c.title
    assert second["ETag"] == first["ETag"]
    assert db_snapshot() == before
    person = Person.objects.get(pk=world.person_c.pk)
    assert (person.name, person.title, person.phone) == (
        "Testperson C Nyt",
        world.person_c.title,
        world.person_c.phone,
    )

    # With the version the 412 gave, the change goes through.
    third = bob.patch(url, {"title": "Projektleder"}, format="json", HTTP_IF_MATCH=second["ETag"])
    assert third.status_code == 200
    assert third.json()["title"] == "Projektleder"
    assert third["ETag"] == etag_of(world.person_c)
    assert bob.get(url)["ETag"] == third["ETag"]


@pytest.mark.parametrize(
    ("path", "attribute", "change", "other", "changed"),
    [
        # A new name gives a plan a new address (slug) too.
        ("plans", "plan_led", {"description": "Ny"}, {"name": "Plan Nord"}, ["name", "slug"]),
        ("plan-roles", "role_led", {"title": "Leder"}, {"fte": "0.50"}, ["fte"]),
        ("bodies", "body_led", {"description": "Månedlig"}, {"name": "Bestyrelsen"}, ["name"]),
        ("memberships", "seat_led", {"valid_to": "2024-12-31"}, {"role": "chair"}, ["role"]),
        ("people", "person_d", {"email": "d@example.org"}, {"title": "Formand"}, ["title"]),
    ],
)
def test_every_versioned_object_refuses_a_stale_patch(
    world: Any,
    path: str,
    attribute: str,
    change: dict[str, Any],
    other: dict[str, Any],
    changed: list[str],
) -> None:
    client = world.client("leader")
    obj = getattr(world, attribute)
    url = f"/api/v1/{path}/{obj.pk}/"
    stale = client.get(url)["ETag"]
    assert stale == etag_of(obj)
    assert client.patch(url, other, format="json").status_code == 200  # no If-Match: allowed
    before = db_snapshot()
    response = client.patch(url, change, format="json", HTTP_IF_MATCH=stale)
    assert response.status_code == 412, response.content
    assert response.json()["changed_fields"] == changed
    assert db_snapshot() == before


def test_if_match_forms(world: Any) -> None:
    client = world.client("admin")
    url = f"/api/v1/bodies/{world.body_pub.pk}/"
    current = client.get(url)["ETag"]
    # Any of several tags, and `*`, match; a weak tag never does (strong comparison).
    response = client.patch(
        url, {"description": "a"}, format="json", HTTP_IF_MATCH=f'"nope.0", {current}'
    )
    assert response.status_code == 200
    assert (
        client.patch(url, {"description": "b"}, format="json", HTTP_IF_MATCH="*").status_code == 200
    )
    current = client.get(url)["ETag"]
    weak = client.patch(url, {"description": "c"}, format="json", HTTP_IF_MATCH=f"W/{current}")
    assert weak.status_code == 412
    garbage = client.patch(url, {"description": "c"}, format="json", HTTP_IF_MATCH="garbage")
    assert garbage.status_code == 412
    assert garbage.json()["changed_fields"] is None
    assert Body.objects.get(pk=world.body_pub.pk).description == "b"


def test_put_with_the_current_version_writes_and_answers_the_new_version(world: Any) -> None:
    client = world.client("admin")
    url = f"/api/v1/plan-roles/{world.role_pub.pk}/"
    current = client.get(url)["ETag"]
    role = world.role_pub
    body = {
        "kind": role.kind,
        "title": "Koordinator",
        "fte": "0.80",
        "valid_from": role.valid_from.isoformat(),
        "valid_to": None,
    }
    response = client.put(url, body, format="json", HTTP_IF_MATCH=current)
    assert response.status_code == 200, response.content
    assert response["ETag"] == etag_of(role) != current
    assert PlanRole.objects.get(pk=role.pk).title == "Koordinator"


def test_a_validation_error_is_still_400_with_a_current_version(world: Any) -> None:
    client = world.client("admin")
    url = f"/api/v1/memberships/{world.seat_pub.pk}/"
    current = client.get(url)["ETag"]
    response = client.patch(url, {"valid_to": "2020-01-01"}, format="json", HTTP_IF_MATCH=current)
    assert response.status_code == 400
    assert Membership.objects.get(pk=world.seat_pub.pk).valid_to is None
    assert client.get(url)["ETag"] == current


def test_versions_are_keyed_with_the_secret_key(world: Any) -> None:
    """A reader who may not see a person's phone cannot test guesses of it against the ETag."""
    plan = Plan.objects.get(pk=world.plan_pub.pk)
    with override_settings(SECRET_KEY="x" * 50):
        one = instance_version(plan)
    with override_settings(SECRET_KEY="y" * 50):
        two = instance_version(plan)
    assert one != two


def test_the_schema_documents_etag_if_match_and_412() -> None:
    schema = yaml.safe_load((Path(__file__).parents[2] / "docs" / "openapi.yaml").read_text())
    for path in ("plans", "plan-roles", "bodies", "memberships", "people"):
        detail = schema["paths"][f"/api/v1/{path}/{{id}}/"]
        assert "ETag" in detail["get"]["responses"]["200"]["headers"], path
        for method in ("put", "patch"):
            operation = detail[method]
            if_match = [p for p in operation["parameters"] if p["name"] == "If-Match"]
            assert len(if_match) == 1, (path, method)
            assert if_match[0]["in"] == "header"
            assert if_match[0].get("required", False) is False
            assert "ETag" in operation["responses"]["200"]["headers"]
            refused = operation["responses"]["412"]
            assert "ETag" in refused["headers"]
            ref = refused["content"]["application/json"]["schema"]["$ref"]
            component = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
            assert component["required"] == ["detail", "changed_fields", "current"]
    # Lists and creation carry no version.
    assert "headers" not in schema["paths"]["/api/v1/people/"]["get"]["responses"]["200"]
    assert "412" not in schema["paths"]["/api/v1/people/"]["post"]["responses"]
