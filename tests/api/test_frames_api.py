"""The frame's API: `GET /api/v1/frames/{code}/` (and its bookings), `POST …/rent-support/`,
`GET /api/v1/redistribution/?from=&to=` (docs/decisions/0031)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from boligsocial.frames.models import BookingKind, FrameBooking, LbfContribution
from boligsocial.frames.services import frame_grant_book, rent_support_book
from tests import factories as f
from tests.frames.conftest import MIO, FrameWorld, make_frame_world
from tests.kit import nothing_written

FRAME = "/api/v1/frames/2031–34/"
RENT = f"{FRAME}rent-support/"


@pytest.fixture
def fw(db: Any) -> FrameWorld:
    return make_frame_world()


def _client(fw: FrameWorld, role: str | None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if role:
        client.force_login(fw.users[role])
    return client


def _rent(fw: FrameWorld, role: str, **data: Any) -> Any:
    body = {"year": 2031, "afdeling": fw.afdeling.pk, "amount": "1250000.50"} | data
    return _client(fw, role).post(RENT, body, format="json")


def test_anonymous_users_are_refused(fw: FrameWorld) -> None:
    for path in (FRAME, f"{FRAME}bookings/", "/api/v1/redistribution/?from=2031&to=2031"):
        assert APIClient().get(path).status_code == 403
    with nothing_written(FrameBooking):
        assert APIClient().post(RENT, {}, format="json").status_code == 403


def test_the_frame_per_year(fw: FrameWorld) -> None:
    frame_grant_book(
        plan=fw.plan,
        user=fw.users["admin"],
        year=2031,
        amount=120 * MIO - 1,
        exceed_decision="LBF's bestyrelse",
    )
    response = _client(fw, "leader").get(FRAME)
    assert response.status_code == 200
    body = response.json()
    assert body["fund_round"] == "2031–34"
    assert [
        (y["year"], y["has_frame"], y["frame"], y["carried_in"], y["granted"], y["remaining"])
        for y in body["years"]
    ] == [
        (2031, True, "100000000.00", "0.00", "119999999.00", "-19999999.00"),
        (2032, True, "100000000.00", "-19999999.00", "0.00", "80000001.00"),
        (2033, False, "0.00", "80000001.00", "0.00", "80000001.00"),
    ]
    assert body["years"][0]["exceeded"] is True
    assert body["years"][0]["rent_support_cap"] == "40000000.00"
    assert body["total_frame"] == "200000000.00"
    assert body["remaining"] == "80000001.00"
    assert [d["exceed_decision"] for d in body["exceed_decisions"]] == ["LBF's bestyrelse"]
    assert body["illustrative"] is False


def test_a_hyphen_names_the_round_too_and_an_unknown_round_is_404(fw: FrameWorld) -> None:
    client = _client(fw, "housing")
    assert client.get("/api/v1/frames/2031-34/").json()["fund_round"] == "2031–34"
    assert client.get("/api/v1/frames/1999-2000/").status_code == 404
    assert client.get("/api/v1/frames/2019-26/").json()["years"][0]["frame"] == "380000000.00"


def test_the_bookings_are_listed(fw: FrameWorld) -> None:
    frame_grant_book(plan=fw.plan, user=fw.users["lbf"], year=2031, amount=MIO)
    rent_support_book(
        fund_round=fw.fund_round, year=2032, afdeling=fw.afdeling, amount=MIO, user=fw.users["lbf"]
    )
    body = _client(fw, "leader").get(f"{FRAME}bookings/").json()
    assert body["count"] == 2
    assert [(b["year"], b["kind"], b["plan"], b["afdeling"]) for b in body["results"]] == [
        (2031, "grant", fw.plan.slug, None),
        (2032, "rent_support", None, fw.afdeling.pk),
    ]


def test_lbf_books_rent_support(fw: FrameWorld) -> None:
    response = _rent(fw, "lbf", booked_on="2031-02-01", note="Sag 17")
    assert response.status_code == 201
    body = response.json()
    assert (body["kind"], body["amount"], body["booked_on"], body["note"]) == (
        "rent_support",
        "1250000.50",
        "2031-02-01",
        "Sag 17",
    )
    assert body["booked_by"] == fw.users["lbf"].get_username()
    assert FrameBooking.objects.get().kind == BookingKind.RENT_SUPPORT


def test_rent_support_over_the_cap_is_refused_in_kroner(fw: FrameWorld) -> None:
    with nothing_written(FrameBooking):
        response = _rent(fw, "admin", amount="40000000.01", exceed_decision="Besluttet")
    assert response.status_code == 400
    assert response.json() == {
        "amount": [
            "The cap on rent support in 2031 has 40,000,000.00 kr. left; 40,000,000.01 kr. "
            "exceeds it by 0.01 kr.; the cap is the law's and cannot be exceeded."
        ]
    }


def test_exceeding_the_frame_takes_an_administrators_decision(fw: FrameWorld) -> None:
    frame_grant_book(plan=fw.plan, user=fw.users["lbf"], year=2032, amount=199 * MIO)
    with nothing_written(FrameBooking):
        refused = _rent(fw, "lbf", amount="1000000.01", exceed_decision="Besluttet")
    assert refused.status_code == 400
    assert list(refused.json()) == ["exceed_decision"]
    response = _rent(fw, "admin", amount="1000000.01", exceed_decision="Besluttet af LBF")
    assert response.status_code == 201
    assert response.json()["exceeds_frame"] is True
    decisions = _client(fw, "leader").get(FRAME).json()["exceed_decisions"]
    assert [(d["exceed_decision"], d["exceed_decided_by"]) for d in decisions] == [
        ("Besluttet af LBF", fw.users["admin"].get_username())
    ]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"amount": "-1"}, "amount"),
        ({"amount": "abc"}, "amount"),
        ({"amount": "1000000000.00"}, "amount"),
        ({"year": 2040}, "year"),
        ({"afdeling": 10**30}, "afdeling"),
        ({"booked_on": "3000-01-01"}, "booked_on"),
    ],
)
def test_bad_input_names_the_field(fw: FrameWorld, data: dict[str, Any], field: str) -> None:
    with nothing_written(FrameBooking):
        response = _rent(fw, "lbf", **data)
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.parametrize("role", ["leader", "housing"])
def test_others_may_not_book(fw: FrameWorld, role: str) -> None:
    with nothing_written(FrameBooking):
        assert _rent(fw, role).status_code == 403


def test_the_redistribution(fw: FrameWorld) -> None:
    frame_grant_book(plan=fw.plan, user=fw.users["lbf"], year=2031, amount=MIO)
    payer = f.HousingOrganisationFactory(name="Boligselskabet Top")
    LbfContribution.objects.create(organisation=payer, year=2031, amount=2 * MIO)
    body = _client(fw, "leader").get("/api/v1/redistribution/?from=2031&to=2032").json()
    assert (body["first_year"], body["last_year"]) == (2031, 2032)
    assert [(r["name"], r["social_plans"], r["net"], r["position"]) for r in body["receivers"]] == [
        ("Boligforeningen Ramme", "1000000.00", "1000000.00", "receiver")
    ]
    assert [(r["name"], r["net"]) for r in body["contributors"]] == [
        ("Boligselskabet Top", "-2000000.00")
    ]
    assert body["total_contributed"] == "2000000.00"
    assert body["illustrative"] is False


@pytest.mark.parametrize(
    "query", ["", "?from=2031", "?from=2032&to=2031", "?from=abc&to=2031", "?from=1800&to=2031"]
)
def test_a_bad_period_is_400(fw: FrameWorld, query: str) -> None:
    response = _client(fw, "leader").get(f"/api/v1/redistribution/{query}")
    assert response.status_code == 400


def _count(client: APIClient, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow(fw: FrameWorld) -> None:
    client = _client(fw, "lbf")
    frame_grant_book(plan=fw.plan, user=fw.users["admin"], year=2031, amount=MIO)
    rent_support_book(
        fund_round=fw.fund_round, year=2031, afdeling=fw.afdeling, amount=MIO, user=fw.users["lbf"]
    )
    paths = [FRAME, f"{FRAME}bookings/", "/api/v1/redistribution/?from=2031&to=2032"]
    few = [_count(client, p) for p in paths]
    for n in range(5):
        afdeling = f.AfdelingFactory(number=str(80 + n))
        rent_support_book(
            fund_round=fw.fund_round, year=2032, afdeling=afdeling, amount=MIO, user=fw.users["lbf"]
        )
        plan = f.PlanFactory(fund_round=fw.fund_round, afdelinger=[afdeling])
        frame_grant_book(plan=plan, user=fw.users["lbf"], year=2032, amount=MIO)
    assert [_count(client, p) for p in paths] == few
