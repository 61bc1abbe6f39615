"""`GET /api/v1/plans/{slug}/application.pdf|.xlsx`: the same permissions as the web page (403
when not logged in, 404 for a plan the user may not read), the file as an attachment."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from boligsocial.accounts.models import Role
from tests import factories as f
from tests.web.conftest import logged_in

pytestmark = pytest.mark.django_db

BASE = "/api/v1/plans/lilleparken-2027-2030/application"


def test_anonymous_is_refused_and_says_so(small):
    small.plan.published = True
    small.plan.save()
    response = Client().get(f"{BASE}.xlsx")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_a_reader_gets_the_xlsx_and_a_non_reader_404(small):
    municipality = logged_in(f.user_with_role(Role.MUNICIPALITY, municipality=f.municipality()))
    response = municipality.get(f"{BASE}.xlsx", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="praekvalifikationsansoegning-lilleparken-2027-2030.xlsx"'
    )
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "Ansøgning"
    stranger = logged_in(f.user_with_role(Role.PLAN_LEADER, plan=f.PlanFactory()))
    response = stranger.get(f"{BASE}.xlsx")
    assert response.status_code == 404
    assert response.json() == {"detail": "Ikke fundet."}


@pytest.mark.pdf
def test_the_pdf_in_the_language_asked_for(small):
    admin = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    response = admin.get(f"{BASE}.pdf", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(response.content))
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_an_unknown_plan_or_format(small):
    admin = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    assert admin.get("/api/v1/plans/ingen/application.xlsx").status_code == 404
    assert admin.get(f"{BASE}.docx").status_code == 404
