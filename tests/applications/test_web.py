"""The application on the internal pages: a button on the plan's page, a page with the missing
parts and the two downloads, for logged-in users who may read the plan (per role)."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from boligsocial.accounts.models import Role
from tests import factories as f
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db

PAGE = "/intern/planer/lilleparken-2027-2030/ansoegning/"
XLSX = "/intern/planer/lilleparken-2027-2030/ansoegning.xlsx"
PDF = "/intern/planer/lilleparken-2027-2030/ansoegning.pdf"


def _client(role: str, small) -> Client:
    if role == "anonymous":
        return Client()
    scope: dict = {}
    if role == "own_leader":
        return logged_in(f.user_with_role(Role.PLAN_LEADER, plan=small.plan))
    if role == "other_leader":
        return logged_in(f.user_with_role(Role.PLAN_LEADER, plan=f.PlanFactory()))
    if role == "own_housing_org":
        scope["organisation"] = small.plan.afdelinger.first().organisation
        role = Role.HOUSING_ORG
    elif role == "other_housing_org":
        scope["organisation"] = f.HousingOrganisationFactory()
        role = Role.HOUSING_ORG
    elif role == "municipality":
        scope["municipality"] = f.municipality("Aarhus")
    elif role == "other_municipality":
        scope["municipality"] = f.municipality("Odense")
        role = Role.MUNICIPALITY
    return logged_in(f.user_with_role(role, **scope))


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.SECRETARIAT_ADMIN, 200),
        ("own_leader", 200),
        ("own_housing_org", 200),
        (Role.MUNICIPALITY, 200),
        ("other_leader", 404),
        ("other_housing_org", 404),
        ("other_municipality", 404),
        (Role.ANALYST, 404),  # the plan is not published
    ],
)
def test_who_may_build_the_application_of_an_unpublished_plan(small, role, status):
    client = _client(role if role != Role.MUNICIPALITY else "municipality", small)
    assert client.get(PAGE).status_code == status
    response = client.get(XLSX)
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"] == (
            'attachment; filename="praekvalifikationsansoegning-lilleparken-2027-2030.xlsx"'
        )
        assert response["Cache-Control"] == "private, no-store"
        sheet = load_workbook(io.BytesIO(response.content))["Afdelinger"]
        assert sheet["A3"].value == "Boligforeningen Øst"


def test_anonymous_visitors_are_sent_to_the_login_even_for_a_published_plan(small):
    small.plan.published = True
    small.plan.save()
    for url in (PAGE, XLSX):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/log-ind/?next=")
    # a logged-in reader of a published plan may build it
    assert _client(Role.ANALYST, small).get(PAGE).status_code == 200


def test_the_page_lists_what_is_missing_and_the_plan_page_has_the_button(small):
    client = _client(Role.SECRETARIAT_ADMIN, small)
    html = client.get(PAGE).content.decode()
    assert "Mangler før indsendelse" in html
    assert 'href="/intern/planer/lilleparken-2027-2030/ansoegning.pdf"' in html
    manage = client.get("/intern/planer/lilleparken-2027-2030/").content.decode()
    assert f'href="{PAGE}"' in manage
    assert "Byg prækvalifikationsansøgning" in manage


@pytest.mark.pdf
def test_the_pdf_download(small):
    response = _client(Role.SECRETARIAT_ADMIN, small).get(PDF)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_an_unknown_format_or_plan_is_404_and_a_post_is_refused(small):
    client = _client(Role.SECRETARIAT_ADMIN, small)
    assert client.get("/intern/planer/lilleparken-2027-2030/ansoegning.docx").status_code == 404
    assert client.get("/intern/planer/ingen/ansoegning/").status_code == 404
    assert client.post(PAGE).status_code == 405


def test_a_logged_in_reader_finds_the_application_on_the_plan_page_and_a_visitor_does_not(small):
    small.plan.published = True
    small.plan.save()
    municipality = _client("municipality", small)
    html = municipality.get("/planer/lilleparken-2027-2030/").content.decode()
    assert f'<a href="{PAGE}" id="plan-application-link">' in html
    assert (
        "plan-application-link"
        not in Client().get("/planer/lilleparken-2027-2030/").content.decode()
    )
