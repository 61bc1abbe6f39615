"""LBF's frame and the redistribution in the browser (Danish): a user acting for LBF reads the
frame, books rent support with a refused amount over the cap on the way, and reads the
redistribution; axe-core finds nothing on any page, and the wide tables scroll inside their
own region on a phone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from tests.browser.helpers import (
    PageProblems,
    assert_axe_clean,
    assert_h1,
    assert_no_horizontal_scroll,
    new_page,
)
from tests.frames.conftest import MIO, FrameWorld, make_frame_world

pytestmark = pytest.mark.browser


@pytest.fixture
def frame_world(django_db_serialized_rollback: None, live_server: Any, settings: Any) -> FrameWorld:
    from boligsocial.frames.models import LbfContribution
    from boligsocial.frames.services import frame_grant_book

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    fw = make_frame_world()
    frame_grant_book(plan=fw.plan, user=fw.users["lbf"], year=2031, amount=30 * MIO)
    LbfContribution.objects.create(
        organisation=fw.afdeling.organisation, year=2031, amount=MIO, illustrative=True
    )
    return fw


def _log_in(page: Page, base_url: str, user: Any) -> None:
    page.goto(base_url + "/log-ind/")
    page.get_by_label("Brugernavn").fill(user.get_username())
    page.get_by_label("Adgangskode").fill("test-password-123")
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(re.compile(r"/intern/$"))


@pytest.fixture
def lbf_page(
    browser: Browser,
    page_problems: PageProblems,
    frame_world: FrameWorld,
) -> Iterator[Page]:
    yield from new_page(browser, page_problems)


@pytest.fixture
def phone(
    browser: Browser,
    page_problems: PageProblems,
    frame_world: FrameWorld,
) -> Iterator[Page]:
    yield from new_page(
        browser,
        page_problems,
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )


def test_lbf_books_rent_support_and_reads_the_redistribution(
    lbf_page: Page, live_server: Any, frame_world: FrameWorld
) -> None:
    from boligsocial.frames.models import BookingKind, FrameBooking

    page = lbf_page
    _log_in(page, live_server.url, frame_world.users["lbf"])
    page.goto(f"{live_server.url}/intern/ramme/?runde=2031–34")
    assert_h1(page, "LBF's årlige ramme 2031–34")
    assert_axe_clean(page)

    page.get_by_role("link", name="Bogfør huslejestøtte").click()
    assert_h1(page, "Bogfør huslejestøtte (2031–34)")
    page.get_by_label("År").select_option("2031")
    page.get_by_label("Boligorganisation").select_option(label="Boligforeningen Ramme")
    page.get_by_label("Afdelingsnummer").fill("7")
    page.get_by_label("Beløb (kr.)").fill("40.000.000,01")
    page.get_by_role("button", name="Bogfør huslejestøtten").click()
    expect(page.get_by_text(re.compile("Loftet over huslejestøtte i 2031"))).to_have_count(2)
    assert_axe_clean(page)
    assert not FrameBooking.objects.filter(kind=BookingKind.RENT_SUPPORT).exists()

    page.get_by_label("Beløb (kr.)").fill("2.500.000")
    page.get_by_role("button", name="Bogfør huslejestøtten").click()
    expect(page.get_by_text("Huslejestøtten er bogført på rammen.")).to_be_visible()
    assert_h1(page, "LBF's årlige ramme 2031–34")
    expect(page.locator("#year-2031")).to_contain_text("2.500.000,00 kr.")
    assert_axe_clean(page)

    page.goto(f"{live_server.url}/intern/omfordeling/?fra=2031&til=2032")
    assert_h1(page, "LBF's omfordeling")
    expect(page.get_by_role("heading", name="Illustrative tal")).to_be_visible()
    expect(page.locator("#receivers-table")).to_contain_text("Boligforeningen Ramme")
    assert_axe_clean(page)


def test_the_frame_pages_fit_a_phone(
    phone: Page, live_server: Any, frame_world: FrameWorld
) -> None:
    _log_in(phone, live_server.url, frame_world.users["leader"])
    for path in ("/intern/ramme/?runde=2031–34", "/intern/omfordeling/?fra=2031&til=2032"):
        phone.goto(live_server.url + path)
        assert_no_horizontal_scroll(phone)
        assert_axe_clean(phone)
