"""A plan's or an area's address never dies: after a rename the old address answers 301 to the
current one (docs/decisions/0012-addresses-and-downloads.md)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from tests import factories as f
from tests.web.conftest import World, logged_in

from boligsocial.accounts.models import Role
from boligsocial.areas.models import Area, AreaSlugHistory
from boligsocial.areas.services import area_create, area_update
from boligsocial.plans.models import PlanSlugHistory
from boligsocial.plans.services import plan_create, plan_update

pytestmark = pytest.mark.django_db


def _plan(name: str = "Skovgaardsparken 2023-2027", **kwargs):
    return plan_create(
        name=name,
        fund_round=f.fund_round("2019–26"),
        start_date=date(2023, 7, 1),
        end_date=date(2027, 6, 30),
        published=True,
        **kwargs,
    )


# The services keep the old slugs -----------------------------------------------------------


def test_renaming_a_plan_keeps_its_old_slug():
    plan = _plan()
    assert plan.slug == "skovgaardsparken-2023-2027"
    plan_update(plan=plan, data={"name": "Skovgårdsparken 2023–2028"})
    assert plan.slug == "skovgaardsparken-2023-2028"
    assert list(PlanSlugHistory.objects.values_list("plan_id", "slug")) == [
        (plan.pk, "skovgaardsparken-2023-2027")
    ]


def test_updating_a_plan_without_renaming_it_keeps_no_history():
    plan = _plan()
    plan_update(plan=plan, data={"description": "Ny beskrivelse"})
    plan_update(plan=plan, data={"name": "Skovgaardsparken 2023-2027"})
    assert plan.slug == "skovgaardsparken-2023-2027"
    assert PlanSlugHistory.objects.count() == 0


def test_a_plan_renamed_back_takes_its_old_slug_back():
    plan = _plan()
    plan_update(plan=plan, data={"name": "Skovgårdsparken Nord"})
    plan_update(plan=plan, data={"name": "Skovgaardsparken 2023-2027"})
    assert plan.slug == "skovgaardsparken-2023-2027"
    assert list(PlanSlugHistory.objects.values_list("slug", flat=True)) == ["skovgaardsparken-nord"]


def test_a_former_slug_of_one_plan_is_never_given_to_another():
    first = _plan()
    plan_update(plan=first, data={"name": "Skovgårdsparken Nord"})
    second = _plan()  # the name the first plan had
    assert second.slug == "skovgaardsparken-2023-2027-2"
    other = _plan("Et andet navn")
    plan_update(plan=other, data={"name": "Skovgaardsparken 2023-2027"})
    assert other.slug == "skovgaardsparken-2023-2027-3"


def test_renaming_an_area_gives_it_a_new_slug_and_keeps_the_old_one():
    aarhus = f.municipality("Aarhus")
    area = area_create(name="Skovgårdsparken", municipality=aarhus)
    assert area.slug == "skovgaardsparken-aarhus"
    area_update(area=area, data={"residents": 100})
    assert area.slug == "skovgaardsparken-aarhus"
    assert AreaSlugHistory.objects.count() == 0
    area_update(area=area, data={"name": "Skovgårdsparken Vest"})
    area.refresh_from_db()
    assert area.slug == "skovgaardsparken-vest-aarhus"
    assert list(AreaSlugHistory.objects.values_list("area_id", "slug")) == [
        (area.pk, "skovgaardsparken-aarhus")
    ]
    again = area_create(name="Skovgårdsparken", municipality=aarhus)
    assert again.slug == "skovgaardsparken-aarhus-2"


# The old addresses redirect ----------------------------------------------------------------


def test_old_plan_address_redirects_permanently_to_the_current_one(client: Client, site):
    plan = _plan()
    plan_update(plan=plan, data={"name": "Skovgårdsparken 2023–2028"})
    response = client.get("/planer/skovgaardsparken-2023-2027/")
    assert response.status_code == 301
    assert response["Location"] == "/planer/skovgaardsparken-2023-2028/"
    assert client.get("/planer/skovgaardsparken-2023-2028/").status_code == 200
    # the query string is kept, and HEAD is redirected too
    response = client.get("/planer/skovgaardsparken-2023-2027/?x=1")
    assert response["Location"] == "/planer/skovgaardsparken-2023-2028/?x=1"
    assert client.head("/planer/skovgaardsparken-2023-2027/").status_code == 301


def test_an_address_renamed_twice_redirects_in_one_step(client: Client, site):
    plan = _plan()
    plan_update(plan=plan, data={"name": "Andet navn"})
    plan_update(plan=plan, data={"name": "Tredje navn"})
    for old in ("skovgaardsparken-2023-2027", "andet-navn"):
        response = client.get(f"/planer/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/planer/tredje-navn/")


def test_old_internal_plan_address_redirects_for_those_who_may_read_it(world: World):
    old = world.plan.slug
    plan_update(plan=world.plan, data={"name": "Helhedsplan for Testparken Nord"})
    client = logged_in(f.user_with_role(Role.PLAN_LEADER, plan=world.plan))
    response = client.get(f"/intern/planer/{old}/rediger/")
    assert response.status_code == 301
    assert response["Location"] == "/intern/planer/helhedsplan-for-testparken-nord/rediger/"


def test_old_address_of_an_unpublished_plan_stays_404_for_visitors(client: Client, site):
    plan = _plan()
    plan_update(plan=plan, data={"name": "Hemmeligt nyt navn", "published": False})
    response = client.get("/planer/skovgaardsparken-2023-2027/")
    assert response.status_code == 404
    assert "hemmeligt" not in response.content.decode().lower()
    admin = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    response = admin.get("/planer/skovgaardsparken-2023-2027/")
    assert (response.status_code, response["Location"]) == (301, "/planer/hemmeligt-nyt-navn/")


def test_a_post_to_an_old_address_is_not_redirected(world: World):
    old = world.plan.slug
    plan_update(plan=world.plan, data={"name": "Helhedsplan for Testparken Nord"})
    client = logged_in(f.user_with_role(Role.PLAN_LEADER, plan=world.plan))
    assert client.post(f"/intern/planer/{old}/rediger/", {}).status_code == 404


def test_old_area_address_redirects_permanently(client: Client, site):
    area = area_create(name="Skovgårdsparken", municipality=f.municipality("Aarhus"))
    area_update(area=area, data={"name": "Skovgårdsparken Vest"})
    response = client.get("/omraader/skovgaardsparken-aarhus/")
    assert response.status_code == 301
    assert response["Location"] == "/omraader/skovgaardsparken-vest-aarhus/"
    assert client.get(response["Location"]).status_code == 200


def test_unknown_addresses_stay_404(client: Client, site):
    assert client.get("/planer/findes-ikke/").status_code == 404
    assert client.get("/omraader/findes-ikke/").status_code == 404
    assert client.get("/findes/slet/ikke/").status_code == 404


# The admin's read-only list of former slugs posts an empty formset.
NO_INLINE_ROWS = {"former_slugs-TOTAL_FORMS": "0", "former_slugs-INITIAL_FORMS": "0"}


def test_renaming_an_area_in_the_admin_keeps_its_old_address(client: Client, site):
    superuser = f.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    aarhus = f.municipality("Aarhus")
    response = client.post(
        "/admin/areas/area/add/",
        {"name": "Skovgårdsparken", "municipality": aarhus.pk, "aliases": "[]", **NO_INLINE_ROWS},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    area = Area.objects.get()
    assert area.slug == "skovgaardsparken-aarhus"
    response = client.post(
        f"/admin/areas/area/{area.pk}/change/",
        {
            "name": "Skovgårdsparken Vest",
            "municipality": aarhus.pk,
            "aliases": "[]",
            **NO_INLINE_ROWS,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    area.refresh_from_db()
    assert area.slug == "skovgaardsparken-vest-aarhus"
    assert list(AreaSlugHistory.objects.values_list("slug", flat=True)) == [
        "skovgaardsparken-aarhus"
    ]
    response = Client().get("/omraader/skovgaardsparken-aarhus/")
    assert (response.status_code, response["Location"]) == (
        301,
        "/omraader/skovgaardsparken-vest-aarhus/",
    )


def test_the_admin_shows_former_addresses(client: Client, site):
    client.force_login(f.UserFactory(is_staff=True, is_superuser=True))
    plan = _plan()
    plan_update(plan=plan, data={"name": "Skovgårdsparken Nord"})
    html = client.get(f"/admin/plans/plan/{plan.pk}/change/").content.decode()
    assert "<p>skovgaardsparken-2023-2027</p>" in html
    area = area_create(name="Skovgårdsparken", municipality=f.municipality("Aarhus"))
    area_update(area=area, data={"name": "Skovgårdsparken Vest"})
    html = client.get(f"/admin/areas/area/{area.pk}/change/").content.decode()
    assert '<td class="field-slug">' in html
    assert "<p>skovgaardsparken-aarhus</p>" in html
