"""No lost updates on the web: two editors open the same form, the first saves, the second is
refused with what changed meanwhile, and nothing of the second is written."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.utils import translation
from django.utils.formats import date_format
from tests import kit
from tests.web.conftest import World
from tests.web.test_internal import EDIT, MANAGE, page, plan_post_data

from boligsocial.core.concurrency import sign_values, unsign_values, version_values
from boligsocial.governance.models import Membership, PlanRole
from boligsocial.plans.models import Plan

pytestmark = pytest.mark.django_db

REFUSED = (
    "En anden har gemt ændringer, efter du åbnede denne formular, så dine ændringer blev "
    "ikke gemt. Ændret i mellemtiden:"
)
ADVICE = (
    "Formularen viser nu de nuværende værdier i disse felter og dine egne ændringer i de "
    "andre felter. Kontrollér dem, og gem igen."
)


def version_in(html: str) -> str:
    match = re.search(r'<input type="hidden" name="version" value="([^"]+)"[^>]*>', html)
    assert match is not None, "no version field"
    return match.group(1)


def open_form(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return version_in(page(response))


def test_second_plan_save_is_refused_with_what_changed_and_nothing_written(
    leader_client: Client, admin_client_: Client, world: World
):
    first = open_form(admin_client_, EDIT)
    second = open_form(leader_client, EDIT)
    assert unsign_values(first) == unsign_values(second)

    saved = admin_client_.post(
        EDIT, {**plan_post_data(world.plan, name="Helhedsplan Nord"), "version": first}
    )
    assert saved.status_code == 302
    plan = Plan.objects.get(pk=world.plan.pk)
    assert plan.name == "Helhedsplan Nord"
    before = kit.db_snapshot()

    data = plan_post_data(
        world.plan, name="Helhedsplan Syd", contact_phone="86 12 34 56", description="Ny tekst"
    )
    refused = leader_client.post(
        f"/intern/planer/{plan.slug}/rediger/", {**data, "version": second}
    )
    assert refused.status_code == 200
    html = page(refused)
    assert "<title>Fejl:" in html
    assert f"<li>{REFUSED}" in html
    assert (
        '<li><a href="#id_name">Navn: “Helhedsplan for Testparken” → “Helhedsplan Nord” '
        "(du skrev “Helhedsplan Syd”)</a></li>"
    ) in html
    # The address follows the name: not listed as a change of its own.
    assert "→ “helhedsplan-nord”" not in html
    assert f'<p class="bs-conflict-advice">{ADVICE}</p>' in html
    # Nothing of the refused save was written: no field, no history row, no other table.
    assert kit.db_snapshot() == before
    plan = Plan.objects.get(pk=world.plan.pk)
    assert (plan.name, plan.contact_phone) == ("Helhedsplan Nord", "")
    # The form shows the stored name, keeps the editor's other changes, and carries the
    # stored version: saving it again now works.
    assert 'name="name" value="Helhedsplan Nord"' in html
    assert 'name="contact_phone" value="86 12 34 56"' in html
    again = version_in(html)
    assert unsign_values(again) == version_values(plan)
    resaved = leader_client.post(
        f"/intern/planer/{plan.slug}/rediger/",
        {**plan_post_data(plan, contact_phone="86 12 34 56"), "version": again},
    )
    assert resaved.status_code == 302
    plan.refresh_from_db()
    assert (plan.name, plan.contact_phone) == ("Helhedsplan Nord", "86 12 34 56")


def test_second_role_end_is_refused(leader_client: Client, admin_client_: Client, world: World):
    role = PlanRole.objects.get(plan=world.plan, person=world.staff)
    url = f"{MANAGE}roller/{role.pk}/afslut/"
    first = open_form(admin_client_, url)
    second = open_form(leader_client, url)
    assert admin_client_.post(url, {"valid_to": "2024-06-30", "version": first}).status_code == 302
    html = page(leader_client.post(url, {"valid_to": "2025-01-31", "version": second}))
    assert (
        '<li><a href="#id_valid_to">Til: “(tom)” → “30. juni 2024” '
        "(du skrev “31. januar 2025”)</a></li>"
    ) in html
    assert '<input type="date" name="valid_to" value="2024-06-30"' in html
    role.refresh_from_db()
    assert role.valid_to == date(2024, 6, 30)


def test_second_membership_end_is_refused_in_english(
    leader_client: Client, admin_client_: Client, world: World
):
    url = f"{MANAGE}medlemskaber/{world.chair.pk}/afslut/"
    first = open_form(admin_client_, url)
    leader_client.cookies["django_language"] = "en"
    second = open_form(leader_client, url)
    assert admin_client_.post(url, {"valid_to": "2024-06-30", "version": first}).status_code == 302
    html = page(leader_client.post(url, {"valid_to": "2024-06-30", "version": second}))
    assert (
        "Someone else saved changes after you opened this form, so your changes were not "
        "saved. Changed meanwhile:"
    ) in html
    # The same end date: nothing the editor wrote differs, so no "you wrote".
    with translation.override("en"):
        shown = date_format(date(2024, 6, 30), "DATE_FORMAT")
    assert f'<li><a href="#id_valid_to">To: “(empty)” → “{shown}”</a></li>' in html
    assert Membership.objects.get(pk=world.chair.pk).valid_to == date(2024, 6, 30)


def test_a_tampered_version_is_a_form_error_and_nothing_saved(leader_client: Client, world: World):
    role = PlanRole.objects.get(plan=world.plan, person=world.staff)
    url = f"{MANAGE}roller/{role.pk}/afslut/"
    version = open_form(leader_client, url)
    html = page(
        leader_client.post(url, {"valid_to": "2024-06-30", "version": version[:-3] + "abc"})
    )
    assert (
        "<li>Formularen er beskadiget eller forældet. Åbn den igen fra planens side; intet blev "
        "gemt.</li>"
    ) in html
    role.refresh_from_db()
    assert role.valid_to is None


def test_a_version_signed_for_the_old_values_is_refused_even_if_submitted_late(
    leader_client: Client, world: World
):
    """The version is the values the editor saw: a form opened before a change is refused
    however the change was made (here directly in the database, as the admin would)."""
    role = PlanRole.objects.get(plan=world.plan, person=world.staff)
    url = f"{MANAGE}roller/{role.pk}/afslut/"
    version = open_form(leader_client, url)
    PlanRole.objects.filter(pk=role.pk).update(title="Seniorkonsulent")
    html = page(leader_client.post(url, {"valid_to": "2024-06-30", "version": version}))
    assert "<li>Stillingsbetegnelse: “(tom)” → “Seniorkonsulent”</li>" in html
    role.refresh_from_db()
    assert role.valid_to is None
    # A form that does not say which version it edits (a script, not the page) is not checked.
    assert leader_client.post(url, {"valid_to": "2024-06-30"}).status_code == 302
    role.refresh_from_db()
    assert role.valid_to == date(2024, 6, 30)


def test_sign_values_is_what_the_page_carries(leader_client: Client, world: World):
    role = PlanRole.objects.get(plan=world.plan, person=world.staff)
    version = open_form(leader_client, f"{MANAGE}roller/{role.pk}/afslut/")
    assert unsign_values(version) == version_values(role)
    assert isinstance(sign_values(version_values(role)), str)


# Corrections, people, bodies and deletions -------------------------------------------------


def _refused(html: str) -> bool:
    return f"<li>{REFUSED}" in html


def test_second_role_correction_is_refused(
    leader_client: Client, admin_client_: Client, world: World
):
    role = PlanRole.objects.get(plan=world.plan, person=world.staff)
    url = f"{MANAGE}roller/{role.pk}/ret/"
    first, second = open_form(admin_client_, url), open_form(leader_client, url)
    data = {
        "person": role.person_id,
        "kind": role.kind,
        "title": "Koordinator",
        "fte": "0,50",
        "valid_from": role.valid_from.isoformat(),
    }
    assert admin_client_.post(url, {**data, "version": first}).status_code == 302
    html = page(leader_client.post(url, {**data, "title": "Konsulent", "version": second}))
    assert _refused(html)
    assert (
        '<li><a href="#id_title">Stillingsbetegnelse: “(tom)” → “Koordinator” '
        "(du skrev “Konsulent”)</a></li>"
    ) in html
    assert PlanRole.objects.get(pk=role.pk).title == "Koordinator"


def test_second_membership_correction_is_refused(
    leader_client: Client, admin_client_: Client, world: World
):
    seat = world.secretariat_seat
    url = f"{MANAGE}medlemskaber/{seat.pk}/ret/"
    first, second = open_form(admin_client_, url), open_form(leader_client, url)
    data = {
        "person": seat.person_id,
        "represents": seat.represents_id,
        "role": seat.role,
        "valid_from": seat.valid_from.isoformat(),
    }
    assert (
        admin_client_.post(url, {**data, "valid_from": "2023-04-01", "version": first}).status_code
        == 302
    )
    html = page(leader_client.post(url, {**data, "valid_to": "2025-12-31", "version": second}))
    assert _refused(html)
    assert '<li><a href="#id_valid_from">Fra: “1. marts 2023” → “1. april 2023”</a></li>' in html
    seat.refresh_from_db()
    assert (seat.valid_from, seat.valid_to) == (date(2023, 4, 1), None)


def test_second_person_edit_is_refused(leader_client: Client, admin_client_: Client, world: World):
    person = world.staff
    url = f"{MANAGE}personer/{person.pk}/ret/"
    first, second = open_form(admin_client_, url), open_form(leader_client, url)
    data = {"name": person.name, "title": person.title, "email": person.email, "phone": ""}
    assert (
        admin_client_.post(url, {**data, "email": "mads@example.org", "version": first}).status_code
        == 302
    )
    html = page(leader_client.post(url, {**data, "phone": "86 12 34 56", "version": second}))
    assert _refused(html)
    assert f'<li><a href="#id_email">E-mail: “{person.email}” → “mads@example.org”</a></li>' in html
    person.refresh_from_db()
    assert (person.email, person.phone) == ("mads@example.org", "")


def test_second_body_edit_is_refused(leader_client: Client, admin_client_: Client, world: World):
    body = world.board
    url = f"{MANAGE}organer/{body.pk}/ret/"
    assert f'href="{url}"' in page(leader_client.get(MANAGE))
    first, second = open_form(admin_client_, url), open_form(leader_client, url)
    data = {"kind": body.kind, "name": body.name, "description": ""}
    saved = admin_client_.post(url, {**data, "name": "Bestyrelsen", "version": first})
    assert saved.status_code == 302
    html = page(
        leader_client.post(url, {**data, "description": "Mødes hver måned.", "version": second})
    )
    assert _refused(html)
    assert (
        '<li><a href="#id_name">Navn: “Bestyrelsen for Testparken” → “Bestyrelsen”</a></li>'
    ) in html
    body.refresh_from_db()
    assert (body.name, body.description) == ("Bestyrelsen", "")
    # With the version the refusal carries, the second editor's change is saved.
    again = version_in(html)
    resaved = leader_client.post(
        url, {**data, "name": "Bestyrelsen", "description": "Mødes hver måned.", "version": again}
    )
    assert resaved.status_code == 302
    body.refresh_from_db()
    assert (body.name, body.description) == ("Bestyrelsen", "Mødes hver måned.")


def test_a_row_changed_after_the_delete_page_was_opened_is_not_deleted(
    leader_client: Client, world: World
):
    role = PlanRole.objects.get(plan=world.plan, person=world.staff)
    url = f"{MANAGE}roller/{role.pk}/slet/"
    version = open_form(leader_client, url)
    PlanRole.objects.filter(pk=role.pk).update(valid_to=date(2024, 6, 30))
    html = page(leader_client.post(url, {"version": version}))
    assert "<title>Fejl:" in html
    assert (
        "<li>En anden har gemt ændringer, efter du åbnede denne side, så intet blev slettet. "
        "Ændret i mellemtiden:"
    ) in html
    assert "<li>Til: “(tom)” → “30. juni 2024”</li>" in html
    assert (
        '<p class="bs-conflict-advice">Siden viser nu rækken, som den er. Slet den igen, hvis '
        "den stadig er en fejl.</p>"
    ) in html
    assert PlanRole.objects.filter(pk=role.pk).exists()
    # Confirmed again on the page as it is now: deleted.
    assert leader_client.post(url, {"version": version_in(html)}).status_code == 302
    assert not PlanRole.objects.filter(pk=role.pk).exists()


def test_a_membership_deleted_with_the_current_version_is_deleted(
    leader_client: Client, world: World
):
    url = f"{MANAGE}medlemskaber/{world.chair.pk}/slet/"
    version = open_form(leader_client, url)
    assert leader_client.post(url, {"version": version}).status_code == 302
    assert not Membership.objects.filter(pk=world.chair.pk).exists()
