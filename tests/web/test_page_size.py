"""Pages stay small with national data (issue 8: no page over 150 KB of HTML): the front page
shows the plans a page at a time, with the status filter kept."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from tests import factories as f

from boligsocial.plans.models import PlanStatus
from boligsocial.site.models import SiteProfile
from boligsocial.web.views import public

pytestmark = pytest.mark.django_db


def plan_names(html: str) -> list[str]:
    return re.findall(r'<h3 id="plan-\d+-name"><a href="[^"]+">([^<]+)</a></h3>', html)


@pytest.fixture
def plans(site: SiteProfile, monkeypatch: pytest.MonkeyPatch) -> None:
    """Four current plans (A–D) and three ended ones (E ended last, G first), three a page."""
    monkeypatch.setattr(public, "PLANS_PER_PAGE", 3)
    for name in "ABCD":
        f.PlanFactory(name=f"Plan {name}", status=PlanStatus.RUNNING)
    for name, year in (("E", 2022), ("F", 2021), ("G", 2020)):
        f.PlanFactory(
            name=f"Plan {name}",
            status=PlanStatus.ENDED,
            start_date=date(year - 4, 1, 1),
            end_date=date(year, 12, 31),
        )


def test_the_front_page_shows_the_plans_a_page_at_a_time(client: Client, plans: None):
    first = client.get("/").content.decode()
    assert plan_names(first) == ["Plan A", "Plan B", "Plan C"]
    assert "Aktuelle helhedsplaner (4)</h2>" in first
    assert "plans-ended-heading" not in first
    assert "7 offentliggjorte helhedsplaner" in first
    assert "<p>Side 1 af 3</p>" in first
    assert '<a href="/?side=2" rel="next">Flere helhedsplaner</a>' in first
    assert 'rel="prev"' not in first
    second = client.get("/?side=2").content.decode()
    assert plan_names(second) == ["Plan D", "Plan E", "Plan F"]
    assert "Aktuelle helhedsplaner (4)</h2>" in second
    assert "Afsluttede helhedsplaner (3)</h2>" in second
    assert '<a href="/" rel="prev">Forrige helhedsplaner</a>' in second
    assert '<a href="/?side=3" rel="next">Flere helhedsplaner</a>' in second
    third = client.get("/?side=3").content.decode()
    assert plan_names(third) == ["Plan G"]
    assert "plans-current-heading" not in third
    assert 'rel="next"' not in third


def test_paging_keeps_the_status_filter(client: Client, plans: None):
    html = client.get("/?status=afsluttede").content.decode()
    assert plan_names(html) == ["Plan E", "Plan F", "Plan G"]
    assert "plan-pages" not in html  # one page only
    html = client.get("/?status=aktuelle").content.decode()
    assert plan_names(html) == ["Plan A", "Plan B", "Plan C"]
    assert '<a href="/?status=aktuelle&amp;side=2" rel="next">Flere helhedsplaner</a>' in html
    html = client.get("/?status=aktuelle&side=2").content.decode()
    assert plan_names(html) == ["Plan D"]
    assert "plans-ended-heading" not in html
    assert '<a href="/?status=aktuelle" rel="prev">Forrige helhedsplaner</a>' in html


@pytest.mark.parametrize(("side", "first"), [("abc", "Plan A"), ("0", "Plan A"), ("99", "Plan G")])
def test_a_page_number_out_of_range_gives_the_nearest_page(
    client: Client, plans: None, side: str, first: str
):
    response = client.get("/", {"side": side})
    assert response.status_code == 200
    assert plan_names(response.content.decode())[0] == first


def test_no_current_plans_says_so_on_the_first_page(client: Client, site: SiteProfile):
    f.PlanFactory(name="Plan X", status=PlanStatus.ENDED)
    html = client.get("/").content.decode()
    assert "Aktuelle helhedsplaner (0)</h2>" in html
    assert "Der er ingen offentliggjorte aktuelle helhedsplaner." in html
    assert plan_names(html) == ["Plan X"]


# /omraader/ -----------------------------------------------------------------------------------


def area_names(html: str) -> list[str]:
    from tests.web.test_areas import table_rows

    return [row[0] for row in table_rows(html, "areas-table")]


@pytest.fixture
def ten_areas(site: SiteProfile, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.web.test_areas import _many

    from boligsocial.web.views import areas

    monkeypatch.setattr(areas, "AREAS_PER_PAGE", 4)
    _many(10)


def test_the_area_table_is_paged_with_year_municipality_and_sort_kept(
    client: Client, ten_areas: None
):
    html = client.get("/omraader/", {"sort": "name", "aar": "2011"}).content.decode()
    assert area_names(html) == ["Område 00", "Område 01", "Område 02", "Område 03"]
    assert "2011: 10 områder" in html  # the count is of all areas
    assert "<p>Side 1 af 3: område 1–4</p>" in html
    assert (
        '<a href="/omraader/?sort=name&amp;aar=2011&amp;side=2" rel="next">Flere områder</a>'
        in (html)
    )
    html = client.get("/omraader/", {"sort": "name", "aar": "2011", "side": "3"}).content.decode()
    assert area_names(html) == ["Område 08", "Område 09"]
    assert "<p>Side 3 af 3: område 9–10</p>" in html
    assert (
        '<a href="/omraader/?sort=name&amp;aar=2011&amp;side=2" rel="prev">Forrige områder</a>'
        in (html)
    )
    assert 'rel="next"' not in html
    # the downloads hold every area, whatever the page
    assert 'href="?sort=name&amp;aar=2011&amp;format=csv"' in html
    csv = client.get("/omraader/", {"sort": "name", "side": "3", "format": "csv"})
    assert csv.content.decode().count("\nOmråde ") == 10


def test_a_disagreement_links_to_its_row_on_this_page_or_else_to_the_area(
    client: Client, ten_areas: None
):
    from tests.web.test_areas import FIELDS, store

    area = f.AreaFactory(name="Område 99", slug="omraade-99")
    store(area, 2012, dict(zip(FIELDS, (1500, 45, 60, "2.5"), strict=True)), official=False)
    html = client.get("/omraader/", {"sort": "name"}).content.decode()
    assert '<li><a href="/omraader/omraade-99/">Område 99</a>:' in html
    html = client.get("/omraader/", {"sort": "name", "side": "3"}).content.decode()
    assert '<li><a href="#area-omraade-99">Område 99</a>:' in html
    assert '<tr id="area-omraade-99" class="bs-disagree">' in html
