"""Bad input through the API: 400, a message on the field the user can fix, nothing written."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from rest_framework.test import APIClient

from boligsocial.api.permissions import NOT_PLAN_EDITOR
from boligsocial.areas.services import area_update
from boligsocial.governance.models import Membership
from boligsocial.governance.services import membership_add, membership_update, plan_role_add
from boligsocial.organisations.services import organisation_create
from boligsocial.plans.services import plan_create, plan_update
from tests.factories import fund_round
from tests.kit import db_snapshot


def post(world, role: str, path: str, body: Any) -> Any:
    return world.client(role).post(f"/api/v1/{path}", body, format="json")


def patch(world, role: str, path: str, body: Any) -> Any:
    return world.client(role).patch(f"/api/v1/{path}", body, format="json")


def plan_body(**changes: Any) -> dict[str, Any]:
    return {
        "name": "Plan Delta",
        "fund_round": fund_round().pk,
        "start_date": "2023-01-01",
        "end_date": "2026-12-31",
        **changes,
    }


def service_error(call: Callable[[], Any]) -> Callable[[], dict[str, list[str]]]:
    """The field errors a service raises for the same input, in English: the API must report
    exactly these, under the same field names (`__all__` as `non_field_errors`)."""

    def errors() -> dict[str, list[str]]:
        with translation.override("en"):
            with pytest.raises(ValidationError) as raised:
                call()
            # Messages may be lazy: read them while English is active.
            return {
                ("non_field_errors" if field == "__all__" else field): [str(m) for m in messages]
                for field, messages in raised.value.message_dict.items()
            }

    return errors


# case: (the request, the field(s) at fault, the expected body: a dict for checks the API makes
# itself, or the service's own errors for the same input)
CASES: dict[str, tuple[Callable[[Any], Any], set[str], Callable[[Any], Any]]] = {
    # End before start, on every object with a period.
    "plan_end_before_start": (
        lambda w: post(w, "admin", "plans/", plan_body(end_date="2022-12-31")),
        {"end_date"},
        lambda w: service_error(
            lambda: plan_create(
                name="Plan Delta",
                fund_round=fund_round(),
                start_date=date(2023, 1, 1),
                end_date=date(2022, 12, 31),
            )
        ),
    ),
    "plan_patch_end_before_start": (
        lambda w: patch(w, "leader", f"plans/{w.plan_led.pk}/", {"end_date": "2022-06-30"}),
        {"end_date"},
        lambda w: service_error(
            lambda: plan_update(plan=w.plan_led, data={"end_date": date(2022, 6, 30)})
        ),
    ),
    "membership_end_before_start": (
        lambda w: post(
            w,
            "leader",
            "memberships/",
            {
                "body": w.body_led.pk,
                "person": w.person_c.pk,
                "represents": w.org_b.pk,
                "valid_from": "2024-05-01",
                "valid_to": "2024-04-30",
            },
        ),
        {"valid_to"},
        lambda w: service_error(
            lambda: membership_add(
                body=w.body_led,
                person=w.person_c,
                represents=w.org_b,
                valid_from=date(2024, 5, 1),
                valid_to=date(2024, 4, 30),
            )
        ),
    ),
    "plan_role_end_before_start": (
        lambda w: post(
            w,
            "leader",
            "plan-roles/",
            {
                "plan": w.plan_led.pk,
                "person": w.person_d.pk,
                "kind": "staff",
                "valid_from": "2024-05-01",
                "valid_to": "2024-01-01",
            },
        ),
        {"valid_to"},
        lambda w: service_error(
            lambda: plan_role_add(
                plan=w.plan_led,
                person=w.person_d,
                kind="staff",
                valid_from=date(2024, 5, 1),
                valid_to=date(2024, 1, 1),
            )
        ),
    ),
    "membership_patch_end_before_start": (
        lambda w: patch(w, "admin", f"memberships/{w.seat_led.pk}/", {"valid_to": "2022-01-01"}),
        {"valid_to"},
        lambda w: service_error(
            lambda: membership_update(
                membership=Membership.objects.get(pk=w.seat_led.pk),
                data={"valid_to": date(2022, 1, 1)},
            )
        ),
    ),
    # The same person in the same body and role twice at once.
    "overlapping_membership": (
        lambda w: post(
            w,
            "leader",
            "memberships/",
            {
                "body": w.body_led.pk,
                "person": w.person_d.pk,
                "represents": w.org_b.pk,
                "role": "member",
                "valid_from": "2024-01-01",
            },
        ),
        {"valid_from"},
        lambda w: service_error(
            lambda: membership_add(
                body=w.body_led,
                person=w.person_d,
                represents=w.org_b,
                role="member",
                valid_from=date(2024, 1, 1),
            )
        ),
    ),
    # An afdeling covered by another plan in an overlapping period.
    "afdeling_already_covered": (
        lambda w: patch(
            w, "leader", f"plans/{w.plan_led.pk}/", {"afdelinger": [w.afd_b.pk, w.afd_a.pk]}
        ),
        {"afdelinger"},
        lambda w: service_error(
            lambda: plan_update(plan=w.plan_led, data={}, afdelinger=[w.afd_b, w.afd_a])
        ),
    ),
    "new_plan_on_a_covered_afdeling": (
        lambda w: post(w, "admin", "plans/", plan_body(afdelinger=[w.afd_c.pk])),
        {"afdelinger"},
        lambda w: service_error(
            lambda: plan_create(
                name="Plan Delta",
                fund_round=fund_round(),
                start_date=date(2023, 1, 1),
                end_date=date(2026, 12, 31),
                afdelinger=[w.afd_c],
            )
        ),
    ),
    # CVR numbers.
    "cvr_checksum": (
        lambda w: post(
            w,
            "admin",
            "organisations/",
            {"kind": "housing_organisation", "name": "Boligforeningen Delta", "cvr": "10000008"},
        ),
        {"cvr"},
        lambda w: {
            "cvr": ["This CVR number fails the modulus-11 check; check for a typing error."]
        },
    ),
    "cvr_length": (
        lambda w: patch(w, "admin", f"organisations/{w.org_a.pk}/", {"cvr": "1234567"}),
        {"cvr"},
        lambda w: {"cvr": ["A CVR number has exactly 8 digits."]},
    ),
    "cvr_missing_for_housing_organisation": (
        lambda w: post(
            w, "admin", "organisations/", {"kind": "housing_organisation", "name": "Uden CVR"}
        ),
        {"cvr"},
        lambda w: service_error(
            lambda: organisation_create(kind="housing_organisation", name="Uden CVR")
        ),
    ),
    # Municipalities are given by code.
    "unknown_municipality_for_organisation": (
        lambda w: post(
            w,
            "admin",
            "organisations/",
            {"kind": "municipality", "name": "Ukendt Kommune", "municipality": 999},
        ),
        {"municipality"},
        lambda w: {"municipality": ["There is no municipality with code 999."]},
    ),
    "unknown_municipality_for_area": (
        lambda w: post(w, "admin", "areas/", {"name": "Deltaparken", "municipality": 998}),
        {"municipality"},
        lambda w: {"municipality": ["There is no municipality with code 998."]},
    ),
    "municipality_code_not_a_number": (
        lambda w: patch(w, "admin", f"areas/{w.area_a.pk}/", {"municipality": "Aarhus"}),
        {"municipality"},
        lambda w: {"municipality": ["A municipality code is a whole number, e.g. 751 for Aarhus."]},
    ),
    # A plan period that does not fit its fund round.
    "plan_starts_outside_its_round": (
        lambda w: post(
            w, "admin", "plans/", plan_body(start_date="2027-01-01", end_date="2030-12-31")
        ),
        {"start_date"},
        lambda w: service_error(
            lambda: plan_create(
                name="Plan Delta",
                fund_round=fund_round(),
                start_date=date(2027, 1, 1),
                end_date=date(2030, 12, 31),
            )
        ),
    ),
    "plan_of_unusual_length_without_a_reason": (
        lambda w: post(w, "admin", "plans/", plan_body(end_date="2025-12-31")),
        {"length_reason"},
        lambda w: service_error(
            lambda: plan_create(
                name="Plan Delta",
                fund_round=fund_round(),
                start_date=date(2023, 1, 1),
                end_date=date(2025, 12, 31),
            )
        ),
    ),
    "plan_moved_to_a_round_it_does_not_fit": (
        lambda w: patch(
            w, "admin", f"plans/{w.plan_led.pk}/", {"fund_round": fund_round("2011–14").pk}
        ),
        {"start_date"},
        lambda w: service_error(
            lambda: plan_update(plan=w.plan_led, data={"fund_round": fund_round("2011–14")})
        ),
    ),
    "illegal_status_change": (
        lambda w: patch(w, "leader", f"plans/{w.plan_led.pk}/", {"status": "idea"}),
        {"status"},
        lambda w: service_error(lambda: plan_update(plan=w.plan_led, data={"status": "idea"})),
    ),
    "bad_geojson": (
        lambda w: patch(
            w, "admin", f"areas/{w.area_a.pk}/", {"outline": {"type": "Point", "coordinates": []}}
        ),
        {"outline"},
        lambda w: service_error(
            lambda: area_update(
                area=w.area_a, data={"outline": {"type": "Point", "coordinates": []}}
            )
        ),
    ),
    # Types and ranges, checked by the API before any service is called.
    "date_out_of_range": (
        lambda w: post(w, "admin", "plans/", plan_body(end_date="9999-12-31")),
        {"end_date"},
        lambda w: {"end_date": ["Give a date between 1900-01-01 and 2999-12-31."]},
    ),
    "fte_above_one": (
        lambda w: patch(w, "leader", f"plan-roles/{w.role_led.pk}/", {"fte": "1.50"}),
        {"fte"},
        lambda w: {"fte": ["Ensure this value is less than or equal to 1.00."]},
    ),
    "unknown_choice": (
        lambda w: patch(w, "leader", f"bodies/{w.body_led.pk}/", {"kind": "bande"}),
        {"kind"},
        lambda w: {"kind": ['"bande" is not a valid choice.']},
    ),
    "missing_required_fields": (
        lambda w: post(w, "admin", "areas/", {}),
        {"name", "municipality"},
        lambda w: {
            "name": ["This field is required."],
            "municipality": ["This field is required."],
        },
    ),
    "body_not_an_object": (
        lambda w: post(w, "admin", "people/", ["Testperson"]),
        {"non_field_errors"},
        lambda w: {"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]},
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_on_its_field_and_nothing_is_written(world, case):
    request, fields, expected = CASES[case]
    before = db_snapshot()
    response = request(world)
    assert response.status_code == 400, response.content
    assert set(response.json()) == fields
    assert db_snapshot() == before
    # Computed after the request: a service call that failed wrote nothing either.
    errors = expected(world)
    assert response.json() == (errors() if callable(errors) else errors)
    assert db_snapshot() == before


def test_a_body_that_is_not_json_is_refused(world):
    before = db_snapshot()
    response = world.client("admin").post(
        "/api/v1/people/", b"{name: x", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")
    assert db_snapshot() == before


def test_bad_filter_values_are_400_and_name_the_filter(world):
    client = world.client("anonymous")
    response = client.get("/api/v1/memberships/", {"on": "31-12-2024"})
    assert response.status_code == 400
    assert response.json() == {"on": ["Enter a valid date."]}
    response = client.get("/api/v1/plans/", {"status": "sleeping"})
    assert response.status_code == 400
    assert response.json() == {
        "status": ["Select a valid choice. sleeping is not one of the available choices."]
    }
    response = client.get("/api/v1/areas/", {"municipality_id": "1.5"})
    assert response.status_code == 400
    assert response.json() == {"municipality_id": ["Enter a whole number."]}


@pytest.mark.parametrize(("accept", "language"), [(None, "da"), ("en", "en"), ("da", "da")])
def test_messages_follow_accept_language_and_default_to_danish(world, accept, language):
    client = APIClient(**({"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}))
    client.force_login(world.users["leader"])
    response = client.patch(
        f"/api/v1/plans/{world.plan_pub.pk}/", {"description": "x"}, format="json"
    )
    assert response.status_code == 403
    assert response["Content-Language"] == language
    with translation.override(language):
        assert response.json() == {"detail": str(NOT_PLAN_EDITOR)}


# -- numbers out of range and text too long (issue 6) ------------------------------------------


def raw_post(world, path: str, body: str) -> Any:
    """A JSON body as text: `1e400` is valid JSON that Python reads as infinity."""
    return world.client("admin").post(f"/api/v1/{path}", body, content_type="application/json")


@pytest.mark.parametrize(
    ("path", "body", "expected"),
    [
        (
            "people/",
            '{"name": "Testperson H", "employer": 1e400}',
            {"employer": ["Incorrect type. Expected pk value, received float."]},
        ),
        (
            "people/",
            '{"name": "Testperson H", "employer": 1.5}',
            {"employer": ["Incorrect type. Expected pk value, received float."]},
        ),
        (
            "people/",
            '{"name": "Testperson H", "employer": true}',
            {"employer": ["Incorrect type. Expected pk value, received bool."]},
        ),
        (
            "people/",
            '{"name": "Testperson H", "employer": 99999999999999999999999}',
            {"employer": ['Invalid pk "99999999999999999999999" - object does not exist.']},
        ),
        (
            "people/",
            '{"name": "Testperson H", "employer": "-1"}',
            {"employer": ['Invalid pk "-1" - object does not exist.']},
        ),
        (
            "plans/",
            '{"name": "Plan Delta", "fund_round": 1e400, "start_date": "2023-01-01", '
            '"end_date": "2026-12-31", "afdelinger": [1e400]}',
            {
                "fund_round": ["Incorrect type. Expected pk value, received float."],
                "afdelinger": ["Incorrect type. Expected pk value, received float."],
            },
        ),
        (
            "areas/",
            '{"name": "Deltaparken", "municipality": 751, "residents": 99999999999}',
            {"residents": ["Ensure this value is less than or equal to 2147483647."]},
        ),
        (
            "areas/",
            '{"name": "Deltaparken", "municipality": 751, "residents": 1e400}',
            {"residents": ["A valid integer is required."]},
        ),
        (
            "areas/",
            '{"name": "Deltaparken", "municipality": 751, "residents": -1}',
            {"residents": ["Ensure this value is greater than or equal to 0."]},
        ),
    ],
    ids=[
        "id-1e400",
        "id-fraction",
        "id-bool",
        "id-too-large",
        "id-negative",
        "ids-1e400-in-a-list",
        "count-too-large",
        "count-infinite",
        "count-negative",
    ],
)
def test_numbers_out_of_range_are_400_on_their_field(world, path, body, expected):
    before = db_snapshot()
    response = raw_post(world, path, body)
    assert response.status_code == 400, response.content
    assert response.json() == expected
    assert db_snapshot() == before


def test_an_id_out_of_range_in_a_membership_or_role_is_400(world):
    for path, body, field in [
        (
            "memberships/",
            '{"body": 1e400, "person": 1e400, "represents": 1e400, "valid_from": "2024-01-01"}',
            "body",
        ),
        (
            "plan-roles/",
            '{"plan": 1e400, "person": 1e400, "kind": "staff", "valid_from": "2024-01-01"}',
            "plan",
        ),
        (
            "afdelinger/",
            '{"organisation": 1e400, "area": 1e400, "number": "9", "name": "x"}',
            "organisation",
        ),
    ]:
        response = raw_post(world, path, body)
        assert response.status_code == 400, (path, response.content)
        assert response.json()[field] == ["Incorrect type. Expected pk value, received float."]


def test_id_filters_out_of_range_are_400(world):
    client = world.client("anonymous")
    response = client.get("/api/v1/memberships/", {"body_id": "1e400"})
    assert response.status_code == 400
    assert response.json() == {"body_id": ["Enter a whole number."]}
    response = client.get("/api/v1/plan-roles/", {"plan_id": "99999999999999999999999"})
    assert response.status_code == 400
    assert response.json() == {
        "plan_id": ["Ensure this value is less than or equal to 9223372036854775807."]
    }


def test_a_description_over_5000_characters_is_refused(world):
    before = db_snapshot()
    response = world.client("admin").patch(
        f"/api/v1/plans/{world.plan_led.pk}/", {"description": "x" * 5001}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "description": ["Ensure this field has no more than 5000 characters."]
    }
    response = world.client("admin").patch(
        f"/api/v1/plans/{world.plan_led.pk}/", {"description": "x" * 5000}, format="json"
    )
    assert response.status_code == 200
    assert db_snapshot() != before
