"""Every public page fits a 375 px phone: the page never scrolls sideways; a table too wide
for the screen scrolls inside its own labelled, focusable box (`.table--responsive-scroll`).
Checked in Danish and in English, on every plan page and every Aarhus area page of the demo."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page
from tests.browser.helpers import Demo, assert_no_horizontal_scroll, switch_language

pytestmark = pytest.mark.browser

PHONE_WIDTH = 375

FIXED_PAGES = [
    "/",
    "/sekretariatet/",
    "/finansiering/",
    "/omraader/",
    "/datakatalog/",
    "/log-ind/",
]


def _public_paths() -> list[str]:
    from boligsocial.areas.models import Area
    from boligsocial.plans.models import Plan

    plans = [
        f"/planer/{slug}/"
        for slug in Plan.objects.filter(published=True).values_list("slug", flat=True)
    ]
    areas = [
        f"/omraader/{slug}/"
        for slug in Area.objects.filter(municipality__name="Aarhus").values_list("slug", flat=True)
    ]
    return FIXED_PAGES + sorted(plans) + sorted(areas)


def _document_width(page: Page) -> int:
    width: int = page.evaluate("() => document.documentElement.scrollWidth")
    return width


def _check_every_page(page: Page, base_url: str) -> list[str]:
    checked = []
    for path in _public_paths():
        response = page.goto(base_url + path)
        assert response is not None, path
        assert response.status == 200, path
        assert page.evaluate("() => window.innerWidth") == PHONE_WIDTH
        assert_no_horizontal_scroll(page)
        assert _document_width(page) <= PHONE_WIDTH, path
        checked.append(path)
    return checked


def test_every_public_page_fits_a_phone(phone_page: Page, live_server: Any, demo: Demo) -> None:
    checked = _check_every_page(phone_page, live_server.url)
    # the front page, the five other fixed pages, eight plans and eight Aarhus areas
    assert len(checked) == 6 + 8 + 8


def test_every_public_page_fits_a_phone_in_english(
    phone_page: Page, live_server: Any, demo: Demo
) -> None:
    phone_page.goto(live_server.url + "/")
    switch_language(phone_page, "English")
    assert phone_page.evaluate("() => document.documentElement.lang") == "en"
    _check_every_page(phone_page, live_server.url)


def test_a_wide_table_scrolls_in_its_own_labelled_box(
    phone_page: Page, live_server: Any, demo: Demo
) -> None:
    """The plan with four afdelinger has the widest afdelinger table of the demo: the table is
    wider than the phone, its box is not, and the box is a focusable, named region."""
    from boligsocial.plans.models import Plan

    plan = Plan.objects.get(name="Frydenlund/Vandtårnsområdet 2018-2022")
    phone_page.goto(f"{live_server.url}/planer/{plan.slug}/")
    box = phone_page.locator(
        "div.table--responsive-scroll", has=phone_page.locator("#afdelinger-table")
    )
    sizes = box.evaluate(
        """(el) => ({box: el.getBoundingClientRect().right,
                     table: el.querySelector("table").scrollWidth,
                     client: el.clientWidth,
                     overflow: getComputedStyle(el).overflowX})"""
    )
    assert sizes["box"] <= PHONE_WIDTH
    assert sizes["table"] > sizes["client"]  # it does scroll, inside its box
    assert sizes["overflow"] == "auto"
    assert box.get_attribute("role") == "region"
    assert box.get_attribute("tabindex") == "0"
    assert box.get_attribute("aria-labelledby") == "afdelinger-caption"
    assert (
        phone_page.locator("#afdelinger-caption").inner_text() == "De afdelinger, planen omfatter"
    )
