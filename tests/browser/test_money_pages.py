"""Every money page of issue 10 in the browser, as the secretariat's administrator sees it in a
world with a granted budget, reports in several states, instalments planned, paid and held
back, and a grant booked against LBF's frame: axe-core finds no WCAG 2.1 A/AA violation on any
of them, and none scrolls sideways on a 375 px phone (wide tables scroll in their own labelled
boxes). The world is built with tests/kit.py and the services, as the demo would be. A page
whose address does not exist (yet) is left out, so the list grows with the pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Browser, Page, expect
from tests.browser.helpers import (
    PageProblems,
    assert_axe_clean,
    assert_no_horizontal_scroll,
    new_page,
)

pytestmark = pytest.mark.browser

ADMIN_USERNAME = "browser-sekretariat"
ADMIN_PASSWORD = "Blaa-Bygning-Krone-47"
SLUG = "helhedsplan-pengeparken"
PHONE_WIDTH = 375


def _complete(report: Any, user: Any, focus: Any) -> None:
    from boligsocial.budgets.models import BudgetLine
    from boligsocial.reporting import services as reports

    line = BudgetLine.objects.filter(version__plan=report.plan, year=report.year).first()
    reports.account_line_save(
        report=report, data={"line_key": line.key, "amount": Decimal("712345.50")}, user=user
    )
    reports.goal_result_save(
        report=report,
        data={
            "focus_area": focus,
            "goal": "Flere unge i uddannelse",
            "indicator": "Andel 15-24-årige i uddannelse",
            "baseline": "61 %",
            "target": "70 %",
            "result": "66 %",
        },
        user=user,
    )
    reports.milestone_save(
        report=report,
        data={"due_on": date(report.year + 1, 9, 1), "text": "Ny lektiecafé åbner"},
        user=user,
    )


@pytest.fixture
def money_world(django_db_serialized_rollback: None, live_server: Any, settings: Any) -> Any:
    """A running plan over the last three years and this one, with a board, its budget of
    750.000 kr. LBF and 250.000 kr. local a year granted and booked against the frame; the
    reports of the ended years submitted (the older ones approved), the instalments planned and
    the first paid; then LBF returns the latest report, past its due date: the unpaid
    instalments are held back."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from tests import factories as f
    from tests.kit import make_budget

    from boligsocial.accounts.models import Role, RoleAssignment
    from boligsocial.budgets.selectors import granted_budget, lbf_total
    from boligsocial.frames.services import frame_grant_book
    from boligsocial.governance.models import BodyKind
    from boligsocial.payments import services as payments
    from boligsocial.payments.models import Instalment
    from boligsocial.reporting import services as reports
    from boligsocial.site.models import SiteProfile

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    today = timezone.localdate()
    SiteProfile.objects.create(
        title_da="Boligsociale helhedsplaner i Testby",
        title_en="Social housing plans in Testby",
        secretariat=f.SecretariatFactory(),
    )
    housing = f.HousingOrganisationFactory(name="Boligforeningen Penge")
    afdeling = f.AfdelingFactory(
        organisation=housing,
        area=f.AreaFactory(name="Pengeparken", municipality=f.municipality("Aarhus")),
        number="7",
    )
    plan = f.PlanFactory(
        name="Helhedsplan for Pengeparken",
        slug=SLUG,
        start_date=date(today.year - 3, 1, 1),
        end_date=date(today.year, 12, 31),
        afdelinger=[afdeling],
    )
    focus = list(plan.fund_round.focus_areas.order_by("position")[:2])
    plan.focus_areas.set(focus)
    f.BodyFactory(plan=plan, kind=BodyKind.BOARD, name="Bestyrelsen for Pengeparken")
    admin = get_user_model().objects.create(username=ADMIN_USERNAME)
    admin.set_password(ADMIN_PASSWORD)
    admin.save()
    RoleAssignment.objects.create(user=admin, role=Role.SECRETARIAT_ADMIN)

    make_budget(plan, granted_on=plan.start_date, user=admin)
    granted = granted_budget(plan)
    frame_grant_book(plan=plan, user=admin, year=plan.start_date.year, amount=lbf_total(granted))
    # The older reports approved, the first instalment paid, then the latest report submitted
    # (after its due date: late until LBF approves it, so it holds LBF's payments back).
    for year in range(today.year - 3, today.year - 1):
        report = reports.report_open(plan=plan, year=year, user=admin)
        _complete(report, admin, focus[0])
        report = reports.report_submit(report=report, user=admin)
        reports.report_approve(report=report, user=admin, decided_on=today)
    payments.instalments_schedule(plan=plan, user=admin)
    payments.instalment_pay(
        instalment=Instalment.objects.get(plan=plan, year=plan.start_date.year),
        user=admin,
        paid_on=date(plan.start_date.year, 1, 10),
        amount=Decimal("750000.00"),
    )
    latest = reports.report_open(plan=plan, year=today.year - 1, user=admin)
    _complete(latest, admin, focus[0])
    submitted = [reports.report_submit(report=latest, user=admin)]
    reports.report_return(
        report=submitted[-1], user=admin, decided_on=today, remarks="Regnskabet mangler bilag"
    )
    return plan


def money_pages(plan: Any) -> list[str]:
    """The addresses of the money pages that exist: a plan's budget, its accounts and a
    report, its instalments and their forms, and the pages across plans."""
    today_year = plan.end_date.year
    wanted: list[tuple[str, list[Any]]] = [
        ("web:budget", [plan.slug]),
        ("web:budget_version", [plan.slug, 1]),
        ("web:budget_history", [plan.slug]),
        ("web:accounts", [plan.slug]),
        ("web:report", [plan.slug, today_year - 1]),
        ("web:reports_due", []),
        ("web:plan_instalments", [plan.slug]),
        ("web:instalments_schedule", [plan.slug]),
        ("web:instalment_pay", [plan.slug, today_year]),
        ("web:instalment_edit", [plan.slug, today_year]),
        ("web:instalments_overview", []),
        ("web:frame", []),
        ("web:redistribution", []),
        ("web:cofinancer_overview", []),
    ]
    found = []
    for name, args in wanted:
        try:
            found.append(reverse(name, args=args))
        except NoReverseMatch:
            continue
    return found


def log_in(page: Page, base_url: str) -> None:
    page.goto(base_url + "/log-ind/")
    page.get_by_label("Brugernavn").fill(ADMIN_USERNAME)
    page.get_by_label("Adgangskode").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(re.compile(r"/intern/$"))


@pytest.fixture
def money_page(browser: Browser, page_problems: PageProblems, money_world: Any) -> Iterator[Page]:
    yield from new_page(browser, page_problems)


@pytest.fixture
def money_phone(browser: Browser, page_problems: PageProblems, money_world: Any) -> Iterator[Page]:
    yield from new_page(
        browser,
        page_problems,
        viewport={"width": PHONE_WIDTH, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )


def test_every_money_page_is_axe_clean(
    money_page: Page, live_server: Any, money_world: Any
) -> None:
    page = money_page
    log_in(page, live_server.url)
    paths = money_pages(money_world)
    # the instalment pages are there, whatever else has landed
    assert {"/intern/udbetalinger/", f"/intern/planer/{SLUG}/udbetalinger/"} <= set(paths)
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response is not None, path
        assert response.status == 200, path
        assert_axe_clean(page)
    # the instalments page says in words why the unpaid ones are held back
    page.goto(f"{live_server.url}/intern/planer/{SLUG}/udbetalinger/")
    expect(page.locator("#instalments-held-back")).to_contain_text(
        f"rapporten for {money_world.end_date.year - 1} med frist"
    )
    expect(page.locator("#instalments-table")).to_contain_text("Tilbageholdt")
    expect(page.locator("#instalments-table")).to_contain_text("Udbetalt")


def _too_wide(page: Page, base_url: str, paths: list[str]) -> dict[str, int]:
    """The pages of `paths` wider than the phone, with their widths; the others are checked
    for sideways scrolling."""
    found = {}
    for path in paths:
        response = page.goto(base_url + path)
        assert response is not None, path
        assert response.status == 200, path
        # A page wider than the phone widens a mobile browser's layout viewport.
        width = page.evaluate(
            "() => Math.max(window.innerWidth, document.documentElement.scrollWidth)"
        )
        if width > PHONE_WIDTH:
            found[path] = width
            continue
        assert_no_horizontal_scroll(page)
    return found


def test_no_money_page_scrolls_sideways_on_a_phone(
    money_phone: Page, live_server: Any, money_world: Any
) -> None:
    page = money_phone
    log_in(page, live_server.url)
    too_wide = _too_wide(page, live_server.url, money_pages(money_world))
    assert too_wide == {}, f"pages wider than a {PHONE_WIDTH} px phone: {too_wide}"
