"""The change history on a plan's page is paged and shortens huge values, with a page that
shows one change in full (issue 6: one 2 MB description made the plan page 4.3 MB)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from boligsocial.plans.models import Plan
from boligsocial.web.history import HISTORY_PAGE_SIZE, HISTORY_VALUE_CHARS, page_number

pytestmark = pytest.mark.django_db

HUGE = "Ø" * 2_000_000  # entered before descriptions had a maximum length


def _change_description_many_times(plan: Plan, times: int) -> None:
    for number in range(times):
        plan.description = f"Beskrivelse nummer {number}"
        plan.save()


def _entries(html: str) -> int:
    return len(re.findall(r'<li class="bs-history-entry">', html))


def test_the_plan_page_shows_a_bounded_page_of_history(world: Any, leader_client: Client) -> None:
    plan = world.plan
    plan.description = HUGE
    plan.save()  # as an old row: the model's maximum length did not exist yet
    _change_description_many_times(plan, 45)
    response = leader_client.get(f"/planer/{plan.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) < 200_000
    assert _entries(html) == HISTORY_PAGE_SIZE
    assert '<a href="?historik=2#history" rel="next">' in html
    assert 'rel="prev"' not in html
    # The last page holds the oldest changes, among them the huge description, shortened.
    total = len(re.findall(r"Page 1 of (\d+)|Side 1 af (\d+)", html))
    assert total == 1
    last = leader_client.get(f"/planer/{plan.slug}/?historik=999")
    last_html = last.content.decode()
    assert last.status_code == 200
    assert len(last.content) < 200_000
    assert "Ø" * HISTORY_VALUE_CHARS + "…" in last_html
    assert "Ø" * (HISTORY_VALUE_CHARS + 1) not in last_html
    assert 'rel="next"' not in last_html
    link = re.search(r'href="(/planer/[^"]+/historik/plan-\d+/)"', last_html)
    assert link is not None
    full = leader_client.get(link.group(1))
    assert full.status_code == 200
    assert HUGE in full.content.decode()


@pytest.mark.parametrize("text", [None, "", "abc", "-1", "0", "1", "99999999999999999999"])
def test_any_page_parameter_gives_a_page(text: str | None) -> None:
    assert page_number(text) == 1


def test_the_full_text_is_for_the_readers_of_the_history(world: Any, leader_client: Client) -> None:
    plan = world.plan
    plan.description = HUGE
    plan.save()
    key = f"plan-{plan.history.latest().history_id}"
    assert Client().get(f"/planer/{plan.slug}/historik/{key}/").status_code == 404
    assert leader_client.get(f"/planer/{plan.slug}/historik/plan-0/").status_code == 404
    assert leader_client.get(f"/planer/{plan.slug}/historik/{key}/").status_code == 200
