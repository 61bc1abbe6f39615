"""A plan leader revises the budget in the browser (Danish; issue 10's "Done when"): opens the
granted budget, starts an omplacering, raises an LBF line so LBF's share would go over 75 % and
is refused with the breach in kroner and percentage points, lowers it and saves, then records
the board's approval with its decision; the omplacering is the budget in force. axe-core finds
nothing on each page on the way, and the budget page fits a phone (its tables scroll in their
own labelled boxes). The world is built like the demo's: tests/kit.py's make_budget, exactly
75/25 per year, granted by LBF."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from tests.browser.helpers import (
    LEADER_PASSWORD,
    LEADER_USERNAME,
    PageProblems,
    assert_axe_clean,
    assert_h1,
    new_page,
)
from tests.browser.test_plan_leader import log_in

pytestmark = pytest.mark.browser

PLAN = "Helhedsplan for Browserparken"
SLUG = "helhedsplan-browserparken"


@pytest.fixture
def budget_world(django_db_serialized_rollback: None, live_server: Any, settings: Any) -> Any:
    """A running plan of 2023–2026 with a board and a leader (the browser's user), and its
    budget of 750.000 kr. LBF and 250.000 kr. from the housing organisation a year, granted."""
    from django.contrib.auth import get_user_model
    from tests import factories as f
    from tests.kit import make_budget

    from boligsocial.accounts.models import Role, RoleAssignment
    from boligsocial.governance.models import BodyKind
    from boligsocial.site.models import SiteProfile

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    SiteProfile.objects.create(
        title_da="Boligsociale helhedsplaner i Testby",
        title_en="Social housing plans in Testby",
        secretariat=f.SecretariatFactory(),
    )
    housing = f.HousingOrganisationFactory(name="Boligforeningen Browser")
    afdeling = f.AfdelingFactory(
        organisation=housing, area=f.AreaFactory(name="Browserparken"), number="7"
    )
    plan = f.PlanFactory(
        name=PLAN,
        slug=SLUG,
        start_date=date(2023, 1, 1),
        end_date=date(2026, 12, 31),
        afdelinger=[afdeling],
    )
    plan.focus_areas.set(plan.fund_round.focus_areas.order_by("position")[:2])
    f.BodyFactory(plan=plan, kind=BodyKind.BOARD, name="Bestyrelsen for Browserparken")
    user = get_user_model().objects.create(username=LEADER_USERNAME)
    user.set_password(LEADER_PASSWORD)
    user.save()
    RoleAssignment.objects.create(user=user, role=Role.PLAN_LEADER, plan=plan)
    make_budget(plan, granted_on=date(2023, 1, 15))
    return plan


@pytest.fixture
def budget_page(browser: Browser, page_problems: PageProblems, budget_world: Any) -> Iterator[Page]:
    yield from new_page(browser, page_problems)


@pytest.fixture
def budget_phone(
    browser: Browser, page_problems: PageProblems, budget_world: Any
) -> Iterator[Page]:
    yield from new_page(
        browser,
        page_problems,
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )


def test_a_plan_leader_revises_the_budget_within_75_percent(
    budget_page: Page, live_server: Any, budget_world: Any
) -> None:
    from boligsocial.budgets.models import BudgetLine, BudgetVersion, VersionState

    page = budget_page
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/intern/planer/{SLUG}/budget/")
    assert_h1(page, f"Budget for {PLAN}")
    expect(page.locator("#budget-check-result")).to_contain_text(
        "Budgettet overholder puljens regel om medfinansiering"
    )
    assert_axe_clean(page)

    page.get_by_role("link", name="Begynd en omplacering").click()
    assert_h1(page, "Begynd en omplacering")
    assert_axe_clean(page)
    page.get_by_label("Note").fill("Flere timer til lektiecaféen")
    page.get_by_role("button", name="Begynd omplaceringen").click()
    expect(page).to_have_url(re.compile(r"/budget/versioner/2/$"))
    assert_h1(page, f"Budgetversion 2 for {PLAN}")
    assert_axe_clean(page)

    # Raise LBF's salaries of 2023 by one øre: LBF's share of the whole period would pass 75 %.
    page.get_by_role("link", name="Rediger Medarbejdere 2023").first.click()
    assert_h1(page, "Ret en linje i version 2")
    assert_axe_clean(page)
    amount = page.get_by_label("Beløb (kr.)")
    amount.fill("750.000,01")
    page.get_by_role("button", name="Gem linjen").click()
    expect(page).to_have_title(re.compile(r"^Fejl: "))
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text("LBF's andel er 75,0000")
    expect(summary).to_contain_text("der mangler 0,01 kr. i lokal medfinansiering")
    expect(page.locator("#id_amount-error")).to_contain_text("der mangler 0,01 kr.")
    assert_axe_clean(page)
    revision = BudgetVersion.objects.get(plan=budget_world, number=2)
    assert not BudgetLine.objects.filter(version=revision, amount=Decimal("750000.01")).exists()

    # Lower it instead: saved.
    page.get_by_label("Beløb (kr.)").fill("700.000")
    page.get_by_role("button", name="Gem linjen").click()
    expect(page).to_have_url(re.compile(r"/budget/versioner/2/#lines$"))
    expect(page.get_by_role("status")).to_contain_text("Linjen er gemt.")
    assert BudgetLine.objects.filter(version=revision, amount=Decimal("700000.00")).exists()
    assert_axe_clean(page)

    # The board approves it.
    page.get_by_role("link", name="Registrér bestyrelsens godkendelse").click()
    assert_h1(page, "Registrér bestyrelsens godkendelse af version 2")
    assert_axe_clean(page)
    page.get_by_label("Godkendt den").fill("2024-02-01")
    page.get_by_label("Godkendt af").select_option(label="Bestyrelsen for Browserparken")
    page.get_by_label("Afgørelse").fill("Bestyrelsen godkendte omplaceringen, punkt 4.")
    page.get_by_role("button", name="Registrér godkendelsen").click()
    expect(page).to_have_url(re.compile(rf"/intern/planer/{SLUG}/budget/$"))
    expect(page.locator("#current-version")).to_have_text(
        "Det gældende budget: omplacering, version 2"
    )
    expect(page.locator("#versions-table")).to_contain_text("punkt 4")
    assert_axe_clean(page)
    revision.refresh_from_db()
    assert revision.state == VersionState.APPROVED


def test_the_budget_page_fits_a_phone(
    budget_phone: Page, live_server: Any, budget_world: Any
) -> None:
    page = budget_phone
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/intern/planer/{SLUG}/budget/")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, f"the budget page is {width} px wide on a 375 px phone"
    assert_axe_clean(page)
