"""The frame years and LBF's flows are entered in the admin (in Danish, the admin's language);
the bookings are only shown."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from boligsocial.frames.models import FrameYear, LbfContribution
from boligsocial.frames.services import frame_grant_book
from tests import factories as f
from tests.frames.conftest import FrameWorld


@pytest.fixture
def admin_client_(fw: FrameWorld) -> Client:
    client = Client()
    client.force_login(f.UserFactory(is_staff=True, is_superuser=True))
    return client


def test_an_administrator_enters_lbfs_index_factor(admin_client_: Client, fw: FrameWorld) -> None:
    frame = FrameYear.objects.get(fund_round__code="2019–26", year=2024)
    response = admin_client_.post(
        f"/admin/frames/frameyear/{frame.pk}/change/",
        {
            "fund_round": str(frame.fund_round_id),
            "year": "2024",
            "base_amount": "380000000.00",
            "index_factor": "1.123456",
            "rent_support_max": "240000000.00",
            "note": frame.note,
        },
    )
    assert response.status_code == 302
    frame.refresh_from_db()
    assert frame.amount == Decimal("426913280.00")
    assert frame.history.count() == 1  # the migration writes no history; the admin's change does


def test_the_frame_year_list_shows_years_as_years(admin_client_: Client) -> None:
    html = admin_client_.get("/admin/frames/frameyear/").content.decode()
    assert '<td class="field-year_shown">2026</td>' in html
    assert "2.026" not in html


def test_a_second_frame_for_a_year_is_refused(admin_client_: Client, fw: FrameWorld) -> None:
    response = admin_client_.post(
        "/admin/frames/frameyear/add/",
        {
            "fund_round": str(fw.fund_round.pk),
            "year": "2031",
            "base_amount": "1",
            "index_factor": "1",
        },
    )
    assert response.status_code == 200
    assert "Bevillingsperioden har allerede en ramme for dette år." in response.content.decode()


def test_a_contribution_of_another_organisations_afdeling_is_refused(
    admin_client_: Client, fw: FrameWorld
) -> None:
    other = f.HousingOrganisationFactory(name="Anden Boligforening")
    response = admin_client_.post(
        "/admin/frames/lbfcontribution/add/",
        {
            "organisation": str(other.pk),
            "afdeling": str(fw.afdeling.pk),
            "year": "2031",
            "amount": "1000",
            "note": "",
        },
    )
    assert response.status_code == 200
    assert "Afdelingen hører til en anden boligorganisation." in response.content.decode()
    assert not LbfContribution.objects.exists()


def test_bookings_are_shown_not_written(admin_client_: Client, fw: FrameWorld) -> None:
    booking: Any = frame_grant_book(
        plan=fw.plan, user=fw.users["lbf"], year=2031, amount=Decimal("5")
    )
    assert admin_client_.get("/admin/frames/framebooking/").status_code == 200
    assert admin_client_.get("/admin/frames/framebooking/add/").status_code == 403
    page = admin_client_.get(f"/admin/frames/framebooking/{booking.pk}/change/")
    assert page.status_code == 200
    assert 'name="amount"' not in page.content.decode()
