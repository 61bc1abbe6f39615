"""A plan's budget pages (docs/decisions/0028): the current budget with its per-year tables,
totals, the 75/25 check per year and period with the breach in words, versions; one version;
two versions compared; the budget's history. Internal: readers of the plan only."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from tests import factories as f
from tests.kit import find, find_all, make_budget, parse, table_rows, text

from boligsocial.accounts.models import Role
from boligsocial.budgets.models import BudgetCategory, BudgetLine, SourceKind
from boligsocial.budgets.selectors import budget_summary
from boligsocial.budgets.services import budget_line_save, budget_revision_start
from boligsocial.budgets.wording import breach_text

pytestmark = pytest.mark.django_db


def _url(plan: Any, rest: str = "") -> str:
    return f"/intern/planer/{plan.slug}/budget/{rest}"


def _page(client: Client, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.content.decode()[:2000]
    return parse(response)


def _lbf_line(version: Any) -> BudgetLine:
    return version.lines.filter(source_kind=SourceKind.LBF).order_by("year").first()


def test_the_granted_budget_with_tables_totals_check_and_versions(
    world: Any, leader_client: Client
) -> None:
    make_budget(world.plan, granted_on=date(2023, 1, 15))
    page = _page(leader_client, _url(world.plan))
    assert text(find(page, "h1")) == "Budget for Helhedsplan for Testparken"
    assert text(find(page, "h2", id="current-version")) == "Det bevilgede budget (version 1)"
    check = table_rows(find(page, "table", id="budget-check"))
    assert check[0][:8] == [
        "Periode",
        "Kontrolleret i alt",
        "LBF",
        "Lokalt",
        "Naturalier",
        "LBF’s andel",
        "Lokal andel",
        "Overholder reglen",
    ]
    assert check[1] == [
        "2023",
        "1.000.000,00 kr.",
        "750.000,00 kr.",
        "250.000,00 kr.",
        "0,00 kr.",
        "75 %",
        "25 %",
        "Ja",
    ]
    assert check[-1][:4] == [
        "Hele perioden",
        "4.000.000,00 kr.",
        "3.000.000,00 kr.",
        "1.000.000,00 kr.",
    ]
    year = table_rows(find(page, "table", id="totals-source"))
    assert year[0] == ["Række", "2023", "2024", "2025", "2026", "Hele perioden"]
    assert year[1][0] == "Landsbyggefonden (LBF)"
    assert year[-1][-1] == "4.000.000,00 kr."
    versions = table_rows(find(page, "table", id="versions-table"))
    assert versions[1][:3] == ["Version 1", "Oprindeligt budget", "Godkendt"]
    assert versions[1][3] == "15. januar 2023"
    # The leader may start an omplacering; the budget in force has no edit links.
    assert find(page, "a", href=_url(world.plan, "omplacering/ny/"))
    assert "/linjer/" not in leader_client.get(_url(world.plan)).content.decode()


def test_a_draft_in_breach_says_so_in_kroner_and_points_per_year_and_period(
    world: Any, leader_client: Client
) -> None:
    version = make_budget(world.plan, lbf="800000.00", local="200000.00")
    page = _page(leader_client, _url(world.plan))
    with translation.override("da"):
        expected = breach_text(budget_summary(version).check)
    assert text(find(page, "p", id="budget-breach")) == expected + "."
    assert "LBF's andel er 80,0 %, 5,0 procentpoint over det højeste" in expected
    assert "66.666,67 kr." in expected  # 4 × 66.666,66… local money more, rounded up: per year
    rows = table_rows(find(page, "table", id="budget-check"))
    assert rows[1][-1].startswith("Nej: LBF's andel er 80,0 %")
    assert text(find(page, "div", id="budget-year-warnings")).count("Nej") == 0
    assert "2023: LBF's andel er 80,0 %" in text(find(page, "div", id="budget-year-warnings"))


def test_in_kind_not_known_is_shown_as_such(world: Any, leader_client: Client) -> None:
    fund_round = world.plan.fund_round
    fund_round.in_kind_counts = None
    fund_round.save()
    version = make_budget(world.plan)
    budget_line_save(
        version=version,
        data={
            "year": 2023,
            "category": BudgetCategory.objects.get(code="activities"),
            "text": "Frivillige timer",
            "source_kind": SourceKind.HOUSING_ORGANISATION,
            "source_organisation": world.housing,
            "in_kind": True,
            "amount": Decimal("1000"),
        },
        user=None,
    )
    page = _page(leader_client, _url(world.plan))
    assert "ikke kendt" in text(find(page, "p", id="budget-in-kind")).lower()
    assert "1.000,00 kr. (ikke kendt)" in table_rows(find(page, "table", id="budget-check"))[1]


def test_money_pages_are_for_logged_in_readers_of_the_plan(world: Any) -> None:
    make_budget(world.plan)
    anonymous = Client().get(_url(world.plan))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/log-ind/")
    world.plan.published = False
    world.plan.save()
    stranger = f.user_with_role(Role.PLAN_LEADER, plan=f.PlanFactory())
    client = Client()
    client.force_login(stranger)
    for rest in ("", "versioner/1/", "historik/", "sammenlign/?fra=1&til=1"):
        assert client.get(_url(world.plan, rest)).status_code == 404


def test_a_reader_who_may_not_edit_gets_no_edit_links_and_403_on_writes(world: Any) -> None:
    version = make_budget(world.plan)
    reader = f.user_with_role(Role.HOUSING_ORG, organisation=world.housing)
    client = Client()
    client.force_login(reader)
    page = client.get(_url(world.plan, "versioner/1/")).content.decode()
    assert "linjer/ny/" not in page
    line = _lbf_line(version)
    for rest in ("versioner/1/linjer/ny/", f"versioner/1/linjer/{line.pk}/", "omplacering/ny/"):
        assert client.get(_url(world.plan, rest)).status_code == 403
        assert client.post(_url(world.plan, rest), {}).status_code == 403


def test_one_version_and_its_draft_links(world: Any, leader_client: Client) -> None:
    version = make_budget(world.plan)
    page = _page(leader_client, _url(world.plan, "versioner/1/"))
    line = _lbf_line(version)
    assert find(page, "a", href=_url(world.plan, f"versioner/1/linjer/{line.pk}/"))
    assert find(page, "a", href=_url(world.plan, "versioner/1/linjer/ny/"))
    tables = [t for t in find_all(page, "table") if "bs-budget-year" in t.classes]
    assert len(tables) == 4
    rows = table_rows(tables[0])
    assert rows[1][:5] == [
        "Løn",
        "Fælles (på tværs af indsatsområder)",
        "Medarbejdere",
        "Landsbyggefonden (LBF)",
        "750.000,00 kr.",
    ]
    assert rows[2][:2] == ["Løn i alt", "750.000,00 kr."]
    assert rows[-1][:2] == ["2023 i alt", "1.000.000,00 kr."]
    assert leader_client.get(_url(world.plan, "versioner/9/")).status_code == 404


def test_compare_two_versions_line_by_line_and_per_year(world: Any, leader_client: Client) -> None:
    granted = make_budget(world.plan, granted_on=date(2023, 1, 15))
    revision = budget_revision_start(plan=world.plan, user=None)
    lbf = revision.lines.get(key=_lbf_line(granted).key)
    budget_line_save(
        version=revision,
        line=lbf,
        data={"amount": Decimal("700000"), "text": "Færre timer"},
        user=None,
    )
    page = _page(leader_client, _url(world.plan, "sammenlign/?fra=1&til=2"))
    lines = table_rows(find(page, "table", id="compare-lines"))
    assert len(lines) == 2
    assert lines[1][2:5] == ["750.000,00 kr.", "700.000,00 kr.", "-50.000,00 kr."]
    assert "Hvad pengene går til: Medarbejdere" in lines[1][5]
    assert lines[1][5].endswith("Færre timer")
    years = table_rows(find(page, "table", id="compare-years"))
    assert years[1] == ["2023", "1.000.000,00 kr.", "950.000,00 kr.", "-50.000,00 kr."]
    assert years[2][-1] == "Uændret"
    assert leader_client.get(_url(world.plan, "sammenlign/?fra=1&til=x")).status_code == 400
    assert leader_client.get(_url(world.plan, "sammenlign/?fra=1&til=1")).status_code == 400


def test_history_of_the_budget_in_kroner(world: Any, leader_client: Client) -> None:
    version = make_budget(world.plan)
    user = f.user_with_role(Role.SECRETARIAT_ADMIN)
    budget_line_save(
        version=version, line=_lbf_line(version), data={"amount": Decimal("1234.5")}, user=user
    )
    page = _page(leader_client, _url(world.plan, "historik/"))
    entries = text(find(page, "ol", id="history-list"))
    assert "Version 1, 2023: Medarbejdere" in entries
    assert "750.000,00 kr." in entries
    assert "1.234,50 kr." in entries
    assert user.get_username() in entries


def test_the_budget_page_costs_the_same_queries_with_more_lines(
    world: Any, leader_client: Client
) -> None:
    make_budget(world.plan, granted_on=date(2023, 1, 15))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert leader_client.get(_url(world.plan)).status_code == 200
        return len(queries)

    few = count()
    revision = budget_revision_start(plan=world.plan, user=None)
    for n in range(20):
        budget_line_save(
            version=revision,
            data={
                "year": 2024,
                "category": BudgetCategory.objects.get(code="other"),
                "text": f"Linje {n}",
                "source_kind": SourceKind.HOUSING_ORGANISATION,
                "source_organisation": world.housing,
                "amount": Decimal(10),
            },
            user=None,
        )
    from boligsocial.budgets.services import budget_revision_approve

    budget_revision_approve(
        version=revision, user=None, approved_on=date(2024, 1, 1), decision="OK"
    )
    assert count() == few
    assert few <= 12


def test_the_workbook_links_for_readers_and_editors(world: Any, leader_client: Client) -> None:
    make_budget(world.plan)
    page = _page(leader_client, _url(world.plan))
    assert find(page, "a", href=_url(world.plan, "eksport.xlsx"))
    assert find(page, "a", href=_url(world.plan, "import/"))
    reader = Client()
    reader.force_login(f.user_with_role(Role.HOUSING_ORG, organisation=world.housing))
    page = _page(reader, _url(world.plan))
    assert find(page, "a", href=_url(world.plan, "eksport.xlsx"))
    assert not find_all(page, "a", href=_url(world.plan, "import/"))
