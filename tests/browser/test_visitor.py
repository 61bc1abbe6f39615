"""Every public page as an anonymous visitor sees it, in Danish and in English: axe-core
finds no WCAG 2.1 A/AA violation, each page has its h1 and one main landmark, the skip link
moves the focus to main, and the keyboard focus is visible."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from tests.browser.helpers import (
    Demo,
    assert_axe_clean,
    assert_h1,
    assert_no_horizontal_scroll,
    assert_one_main_landmark,
    assert_skip_link_and_focus,
    switch_language,
)

pytestmark = pytest.mark.browser

# The h1 of each page whose heading is fixed text, in Danish and in English.
HEADINGS = {
    "secretariat": (
        "/sekretariatet/",
        "Sekretariatet i helhedsplanerne",
        "The secretariat in the plans",
    ),
    "financing": ("/finansiering/", "Sådan finansieres en helhedsplan", "How a plan is financed"),
    "login": ("/log-ind/", "Log ind", "Log in"),
    "areas": ("/omraader/", "Boligområder og kriterierne", "Housing areas and the criteria"),
    "data": ("/datakatalog/", "Datakatalog", "Data dictionary"),
}
# An area page, reached from the areas overview: one with figures, a chart and list history.
AREA_NAME = "Bispehaven"


def open_page(page: Page, base_url: str, name: str, demo: Demo) -> str:
    """Go to the named page the way a visitor would and return its expected Danish h1."""
    if name == "front":
        page.goto(base_url + "/")
        return demo.site_title_da
    if name == "plan":
        page.goto(base_url + "/")
        page.get_by_role("link", name=demo.plan_name, exact=True).click()
        expect(page).to_have_url(re.compile(re.escape(f"/planer/{demo.plan_slug}/") + "$"))
        return demo.plan_name
    if name == "area":
        page.goto(base_url + "/omraader/")
        page.get_by_role("link", name=AREA_NAME, exact=True).first.click()
        expect(page).to_have_url(re.compile(r"/omraader/bispehaven[a-z-]*/$"))
        return AREA_NAME
    path, danish, _english = HEADINGS[name]
    page.goto(base_url + path)
    return danish


def english_h1(name: str, demo: Demo) -> str:
    if name == "front":
        return demo.site_title_en
    if name == "plan":
        return demo.plan_name
    if name == "area":
        return AREA_NAME
    return HEADINGS[name][2]


# Every public page (test_layout.py checks them all on a phone, too).
PAGE_NAMES = ["front", "plan", "secretariat", "financing", "areas", "area", "data", "login"]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_in_danish(page: Page, live_server, demo: Demo, name: str) -> None:
    h1 = open_page(page, live_server.url, name, demo)

    expect(page.locator("html")).to_have_attribute("lang", "da")
    assert_h1(page, h1)
    assert_one_main_landmark(page)
    assert_axe_clean(page)
    assert_skip_link_and_focus(page)


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_in_english(page: Page, live_server, demo: Demo, name: str) -> None:
    open_page(page, live_server.url, name, demo)
    path = page.url

    switch_language(page, "English")

    assert page.url == path  # the switch brings the visitor back to the same page
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_h1(page, english_h1(name, demo))
    assert_one_main_landmark(page)
    assert_axe_clean(page)
    assert_skip_link_and_focus(page)


def test_language_switch_back_to_danish(page: Page, live_server, demo: Demo) -> None:
    page.goto(live_server.url + "/")
    switch_language(page, "English")
    assert_h1(page, demo.site_title_en)

    switch_language(page, "Dansk")

    expect(page.locator("html")).to_have_attribute("lang", "da")
    assert_h1(page, demo.site_title_da)


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_fits_a_phone(phone_page: Page, live_server, demo: Demo, name: str) -> None:
    open_page(phone_page, live_server.url, name, demo)

    assert_no_horizontal_scroll(phone_page)
