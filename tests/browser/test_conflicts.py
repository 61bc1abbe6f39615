"""Two editors in two browsers open the same plan's edit form; the first saves; the second's
save is refused with the conflict message in the error summary (what changed meanwhile, from
what to what, and what they wrote), nothing of theirs is written, and the form they get back
saves once they have looked. axe-core checks the page with the conflict message."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from tests.browser.helpers import Demo, PageProblems, assert_axe_clean, assert_h1, new_page
from tests.browser.test_plan_leader import log_in, open_edit_form, plan_state

pytestmark = pytest.mark.browser

FIRST_OFFICE = "Testvej 1, 8220 Brabrand"
SECOND_OFFICE = "Prøvevej 2, 8220 Brabrand"
SECOND_PHONE = "86 00 00 00"


@pytest.fixture
def second_page(browser: Browser, page_problems: PageProblems, demo: Demo) -> Iterator[Page]:
    """Another browser context: the second editor, with their own session."""
    yield from new_page(browser, page_problems)


def test_the_second_of_two_editors_is_told_what_changed_and_nothing_is_lost(
    page: Page, second_page: Page, live_server: Any, demo: Demo, plan_leader: Any
) -> None:
    for editor in (page, second_page):
        log_in(editor, live_server.url)
        open_edit_form(editor, demo)
        assert_h1(editor, f"Rediger {demo.plan_name}")
    original = plan_state(demo.plan_id)

    # The first editor saves a new office address.
    page.get_by_label("Adresse på lokalkontor").fill(FIRST_OFFICE)
    page.get_by_role("button", name="Gem planen").click()
    expect(page.get_by_role("status")).to_have_text("Planen er gemt.")
    saved = plan_state(demo.plan_id)
    assert saved["office_address"] == FIRST_OFFICE

    # The second, on the form opened before, changes the address and the phone: refused.
    second_page.get_by_label("Adresse på lokalkontor").fill(SECOND_OFFICE)
    second_page.get_by_label("Kontakttelefon").fill(SECOND_PHONE)
    second_page.get_by_role("button", name="Gem planen").click()
    second_page.wait_for_load_state("load")
    expect(second_page).to_have_title(re.compile(r"^Fejl: "))
    summary = second_page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_contain_text(
        "En anden har gemt ændringer, efter du åbnede denne formular, så dine ændringer blev "
        "ikke gemt. Ændret i mellemtiden:"
    )
    was = original["office_address"] or "(tom)"
    change = summary.get_by_role(
        "link",
        name=f"Adresse på lokalkontor: “{was}” → “{FIRST_OFFICE}” (du skrev “{SECOND_OFFICE}”)",
    )
    expect(change).to_have_attribute("href", "#id_office_address")
    expect(summary.locator("#conflict-changes li")).to_have_count(1)
    assert plan_state(demo.plan_id) == saved
    assert_axe_clean(second_page)

    # The form shows the stored address and keeps the phone the second editor wrote; saving
    # it now is a deliberate choice made with the current values in view.
    expect(second_page.get_by_label("Adresse på lokalkontor")).to_have_value(FIRST_OFFICE)
    expect(second_page.get_by_label("Kontakttelefon")).to_have_value(SECOND_PHONE)
    second_page.get_by_role("button", name="Gem planen").click()
    expect(second_page.get_by_role("status")).to_have_text("Planen er gemt.")
    final = plan_state(demo.plan_id)
    assert (final["office_address"], final["contact_phone"]) == (FIRST_OFFICE, SECOND_PHONE)
    assert final["history"] == saved["history"] + 1
