"""`/api/v1/plans/{slug}/instalments/…` and `/api/v1/instalments/` (decision 0030): readers read
a plan's instalments with their derived state and the late reports that hold them; only the
LBF capacities plan, change and pay (403 and nothing written otherwise); paying a held-back
instalment answers 400 naming the late reports; bad input 400 naming the field; `If-Match`
refuses a stale payment with 412."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.http import quote_etag
from rest_framework.test import APIClient

from boligsocial.payments import services
from boligsocial.payments.models import Instalment
from tests import factories as f
from tests.kit import World, nothing_written
from tests.payments.conftest import Payments, make_payments

pytestmark = pytest.mark.django_db


@pytest.fixture
def pw(world: World) -> Payments:
    return make_payments(world)


@pytest.fixture
def scheduled(pw: Payments) -> Payments:
    services.instalments_schedule(plan=pw.plan, user=pw.lbf_user)
    return pw


def api(pw: Payments, role: str) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if role != "anonymous":
        client.force_login(pw.user(role))
    return client


def base(pw: Payments) -> str:
    return f"/api/v1/plans/{pw.plan.slug}/instalments/"


def _late(pw: Payments, year: int, status: str = "due") -> None:
    report = pw.report(year)
    report.status = status
    report.save()


def _day(value: date) -> str:
    with translation.override("en"):
        return date_format(value, "DATE_FORMAT")


@pytest.mark.parametrize("role", ["admin", "lbf", "leader", "housing_user"])
def test_readers_read_the_plans_instalments(scheduled: Payments, role) -> None:
    pw = scheduled
    late = pw.years[1]
    _late(pw, late, "returned")
    response = api(pw, role).get(base(pw))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["plan"] == pw.plan.slug
    assert body["late_reports"] == [{"year": late, "due_date": date(late + 1, 6, 30).isoformat()}]
    assert body["explanation"] == (
        f"Held back while a report is late: the report for {late}, due "
        f"{_day(date(late + 1, 6, 30))}."
    )
    assert [(i["year"], i["state"], i["planned_amount"]) for i in body["instalments"]] == [
        (pw.years[0], "held_back", "100000.00"),
        (pw.years[1], "held_back", "200000.00"),
        (pw.years[2], "held_back", "300000.00"),
        (pw.years[3], "held_back", "400000.50"),
    ]
    first = body["instalments"][0]
    assert first["planned_on"] == date(pw.years[0], 3, 1).isoformat()
    assert (first["paid_on"], first["paid_amount"], first["recorded_by"]) == (None, None, None)
    assert first["held_back_by"] == [{"year": late, "due_date": date(late + 1, 6, 30).isoformat()}]
    assert body["totals"][3] == {
        "year": pw.years[3],
        "planned": "0.00",
        "held_back": "400000.50",
        "paid": "0.00",
    }


@pytest.mark.parametrize(("role", "status"), [("other_leader", 404), ("anonymous", 403)])
def test_others_do_not_read_them(scheduled: Payments, role, status) -> None:
    assert api(scheduled, role).get(base(scheduled)).status_code == status
    year = scheduled.years[0]
    assert api(scheduled, role).get(f"{base(scheduled)}{year}/").status_code == status


def test_one_instalment_answers_its_version(scheduled: Payments) -> None:
    pw = scheduled
    response = api(pw, "leader").get(f"{base(pw)}{pw.years[0]}/")
    assert response.status_code == 200
    assert response["ETag"] == quote_etag(response.json()["version"])
    for year in (pw.years[0] - 1, 1999, 99999999999):
        assert api(pw, "leader").get(f"{base(pw)}{year}/").status_code == 404


def test_lbf_schedules_and_pays(pw: Payments) -> None:
    client = api(pw, "lbf")
    response = client.post(f"{base(pw)}schedule/")
    assert response.status_code == 200, response.content
    assert [i["state"] for i in response.json()["instalments"]] == ["planned"] * 4
    year = pw.years[3]
    version = client.get(f"{base(pw)}{year}/")["ETag"]
    today = timezone.localdate()
    response = client.post(
        f"{base(pw)}{year}/pay/",
        {"paid_on": today.isoformat(), "amount": "400000.50", "note": "Rate 4"},
        format="json",
        HTTP_IF_MATCH=version,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["state"], body["paid_on"], body["paid_amount"], body["recorded_by"]) == (
        "paid",
        today.isoformat(),
        "400000.50",
        pw.lbf_user.username,
    )
    assert response["ETag"] == quote_etag(body["version"])
    # again: paid already
    with nothing_written(Instalment):
        again = client.post(
            f"{base(pw)}{year}/pay/", {"paid_on": today.isoformat(), "amount": "1"}, format="json"
        )
    assert again.status_code == 400
    assert list(again.json()) == ["non_field_errors"]


@pytest.mark.parametrize("role", ["leader", "housing_user", "municipality_user"])
def test_only_lbf_writes(scheduled: Payments, role) -> None:
    pw = scheduled
    client = api(pw, role)
    year = pw.years[0]
    status = 404 if role == "municipality_user" else 403  # who may not read gets 404
    with nothing_written(Instalment):
        assert client.post(f"{base(pw)}schedule/").status_code == status
        response = client.post(
            f"{base(pw)}{year}/pay/",
            {"paid_on": timezone.localdate().isoformat(), "amount": "1"},
            format="json",
        )
        assert response.status_code == status
        response = client.patch(f"{base(pw)}{year}/", {"planned_amount": "1"}, format="json")
        assert response.status_code == status


def test_paying_a_held_back_instalment_names_the_late_reports(scheduled: Payments) -> None:
    pw = scheduled
    late, year = pw.years[0], pw.years[3]
    _late(pw, late)
    with nothing_written(Instalment):
        response = api(pw, "admin").post(
            f"{base(pw)}{year}/pay/",
            {"paid_on": timezone.localdate().isoformat(), "amount": "10"},
            format="json",
        )
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": [
            f"The instalment for {year} cannot be paid: Held back while a report is late: the "
            f"report for {late}, due {_day(date(late + 1, 6, 30))}. It is released when LBF "
            "has approved the late reports."
        ]
    }
    _late(pw, late, "approved")
    response = api(pw, "admin").post(
        f"{base(pw)}{year}/pay/",
        {"paid_on": timezone.localdate().isoformat(), "amount": "10"},
        format="json",
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"paid_on": "today", "amount": "1"}, "paid_on"),
        ({"amount": "1"}, "paid_on"),
        ({"paid_on": "2025-01-01", "amount": "tolv"}, "amount"),
        ({"paid_on": "2025-01-01", "amount": "0"}, "amount"),
        ({"paid_on": "2025-01-01", "amount": "-5"}, "amount"),
        ({"paid_on": "2025-01-01", "amount": "1000000000.00"}, "amount"),
        ({"paid_on": "2025-01-01", "amount": "1.001"}, "amount"),
        ({"paid_on": "2025-01-01", "amount": "1e400"}, "amount"),
    ],
)
def test_bad_input_names_the_field(scheduled: Payments, data: dict[str, Any], field) -> None:
    with nothing_written(Instalment):
        response = api(scheduled, "lbf").post(
            f"{base(scheduled)}{scheduled.years[3]}/pay/", data, format="json"
        )
    assert response.status_code == 400, response.content
    assert list(response.json()) == [field]


def test_a_payment_dated_tomorrow_is_refused(scheduled: Payments) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = api(scheduled, "lbf").post(
        f"{base(scheduled)}{scheduled.years[3]}/pay/",
        {"paid_on": tomorrow.isoformat(), "amount": "1"},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["paid_on"]


def test_a_stale_payment_is_412_and_nothing_is_written(scheduled: Payments) -> None:
    pw = scheduled
    year = pw.years[3]
    client = api(pw, "lbf")
    etag = client.get(f"{base(pw)}{year}/")["ETag"]
    response = client.patch(
        f"{base(pw)}{year}/",
        {"planned_on": f"{year}-03-01", "planned_amount": "5.00"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200, response.content
    assert (response.json()["planned_on"], response.json()["planned_amount"]) == (
        f"{year}-03-01",
        "5.00",
    )
    with nothing_written(Instalment):
        stale = client.post(
            f"{base(pw)}{year}/pay/",
            {"paid_on": timezone.localdate().isoformat(), "amount": "5"},
            format="json",
            HTTP_IF_MATCH=etag,
        )
    assert stale.status_code == 412
    assert stale.json()["changed_fields"] == ["planned_amount", "planned_on"]
    assert stale.json()["current"]["planned_amount"] == "5.00"


def test_schedule_without_an_approved_budget_is_400(pw: Payments) -> None:
    pw.budget.state = "draft"
    pw.budget.approved_on = None
    pw.budget.save()
    with nothing_written(Instalment):
        response = api(pw, "lbf").post(f"{base(pw)}schedule/")
    assert response.status_code == 400
    assert response.json()["non_field_errors"][0].startswith("Plan Beta has no approved budget")


def test_the_list_across_plans_filters_by_state_and_year(scheduled: Payments) -> None:
    pw = scheduled
    this_year = timezone.localdate().year  # no year of its period has ended: nothing late
    other = f.PlanFactory(
        name="Plan Delta",
        published=False,
        start_date=date(this_year, 1, 1),
        end_date=date(this_year + 3, 12, 31),
    )
    Instalment.objects.create(
        plan=other, year=pw.years[0], planned_on=date(pw.years[0], 1, 1), planned_amount=1
    )
    _late(pw, pw.years[0])
    held = api(pw, "admin").get("/api/v1/instalments/", {"state": "held_back"})
    assert held.status_code == 200, held.content
    body = held.json()
    assert body["count"] == 4
    assert {(r["plan"], r["state"]) for r in body["results"]} == {(pw.plan.slug, "held_back")}
    everything = api(pw, "admin").get("/api/v1/instalments/").json()
    assert [(r["plan"], r["state"]) for r in everything["results"]][:5] == [
        (pw.plan.slug, "held_back")
    ] * 4 + [(other.slug, "planned")]
    year = api(pw, "admin").get("/api/v1/instalments/", {"year": pw.years[0]}).json()
    assert [r["plan"] for r in year["results"]] == [pw.plan.slug, other.slug]
    # the leader reads only the plans they may read: not the unpublished Plan Delta
    mine = api(pw, "leader").get("/api/v1/instalments/").json()
    assert {r["plan"] for r in mine["results"]} == {pw.plan.slug}
    assert api(pw, "anonymous").get("/api/v1/instalments/").status_code == 403


@pytest.mark.parametrize(
    ("params", "field"),
    [({"state": "late"}, "state"), ({"year": "20x5"}, "year"), ({"year": "1999"}, "year")],
)
def test_a_bad_filter_is_400(scheduled: Payments, params, field) -> None:
    response = api(scheduled, "admin").get("/api/v1/instalments/", params)
    assert response.status_code == 400
    assert list(response.json()) == [field]
