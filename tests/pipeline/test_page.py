"""The secretariat's pipeline page (/intern/pipeline/, decision 0024): who sees it, what it
lists on a small world of known cases, on the Aarhus demo and on the national installation at
two sizes (the same query count, no page over 150 KB), and the deadlines' warnings on the
dashboard and the plan's internal page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from boligsocial.accounts.models import Role
from boligsocial.areas.models import Area
from boligsocial.indicators.models import Designation, OfficialListEntry
from boligsocial.lifecycle.models import Capacity, PlanTransition, TransitionKind
from boligsocial.pipeline import rules
from boligsocial.plans.models import Plan, PlanStatus
from boligsocial.site.models import SiteProfile
from tests import factories as f
from tests.kit import find, find_all, parse, table_rows, text
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db
URL = "/intern/pipeline/"
MAX_HTML_BYTES = 150 * 1024


def _months(months: int) -> Any:
    return rules.add_months(timezone.localdate(), months)


def _area_with_plan(name: str, *, status: str, start: Any, end: Any, area: Area | None = None):
    area = area or f.AreaFactory(name=f"{name}parken")
    afdeling = f.AfdelingFactory(area=area)
    plan = f.PlanFactory(
        name=f"Helhedsplan {name}",
        status=status,
        start_date=start,
        end_date=end,
        afdelinger=[afdeling],
        published=False,
    )
    return area, plan


def _list(area: Area, year: int, *, on_list: bool = True) -> None:
    OfficialListEntry.objects.create(
        area=area, year=year, designation=Designation.UDSAT, on_list=on_list, source="test"
    )


def _cases(tag: str = "") -> dict[str, Any]:
    """One plan or area of each case the page must tell apart; `tag` makes names unique."""
    year = timezone.localdate().year - 1
    out: dict[str, Any] = {}
    # running, ends within a year, no successor: warned, its area needs a new plan
    out["ending"], out["ending_plan"] = _area_with_plan(
        f"Nord{tag}", status=PlanStatus.RUNNING, start=_months(-36), end=_months(12)
    )
    # running, ends within a year, with a successor idea in the same area: not warned
    out["renewed"], out["renewed_plan"] = _area_with_plan(
        f"Syd{tag}", status=PlanStatus.RUNNING, start=_months(-36), end=_months(12)
    )
    _area, out["successor"] = _area_with_plan(
        f"Syd ny{tag}",
        status=PlanStatus.IDEA,
        start=_months(13),
        end=_months(60),
        area=out["renewed"],
    )
    # on the latest list without a plan: a new plan is to be started
    out["listed"] = f.AreaFactory(name=f"Vestparken{tag}")
    _list(out["listed"], year)
    # on an older list only, or published as having left the latest: not listed
    out["old_list"] = f.AreaFactory(name=f"Østparken{tag}")
    _list(out["old_list"], year - 1)
    _list(out["old_list"], year, on_list=False)
    # on the list with a running plan ending in 30 months: not listed
    out["covered"], out["covered_plan"] = _area_with_plan(
        f"Midt{tag}", status=PlanStatus.RUNNING, start=_months(-18), end=_months(30)
    )
    _list(out["covered"], year)
    # in dialogue for 15 months: past the normal 14
    _area, out["dialogue"] = _area_with_plan(
        f"Dialog{tag}", status=PlanStatus.IN_DIALOGUE, start=_months(6), end=_months(54)
    )
    PlanTransition.objects.create(
        plan=out["dialogue"],
        kind=TransitionKind.START_DIALOGUE,
        from_status="prequalified",
        to_status="in_dialogue",
        date=_months(-15),
        capacity=Capacity.SECRETARIAT,
    )
    # ended: only under its own state
    _area, out["ended"] = _area_with_plan(
        f"Gammel{tag}", status=PlanStatus.ENDED, start=_months(-80), end=_months(-32)
    )
    return out


def _rows(html: Any, table_id: str) -> dict[str, list[str]]:
    rows = table_rows(find(html, "table", id=table_id))
    return {row[0]: row for row in rows[1:]}


def test_the_page_lists_each_case_with_its_next_step_holder_and_warnings(site: object):
    _cases()
    client = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    response = client.get(URL)
    assert response.status_code == 200
    html = parse(response)
    plans = _rows(html, "pipeline-plans")
    assert set(plans) == {
        "Helhedsplan Nord",
        "Helhedsplan Syd",
        "Helhedsplan Syd ny",
        "Helhedsplan Midt",
        "Helhedsplan Dialog",
    }
    ending = plans["Helhedsplan Nord"]
    assert ending[2] == "I gang"
    assert ending[4].startswith("Forbered en efterfølgende helhedsplan")
    assert "sekretariatet" in ending[5]
    assert "ingen efterfølger er under forberedelse" in ending[6]
    assert "efterfølger" not in plans["Helhedsplan Syd"][6]
    assert plans["Helhedsplan Syd ny"][4] == "Send prækvalifikationsansøgningen"
    dialogue = plans["Helhedsplan Dialog"]
    assert dialogue[4].startswith("Send den endelige helhedsplan til LBF")
    assert "har varet længere end normalt" in dialogue[6]
    # the states' summary counts every plan, the ended one too
    summary = {row[0]: row[1] for row in table_rows(find(html, "table", id="pipeline-states"))[1:]}
    assert summary["I gang"] == "3"
    assert summary["Afsluttet"] == "1"
    assert summary["Idé (under forberedelse)"] == "1"
    areas = _rows(html, "pipeline-areas")
    assert set(areas) == {"Nordparken", "Sydparken", "Vestparken"}
    assert areas["Vestparken"][5] == "Start en ny helhedsplan (en idé)"
    assert areas["Vestparken"][3] == "Udsat boligområde"
    assert areas["Nordparken"][5] == "Forbered en efterfølgende helhedsplan"
    assert "Helhedsplan Syd ny (Idé (under forberedelse))" in areas["Sydparken"][4]
    assert areas["Sydparken"][5] == "–"
    # one state
    html = parse(client.get(URL, {"status": "ended"}))
    assert set(_rows(html, "pipeline-plans")) == {"Helhedsplan Gammel"}


def test_a_site_covering_some_municipalities_lists_only_their_plans_and_areas(site: Any):
    cases = _cases()
    other = f.municipality("Odense")
    assert cases["listed"].municipality != other
    elsewhere = f.AreaFactory(name="Fjernparken", municipality=other)
    _list(elsewhere, timezone.localdate().year - 1)
    _area_with_plan(
        "Fjern", status=PlanStatus.IDEA, start=_months(6), end=_months(54), area=elsewhere
    )
    client = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    html = parse(client.get(URL))
    assert "Fjernparken" in _rows(html, "pipeline-areas")
    assert "Helhedsplan Fjern" in _rows(html, "pipeline-plans")
    site.municipalities.set([cases["listed"].municipality])
    html = parse(client.get(URL))
    assert set(_rows(html, "pipeline-areas")) == {"Nordparken", "Sydparken", "Vestparken"}
    assert "Helhedsplan Fjern" not in _rows(html, "pipeline-plans")
    summary = {row[0]: row[1] for row in table_rows(find(html, "table", id="pipeline-states"))[1:]}
    assert summary["Idé (under forberedelse)"] == "1"


def test_an_unknown_state_is_a_clear_error_and_the_page_is_still_shown(site: object):
    _cases()
    client = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    response = client.get(URL, {"status": "igang-ish"})
    assert response.status_code == 400
    html = parse(response)
    summary = text(find(html, "div", id="error-summary"))
    assert (
        "Marker en gyldig valgmulighed. igang-ish er ikke en af de tilgængelige valgmuligheder."
        in summary
    )
    assert find(html, "a", href="#id_status")
    assert len(_rows(html, "pipeline-plans")) == 5


@pytest.mark.parametrize(
    "role", [Role.PLAN_LEADER, Role.HOUSING_ORG, Role.MUNICIPALITY, Role.ANALYST, Role.LBF]
)
def test_only_the_secretariat_sees_the_pipeline(site: object, role: str):
    cases = _cases()
    scope: dict[str, Any] = {}
    if role == Role.PLAN_LEADER:
        scope = {"plan": cases["ending_plan"]}
    elif role == Role.HOUSING_ORG:
        scope = {"organisation": cases["ending_plan"].afdelinger.get().organisation}
    elif role == Role.MUNICIPALITY:
        scope = {"municipality": cases["ending"].municipality}
    client = logged_in(f.user_with_role(role, **scope))
    assert client.get(URL).status_code == 403
    assert 'id="pipeline-link"' not in client.get("/intern/").content.decode()


def test_anonymous_visitors_get_the_login_page(site: object):
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/log-ind/")


@pytest.mark.parametrize("sets", [1, 4])
def test_the_query_count_does_not_grow_with_plans_and_areas(
    site: object, django_assert_num_queries, sets: int
):
    for n in range(sets):
        _cases(tag=f" {n}")
    client = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    client.get("/intern/")
    # session, user, role assignments, the states' counts, the page's plans, their housing
    # organisations, their areas' names, the areas' count, the page's areas, their plans, the
    # latest list's year, their designations, their housing organisations, the site profile
    with django_assert_num_queries(14):
        response = client.get(URL)
    assert len(_rows(parse(response), "pipeline-plans")) == 5 * sets
    assert len(_rows(parse(response), "pipeline-areas")) == 3 * sets


def test_the_dashboard_and_the_plans_page_show_the_warnings(site: object):
    cases = _cases()
    client = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    html = client.get("/intern/").content.decode()
    assert 'id="pipeline-link"' in html
    assert html.count("ingen efterfølger er under forberedelse") == 1
    assert html.count("har varet længere end normalt") == 1
    page = parse(client.get(f"/intern/planer/{cases['dialogue'].slug}/"))
    assert "har varet længere end normalt" in text(find(page, "div", id="plan-warnings"))
    page = parse(client.get(f"/intern/planer/{cases['covered_plan'].slug}/"))
    assert not find_all(page, "div", id="plan-warnings")


def _covered() -> set[int] | None:
    """The municipalities the site covers; None: all of Denmark."""
    profile = SiteProfile.objects.order_by("pk").first()
    ids = set(profile.municipalities.values_list("pk", flat=True)) if profile else set()
    return ids or None


def _expected_areas(today: Any) -> set[str]:
    """The areas the page must list, computed plainly from every area's plans and lists."""
    latest = max(OfficialListEntry.objects.values_list("year", flat=True), default=None)
    covered = _covered()
    found = set()
    areas = Area.objects.prefetch_related("afdelinger__plans", "official_list_entries")
    for area in areas:
        if covered is not None and area.municipality_id not in covered:
            continue
        plans = {p for a in area.afdelinger.all() for p in a.plans.all()}
        ending = any(
            p.status in ("granted", "running") and rules.ends_within(p.end_date, today, 24)
            for p in plans
        )
        listed = any(e.on_list and e.year == latest for e in area.official_list_entries.all())
        running = any(p.status == "running" for p in plans)
        if ending or (listed and not running):
            found.add(area.slug)
    return found


def _check_installation(client: Client) -> tuple[int, int]:
    today = timezone.localdate()
    response = client.get(URL)
    assert response.status_code == 200
    assert len(response.content) <= MAX_HTML_BYTES
    html = parse(response)
    open_plans = Plan.objects.exclude(status__in=rules.CLOSED)
    covered = _covered()
    if covered is not None:
        open_plans = open_plans.filter(afdelinger__area__municipality_id__in=covered).distinct()
    assert text(find(html, "p", id="pipeline-plan-count")).startswith(f"{open_plans.count()} ")
    shown = {
        row.attrs["id"][5:]
        for row in find_all(html, "tr")
        if row.attrs.get("id", "").startswith("plan-")
    }
    assert shown <= set(open_plans.values_list("slug", flat=True))
    assert len(shown) == min(50, open_plans.count())
    expected = _expected_areas(today)
    assert text(find(html, "p", id="pipeline-area-count")).startswith(f"{len(expected)} ")
    areas = {
        row.attrs["id"][5:]
        for row in find_all(html, "tr")
        if row.attrs.get("id", "").startswith("area-")
    }
    assert areas <= expected
    assert len(areas) == min(50, len(expected))
    return len(shown), len(areas)


def test_the_page_on_the_aarhus_demo(settings: Any):
    from boligsocial.demo.load import load_demo

    load_demo()
    client = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    plans, areas = _check_installation(client)
    assert plans == Plan.objects.exclude(status__in=rules.CLOSED).count()
    assert areas > 0


@pytest.mark.parametrize("scale", [0.02, 0.2])
def test_the_page_on_the_national_installation_at_two_sizes(
    settings: Any, django_assert_num_queries, scale: float
):
    from boligsocial.demo.national import load_national

    settings.PAGE_CACHE_SECONDS = 0
    load_national(scale=scale, seed=5, password=None)
    client = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    _check_installation(client)
    with django_assert_num_queries(14):
        client.get(URL)
