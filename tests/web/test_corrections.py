"""Correcting and deleting roles and seats entered by mistake, editing people, the "is this the
same person?" step, merging people, and the history showing it all."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from tests import factories as f
from tests.web.conftest import World, logged_in

from boligsocial.accounts.models import Role
from boligsocial.governance.models import Membership, Person, PlanRole, PlanRoleKind

pytestmark = pytest.mark.django_db

MANAGE = "/intern/planer/helhedsplan-testparken/"


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def version_of(html: str) -> str:
    marker = 'name="version" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def staff_role(world: World) -> PlanRole:
    return PlanRole.objects.get(plan=world.plan, person=world.staff)


def test_the_plan_page_offers_correct_and_delete_for_each_role_and_seat(
    leader_client: Client, world: World
):
    html = page(leader_client.get(MANAGE))
    role = staff_role(world)
    assert f'<a href="{MANAGE}roller/{role.pk}/ret/">Ret <span class="sr-only">' in html
    assert f'<a href="{MANAGE}roller/{role.pk}/slet/">Slet <span class="sr-only">' in html
    assert f'<a href="{MANAGE}medlemskaber/{world.chair.pk}/ret/">Ret' in html
    assert f'<a href="{MANAGE}medlemskaber/{world.chair.pk}/slet/">Slet' in html
    assert f'<a href="{MANAGE}personer/{world.staff.pk}/ret/">Mads Testmedarbejder' in html


def test_correct_every_field_of_a_role(leader_client: Client, world: World):
    role = staff_role(world)
    url = f"{MANAGE}roller/{role.pk}/ret/"
    html = page(leader_client.get(url))
    assert "<h1>Ret rollen for Mads Testmedarbejder</h1>" in html
    assert 'value="2023-01-01"' in html
    response = leader_client.post(
        url,
        {
            "version": version_of(html),
            "person": world.staff.pk,
            "kind": PlanRoleKind.STAFF,
            "title": "Projektleder",
            "fte": "0,75",
            "valid_from": "2023-02-01",
            "valid_to": "2026-06-30",
        },
    )
    assert response.status_code == 302
    role.refresh_from_db()
    assert (role.title, str(role.fte), role.valid_from, role.valid_to) == (
        "Projektleder",
        "0.75",
        date(2023, 2, 1),
        date(2026, 6, 30),
    )
    # The history on the plan's public page shows the correction, old → new.
    public = page(leader_client.get("/planer/helhedsplan-testparken/"))
    assert "<del>1. januar 2023</del>" in public
    assert "<ins>1. februar 2023</ins>" in public


def test_a_correction_outside_the_plan_period_is_refused_on_the_field(
    leader_client: Client, world: World
):
    role = staff_role(world)
    url = f"{MANAGE}roller/{role.pk}/ret/"
    html = page(leader_client.get(url))
    html = page(
        leader_client.post(
            url,
            {
                "version": version_of(html),
                "person": world.staff.pk,
                "kind": PlanRoleKind.STAFF,
                "fte": "0,5",
                "valid_from": "2001-01-01",
            },
        )
    )
    message = (
        "Startdatoen (1. januar 2001) ligger før perioden for Helhedsplan for Testparken "
        "(1. januar 2023 – 31. december 2026): angiv en startdato inden for perioden."
    )
    assert f'<li><a href="#id_valid_from">{message}</a></li>' in html
    assert PlanRole.objects.get(pk=role.pk).valid_from == date(2023, 1, 1)


def test_delete_a_role_after_confirming_and_the_history_keeps_it(
    leader_client: Client, world: World
):
    role = staff_role(world)
    url = f"{MANAGE}roller/{role.pk}/slet/"
    html = page(leader_client.get(url))
    assert "<h1>Slet rollen for Mads Testmedarbejder</h1>" in html
    assert "Slet kun en rolle, der er indtastet ved en fejl" in html
    assert PlanRole.objects.filter(pk=role.pk).exists()  # GET deletes nothing
    response = leader_client.post(url, {"version": version_of(html)})
    assert response.status_code == 302
    assert response["Location"] == MANAGE
    assert not PlanRole.objects.filter(pk=role.pk).exists()
    public = page(leader_client.get("/planer/helhedsplan-testparken/"))
    assert "<strong>Mads Testmedarbejder, medarbejder</strong>:\n      slettet" in public
    assert "<li>Fra: <del>1. januar 2023</del></li>" in public


def test_delete_a_membership(leader_client: Client, world: World):
    url = f"{MANAGE}medlemskaber/{world.chair.pk}/slet/"
    html = page(leader_client.get(url))
    assert "Slet medlemskabet for Hanne Testformand" in html
    assert leader_client.post(url, {"version": version_of(html)}).status_code == 302
    assert not Membership.objects.filter(pk=world.chair.pk).exists()
    deleted = Membership.history.get(id=world.chair.pk, history_type="-")
    assert deleted.history_user is not None


def test_correct_a_membership_to_a_second_chair_is_refused(leader_client: Client, world: World):
    url = f"{MANAGE}medlemskaber/{world.secretariat_seat.pk}/ret/"
    html = page(leader_client.get(url))
    html = page(
        leader_client.post(
            url,
            {
                "version": version_of(html),
                "person": world.secretariat_seat.person.pk,
                "represents": world.secretariat.pk,
                "role": "chair",
                "valid_from": "2023-03-01",
            },
        )
    )
    assert '<li><a href="#id_role">Bestyrelsen for Testparken har allerede en formand' in html
    assert Membership.objects.get(pk=world.secretariat_seat.pk).role == "secretary"


def test_other_plans_rows_cannot_be_corrected_or_deleted(leader_client: Client, world: World):
    other = f.PlanRoleFactory(plan=f.PlanFactory(slug="anden"))
    for suffix in ("ret", "slet"):
        url = f"{MANAGE}roller/{other.pk}/{suffix}/"
        assert leader_client.get(url).status_code == 404
        assert leader_client.post(url).status_code == 404
    assert PlanRole.objects.filter(pk=other.pk).exists()


def test_edit_a_person(leader_client: Client, world: World):
    url = f"{MANAGE}personer/{world.staff.pk}/ret/"
    html = page(leader_client.get(url))
    assert "<h1>Rediger Mads Testmedarbejder</h1>" in html
    response = leader_client.post(
        url,
        {
            "version": version_of(html),
            "name": "Mads Testmedarbejder",
            "title": "Seniorkonsulent",
            "email": "mads@example.org",
        },
    )
    assert response.status_code == 302
    world.staff.refresh_from_db()
    assert (world.staff.title, world.staff.email) == ("Seniorkonsulent", "mads@example.org")
    # The plan's history shows the correction of its person.
    public = page(leader_client.get("/planer/helhedsplan-testparken/"))
    assert "<strong>Mads Testmedarbejder</strong>:\n      ændret" in public
    assert "<li>Stillingsbetegnelse: <del>Konsulent</del>" in public


def test_creating_a_possible_duplicate_asks_and_a_confirmation_creates(
    leader_client: Client, world: World
):
    url = f"{MANAGE}personer/ny/"
    data = {"name": "mads  TESTMEDARBEJDER", "title": "Konsulent"}
    html = page(leader_client.post(url, data))
    assert '<h2 id="duplicates-heading" class="h3">Er det den samme person?</h2>' in html
    assert "<li>Mads Testmedarbejder, Konsulent</li>" in html
    assert 'type="checkbox" name="confirm_new"' in html
    assert Person.objects.filter(name__iexact="mads  testmedarbejder").count() == 0
    response = leader_client.post(url, {**data, "confirm_new": "on"})
    assert response.status_code == 302
    assert Person.objects.filter(name="mads  TESTMEDARBEJDER").count() == 1


def test_only_administrators_merge_people_and_the_merge_is_in_the_history(
    leader_client: Client, admin_client_: Client, world: World
):
    assert leader_client.get("/intern/personer/flet/").status_code == 403
    twin = f.PersonFactory(name="Mads Testmedarbejder", title="Konsulent")
    seat = f.MembershipFactory(body=world.board, person=twin, valid_from=date(2024, 1, 1))
    html = page(admin_client_.get("/intern/personer/flet/"))
    assert "<h1>Flet to personer</h1>" in html
    response = admin_client_.post(
        "/intern/personer/flet/", {"keep": world.staff.pk, "remove": twin.pk}
    )
    assert response.status_code == 302
    assert not Person.objects.filter(pk=twin.pk).exists()
    assert Membership.objects.get(pk=seat.pk).person == world.staff
    public = page(admin_client_.get("/planer/helhedsplan-testparken/"))
    assert f"Årsag: Fletning: flyttet fra Mads Testmedarbejder (id {twin.pk})" in public


def test_a_refused_merge_names_the_reason(admin_client_: Client, world: World):
    twin = f.PersonFactory(name="Hanne Testformand")
    f.MembershipFactory(body=world.board, person=twin, valid_from=date(2024, 1, 1))
    html = page(
        admin_client_.post(
            "/intern/personer/flet/", {"keep": world.chair.person.pk, "remove": twin.pk}
        )
    )
    assert "De to personer kan ikke flettes: Bestyrelsen for Testparken, medlem: " in html
    assert Person.objects.filter(pk=twin.pk).exists()


def test_the_dashboard_links_administrators_to_the_merge(
    leader_client: Client, admin_client_: Client
):
    link = '<a href="/intern/personer/flet/">'
    assert link in page(admin_client_.get("/intern/"))
    assert link not in page(leader_client.get("/intern/"))


def test_a_plan_leader_cannot_edit_a_person_of_another_plan(world: World):
    client = logged_in(f.user_with_role(Role.PLAN_LEADER, plan=world.plan))
    stranger = f.PlanRoleFactory(plan=f.PlanFactory(slug="fremmed", published=False)).person
    assert client.get(f"{MANAGE}personer/{stranger.pk}/ret/").status_code == 404


def test_a_namesake_the_leader_cannot_choose_is_not_offered_as_the_same_person(
    leader_client: Client, world: World
):
    # Someone of another, published plan: readable, but the leader can never give them a role
    # here, so "choose the existing person" would be advice they cannot follow.
    other = f.PlanRoleFactory(
        plan=f.PlanFactory(slug="nabo", published=True), person__name="Vera Naboleder"
    ).person
    response = leader_client.post(f"{MANAGE}personer/ny/", {"name": "Vera Naboleder"})
    assert response.status_code == 302
    assert Person.objects.filter(name="Vera Naboleder").exclude(pk=other.pk).count() == 1
