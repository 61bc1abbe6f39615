"""A secretariat user takes a new plan from idea to granted entirely in the browser: creates it
("Ny helhedsplan", finding an afdeling with the search as one types), tries to send the
pre-qualification application too early and is told what is missing, writes the texts (the
character count follows the typing) and the budget estimate, then sends the application,
records LBF's pre-qualification, the dialogue, the full plan and LBF's grant (refused while
the plan has no budget, then granted on the budget opened from the estimate). axe-core checks
every new page on the way, including the refusal."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from tests.browser.helpers import Demo, assert_axe_clean

pytestmark = pytest.mark.browser

USERNAME = "browser-sekretariat"
PASSWORD = "Sekretariat-Lampe-4711"
PLAN_NAME = "Helhedsplan for browserprøven"
START, END = date(2025, 1, 1), date(2028, 12, 31)


@pytest.fixture
def secretariat_user(demo: Demo) -> Any:
    from django.contrib.auth import get_user_model

    from boligsocial.accounts.models import Role, RoleAssignment

    user = get_user_model().objects.create(username=USERNAME)
    user.set_password(PASSWORD)
    user.save()
    RoleAssignment.objects.create(user=user, role=Role.SECRETARIAT_ADMIN)
    return user


def free_afdeling() -> Any:
    """An afdeling of the demo that no open or running plan claims in the new plan's period."""
    from boligsocial.areas.models import Afdeling
    from boligsocial.plans.models import Plan
    from boligsocial.plans.rules import CLAIMING_STATUSES

    claimed = Plan.afdelinger.through.objects.filter(
        plan__status__in=CLAIMING_STATUSES,
        plan__start_date__lte=END,
        plan__end_date__gte=START,
    ).values("afdeling_id")
    afdeling = (
        Afdeling.objects.exclude(pk__in=claimed)
        .select_related("organisation")
        .order_by("pk")
        .first()
    )
    assert afdeling is not None, "every demo afdeling is claimed in the period"
    return afdeling


def step_form(page: Page, kind: str) -> Any:
    return page.locator(f"#form-{kind}")


def test_a_secretariat_user_takes_a_new_plan_from_idea_to_granted(
    page: Page, live_server: Any, secretariat_user: Any
) -> None:
    from boligsocial.funding.models import FundRound
    from boligsocial.plans.models import Plan

    fund_round = FundRound.objects.get(code="2019–26")
    focus = list(fund_round.focus_areas.order_by("position")[:2])
    afdeling = free_afdeling()

    page.goto(live_server.url + "/log-ind/")
    page.get_by_label("Brugernavn").fill(USERNAME)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(re.compile(r"/intern/$"))

    # Ny helhedsplan --------------------------------------------------------------------------
    page.get_by_role("link", name="Ny helhedsplan", exact=True).click()
    expect(page).to_have_url(re.compile(r"/intern/ny-helhedsplan/$"))
    assert_axe_clean(page)
    page.get_by_label("Navn", exact=True).fill(PLAN_NAME)
    page.get_by_label("Bevillingsperiode", exact=True).select_option(str(fund_round.pk))
    page.get_by_label("Forventet start").fill(START.isoformat())
    page.get_by_label("Forventet slut").fill(END.isoformat())
    # The search filters on the server as one types (htmx); nothing is listed before.
    expect(page.locator("#afdeling-results")).to_have_count(0)
    page.get_by_label("Find afdelinger").press_sequentially(afdeling.name, delay=20)
    expect(page.locator("#afdeling-search-status")).to_contain_text("matche")
    page.locator(f"#afdeling-{afdeling.pk}").check()
    for focus_area in focus:
        page.get_by_label(f"{focus_area.name} ({fund_round.code})", exact=True).check()
    assert_axe_clean(page)
    page.get_by_role("button", name="Opret planen som idé").click()
    plan = Plan.objects.get(name=PLAN_NAME)
    expect(page).to_have_url(re.compile(re.escape(f"/intern/planer/{plan.slug}/forloeb/") + "$"))
    expect(page.locator("#plan-status")).to_have_text("Idé (under forberedelse)")
    assert list(plan.afdelinger.all()) == [afdeling]
    assert not plan.published
    assert_axe_clean(page)

    # Too early: the submission is refused, and the page says what is missing ---------------
    step_form(page, "submit_prequalification").get_by_role(
        "button", name=re.compile("^Registrér")
    ).click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Beskrivelse af udfordringerne")
    expect(summary).to_contain_text("budgetoverslag")
    expect(page.locator("#plan-status")).to_have_text("Idé (under forberedelse)")
    assert not plan.transitions.filter(kind="submit_prequalification").exists()
    assert_axe_clean(page)

    # The texts, with the live character count ---------------------------------------------
    page.get_by_role("link", name="Ansøgningens tekster").click()
    challenges = "Mange unge i området står uden uddannelse og job."
    page.locator("#id_challenges").fill(challenges)
    limit = f"{fund_round.challenges_max_chars:,}".replace(",", ".")
    expect(page.locator("#id_challenges-count")).to_have_text(
        f"Du har brugt {len(challenges)} af {limit} tegn."
    )
    page.get_by_label("Formål").fill("Flere unge i uddannelse og job.")
    for focus_area in focus:
        page.get_by_label(f"Mål i “{focus_area.name}”").fill(f"Mål for {focus_area.name}.")
    page.get_by_label("Dato for kommunens anbefaling").fill("2026-01-15")
    assert_axe_clean(page)
    page.get_by_role("button", name="Gem teksterne").click()
    expect(page.locator(".alert-success")).to_contain_text("Ansøgningens tekster er gemt.")

    # The budget estimate -----------------------------------------------------------------------
    page.get_by_role("link", name="Budgetoverslag").click()
    page.locator("#id_amount_2025_lbf").fill("3.000.000")
    page.locator("#id_amount_2025_municipality").fill("1.000.000")
    assert_axe_clean(page)
    page.get_by_role("button", name="Gem budgetoverslaget").click()
    expect(page.locator(".alert-success")).to_contain_text("Budgetoverslaget er gemt.")
    expect(page.locator("#missing-parts-none")).to_be_visible()

    # From the application to the grant ---------------------------------------------------------
    step_form(page, "submit_prequalification").get_by_role(
        "button", name=re.compile("^Registrér")
    ).click()
    expect(page.locator("#plan-status")).to_have_text("Prækvalifikationsansøgning indsendt")

    decision = step_form(page, "prequalification_decision")
    decision.get_by_label("Prækvalificeret").check()
    decision.get_by_label("Intern note").fill("LBF's brev om prækvalifikation.")
    decision.get_by_role("button", name=re.compile("^Registrér")).click()
    expect(page.locator("#plan-status")).to_have_text("Prækvalificeret")

    step_form(page, "start_dialogue").get_by_role("button", name=re.compile("^Registrér")).click()
    expect(page.locator("#plan-status")).to_have_text("I dialog med LBF")

    step_form(page, "submit_plan").get_by_role("button", name=re.compile("^Registrér")).click()
    expect(page.locator("#plan-status")).to_have_text("Helhedsplan indsendt")

    # LBF's grant approves the plan's budget: refused while the plan has none -------------------
    grant = step_form(page, "grant_decision")
    grant.get_by_label("Tilsagn").check()
    grant.get_by_label("Intern note").fill("Tilsagnsbrev fra LBF.")
    grant.get_by_role("button", name=re.compile("^Registrér")).click()
    expect(page.locator("#error-summary")).to_contain_text("ingen budgetlinjer")
    expect(page.locator("#plan-status")).to_have_text("Helhedsplan indsendt")
    assert_axe_clean(page)
    from boligsocial.budgets.services import budget_open

    budget_open(plan=plan, user=None)  # the budget, from the estimate (75/25)

    grant = step_form(page, "grant_decision")
    grant.get_by_label("Tilsagn").check()
    grant.get_by_label("Intern note").fill("Tilsagnsbrev fra LBF.")
    grant.get_by_role("button", name=re.compile("^Registrér")).click()
    expect(page.locator("#plan-status")).to_have_text("Tilsagn")
    expect(page.locator("#plan-timeline")).to_contain_text("Tilsagnsbrev fra LBF.")
    assert_axe_clean(page)

    plan.refresh_from_db()
    assert plan.status == "granted"
    assert list(plan.transitions.order_by("id").values_list("kind", flat=True)) == [
        "idea",
        "submit_prequalification",
        "prequalification_decision",
        "start_dialogue",
        "submit_plan",
        "grant_decision",
    ]
