"""The money's pages are reached from the pages people start on: the plan page and the plan's
management page for a plan's money, the dashboard for the overviews across plans."""

from __future__ import annotations

import pytest
from django.urls import reverse
from tests.kit import find_all, make_world, parse

pytestmark = pytest.mark.django_db


def _hrefs(page: bytes) -> set[str]:
    return {node.attrs.get("href", "") for node in find_all(parse(page), "a")}


def test_the_plan_page_links_a_logged_in_reader_to_the_plans_money_and_each_link_answers() -> None:
    world = make_world()
    client = world.client("housing_user")
    plan = world.plan_led
    links = {
        reverse("web:budget", args=[plan.slug]),
        reverse("web:accounts", args=[plan.slug]),
        reverse("web:plan_instalments", args=[plan.slug]),
    }
    assert links <= _hrefs(client.get(f"/planer/{plan.slug}/").content)
    for link in links:
        assert client.get(link).status_code == 200, link


def test_the_public_plan_page_has_no_money_links() -> None:
    world = make_world()
    page = world.client("anonymous").get(f"/planer/{world.plan_pub.slug}/").content
    assert reverse("web:budget", args=[world.plan_pub.slug]) not in _hrefs(page)


def test_the_management_page_links_the_plans_money() -> None:
    world = make_world()
    plan = world.plan_led
    hrefs = _hrefs(world.client("leader").get(f"/intern/planer/{plan.slug}/").content)
    for name in ("web:budget", "web:accounts", "web:plan_instalments"):
        assert reverse(name, args=[plan.slug]) in hrefs


@pytest.mark.parametrize("role", ["admin", "leader", "housing_user", "municipality_user"])
def test_the_dashboard_links_every_money_overview_and_each_answers(role: str) -> None:
    world = make_world()
    client = world.client(role)
    hrefs = _hrefs(client.get("/intern/").content)
    cofinancers = reverse("web:cofinancer_overview")
    # The co-financers' overview is for them, LBF and the secretariat: not for a plan's leader,
    # who sees the plan's budget, and the dashboard does not offer a page that would be refused.
    assert (cofinancers in hrefs) is (role != "leader")
    assert client.get(cofinancers).status_code == (403 if role == "leader" else 200)
    for name in (
        "web:reports_due",
        "web:instalments_overview",
        "web:frame",
        "web:redistribution",
    ):
        assert reverse(name) in hrefs, name
        assert client.get(reverse(name)).status_code == 200, (role, name)


def test_the_accounts_page_offers_its_spreadsheet_to_readers_and_the_import_to_editors() -> None:
    world = make_world()
    plan = world.plan_led
    export = reverse("web:accounts_export", args=[plan.slug])
    upload = reverse("web:accounts_import", args=[plan.slug])
    page = reverse("web:accounts", args=[plan.slug])
    reader = _hrefs(world.client("housing_user").get(page).content)
    editor = _hrefs(world.client("leader").get(page).content)
    assert export in reader
    assert upload not in reader
    assert {export, upload} <= editor
