"""The frame's pages: /intern/ramme/ (a round's frame per year, its bookings and decisions to
exceed it, the rent-support form) and /intern/omfordeling/ (net contributors and receivers)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from tests import factories as f
from tests.frames.conftest import MIO, FrameWorld, make_frame_world
from tests.kit import find, find_all, nothing_written, parse, table_rows, text

from boligsocial.frames.models import BookingKind, FrameBooking, LbfContribution
from boligsocial.frames.services import frame_grant_book, rent_support_book

FRAME = "/intern/ramme/"
RENT = "/intern/ramme/huslejestoette/"
REDISTRIBUTION = "/intern/omfordeling/"
ROUND = {"runde": "2031–34"}


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fw(db: Any) -> FrameWorld:
    return make_frame_world()


def _client(fw: FrameWorld, role: str | None, language: str = "en") -> Client:
    client = Client()
    client.cookies["django_language"] = language
    if role:
        client.force_login(fw.users[role])
    return client


def _post_rent(fw: FrameWorld, role: str, **data: str) -> Any:
    values = {
        "year": "2031",
        "organisation": str(fw.afdeling.organisation_id),
        "afdeling_number": "7",
        "amount": "1.250.000,50",
        "booked_on": "2031-02-01",
        "note": "Sag 17",
    } | data
    return _client(fw, role).post(f"{RENT}?runde=2031–34", values)


def test_anonymous_users_are_sent_to_log_in(fw: FrameWorld) -> None:
    for path in (FRAME, RENT, REDISTRIBUTION):
        response = Client().get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/log-ind/")


@pytest.mark.parametrize("role", ["leader", "housing", "lbf", "admin"])
def test_every_logged_in_user_reads_the_frame(fw: FrameWorld, role: str) -> None:
    response = _client(fw, role).get(FRAME, ROUND)
    assert response.status_code == 200
    page = parse(response)
    assert text(find(page, "h1")) == "LBF's annual frame 2031–34"
    actions = [text(a) for a in find_all(page, "a", class_="button-primary")]
    assert actions == (["Book rent support"] if role in ("lbf", "admin") else [])


def test_the_frame_per_year_with_carry_over_and_bookings(fw: FrameWorld) -> None:
    lbf = fw.users["lbf"]
    frame_grant_book(plan=fw.plan, user=lbf, year=2031, amount=60 * MIO)
    rent_support_book(
        fund_round=fw.fund_round, year=2031, afdeling=fw.afdeling, amount=10 * MIO, user=lbf
    )
    page = parse(_client(fw, "leader", "da").get(FRAME, ROUND))
    rows = table_rows(find(page, "table", id="frame-years"))
    assert rows[1:] == [
        [
            "2031",
            "100.000.000,00 kr.",
            "0,00 kr.",
            "60.000.000,00 kr.",
            "10.000.000,00 kr.",
            "40.000.000,00 kr.",
            "30.000.000,00 kr.",
        ],
        [
            "2032",
            "100.000.000,00 kr.",
            "30.000.000,00 kr.",
            "0,00 kr.",
            "0,00 kr.",
            "40.000.000,00 kr.",
            "130.000.000,00 kr.",
        ],
        [
            "2033 (kun overført)",
            "–",
            "130.000.000,00 kr.",
            "0,00 kr.",
            "0,00 kr.",
            "–",
            "130.000.000,00 kr.",
        ],
        [
            "Hele perioden",
            "200.000.000,00 kr.",
            "–",
            "60.000.000,00 kr.",
            "10.000.000,00 kr.",
            "–",
            "130.000.000,00 kr.",
        ],
    ]
    bookings = table_rows(find(page, "table", id="frame-bookings"))
    assert [row[:4] for row in bookings[1:]] == [
        ["2031", "Tilsagn til en plan", "Plan Ramme", "60.000.000,00 kr."],
        [
            "2031",
            "Huslejestøtte",
            "Rammen 7 (Boligforeningen Ramme, afdeling 7)",
            "10.000.000,00 kr.",
        ],
    ]


def test_the_decisions_to_exceed_the_frame_are_shown(fw: FrameWorld) -> None:
    admin = fw.users["admin"]
    frame_grant_book(plan=fw.plan, user=admin, year=2031, amount=100 * MIO)
    frame_grant_book(
        plan=fw.plan, user=admin, year=2031, amount=5 * MIO, exceed_decision="LBF's beslutning"
    )
    page = parse(_client(fw, "housing").get(FRAME, ROUND))
    decision = text(find(page, "ul", id="exceed-list"))
    assert "2031: Plan Ramme, 5,000,000.00 kr." in decision
    assert "LBF's beslutning" in decision
    assert f"Recorded by {admin.get_username()}" in decision


def test_the_round_of_this_year_is_the_default(fw: FrameWorld) -> None:
    page = parse(_client(fw, "leader").get(FRAME))
    assert text(find(page, "h1")) == "LBF's annual frame 2019–26"
    assert len(table_rows(find(page, "table", id="frame-years"))) == 1 + 9 + 1  # 2019–2027


def test_an_unknown_round_is_not_found(fw: FrameWorld) -> None:
    assert _client(fw, "leader").get(FRAME, {"runde": "1999–2000"}).status_code == 404


def test_the_frame_page_costs_the_same_queries_with_more_bookings(fw: FrameWorld) -> None:
    client = _client(fw, "lbf")
    rent_support_book(
        fund_round=fw.fund_round, year=2031, afdeling=fw.afdeling, amount=MIO, user=fw.users["lbf"]
    )
    frame_grant_book(plan=fw.plan, user=fw.users["admin"], year=2031, amount=MIO)
    client.get(FRAME, ROUND)
    with CaptureQueriesContext(connection) as few:
        client.get(FRAME, ROUND)
    for n in range(6):
        afdeling = f.AfdelingFactory(number=str(60 + n))
        rent_support_book(
            fund_round=fw.fund_round, year=2032, afdeling=afdeling, amount=MIO, user=fw.users["lbf"]
        )
        frame_grant_book(plan=fw.plan, user=fw.users["lbf"], year=2031, amount=MIO)
    with CaptureQueriesContext(connection) as many:
        client.get(FRAME, ROUND)
    assert len(many.captured_queries) == len(few.captured_queries), "\n".join(
        q["sql"][:150] for q in many.captured_queries
    )


def test_lbf_books_rent_support_through_the_form(fw: FrameWorld) -> None:
    response = _post_rent(fw, "lbf")
    assert response.status_code == 302
    assert response["Location"] == f"{FRAME}?runde=2031%E2%80%9334"
    booking = FrameBooking.objects.get(kind=BookingKind.RENT_SUPPORT)
    assert (booking.afdeling, booking.year, booking.amount, booking.note) == (
        fw.afdeling,
        2031,
        Decimal("1250000.50"),
        "Sag 17",
    )


def test_the_form_names_an_unknown_afdeling_and_writes_nothing(fw: FrameWorld) -> None:
    with nothing_written(FrameBooking):
        response = _post_rent(fw, "lbf", afdeling_number="99")
    assert response.status_code == 200
    page = parse(response)
    assert "Boligforeningen Ramme has no afdeling number 99." in text(page)


def test_the_form_shows_the_cap_refusal(fw: FrameWorld) -> None:
    with nothing_written(FrameBooking):
        response = _post_rent(fw, "lbf", amount="40.000.000,01")
    assert (
        "The cap on rent support in 2031 has 40,000,000.00 kr. left; 40,000,000.01 kr. "
        "exceeds it by 0.01 kr." in text(parse(response))
    )


def test_only_administrators_see_the_field_for_the_exceed_decision(fw: FrameWorld) -> None:
    lbf_page = parse(_client(fw, "lbf").get(RENT, ROUND))
    admin_page = parse(_client(fw, "admin").get(RENT, ROUND))
    assert find_all(lbf_page, "textarea", name="exceed_decision") == []
    assert len(find_all(admin_page, "textarea", name="exceed_decision")) == 1


def test_an_administrator_books_over_the_frame_with_a_decision(fw: FrameWorld) -> None:
    frame_grant_book(plan=fw.plan, user=fw.users["lbf"], year=2032, amount=195 * MIO)
    with nothing_written(FrameBooking):
        refused = _post_rent(fw, "admin", amount="5.000.000,01")
    assert "exceeds it by 0.01 kr." in text(parse(refused))
    response = _post_rent(fw, "admin", amount="5.000.000,01", exceed_decision="Besluttet")
    assert response.status_code == 302
    booking = FrameBooking.objects.get(kind=BookingKind.RENT_SUPPORT)
    assert booking.exceeds_frame
    assert booking.exceed_decision == "Besluttet"


@pytest.mark.parametrize("role", ["leader", "housing"])
def test_others_may_not_book_rent_support(fw: FrameWorld, role: str) -> None:
    assert _client(fw, role).get(RENT, ROUND).status_code == 403
    with nothing_written(FrameBooking):
        assert _post_rent(fw, role).status_code == 403


def test_the_redistribution_page(fw: FrameWorld) -> None:
    frame_grant_book(plan=fw.plan, user=fw.users["lbf"], year=2031, amount=MIO)
    payer = f.HousingOrganisationFactory(name="Boligselskabet Top")
    LbfContribution.objects.create(organisation=payer, year=2032, amount=3 * MIO, illustrative=True)
    page = parse(_client(fw, "leader", "da").get(REDISTRIBUTION, {"fra": "2031", "til": "2032"}))
    assert table_rows(find(page, "table", id="receivers-table"))[1:] == [
        [
            "Boligforeningen Ramme",
            "0,00 kr.",
            "1.000.000,00 kr.",
            "0,00 kr.",
            "0,00 kr.",
            "1.000.000,00 kr.",
            "1.000.000,00 kr.",
        ]
    ]
    assert table_rows(find(page, "table", id="contributors-table"))[1:] == [
        [
            "Boligselskabet Top",
            "3.000.000,00 kr.",
            "0,00 kr.",
            "0,00 kr.",
            "0,00 kr.",
            "0,00 kr.",
            "-3.000.000,00 kr.",
        ]
    ]
    assert text(find(page, "div", id="redistribution-illustrative")).startswith(
        "Illustrative tal Nogle tal i denne periode er illustrative"
    )


def test_the_redistribution_says_nothing_of_illustrative_figures_when_none_are(
    fw: FrameWorld,
) -> None:
    LbfContribution.objects.create(organisation=fw.afdeling.organisation, year=2031, amount=MIO)
    page = parse(_client(fw, "leader").get(REDISTRIBUTION, {"fra": "2031", "til": "2031"}))
    assert find_all(page, "div", id="redistribution-illustrative") == []
    assert find_all(page, "table", id="receivers-table") == []
    assert [row[0] for row in table_rows(find(page, "table", id="contributors-table"))[1:]] == [
        "Boligforeningen Ramme"
    ]


def test_a_bad_period_is_named_and_nothing_shown(fw: FrameWorld) -> None:
    response = _client(fw, "leader").get(REDISTRIBUTION, {"fra": "2032", "til": "2031"})
    assert response.status_code == 400
    assert "The last year is before the first year." in text(parse(response))
    response = _client(fw, "leader").get(REDISTRIBUTION, {"fra": "abc", "til": "2031"})
    assert response.status_code == 400


def test_the_redistribution_page_costs_the_same_queries_with_more_data(fw: FrameWorld) -> None:
    client = _client(fw, "leader")
    query = {"fra": "2031", "til": "2032"}
    frame_grant_book(plan=fw.plan, user=fw.users["lbf"], year=2031, amount=MIO)
    client.get(REDISTRIBUTION, query)
    with CaptureQueriesContext(connection) as few:
        client.get(REDISTRIBUTION, query)
    for n in range(5):
        org = f.HousingOrganisationFactory(name=f"Ekstra {n}")
        afdeling = f.AfdelingFactory(organisation=org, number=str(70 + n))
        plan = f.PlanFactory(fund_round=fw.fund_round, afdelinger=[afdeling, fw.afdeling])
        frame_grant_book(plan=plan, user=fw.users["lbf"], year=2032, amount=MIO)
        LbfContribution.objects.create(organisation=org, year=2031, amount=MIO)
    with CaptureQueriesContext(connection) as many:
        client.get(REDISTRIBUTION, query)
    assert len(many.captured_queries) == len(few.captured_queries)
