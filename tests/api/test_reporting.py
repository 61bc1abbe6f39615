"""The reports API: who reads and writes, the report as one version (ETag, If-Match, 412),
what a submission lacks, LBF's decisions in its capacities, the reports due across plans with
their filters, bad input answered 400 naming the field with nothing written, and query counts
that do not grow with the plans."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from boligsocial.reporting.models import AccountLine, YearlyReport
from tests import factories as f
from tests.kit import World, nothing_written
from tests.reporting.helpers import Reporting, make_reporting, stored_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(world: World) -> Reporting:
    return make_reporting(world)


def api(rw: Reporting, role: str) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if role != "anonymous":
        client.force_authenticate(rw.user(role))
    return client


def base(rw: Reporting) -> str:
    return f"/api/v1/plans/{rw.plan.slug}/reports/"


def year(rw: Reporting, rest: str = "") -> str:
    return f"{base(rw)}{rw.last_year}/{rest}"


def _fill(rw: Reporting, client: APIClient) -> str:
    """The account line, goal and milestone a submission needs; the report's ETag after."""
    response = client.post(
        year(rw, "account-lines/"), {"line_key": rw.line.key, "amount": "90000.00"}, format="json"
    )
    assert response.status_code == 201, response.json()
    goal = {"focus_area": rw.focus.pk, "goal": "Flere i uddannelse", "indicator": "Andel",
            "baseline": "61 %", "target": "70 %", "result": "66 %"}  # fmt: skip
    assert client.post(year(rw, "goal-results/"), goal, format="json").status_code == 201
    milestone = {"due_on": f"{rw.last_year + 1}-06-01", "text": "Ny lektiecafé"}
    response = client.post(year(rw, "milestones/"), milestone, format="json")
    assert response.status_code == 201
    return response["ETag"]


def test_a_plans_years(rw: Reporting) -> None:
    response = api(rw, "housing_user").get(base(rw))
    assert response.status_code == 200
    years = response.json()
    first = rw.plan.start_date.year
    last_late = timezone.localdate() > date(rw.last_year + 1, 6, 30)
    assert [(y["year"], y["status"], y["owed"], y["late"]) for y in years] == [
        (first, "due", True, True),
        (first + 1, "due", True, True),
        (first + 2, "due", True, last_late),  # due 30 June of this year
        (first + 3, "due", False, False),  # this year: not owed yet
    ]
    assert years[2]["budget"] == "140000.00"
    assert years[2]["statement"] == {
        "year": rw.last_year, "opening": "0.00", "opening_entered": False,
        "lbf_received": "0.00", "local_received": "0.00", "spent": "0.00", "closing": "0.00",
    }  # fmt: skip


@pytest.mark.parametrize(("role", "code"), [("anonymous", 403), ("other_leader", 404)])
def test_no_reading_for_others(rw: Reporting, role: str, code: int) -> None:
    assert api(rw, role).get(base(rw)).status_code == code
    assert api(rw, role).get(year(rw)).status_code == code


def test_a_year_outside_the_period_is_404(rw: Reporting) -> None:
    assert api(rw, "leader").get(f"{base(rw)}1900/").status_code == 404
    assert api(rw, "leader").get(f"{base(rw)}99999999999/").status_code == 404


def test_an_unopened_year_reads_as_due_without_a_version(rw: Reporting) -> None:
    response = api(rw, "leader").get(year(rw))
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["lbf_received"], body["opening_balance"]) == ("due", "0.00", None)
    assert body["missing"] == [
        f"the accounts: no line of what was spent in {rw.last_year}",
        f"the goals: no result of a goal in {rw.last_year}",
        f"the milestone plan: no milestone for {rw.last_year + 1}",
    ]
    assert "ETag" not in response
    assert not YearlyReport.objects.exists()


def test_writes_open_the_report_and_answer_it_with_its_version(rw: Reporting) -> None:
    client = api(rw, "leader")
    response = client.patch(
        year(rw), {"lbf_received": "100000.00", "opening_balance": "-5.00"}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["lbf_received"], response.json()["opening_balance"]) == (
        "100000.00", "-5.00",
    )  # fmt: skip
    assert response.json()["statement"]["closing"] == "99995.00"
    etag = response["ETag"]
    assert client.get(year(rw))["ETag"] == etag


def test_a_stale_if_match_is_412_and_nothing_written(rw: Reporting) -> None:
    client = api(rw, "leader")
    etag = client.patch(year(rw), {"note": "Første"}, format="json")["ETag"]
    client.post(year(rw, "account-lines/"), {"line_key": rw.line.key, "amount": "1"}, format="json")
    with nothing_written():
        stale = client.patch(year(rw), {"note": "Anden"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert stale.json()["current"]["note"] == "Første"
    assert stale.json()["changed_fields"] == ["changed_at"]
    fresh = stale["ETag"]
    line = AccountLine.objects.get()
    with nothing_written():
        assert (
            client.delete(year(rw, f"account-lines/{line.pk}/"), HTTP_IF_MATCH=etag).status_code
            == 412
        )
    ok = client.delete(year(rw, f"account-lines/{line.pk}/"), HTTP_IF_MATCH=fresh)
    assert ok.status_code == 200
    assert ok.json()["account_lines"] == []


@pytest.mark.parametrize("role", ["housing_user", "lbf"])
def test_readers_who_may_not_edit_get_403(rw: Reporting, role: str) -> None:
    client = api(rw, role)
    with nothing_written():
        assert client.patch(year(rw), {"note": "x"}, format="json").status_code == 403
        assert (
            client.post(
                year(rw, "account-lines/"), {"line_key": rw.line.key, "amount": "1"}, format="json"
            ).status_code
            == 403
        )
        assert client.post(year(rw, "submit/"), {}, format="json").status_code == 403


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"amount": "-1"}, "amount"),
        ({"amount": "1000000000.00"}, "amount"),
        ({"amount": "12abc"}, "amount"),
        ({"amount": "1.005"}, "amount"),
        ({"line_key": "nope", "amount": "1"}, "line_key"),
        ({"category": "nope", "text": "x", "amount": "1"}, "category"),
        ({"text": "x", "amount": "1"}, "category"),
        (
            {"category": "activities", "text": "x", "amount": "1", "focus_area": 999999},
            "focus_area",
        ),
    ],
)
def test_bad_account_lines_are_400_naming_the_field(rw: Reporting, body: dict, field: str) -> None:
    with nothing_written():
        response = api(rw, "leader").post(year(rw, "account-lines/"), body, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_submit_approve_return(rw: Reporting) -> None:
    leader = api(rw, "leader")
    with nothing_written():
        incomplete = leader.post(year(rw, "submit/"), {}, format="json")
    assert incomplete.status_code == 400
    assert "It lacks the accounts" in incomplete.json()["non_field_errors"][0]
    etag = _fill(rw, leader)
    submitted = leader.post(year(rw, "submit/"), {}, format="json", HTTP_IF_MATCH=etag)
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"
    today = timezone.localdate().isoformat()
    with nothing_written():
        assert (
            leader.post(year(rw, "approve/"), {"decided_on": today}, format="json").status_code
            == 403
        )
        refused = api(rw, "lbf").post(year(rw, "return/"), {"decided_on": today}, format="json")
    assert refused.json() == {"remarks": ["Say what LBF asks to be changed."]}
    returned = api(rw, "lbf").post(
        year(rw, "return/"), {"decided_on": today, "remarks": "Mangler tal"}, format="json"
    )
    assert (returned.json()["status"], returned.json()["decision_capacity"]) == ("returned", "lbf")
    assert leader.patch(year(rw), {"note": "Rettet"}, format="json").status_code == 200
    assert leader.post(year(rw, "submit/"), {}, format="json").status_code == 200
    with nothing_written():
        wrong = api(rw, "lbf").post(
            year(rw, "approve/"),
            {"decided_on": today, "decision_capacity": "admin_recording_lbf"},
            format="json",
        )
    assert wrong.status_code == 403
    approved = api(rw, "admin").post(year(rw, "approve/"), {"decided_on": today}, format="json")
    assert approved.json()["status"] == "approved"
    assert approved.json()["decision_capacity"] == "admin_recording_lbf"
    assert approved.json()["editable"] is False


def test_the_decision_on_an_unopened_report_is_400(rw: Reporting) -> None:
    today = timezone.localdate().isoformat()
    with nothing_written():
        response = api(rw, "lbf").post(year(rw, "approve/"), {"decided_on": today}, format="json")
    assert response.status_code == 400


def test_reports_due_across_plans(rw: Reporting) -> None:
    other = rw.world.plan_pub
    today = timezone.localdate()
    other.start_date, other.end_date = date(today.year - 2, 1, 1), date(today.year + 1, 12, 31)
    other.save()
    stored_report(other, today.year - 2, "approved")
    stored_report(other, today.year - 1, "submitted", submitted_on=today)
    client = api(rw, "leader")
    body = client.get("/api/v1/reports/").json()
    rows = body["results"]
    assert body["count"] == len(rows) == 5
    assert rows[0]["late"] is True
    assert [r["plan"] for r in rows if not r["late"]][-1] == other.slug
    submitted = client.get("/api/v1/reports/?status=submitted").json()["results"]
    assert [(r["plan"], r["year"], r["submitted_on"]) for r in submitted] == [
        (other.slug, today.year - 1, today.isoformat())
    ]
    assert {r["late"] for r in client.get("/api/v1/reports/?late=true").json()["results"]} == {True}
    assert client.get("/api/v1/reports/?status=nope").status_code == 400
    assert client.get("/api/v1/reports/?late=maybe").json() == {"late": ["Give true or false."]}
    assert api(rw, "anonymous").get("/api/v1/reports/").status_code == 403
    theirs = api(rw, "other_leader").get("/api/v1/reports/").json()["results"]
    assert rw.plan.slug not in {r["plan"] for r in theirs}


def test_reports_due_query_count_does_not_grow(rw: Reporting) -> None:
    client = api(rw, "admin")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/reports/").status_code == 200
        return len(queries)

    count()  # the user's roles are read once and kept with the user
    few = count()
    for _ in range(4):
        stored_report(f.PlanFactory(), 2023, "approved")
    assert count() == few == 3  # the data version (page cache), the plans, their reports
