"""A plan leader logs in through the form, opens their plan's edit form from the plan page,
gets a clear, linked error for an end date before the start date (and nothing is saved), then
saves a valid change and sees it on the public plan page. axe-core checks every page on the
way, including the form with its errors."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.forms.models import model_to_dict
from playwright.sync_api import Page, expect
from tests.browser.helpers import (
    LEADER_PASSWORD,
    LEADER_USERNAME,
    Demo,
    assert_axe_clean,
    assert_focus_visible,
    assert_h1,
)

pytestmark = pytest.mark.browser

NEW_OFFICE = "Testvej 12, 8220 Brabrand"
DANISH_MONTHS = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
]


def danish_date(day: date) -> str:
    """30. juni 2024"""
    return f"{day.day}. {DANISH_MONTHS[day.month - 1]} {day.year}"


def plan_state(plan_id: int) -> dict[str, Any]:
    """Everything stored about the plan, its relations and its history."""
    from boligsocial.plans.models import Plan

    plan = Plan.objects.get(pk=plan_id)
    state = model_to_dict(plan)
    state["afdelinger"] = sorted(a.pk for a in plan.afdelinger.all())
    state["focus_areas"] = sorted(f.pk for f in plan.focus_areas.all())
    state["history"] = plan.history.count()
    return state


def log_in(page: Page, base_url: str) -> None:
    page.goto(base_url + "/log-ind/")
    page.get_by_label("Brugernavn").fill(LEADER_USERNAME)
    page.get_by_label("Adgangskode").fill(LEADER_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(re.compile(r"/intern/$"))


def open_edit_form(page: Page, demo: Demo) -> None:
    """From the dashboard to the plan page, and from there to the plan's edit form, by the
    links' texts."""
    page.get_by_role("link", name=demo.plan_name, exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(f"/planer/{demo.plan_slug}/") + "$"))
    page.get_by_role("link", name="Rediger planen, dens medarbejdere og organer").click()
    expect(page).to_have_url(re.compile(re.escape(f"/intern/planer/{demo.plan_slug}/") + "$"))
    assert_axe_clean(page)
    page.get_by_role("link", name="Rediger planens oplysninger").click()
    expect(page).to_have_url(
        re.compile(re.escape(f"/intern/planer/{demo.plan_slug}/rediger/") + "$")
    )


def test_plan_leader_edits_their_plan(
    page: Page, live_server: Any, demo: Demo, plan_leader: Any
) -> None:
    from boligsocial.plans.models import Plan

    log_in(page, live_server.url)
    assert_h1(page, "Mit overblik")
    assert_axe_clean(page)

    open_edit_form(page, demo)
    assert_h1(page, f"Rediger {demo.plan_name}")
    assert_axe_clean(page)

    # An end date before the start date: an error summary linked to the field, and the field
    # marked invalid and described by its error message. Nothing is saved.
    before = plan_state(demo.plan_id)
    start = Plan.objects.get(pk=demo.plan_id).start_date
    too_early = start - timedelta(days=1)
    end_date = page.get_by_label("Slutdato")
    end_date.fill(too_early.isoformat())
    page.get_by_role("button", name="Gem planen").click()
    page.wait_for_load_state("load")

    message = (
        f"Slutdatoen ({danish_date(too_early)}) ligger før startdatoen ({danish_date(start)})."
    )
    expect(page).to_have_title(re.compile(r"^Fejl: "))
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    summary_link = summary.get_by_role("link", name=message)
    expect(summary_link).to_have_attribute("href", "#id_end_date")
    expect(end_date).to_have_attribute("aria-invalid", "true")
    described_by = (end_date.get_attribute("aria-describedby") or "").split()
    assert "id_end_date-error" in described_by
    expect(page.locator("#id_end_date-error")).to_have_text(f"Fejl: {message}")
    assert plan_state(demo.plan_id) == before
    assert_axe_clean(page)

    # The summary's link takes the keyboard to the field, with the focus visible.
    summary_link.focus()
    page.keyboard.press("Enter")
    expect(end_date).to_be_focused()
    assert_focus_visible(page)

    # A valid change is saved and shown on the public plan page.
    end_date.fill(before["end_date"].isoformat())
    page.get_by_label("Adresse på lokalkontor").fill(NEW_OFFICE)
    page.get_by_role("button", name="Gem planen").click()
    expect(page).to_have_url(re.compile(re.escape(f"/intern/planer/{demo.plan_slug}/") + "$"))
    expect(page.get_by_role("status")).to_have_text("Planen er gemt.")

    after = plan_state(demo.plan_id)
    assert after["office_address"] == NEW_OFFICE
    assert after["history"] == before["history"] + 1
    assert {k: v for k, v in after.items() if k not in ("office_address", "history")} == {
        k: v for k, v in before.items() if k not in ("office_address", "history")
    }

    page.locator("nav.breadcrumbs").get_by_role("link", name=demo.plan_name).click()
    expect(page).to_have_url(re.compile(re.escape(f"/planer/{demo.plan_slug}/") + "$"))
    expect(page.locator("#plan-facts")).to_contain_text(NEW_OFFICE)
