"""The cooperation agreement in the browser (Danish): a plan leader reaches it from the plan's
page, compares the version in force with the one waiting for LBF (changes said in words),
withdraws the pending version and writes a new draft's sub-agreement, with a linked error for
a bad item; axe-core checks every page on the way. The leader is offered no approval."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from tests.browser.helpers import Demo, assert_axe_clean, assert_h1
from tests.browser.test_plan_leader import log_in

pytestmark = pytest.mark.browser


def test_plan_leader_compares_and_writes_the_agreement(
    page: Page, live_server: Any, demo: Demo, plan_leader: Any
) -> None:
    from boligsocial.agreements.models import AgreementVersion

    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/planer/{demo.plan_slug}/")
    page.get_by_role("link", name="Samarbejdsaftalen").click()
    assert_h1(page, f"Samarbejdsaftale for {demo.plan_name}")
    expect(page.get_by_role("heading", name="Version 2 afventer LBF’s godkendelse")).to_be_visible()
    expect(page.get_by_role("link", name="Registrér LBF’s godkendelse")).to_have_count(0)
    assert_axe_clean(page)

    page.get_by_role("button", name="Sammenlign").click()
    assert_h1(page, "Sammenlign to versioner")
    expect(page.get_by_text("Tilføjet: Virksomhedsbesøg for unge")).to_be_visible()
    expect(page.locator("strong", has_text="Ændret")).to_have_count(2)  # the note, the activities
    assert_axe_clean(page)

    page.goto(f"{live_server.url}/intern/planer/{demo.plan_slug}/samarbejdsaftale/")
    page.get_by_role("link", name="Træk versionen tilbage").click()
    assert_axe_clean(page)
    page.get_by_role("button", name="Kassér versionen").click()
    expect(page.get_by_role("link", name="Begynd på en ny version")).to_be_visible()
    page.get_by_role("link", name="Begynd på en ny version").click()
    page.get_by_label("Note").fill("Ny version fra browsertesten")
    page.get_by_role("button", name="Opret kladden").click()
    expect(page).to_have_url(re.compile(r"/samarbejdsaftale/versioner/2/$"))
    assert_axe_clean(page)

    page.get_by_role("link", name=re.compile(r"^Ret delaftalen")).first.click()
    page.get_by_label("Planlagte aktiviteter").fill("Lektiecafé\n" + "x" * 501)
    page.get_by_role("button", name="Gem delaftalen").click()
    expect(
        page.get_by_role("link", name=re.compile("Punkt 2 er længere end 500 tegn"))
    ).to_be_visible()
    assert_axe_clean(page)
    version = AgreementVersion.objects.get(agreement__plan__slug=demo.plan_slug, number=2)
    assert not any("x" * 501 in a for s in version.sub_agreements.all() for a in s.activities)
