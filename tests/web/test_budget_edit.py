"""Writing a plan's budget on the web (docs/decisions/0028): lines of a draft with Danish
amounts, an omplacering whose over-75 % save is refused with the breach next to the amount,
its approval with the board's decision, discarding, and the conflict message when someone else
changed the budget meanwhile. Nothing is written by a refused save."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from tests.kit import db_snapshot, find, make_budget, parse, text

from boligsocial.budgets.models import (
    BudgetCategory,
    BudgetLine,
    BudgetVersion,
    SourceKind,
    VersionKind,
    VersionState,
)
from boligsocial.budgets.services import budget_line_save, budget_revision_start
from boligsocial.web.forms.budgets import parse_amount

pytestmark = pytest.mark.django_db


def _url(plan: Any, rest: str = "") -> str:
    return f"/intern/planer/{plan.slug}/budget/{rest}"


def _token(client: Client, url: str) -> str:
    found = re.search(r'name="version" value="([^"]+)"', client.get(url).content.decode())
    assert found is not None
    return found.group(1)


def _line_data(world: Any, **values: Any) -> dict[str, Any]:
    data = {
        "year": "2024",
        "category": str(BudgetCategory.objects.get(code="activities").pk),
        "focus_area": "",
        "text": "Lektiecafé",
        "source_kind": SourceKind.HOUSING_ORGANISATION,
        "source_organisation": str(world.housing.pk),
        "source_afdeling": "",
        "source_name": "",
        "amount": "1.234,50",
    }
    data.update(values)
    return data


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1.234,50", "1234.50"),
        ("1234,5", "1234.50"),
        ("1234.50", "1234.50"),
        ("2.000", "2000.00"),  # read as Danish only: 2.000 has three decimals as a point
        ("125.000", "125000.00"),
        ("999.999.999,99", "999999999.99"),
        ("0", "0.00"),
        (" 12 kr. ", "12.00"),
    ],
)
def test_amounts_typed_in_danish_or_with_a_decimal_point(typed: str, amount: str) -> None:
    assert parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1.500,5.0", "not an amount"),
        ("tolv", "not an amount"),
        ("-5", "negative"),
        ("1.000.000.000", "999.999.999,99"),
        ("999999999.999", "two decimals"),
        ("1,234.50", "not an amount"),
    ],
)
def test_bad_amounts_say_why(typed: str, message: str) -> None:
    with translation.override("en"), pytest.raises(ValueError, match=message):
        parse_amount(typed)


def test_an_amount_that_reads_two_ways_is_refused_with_both_readings() -> None:
    # "1.50" is 1,50 kr. (a thousands' dot needs three digits after it); "1.500" is Danish
    # 1.500 kr. (money has no third decimal); "1,500" is 1,50 kr. in Danish but 1.500 kr. to
    # someone who writes a thousands' comma: refused, with both readings.
    assert parse_amount("1.50") == Decimal("1.50")
    assert parse_amount("1.500") == Decimal("1500.00")
    assert parse_amount("1,50") == Decimal("1.50")
    with translation.override("en"), pytest.raises(ValueError, match=r"1,50 kr\. or 1\.500,00"):
        parse_amount("1,500")


def test_a_leader_adds_changes_and_deletes_lines_of_the_draft(
    world: Any, leader_client: Client
) -> None:
    version = make_budget(world.plan)
    add = _url(world.plan, "versioner/1/linjer/ny/")
    response = leader_client.post(add, {**_line_data(world), "version": _token(leader_client, add)})
    assert response.status_code == 302, response.content.decode()[:3000]
    line = BudgetLine.objects.get(version=version, text="Lektiecafé")
    assert line.amount == Decimal("1234.50")
    assert line.history.first().history_user is not None
    edit = _url(world.plan, f"versioner/1/linjer/{line.pk}/")
    page = parse(leader_client.get(edit))
    assert find(page, "input", name="amount").attrs["value"] == "1.234,50"
    response = leader_client.post(
        edit, {**_line_data(world, amount="2000.25"), "version": _token(leader_client, edit)}
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.amount == Decimal("2000.25")
    delete = _url(world.plan, f"versioner/1/linjer/{line.pk}/slet/")
    response = leader_client.post(delete, {"version": _token(leader_client, delete)})
    assert response.status_code == 302
    assert not BudgetLine.objects.filter(pk=line.pk).exists()


def test_bad_input_names_the_field_and_writes_nothing(world: Any, leader_client: Client) -> None:
    make_budget(world.plan)
    add = _url(world.plan, "versioner/1/linjer/ny/")
    token = _token(leader_client, add)
    before = db_snapshot(BudgetLine, BudgetVersion)
    cases = [
        ({"amount": "-1"}, "amount", "negativt"),
        ({"amount": "1.000.000.000"}, "amount", "999.999.999,99"),
        ({"amount": "1,500"}, "amount", "1.500,00 kr."),
        ({"year": "2031"}, "year", "2031"),
        ({"source_kind": "lbf"}, "source_kind", "LBF"),
        ({"source_kind": "afdeling"}, "source_afdeling", "afdeling"),
        ({"text": ""}, "text", ""),
    ]
    for values, field, said in cases:
        response = leader_client.post(add, {**_line_data(world, **values), "version": token})
        assert response.status_code == 200, values
        page = parse(response)
        summary = text(find(page, "div", id="error-summary"))
        assert said in summary, (values, summary)
        assert find(page, "a", href=f"#id_{field}") is not None, (values, summary)
    assert db_snapshot(BudgetLine, BudgetVersion) == before


def test_omplacering_refuses_an_over_75_save_with_the_breach_then_is_approved(
    world: Any, leader_client: Client
) -> None:
    granted = make_budget(world.plan, granted_on=date(2023, 1, 15))
    response = leader_client.post(_url(world.plan, "omplacering/ny/"), {"note": "Flyt"})
    assert response.status_code == 302
    revision = BudgetVersion.objects.get(plan=world.plan, number=2)
    assert revision.kind == VersionKind.REVISION
    assert response["Location"] == _url(world.plan, "versioner/2/")
    lbf = revision.lines.get(source_kind=SourceKind.LBF, year=2023)
    edit = _url(world.plan, f"versioner/2/linjer/{lbf.pk}/")
    token = _token(leader_client, edit)
    values = {
        "year": "2023",
        "category": str(lbf.category_id),
        "focus_area": "",
        "text": lbf.text,
        "source_kind": "lbf",
        "source_organisation": "",
        "source_afdeling": "",
        "source_name": "",
    }
    before = db_snapshot(BudgetLine, BudgetVersion)
    refused = leader_client.post(edit, {**values, "amount": "750.000,01", "version": token})
    assert refused.status_code == 200
    page = parse(refused)
    error = text(find(page, "span", id="id_amount-error") or find(page, "div", id="error-summary"))
    assert "LBF's andel er" in error
    assert "der mangler 0,01 kr. i lokal medfinansiering" in error
    assert db_snapshot(BudgetLine, BudgetVersion) == before
    # Exactly 75 % is allowed (the boundary), and lower is too.
    saved = leader_client.post(edit, {**values, "amount": "750.000,00", "version": token})
    assert saved.status_code == 302
    saved = leader_client.post(
        edit, {**values, "amount": "700.000", "version": _token(leader_client, edit)}
    )
    assert saved.status_code == 302
    assert BudgetLine.objects.get(pk=lbf.pk).amount == Decimal("700000.00")
    approve = _url(world.plan, "versioner/2/godkend/")
    page = parse(leader_client.get(approve))
    assert find(page, "select", name="body")
    response = leader_client.post(
        approve,
        {
            "approved_on": "2024-02-01",
            "body": str(world.board.pk),
            "decision": "Bestyrelsen godkendte omplaceringen, punkt 4.",
            "version": _token(leader_client, approve),
        },
    )
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.state == VersionState.APPROVED
    assert revision.body == world.board
    assert revision.approved_on == date(2024, 2, 1)
    page = parse(leader_client.get(_url(world.plan)))
    assert "punkt 4" in text(find(page, "table", id="versions-table"))
    assert granted.number == 1


def test_approval_needs_a_decision_and_a_date_not_after_today(
    world: Any, leader_client: Client
) -> None:
    make_budget(world.plan, granted_on=date(2023, 1, 15))
    budget_revision_start(plan=world.plan, user=None)
    approve = _url(world.plan, "versioner/2/godkend/")
    response = leader_client.post(
        approve,
        {"approved_on": "2999-01-01", "decision": "", "version": _token(leader_client, approve)},
    )
    assert response.status_code == 200
    page = parse(response)
    assert find(page, "a", href="#id_decision") is not None
    response = leader_client.post(
        approve,
        {"approved_on": "2999-01-01", "decision": "OK", "version": _token(leader_client, approve)},
    )
    assert response.status_code == 200
    assert BudgetVersion.objects.get(plan=world.plan, number=2).state == VersionState.DRAFT


def test_someone_elses_change_meanwhile_is_a_conflict_and_nothing_is_saved(
    world: Any, leader_client: Client
) -> None:
    version = make_budget(world.plan)
    lbf = version.lines.get(source_kind=SourceKind.LBF, year=2024)
    edit = _url(world.plan, f"versioner/1/linjer/{lbf.pk}/")
    token = _token(leader_client, edit)
    budget_line_save(version=version, line=lbf, data={"text": "Ændret af en anden"}, user=None)
    response = leader_client.post(
        edit,
        {
            "year": "2024",
            "category": str(lbf.category_id),
            "focus_area": "",
            "text": "Min tekst",
            "source_kind": "lbf",
            "source_organisation": "",
            "source_afdeling": "",
            "source_name": "",
            "amount": "1,00",
            "version": token,
        },
    )
    assert response.status_code == 200
    page = parse(response)
    summary = text(find(page, "div", id="error-summary"))
    assert "En anden har gemt ændringer" in summary
    assert "Budgettet blev sidst ændret" in summary
    assert find(page, "input", name="text").attrs["value"] == "Min tekst"  # kept
    lbf.refresh_from_db()
    assert lbf.text == "Ændret af en anden"
    assert lbf.amount == Decimal("750000.00")
    # The form now carries the current version: saving again works.
    again = leader_client.post(
        edit,
        {
            "year": "2024",
            "category": str(lbf.category_id),
            "focus_area": "",
            "text": "Min tekst",
            "source_kind": "lbf",
            "source_organisation": "",
            "source_afdeling": "",
            "source_name": "",
            "amount": "1,00",
            "version": re.search(
                r'name="version" value="([^"]+)"', response.content.decode()
            ).group(1),  # type: ignore[union-attr]
        },
    )
    assert again.status_code == 302


def test_an_approved_version_is_not_edited(world: Any, leader_client: Client) -> None:
    version = make_budget(world.plan, granted_on=date(2023, 1, 15))
    line = version.lines.first()
    for rest in (
        "versioner/1/linjer/ny/",
        f"versioner/1/linjer/{line.pk}/",
        f"versioner/1/linjer/{line.pk}/slet/",
        "versioner/1/godkend/",
        "versioner/1/kasser/",
    ):
        assert leader_client.get(_url(world.plan, rest)).status_code == 403
        assert leader_client.post(_url(world.plan, rest), {}).status_code == 403


def test_start_the_budget_from_the_estimate_and_discard_a_draft(
    world: Any, leader_client: Client
) -> None:
    from boligsocial.plans.models import BudgetSource, PlanBudgetEstimate

    PlanBudgetEstimate.objects.create(
        plan=world.plan, year=2024, source=BudgetSource.LBF, amount=Decimal(300000)
    )
    page = parse(leader_client.get(_url(world.plan)))
    assert find(page, "p", id="no-budget")
    assert leader_client.get(_url(world.plan, "opret/")).status_code == 200
    response = leader_client.post(_url(world.plan, "opret/"))
    assert response.status_code == 302
    version = BudgetVersion.objects.get(plan=world.plan)
    assert version.lines.get().amount == Decimal(300000)
    # Opened already: the address goes to the budget.
    assert leader_client.post(_url(world.plan, "opret/"))["Location"] == _url(
        world.plan, "versioner/1/"
    )
    discard = _url(world.plan, "versioner/1/kasser/")
    response = leader_client.post(discard, {"version": _token(leader_client, discard)})
    assert response.status_code == 302
    assert not BudgetVersion.objects.filter(plan=world.plan).exists()
    assert BudgetLine.history.filter(history_type="-").count() == 1


def test_a_second_omplacering_waits_for_the_draft(world: Any, leader_client: Client) -> None:
    make_budget(world.plan, granted_on=date(2023, 1, 15))
    budget_revision_start(plan=world.plan, user=None)
    response = leader_client.get(_url(world.plan, "omplacering/ny/"))
    assert response["Location"] == _url(world.plan, "versioner/2/")


def test_before_the_grant_no_omplacering(world: Any, leader_client: Client) -> None:
    make_budget(world.plan)
    response = leader_client.post(_url(world.plan, "omplacering/ny/"), {"note": ""})
    assert response.status_code == 200
    assert "ikke bevilget" in text(find(parse(response), "div", id="error-summary")) or (
        "not granted" in response.content.decode()
    )
    assert BudgetVersion.objects.filter(plan=world.plan).count() == 1


def test_a_plan_without_a_board_records_the_decision_alone(admin_client_: Client) -> None:
    from tests import factories as f

    plan = f.PlanFactory(afdelinger=[f.AfdelingFactory()])
    make_budget(plan, granted_on=date(2023, 1, 15))
    budget_revision_start(plan=plan, user=None)
    approve = _url(plan, "versioner/2/godkend/")
    response = admin_client_.post(
        approve,
        {
            "approved_on": "2024-02-01",
            "body": "",
            "decision": "Godkendt af styregruppen på vegne af bestyrelsen",
            "version": _token(admin_client_, approve),
        },
    )
    assert response.status_code == 302
    version = BudgetVersion.objects.get(plan=plan, number=2)
    assert version.state == VersionState.APPROVED
    assert version.body is None
