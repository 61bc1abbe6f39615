"""The internal pages: login, dashboard, permissions (403 with nothing written), and the edit
forms, which save through the services and show a service's errors on the named fields."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from tests import factories as f
from tests import kit
from tests.web.conftest import PASSWORD, World, logged_in
from tests.web.test_public import _plans

from boligsocial.accounts.models import Role
from boligsocial.governance.models import Body, Membership, MembershipRole, Person, PlanRole
from boligsocial.organisations.models import Municipality
from boligsocial.plans.models import Plan

pytestmark = pytest.mark.django_db

SLUG = "helhedsplan-testparken"
MANAGE = f"/intern/planer/{SLUG}/"
EDIT = f"/intern/planer/{SLUG}/rediger/"


def page(response) -> str:
    return response.content.decode()


def plan_post_data(plan: Plan, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": plan.name,
        "lbf_number": plan.lbf_number,
        "fund_round": plan.fund_round_id,
        "status": plan.status,
        "start_date": plan.start_date.isoformat(),
        "end_date": plan.end_date.isoformat(),
        "length_reason": plan.length_reason,
        "afdelinger": [a.pk for a in plan.afdelinger.all()],
        "focus_areas": [fa.pk for fa in plan.focus_areas.all()],
        "description": plan.description,
        "office_address": plan.office_address,
        "contact_email": plan.contact_email,
        "contact_phone": plan.contact_phone,
        "website": plan.website,
        "published": "on" if plan.published else "",
        "data_note": plan.data_note,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def edit_urls(world: World) -> list[str]:
    role = PlanRole.objects.filter(plan=world.plan).first()
    assert role is not None
    return [
        MANAGE,
        EDIT,
        f"{MANAGE}roller/ny/",
        f"{MANAGE}roller/{role.pk}/afslut/",
        f"{MANAGE}organer/nyt/",
        f"{MANAGE}organer/{world.board.pk}/medlemmer/ny/",
        f"{MANAGE}medlemskaber/{world.chair.pk}/afslut/",
        f"{MANAGE}personer/ny/",
    ]


# Log in and out --------------------------------------------------------------------------------


def test_login_page_and_wrong_password(client: Client, world: World):
    response = client.get("/log-ind/")
    assert response.status_code == 200
    html = page(response)
    assert '<form method="post" action="/log-ind/" id="login-form" novalidate>' in html
    assert '<label class="form-label" for="id_username">Brugernavn</label>' in html
    assert '<label class="form-label" for="id_password">Adgangskode</label>' in html
    user = f.UserFactory(username="planleder")
    html = page(client.post("/log-ind/", {"username": "planleder", "password": "forkert"}))
    assert '<h2 class="alert-heading" id="error-summary-heading">Der er et problem</h2>' in html
    assert "Indtast venligst korrekt brugernavn og adgangskode." in html
    response = client.post("/log-ind/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/intern/"


def test_logout_is_a_post(world: World):
    client = logged_in(f.user_with_role(Role.PLAN_LEADER, plan=world.plan))
    html = page(client.get("/intern/"))
    assert '<form action="/log-ud/" method="post" id="logout-form"' in html
    assert client.get("/log-ud/").status_code == 405
    response = client.post("/log-ud/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/intern/").status_code == 302


def test_internal_pages_need_login(client: Client, world: World):
    for url in ["/intern/", *edit_urls(world)]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"/log-ind/?next={url}", url


# The dashboard ---------------------------------------------------------------------------------


def test_dashboard_lists_readable_plans_and_which_may_be_edited(world: World):
    other = f.PlanFactory(name="Anden plan", slug="anden-plan")
    f.PlanFactory(name="Skjult plan", slug="skjult-plan", published=False)
    client = logged_in(f.user_with_role(Role.PLAN_LEADER, plan=world.plan))
    html = page(client.get("/intern/"))
    assert "<h1>Mit overblik</h1>" in html
    assert "Du kan læse 2 helhedsplaner.\nDu kan redigere 1 af dem." in html
    assert (
        f'<a href="/intern/planer/{SLUG}/">Rediger <span class="sr-only">'
        "Helhedsplan for Testparken</span></a>"
    ) in html
    assert f'<a href="/planer/{other.slug}/">Anden plan</a>' in html
    assert "Skjult plan" not in html
    assert '<a href="/intern/" class="nav-link" aria-current="page">' in html


def test_a_plan_leaders_own_plans_come_first_then_the_rest_a_page_at_a_time(
    world: World, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("boligsocial.web.views.internal.dashboard.DASHBOARD_PLANS_PER_PAGE", 2)
    for name in ("Alfa", "Beta", "Gamma"):
        f.PlanFactory(name=name, slug=name.lower())
    client = logged_in(f.user_with_role(Role.PLAN_LEADER, plan=world.plan))
    html = page(client.get("/intern/"))
    assert "Du kan læse 4 helhedsplaner.\nDu kan redigere 1 af dem." in html
    rows = html.split("<tbody>")[1].split("</tbody>")[0]
    # Their own plan first, though "Helhedsplan" sorts after "Alfa" and "Beta".
    assert rows.index("Helhedsplan for Testparken") < rows.index(">Alfa<")
    assert "Beta" not in rows
    assert "<p>Side 1 af 2</p>" in html
    assert '<a href="/intern/?side=2" rel="next">Flere helhedsplaner</a>' in html
    html = page(client.get("/intern/?side=2"))
    rows = html.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count("<tr>") == 2
    assert '<a href="/planer/beta/">Beta</a>' in rows
    assert '<a href="/planer/gamma/">Gamma</a>' in rows
    assert rows.count("<td>Læse</td>") == 2
    assert '<a href="/intern/" rel="prev">Forrige helhedsplaner</a>' in html


def test_the_secretariat_searches_the_plans_by_name_area_and_organisation(
    world: World, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("boligsocial.web.views.internal.dashboard.DASHBOARD_PLANS_PER_PAGE", 1)
    f.PlanFactory(name="Nordbyen", slug="nordbyen", published=False)
    f.PlanFactory(name="Testparken Vest", slug="testparken-vest")
    client = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    html = page(client.get("/intern/"))
    assert "Du kan læse 3 helhedsplaner.\nDu kan redigere 3 af dem." in html
    assert 'id="dashboard-matches"' not in html
    # The area "Testparken" (through an afdeling) and the name "Testparken Vest" both match.
    html = page(client.get("/intern/", {"q": "  testparken  "}))
    assert '<input type="search" name="q" value="  testparken  "' in html
    assert "2 helhedsplaner passer til “testparken”." in html
    assert '<a href="/intern/?q=testparken&amp;side=2" rel="next">' in html
    html = page(client.get("/intern/", {"q": world.housing.name}))
    assert f"1 helhedsplan passer til “{world.housing.name}”." in html
    assert '<a href="/planer/helhedsplan-testparken/">Helhedsplan for Testparken</a>' in html
    html = page(client.get("/intern/", {"q": "nordbyen"}))  # unpublished: the admin reads it
    assert '<a href="/planer/nordbyen/">Nordbyen</a>' in html
    html = page(client.get("/intern/", {"q": "testparken findesikke"}))
    assert "0 helhedsplaner passer til “testparken findesikke”." in html
    assert "<p>Ingen helhedsplan passer til din søgning.</p>" in html
    assert 'id="dashboard-table"' not in html


def test_a_too_long_search_names_the_field(world: World):
    client = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    response = client.get("/intern/", {"q": "x" * 201})
    assert response.status_code == 400
    html = page(response)
    assert '<a href="#id_q">Denne værdi må højst have 200 tegn (den har 201).</a>' in html
    assert 'id="dashboard-table"' in html  # the list is still shown, unfiltered


@pytest.mark.parametrize("count", [2, 8])
@pytest.mark.parametrize("role", [Role.SECRETARIAT_ADMIN, Role.PLAN_LEADER])
def test_dashboard_query_count_does_not_grow_with_plans(
    site: object, django_assert_num_queries, count: int, role: str
):
    """Pinned with the other pages' counts (test_query_counts.py), here for its fixtures."""
    _plans(count, site)
    led = Plan.objects.order_by("pk").last() if role == Role.PLAN_LEADER else None
    client = logged_in(f.user_with_role(role, plan=led))
    # session, user, the data version (the personal page cache, docs/decisions/0014: a miss),
    # role assignments, how many plans may be read and edited, the page's plans, their areas'
    # names, the site profile (the page's header)
    with django_assert_num_queries(8):
        response = client.get("/intern/")
    assert response.content.decode().count('<td><a href="/planer/') == count
    # a search counts its matches too
    with django_assert_num_queries(9):
        response = client.get("/intern/", {"q": "Helhedsplan"})
    assert response.content.decode().count('<td><a href="/planer/') == count


# Permissions -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.HOUSING_ORG, Role.MUNICIPALITY])
def test_readers_who_may_not_edit_get_403_and_nothing_is_written(world: World, role: str):
    scope = (
        {"organisation": world.housing}
        if role == Role.HOUSING_ORG
        else {"municipality": Municipality.objects.get(name="Aarhus")}
    )
    client = logged_in(f.user_with_role(role, **scope))
    assert client.get(f"/planer/{SLUG}/").status_code == 200  # they may read it
    before = kit.db_snapshot()
    for url in edit_urls(world):
        assert client.get(url).status_code == 403, url
        response = client.post(url, {"name": "Ændret", "valid_to": "2024-12-31"})
        assert response.status_code == 403, url
        assert "<h1>Adgang nægtet</h1>" in page(response)
    assert kit.db_snapshot() == before
    assert Plan.objects.get(pk=world.plan.pk).name == "Helhedsplan for Testparken"


def test_a_plan_leader_may_not_edit_another_plan(world: World):
    other = f.PlanFactory(name="Anden plan", slug="anden-plan")
    client = logged_in(f.user_with_role(Role.PLAN_LEADER, plan=other))
    assert client.get(EDIT).status_code == 403
    assert client.get("/intern/planer/anden-plan/rediger/").status_code == 200


def test_an_unreadable_plan_is_404_on_edit_pages(world: World):
    world.plan.published = False
    world.plan.save()
    client = logged_in(f.user_with_role(Role.HOUSING_ORG, organisation=f.OrganisationFactory()))
    assert client.get(EDIT).status_code == 404


# Editing the plan ------------------------------------------------------------------------------


def test_plan_leader_edits_their_plan_and_history_shows_it(leader_client: Client, world: World):
    response = leader_client.get(EDIT)
    assert response.status_code == 200
    html = page(response)
    assert '<form method="post" id="plan-form" novalidate>' in html
    assert '<label class="form-label" for="id_name">Navn</label>' in html
    assert '<input type="date" name="start_date" value="2023-01-01"' in html
    data = plan_post_data(world.plan, name="Helhedsplan for Testparken og Omegn")
    response = leader_client.post(EDIT, data)
    assert response.status_code == 302
    plan = Plan.objects.get(pk=world.plan.pk)
    assert plan.name == "Helhedsplan for Testparken og Omegn"
    assert response["Location"] == f"/intern/planer/{plan.slug}/"
    html = page(leader_client.get(response["Location"]))
    assert "Planen er gemt." in html
    html = page(leader_client.get(f"/planer/{plan.slug}/"))
    change = (
        "<li>Navn: <del>Helhedsplan for Testparken</del> "
        '<span aria-hidden="true">→</span><span class="sr-only">ændret til</span> '
        "<ins>Helhedsplan for Testparken og Omegn</ins></li>"
    )
    assert change in html
    assert "<strong>Helhedsplan for Testparken og Omegn</strong>:\n      ændret" in html


def test_plan_end_before_start_is_shown_on_the_field_and_nothing_saved(
    leader_client: Client, world: World
):
    before = kit.db_snapshot()
    data = plan_post_data(world.plan, name="Nyt navn", end_date="2022-01-01")
    response = leader_client.post(EDIT, data)
    assert response.status_code == 200
    html = page(response)
    message = "Slutdatoen (1. januar 2022) ligger før startdatoen (1. januar 2023)."
    assert f'<li><a href="#id_end_date">{message}</a></li>' in html
    assert (
        '<span class="form-error-message" id="id_end_date-error"><span class="sr-only">Fejl: '
        f"</span>{message}</span>"
    ) in html
    assert (
        '<input type="date" name="end_date" value="2022-01-01" class="form-input" '
        'aria-describedby="id_end_date-error" aria-invalid="true" required id="id_end_date">'
    ) in html
    assert "<h1>Rediger Helhedsplan for Testparken</h1>" in html  # not the unsaved name
    assert kit.db_snapshot() == before
    assert Plan.objects.get(pk=world.plan.pk).name == "Helhedsplan for Testparken"


def test_plan_period_outside_the_fund_round_is_shown_and_nothing_saved(
    leader_client: Client, world: World
):
    before = kit.db_snapshot()
    data = plan_post_data(world.plan, start_date="2030-01-01", end_date="2033-12-31")
    html = page(leader_client.post(EDIT, data))
    message = (
        "Planen starter ikke inden for bevillingsperioden 2019–26 (2019–2026): vælg planens "
        "bevillingsperiode, eller giv begrundelsen (f.eks. overført til periodens regler af "
        "Landsbyggefonden)."
    )
    assert f'<li><a href="#id_start_date">{message}</a></li>' in html
    assert '<span class="form-error-message" id="id_start_date-error">' in html
    assert kit.db_snapshot() == before
    assert Plan.objects.get(pk=world.plan.pk).start_date == date(2023, 1, 1)


def test_plan_focus_area_of_another_round_is_shown_on_the_field(
    leader_client: Client, world: World
):
    old_focus = f.fund_round("2011–14").focus_areas.order_by("position").first()
    assert old_focus is not None
    data = plan_post_data(world.plan, focus_areas=[old_focus.pk])
    html = page(leader_client.post(EDIT, data))
    assert (
        '<li><a href="#id_focus_areas_0">Disse indsatsområder hører til en anden '
        "bevillingsperiode end 2019–26: Børn, unge og familie.</a></li>"
    ) in html
    assert '<fieldset aria-describedby="id_focus_areas-error">' in html


def test_the_plan_form_has_no_status_it_changes_through_transitions(
    leader_client: Client, world: World
):
    html = page(leader_client.get(EDIT))
    assert 'name="status"' not in html


# Staff roles -----------------------------------------------------------------------------------


def create_person(client: Client, name: str) -> Person:
    """Create a person as the logged-in leader does: on the person form."""
    assert client.post(f"{MANAGE}personer/ny/", {"name": name}).status_code == 302
    return Person.objects.get(name=name)


def test_add_a_staff_role(leader_client: Client, world: World):
    person = create_person(leader_client, "Ny Medarbejder")
    url = f"{MANAGE}roller/ny/"
    assert '<form method="post" id="role-form" novalidate>' in page(leader_client.get(url))
    response = leader_client.post(
        url,
        {
            "person": person.pk,
            "kind": "staff",
            "title": "Fritidsguide",
            "fte": "0,75",
            "valid_from": "2024-01-01",
        },
    )
    assert response.status_code == 302
    role = PlanRole.objects.get(person=person)
    assert (role.plan, role.fte, role.valid_from, role.valid_to) == (
        world.plan,
        Decimal("0.75"),
        date(2024, 1, 1),
        None,
    )


def test_end_a_role_and_end_before_start_is_an_error(leader_client: Client, world: World):
    role = PlanRole.objects.get(plan=world.plan, person=world.staff)
    url = f"{MANAGE}roller/{role.pk}/afslut/"
    html = page(leader_client.post(url, {"valid_to": "2022-12-31"}))
    message = "Slutdatoen (31. december 2022) ligger før startdatoen (1. januar 2023)."
    assert f'<li><a href="#id_valid_to">{message}</a></li>' in html
    role.refresh_from_db()
    assert role.valid_to is None
    response = leader_client.post(url, {"valid_to": "2024-06-30"})
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.valid_to == date(2024, 6, 30)
    html = page(leader_client.get(f"/planer/{SLUG}/"))
    assert (
        "<li>Til: <del>–</del> "
        '<span aria-hidden="true">→</span><span class="sr-only">ændret til</span> '
        "<ins>30. juni 2024</ins></li>"
    ) in html
    assert "Mads Testmedarbejder, medarbejder" in html


def test_role_of_another_plan_is_404(leader_client: Client, world: World):
    foreign = f.PlanRoleFactory()
    assert leader_client.get(f"{MANAGE}roller/{foreign.pk}/afslut/").status_code == 404


# Bodies and memberships ------------------------------------------------------------------------


def test_add_a_body_and_a_duplicate_name_is_an_error(leader_client: Client, world: World):
    url = f"{MANAGE}organer/nyt/"
    response = leader_client.post(url, {"kind": "steering_group", "name": "Styregruppen"})
    assert response.status_code == 302
    assert Body.objects.filter(plan=world.plan, name="Styregruppen").count() == 1
    before = kit.db_snapshot()
    html = page(leader_client.post(url, {"kind": "steering_group", "name": "Styregruppen"}))
    assert '<h2 class="alert-heading" id="error-summary-heading">Der er et problem</h2>' in html
    message = "Planen har allerede et organ med dette navn."
    assert f'<li><a href="#id_name">{message}</a></li>' in html
    assert kit.db_snapshot() == before


def test_add_a_member(leader_client: Client, world: World):
    person = create_person(leader_client, "Nyt Medlem")
    url = f"{MANAGE}organer/{world.board.pk}/medlemmer/ny/"
    response = leader_client.post(
        url,
        {
            "person": person.pk,
            "represents": world.housing.pk,
            "role": MembershipRole.MEMBER,
            "valid_from": "2024-01-01",
            "valid_to": "2025-12-31",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(person=person)
    assert (membership.body, membership.represents, membership.valid_to) == (
        world.board,
        world.housing,
        date(2025, 12, 31),
    )


def test_overlapping_membership_is_shown_on_the_field_and_nothing_saved(
    leader_client: Client, world: World
):
    before = kit.db_snapshot()
    url = f"{MANAGE}organer/{world.board.pk}/medlemmer/ny/"
    html = page(
        leader_client.post(
            url,
            {
                "person": world.chair.person.pk,
                "represents": world.housing.pk,
                "role": MembershipRole.CHAIR,
                "valid_from": "2024-01-01",
            },
        )
    )
    message = (
        "Hanne Testformand har allerede en plads i Bestyrelsen for Testparken i en "
        "overlappende periode (formand, fra 1. januar 2023). En person har én plads i et "
        "organ ad gangen: ret eller afslut den plads i stedet."
    )
    assert f'<li><a href="#id_valid_from">{message}</a></li>' in html
    assert f'<span class="sr-only">Fejl: </span>{message}</span>' in html
    assert kit.db_snapshot() == before


def test_end_a_membership(leader_client: Client, world: World):
    url = f"{MANAGE}medlemskaber/{world.chair.pk}/afslut/"
    html = page(leader_client.get(url))
    assert "<h1>Afslut medlemskabet for Hanne Testformand i Bestyrelsen for Testparken</h1>" in html
    assert '<p class="bs-subject">Startede 1. januar 2023.</p>' in html
    response = leader_client.post(url, {"valid_to": "2024-12-31"})
    assert response.status_code == 302
    world.chair.refresh_from_db()
    assert world.chair.valid_to == date(2024, 12, 31)
    html = page(leader_client.get(f"/planer/{SLUG}/"))
    assert "Hanne Testformand i Bestyrelsen for Testparken" in html  # the history entry
    assert "<td>Formand</td>" not in html  # no longer a member today


def test_end_a_membership_with_a_bad_date_is_a_form_error(leader_client: Client, world: World):
    url = f"{MANAGE}medlemskaber/{world.chair.pk}/afslut/"
    html = page(leader_client.post(url, {"valid_to": "31-12-2024x"}))
    assert '<li><a href="#id_valid_to">Indtast en gyldig dato.</a></li>' in html
    world.chair.refresh_from_db()
    assert world.chair.valid_to is None


# People ----------------------------------------------------------------------------------------


def test_create_a_person_and_a_bad_email_is_an_error(leader_client: Client, world: World):
    url = f"{MANAGE}personer/ny/"
    before = kit.db_snapshot()
    html = page(leader_client.post(url, {"name": "Ny Person", "email": "ikke-en-adresse"}))
    assert '<li><a href="#id_email">Angiv en gyldig e-mailadresse.</a></li>' in html
    assert kit.db_snapshot() == before
    response = leader_client.post(
        url, {"name": "Ny Person", "title": "Konsulent", "employer": world.housing.pk}
    )
    assert response.status_code == 302
    person = Person.objects.get(name="Ny Person")
    assert (person.title, person.employer) == ("Konsulent", world.housing)
    assert "Ny Person er oprettet og kan nu få en rolle eller en plads." in page(
        leader_client.get(MANAGE)
    )


def test_manage_page_lists_all_roles_and_memberships(leader_client: Client, world: World):
    former = f.PlanRoleFactory(
        plan=world.plan, person__name="Tidligere Medarbejder", valid_to=date(2023, 6, 30)
    )
    html = page(leader_client.get(MANAGE))
    assert "<h1>Rediger Helhedsplan for Testparken</h1>" in html
    assert (
        f'<td><a href="{MANAGE}personer/{former.person.pk}/ret/">Tidligere Medarbejder'
        '<span class="sr-only"> (rediger personen)</span></a></td>'
    ) in html
    assert "1. januar 2023 – 30. juni 2023 (afsluttet)" in html
    assert (
        f'<td><a href="{MANAGE}personer/{world.chair.person.pk}/ret/">Hanne Testformand'
    ) in html
    assert (
        f'<a href="{MANAGE}organer/{world.board.pk}/medlemmer/ny/">Tilføj et medlem '
        '<span class="sr-only">til Bestyrelsen for Testparken</span></a>'
    ) in html
