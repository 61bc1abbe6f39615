"""The secretariat opens the renewal pipeline from its overview (decision 0024): the page is
axe-clean on the Aarhus demo, lists the plans that are not closed with their next step, and
the filter by state shows one state's plans; a plan leader is offered no link and refused."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from tests.browser.helpers import Demo, assert_axe_clean, assert_h1
from tests.browser.test_plan_leader import log_in

pytestmark = pytest.mark.browser

USERNAME = "browser-pipeline"
PASSWORD = "Pipeline-Lampe-4711"


@pytest.fixture
def secretariat_user(demo: Demo) -> Any:
    from django.contrib.auth import get_user_model

    from boligsocial.accounts.models import Role, RoleAssignment

    user = get_user_model().objects.create(username=USERNAME)
    user.set_password(PASSWORD)
    user.save()
    RoleAssignment.objects.create(user=user, role=Role.SECRETARIAT_ADMIN)
    return user


def test_the_secretariat_reads_the_pipeline_and_filters_it_by_state(
    page: Page, live_server: Any, secretariat_user: Any
) -> None:
    from boligsocial.pipeline.rules import CLOSED
    from boligsocial.plans.models import Plan, PlanStatus

    page.goto(live_server.url + "/log-ind/")
    page.get_by_label("Brugernavn").fill(USERNAME)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(re.compile(r"/intern/$"))
    page.get_by_role("link", name=re.compile("^Fornyelsesoverblik")).click()
    expect(page).to_have_url(re.compile(r"/intern/pipeline/$"))
    assert_h1(page, "Fornyelsesoverblik")
    open_plans = Plan.objects.exclude(status__in=CLOSED)
    expect(page.locator("#pipeline-plans tbody tr")).to_have_count(open_plans.count())
    assert_axe_clean(page)

    page.get_by_label("Tilstand").select_option(label=str(PlanStatus.ENDED.label))
    page.get_by_role("button", name="Vis").click()
    expect(page).to_have_url(re.compile(r"status=ended"))
    ended = Plan.objects.filter(status=PlanStatus.ENDED).count()
    expect(page.locator("#pipeline-plans tbody tr")).to_have_count(ended)
    assert_axe_clean(page)


def test_a_plan_leader_gets_no_pipeline(
    page: Page, live_server: Any, demo: Demo, plan_leader: Any
) -> None:
    log_in(page, live_server.url)
    expect(page.locator("#pipeline-link")).to_have_count(0)
    response = page.request.get(live_server.url + "/intern/pipeline/")
    assert response.status == 403
