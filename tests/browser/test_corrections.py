"""A plan leader corrects a staff role entered wrongly (first with a date outside the plan's
period: a linked error and nothing saved) and deletes a seat entered by mistake after a
confirmation; the plan's public history shows the correction (old → new) and the deleted seat.
axe-core checks every page on the way."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from tests.browser.helpers import (
    LEADER_PASSWORD,
    LEADER_USERNAME,
    Demo,
    assert_axe_clean,
    assert_h1,
)
from tests.browser.test_plan_leader import danish_date

pytestmark = pytest.mark.browser


def log_in(page: Page, base_url: str) -> None:
    page.goto(base_url + "/log-ind/")
    page.get_by_label("Brugernavn").fill(LEADER_USERNAME)
    page.get_by_label("Adgangskode").fill(LEADER_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(re.compile(r"/intern/$"))


def test_plan_leader_corrects_a_role_and_deletes_a_seat(
    page: Page, live_server: Any, demo: Demo, plan_leader: Any
) -> None:
    from boligsocial.governance.models import Membership, PlanRole
    from boligsocial.plans.models import Plan

    plan = Plan.objects.get(pk=demo.plan_id)
    role = (
        PlanRole.objects.filter(plan=plan, kind="staff")
        .select_related("person")
        .order_by("person__name")
        .first()
    )
    seat = (
        Membership.objects.filter(body__plan=plan, role="member")
        .select_related("person", "body")
        .order_by("person__name")
        .first()
    )
    assert role is not None, "the demo plan needs a staff member"
    assert seat is not None, "the demo plan needs a board member"
    manage = f"/intern/planer/{demo.plan_slug}/"

    log_in(page, live_server.url)
    page.wait_for_load_state("networkidle")  # no font request cut off by the next page
    page.goto(live_server.url + manage)
    assert_h1(page, f"Rediger {demo.plan_name}")
    assert_axe_clean(page)

    # Correct the role: a start before the plan's period is refused on the field.
    person = role.person.name
    page.get_by_role("link", name=f"Ret rollen for {person}").click()
    expect(page).to_have_url(re.compile(re.escape(f"{manage}roller/{role.pk}/ret/") + "$"))
    assert_h1(page, f"Ret rollen for {person}")
    assert_axe_clean(page)
    start = page.get_by_label("Fra")
    start.fill("2001-01-01")
    page.get_by_label("Stillingsbetegnelse").fill("Koordinator")
    page.get_by_role("button", name="Gem rettelsen").click()
    page.wait_for_load_state("load")
    message = (
        f"Startdatoen (1. januar 2001) ligger før perioden for {plan.name} "
        f"({danish_date(plan.start_date)} – {danish_date(plan.end_date)}): angiv en startdato "
        "inden for perioden."
    )
    expect(page).to_have_title(re.compile(r"^Fejl: "))
    link = page.locator("#error-summary").get_by_role("link", name=message)
    expect(link).to_have_attribute("href", "#id_valid_from")
    expect(start).to_have_attribute("aria-invalid", "true")
    assert_axe_clean(page)
    role.refresh_from_db()
    assert (role.title, role.valid_from) != ("Koordinator", "2001-01-01")
    old_title = role.title

    start.fill(role.valid_from.isoformat())
    page.get_by_role("button", name="Gem rettelsen").click()
    expect(page).to_have_url(re.compile(re.escape(manage) + "$"))
    expect(page.get_by_role("status")).to_have_text("Rollen er rettet.")
    role.refresh_from_db()
    assert role.title == "Koordinator"

    # Delete the seat: a confirmation page first, which deletes nothing.
    member = seat.person.name
    link_name = f"Slet medlemskabet for {member} i {seat.body.name}"
    page.get_by_role("link", name=link_name).click()
    expect(page).to_have_url(re.compile(re.escape(f"{manage}medlemskaber/{seat.pk}/slet/") + "$"))
    assert_h1(page, f"Slet medlemskabet for {member} i {seat.body.name}")
    assert_axe_clean(page)
    assert Membership.objects.filter(pk=seat.pk).exists()
    page.get_by_role("button", name="Slet medlemskabet").click()
    expect(page).to_have_url(re.compile(re.escape(manage) + "$"))
    expect(page.get_by_role("status")).to_have_text("Medlemskabet er slettet.")
    assert not Membership.objects.filter(pk=seat.pk).exists()
    expect(page.get_by_role("link", name=link_name)).to_have_count(0)
    assert_axe_clean(page)

    # The public page's history shows both, with who did it.
    page.wait_for_load_state("networkidle")
    page.goto(live_server.url + f"/planer/{demo.plan_slug}/")
    history = page.locator("#history-list")
    correction = history.locator("li.bs-history-entry", has_text=f"{person}, medarbejder")
    expect(correction.first).to_contain_text("ændret")
    expect(correction.first).to_contain_text(LEADER_USERNAME)
    expect(correction.first.locator("del").first).to_have_text(old_title or "–")
    expect(correction.first.locator("ins").first).to_have_text("Koordinator")
    deleted = history.locator("li.bs-history-entry", has_text=f"{member} i {seat.body.name}")
    expect(deleted.first).to_contain_text("slettet")
    expect(deleted.first.locator(".bs-history-removed")).to_contain_text(
        f"Fra: {danish_date(seat.valid_from)}"
    )
    assert_axe_clean(page)


def test_a_possible_duplicate_is_asked_about_and_an_administrator_merges_it(
    page: Page, live_server: Any, demo: Demo, plan_leader: Any
) -> None:
    from django.contrib.auth import get_user_model

    from boligsocial.accounts.models import Role, RoleAssignment
    from boligsocial.governance.models import Person, PlanRole

    role = (
        PlanRole.objects.filter(plan_id=demo.plan_id, kind="staff")
        .select_related("person__employer")
        .order_by("person__name")
        .first()
    )
    assert role is not None, "the demo plan needs a staff member"
    original = role.person
    assert original.employer is not None
    manage = f"/intern/planer/{demo.plan_slug}/"

    # The plan leader creates the same person again: asked, and creates anyway.
    log_in(page, live_server.url)
    page.wait_for_load_state("networkidle")
    page.goto(live_server.url + manage)
    page.get_by_role("link", name="Opret en person").click()
    page.get_by_label("Navn").fill(original.name.upper())
    page.get_by_label("Arbejdsgiver").select_option(str(original.employer.pk))
    page.get_by_role("button", name="Opret personen").click()
    page.wait_for_load_state("load")
    duplicates = page.locator("#duplicates")
    expect(duplicates.get_by_role("heading", name="Er det den samme person?")).to_be_visible()
    expect(duplicates.get_by_role("listitem")).to_have_text(
        [f"{original.name}, {original.title}, {original.employer.name}"]
    )
    assert_axe_clean(page)
    assert Person.objects.filter(name=original.name.upper()).count() == 0
    page.get_by_label("Det er en anden person med samme navn: opret personen alligevel").check()
    page.get_by_role("button", name="Opret personen").click()
    expect(page).to_have_url(re.compile(re.escape(manage) + "$"))
    twin = Person.objects.get(name=original.name.upper())

    # A secretariat administrator merges the twin into the original.
    admin = get_user_model().objects.create(username="browser-admin")
    admin.set_password(LEADER_PASSWORD)
    admin.save()
    RoleAssignment.objects.create(user=admin, role=Role.SECRETARIAT_ADMIN)
    page.get_by_role("button", name="Log af").click()
    page.wait_for_load_state("networkidle")
    page.goto(live_server.url + "/log-ind/")
    page.get_by_label("Brugernavn").fill("browser-admin")
    page.get_by_label("Adgangskode").fill(LEADER_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.get_by_role("link", name="Flet to registreringer af samme person").click()
    assert_h1(page, "Flet to personer")
    assert_axe_clean(page)
    page.get_by_label("Behold denne person").select_option(str(original.pk))
    page.get_by_label("Flet denne person ind i den første").select_option(str(twin.pk))
    page.get_by_role("button", name="Flet de to personer").click()
    expect(page.get_by_role("status")).to_contain_text("er flettet ind i")
    assert not Person.objects.filter(pk=twin.pk).exists()
    assert_axe_clean(page)
