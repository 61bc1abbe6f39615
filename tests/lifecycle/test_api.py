"""`/api/v1/plans/{slug}/transitions/` (decision 0020): the timeline as the plan page shows it,
and a step made with the services' rules: 403 without a capacity in the plan, 400 naming the
field for a refused step, nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

from boligsocial.lifecycle.models import PlanTransition
from boligsocial.lifecycle.services import plan_submit_prequalification
from boligsocial.plans.models import PlanStatus
from tests.lifecycle.conftest import complete

pytestmark = pytest.mark.django_db


def _url(plan) -> str:
    return f"/api/v1/plans/{plan.slug}/transitions/"


def _client(user=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def test_a_step_is_made_and_answered_as_recorded(lw):
    complete(lw.plan, lw.focus)
    response = _client(lw.users["housing_user"]).post(
        _url(lw.plan),
        {"kind": "submit_prequalification", "date": "2026-02-01", "note": "Sendt"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["from_status"], body["to_status"]) == (
        "submit_prequalification",
        "idea",
        "prequalification_submitted",
    )
    assert (body["capacity"], body["note"], body["date"]) == ("applicant", "Sendt", "2026-02-01")
    lw.plan.refresh_from_db()
    assert lw.plan.status == PlanStatus.PREQUALIFICATION_SUBMITTED


def test_lbfs_decision_by_an_applicant_is_400_on_capacity_and_writes_nothing(lw):
    complete(lw.plan, lw.focus)
    plan_submit_prequalification(plan=lw.plan, user=lw.users["admin"])
    response = _client(lw.users["leader"]).post(
        _url(lw.plan),
        {"kind": "prequalification_decision", "to_status": "prequalified"},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["capacity"]
    assert PlanTransition.objects.count() == 1


def test_missing_parts_are_400_on_their_fields(lw):
    response = _client(lw.users["admin"]).post(
        _url(lw.plan), {"kind": "submit_prequalification"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {
        "focus_areas",
        "challenges",
        "budget_estimates",
        "municipality_recommendation_date",
    }
    assert not PlanTransition.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "fly"}, "kind"),
        ({"kind": "start", "date": "3000-01-01"}, "date"),
        ({"kind": "extend", "new_end_date": "31-12-2031"}, "new_end_date"),
        ({"kind": "withdraw", "document": 10**30}, "document"),
        ({"kind": "start"}, "kind"),
    ],
)
def test_bad_input_is_400_naming_the_field(lw, data, field):
    response = _client(lw.users["admin"]).post(_url(lw.plan), data, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not PlanTransition.objects.exists()


def test_without_a_capacity_in_the_plan_a_step_is_403(lw):
    lw.plan.published = True
    lw.plan.save()
    response = _client(lw.users["other_leader"]).post(
        _url(lw.plan), {"kind": "withdraw"}, format="json"
    )
    assert response.status_code == 403
    assert _client().post(_url(lw.plan), {"kind": "withdraw"}, format="json").status_code == 403


def test_the_timeline_is_public_for_a_published_plan_without_internal_notes(lw):
    complete(lw.plan, lw.focus)
    plan_submit_prequalification(
        plan=lw.plan,
        user=lw.users["leader"],
        date=date(2026, 2, 1),
        note="Intern",
        public_note="Offentlig",
    )
    assert _client().get(_url(lw.plan)).status_code == 404  # not published yet
    lw.plan.published = True
    lw.plan.save()
    (public,) = _client().get(_url(lw.plan)).json()
    assert (public["note"], public["actor"], public["public_note"]) == ("", "", "Offentlig")
    (internal,) = _client(lw.users["admin"]).get(_url(lw.plan)).json()
    assert internal["note"] == "Intern"
    assert internal["actor"] == lw.users["leader"].username


def _data_url(plan) -> str:
    return f"/api/v1/plans/{plan.slug}/application-data/"


def test_the_application_data_is_read_and_changed_with_the_missing_parts(lw):
    lw.plan.focus_areas.set(lw.focus)
    client = _client(lw.users["housing_user"])
    body = client.get(_data_url(lw.plan)).json()
    assert body["challenges_max_chars"] == 12_000
    assert [p["field"] for p in body["missing_for_prequalification"]] == [
        "challenges",
        "budget_estimates",
        "municipality_recommendation_date",
    ]
    response = client.patch(
        _data_url(lw.plan),
        {
            "challenges": "Udfordringerne",
            "municipality_recommendation_date": "2026-01-15",
            "goals": [{"focus_area": lw.focus[0].pk, "goals": "Flere i job"}],
            "budget_estimates": [{"year": 2027, "source": "lbf", "amount": "1500000.00"}],
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["missing_for_prequalification"] == []
    assert body["budget_estimates"] == [{"year": 2027, "source": "lbf", "amount": "1500000.00"}]
    assert [p["field"] for p in body["missing_for_full_plan"]] == ["purpose", "goals"]


def test_challenges_over_the_limit_are_400_and_nothing_is_written(lw):
    response = _client(lw.users["admin"]).patch(
        _data_url(lw.plan),
        {"challenges": "x" * 12_001, "purpose": "Formål"},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["challenges"]
    assert "12,000" in response.json()["challenges"][0]
    lw.plan.refresh_from_db()
    assert lw.plan.purpose == ""


def test_a_bad_budget_row_rolls_back_the_texts_too(lw):
    response = _client(lw.users["admin"]).patch(
        _data_url(lw.plan),
        {"purpose": "Formål", "budget_estimates": [{"year": 2020, "source": "lbf", "amount": 1}]},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["budget_estimates"]
    lw.plan.refresh_from_db()
    assert lw.plan.purpose == ""


def test_only_participants_read_and_only_preparers_change_the_application_data(lw):
    assert _client(lw.users["lbf"]).get(_data_url(lw.plan)).status_code == 200
    assert (
        _client(lw.users["lbf"]).patch(_data_url(lw.plan), {"purpose": "x"}, format="json")
    ).status_code == 403
    lw.plan.published = True
    lw.plan.save()
    assert _client(lw.users["other_leader"]).get(_data_url(lw.plan)).status_code == 403
    assert _client().get(_data_url(lw.plan)).status_code == 403
