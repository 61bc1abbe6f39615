"""The co-financers' overview `intern/medfinansiering/` (docs/decisions/0028): a municipality
or housing-organisation user sees their own commitments per plan and year by default;
administrators and LBF choose any, administrators also see the city's total per source and
year; the XLSX export holds the same with Danish headings and amount formats; a fixed number
of queries whatever the number of plans and lines."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from tests import factories as f
from tests.kit import find, find_all, make_budget, parse, table_rows, text

from boligsocial.accounts.models import Role
from boligsocial.budgets.models import BudgetCategory, SourceKind
from boligsocial.budgets.services import budget_line_save, budget_open
from boligsocial.organisations.models import OrganisationKind

pytestmark = pytest.mark.django_db
URL = "/intern/medfinansiering/"


@pytest.fixture
def aarhus(world: Any) -> Any:
    return f.OrganisationFactory(
        kind=OrganisationKind.MUNICIPALITY,
        name="Aarhus Kommune",
        slug="aarhus-kommune",
        municipality=world.plan.afdelinger.first().area.municipality,
    )


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _with_municipality(plan: Any, aarhus: Any, amount: str = "100000") -> None:
    version = budget_open(plan=plan, user=None)
    for year in (2023, 2024):
        budget_line_save(
            version=version,
            data={
                "year": year,
                "category": BudgetCategory.objects.get(code="activities"),
                "text": "Kommunens bidrag",
                "source_kind": SourceKind.MUNICIPALITY,
                "source_organisation": aarhus,
                "amount": Decimal(amount),
            },
            user=None,
        )


def test_a_housing_organisation_sees_its_own_commitments(world: Any) -> None:
    make_budget(world.plan, granted_on=date(2023, 1, 15))
    client = _client(f.user_with_role(Role.HOUSING_ORG, organisation=world.housing))
    page = parse(client.get(URL))
    assert text(find(page, "h1")) == "Medfinansiering: Boligforeningen Testhus"
    rows = table_rows(find(page, "table", id="committed"))
    assert rows[0][:5] == ["Helhedsplan", "2023", "2024", "2025", "2026"]
    assert rows[1][0] == "Helhedsplan for Testparken"
    assert rows[1][1] == "250.000,00 kr."
    assert rows[-1][-2] == "1.000.000,00 kr."
    assert not find_all(page, "table", id="city")
    # Another organisation is not theirs to choose.
    other = f.HousingOrganisationFactory()
    assert client.get(URL, {"organisation": other.slug}).status_code == 400


def test_a_municipality_user_sees_their_municipality_and_proposed_apart(
    world: Any, aarhus: Any
) -> None:
    _with_municipality(world.plan, aarhus)
    user = f.user_with_role(Role.MUNICIPALITY, municipality=aarhus.municipality)
    page = parse(_client(user).get(URL))
    assert not find_all(page, "table", id="committed")
    rows = table_rows(find(page, "table", id="proposed"))
    assert rows[1][:3] == ["Helhedsplan for Testparken", "100.000,00 kr.", "100.000,00 kr."]


def test_the_administrator_chooses_anyone_and_sees_the_citys_total(
    world: Any, admin_client_: Client, aarhus: Any
) -> None:
    make_budget(world.plan, granted_on=date(2023, 1, 15))
    page = parse(admin_client_.get(URL))
    city = table_rows(find(page, "table", id="city"))
    assert city[1][0] == "Landsbyggefonden (LBF)"
    assert city[1][-1] == "3.000.000,00 kr."
    assert city[-1][-1] == "4.000.000,00 kr."
    page = parse(admin_client_.get(URL, {"organisation": world.housing.slug}))
    assert table_rows(find(page, "table", id="committed"))[1][1] == "250.000,00 kr."
    page = parse(admin_client_.get(URL, {"kommune": str(aarhus.municipality.code)}))
    assert find_all(page, "p", id="committed-empty")
    both = admin_client_.get(
        URL, {"kommune": str(aarhus.municipality.code), "organisation": world.housing.slug}
    )
    assert both.status_code == 400


def test_lbf_chooses_any_but_has_no_city_total(world: Any) -> None:
    make_budget(world.plan, granted_on=date(2023, 1, 15))
    client = _client(f.user_with_role(Role.LBF))
    page = parse(client.get(URL, {"organisation": world.housing.slug}))
    assert find_all(page, "table", id="committed")
    assert not find_all(page, "table", id="city")


def test_others_may_not_and_anonymous_is_sent_to_log_in(world: Any, leader_client: Client) -> None:
    assert leader_client.get(URL).status_code == 403
    assert Client().get(URL).status_code == 302


def test_the_xlsx_export_has_danish_headings_and_amount_formats(
    world: Any, admin_client_: Client
) -> None:
    from openpyxl import load_workbook

    make_budget(world.plan, granted_on=date(2023, 1, 15))
    response = admin_client_.get(URL, {"organisation": world.housing.slug, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert "medfinansiering-boligforeningen-testhus.xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == "Tilsagn"
    sheet = workbook["Tilsagn"]
    assert [c.value for c in sheet[2]] == ["Helhedsplan", 2023, 2024, 2025, 2026, "I alt"]
    assert sheet["A3"].value == "Helhedsplan for Testparken"
    assert sheet["B3"].value == 250000
    assert sheet["B3"].number_format == "#,##0.00"
    assert sheet["F4"].value == 1000000
    assert "By i kraft" in workbook.sheetnames or len(workbook.sheetnames) >= 3


def test_the_overview_costs_the_same_queries_with_more_plans_and_lines(
    world: Any, admin_client_: Client
) -> None:
    make_budget(world.plan, granted_on=date(2023, 1, 15))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = admin_client_.get(URL, {"organisation": world.housing.slug})
            assert response.status_code == 200
        return len(queries)

    few = count()
    for n in range(3):
        plan = f.PlanFactory(afdelinger=[world.plan.afdelinger.first()], name=f"Plan {n}")
        make_budget(plan, granted_on=date(2023, 1, 15), years=[2023, 2024, 2025, 2026, 2023])
    assert count() == few
