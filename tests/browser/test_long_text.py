"""Long unbroken text wraps on every page (issue 6): a plan, a body and an area with the longest
texts the models allow, written as one word, still fit a 375 px phone, and the plan's history
shows the long value shortened, with a link to it in full."""

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
    assert_no_horizontal_scroll,
)

from boligsocial.core.validation import LONG_TEXT_MAX

pytestmark = pytest.mark.browser

WORD = "Lang" + "ø" * (LONG_TEXT_MAX - 4)  # one unbroken word of the maximum length


def _make_texts_long(demo: Demo) -> str:
    from boligsocial.areas.services import area_update
    from boligsocial.governance.models import Body
    from boligsocial.plans.models import Plan
    from boligsocial.plans.services import plan_update

    plan = Plan.objects.get(pk=demo.plan_id)
    plan_update(plan=plan, data={"description": WORD, "data_note": WORD})
    body = Body.objects.filter(plan=plan).first()
    if body is not None:
        body.description = WORD
        body.full_clean()
        body.save()
    area = plan.afdelinger.first().area
    area_update(area=area, data={"description": WORD})
    return area.slug


def test_long_unbroken_text_fits_a_phone(
    phone_page: Page, live_server: Any, demo: Demo, plan_leader: Any
) -> None:
    area_slug = _make_texts_long(demo)
    for path in [f"/planer/{demo.plan_slug}/", f"/omraader/{area_slug}/"]:
        response = phone_page.goto(live_server.url + path)
        assert response is not None, path
        assert response.status == 200, path
        assert_no_horizontal_scroll(phone_page)
    # Logged in, the plan page also shows the history: the long value is shortened there.
    phone_page.goto(live_server.url + "/log-ind/")
    phone_page.get_by_label("Brugernavn").fill(LEADER_USERNAME)
    phone_page.get_by_label("Adgangskode").fill(LEADER_PASSWORD)
    phone_page.get_by_role("button", name="Log ind").click()
    expect(phone_page).to_have_url(re.compile(r"/intern/$"))
    phone_page.goto(live_server.url + f"/planer/{demo.plan_slug}/")
    assert_no_horizontal_scroll(phone_page)
    phone_page.get_by_role("link", name="Vis hele teksten i denne ændring").first.click()
    expect(phone_page).to_have_url(re.compile(r"/historik/[a-z]+-\d+/$"))
    assert WORD in phone_page.content()
    assert_no_horizontal_scroll(phone_page)
    assert_axe_clean(phone_page)  # the one page only a history entry links to
