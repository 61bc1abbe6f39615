"""Builders for the budget workbook tests (test_files_*, test_cli_*, test_libreoffice_*): a plan
of the standard world with a budget that names every kind of source, in kind and in money, in a
focus area and across them. No tests here."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook

from boligsocial.budgets.models import BudgetCategory, BudgetLine, SourceKind
from boligsocial.budgets.services import budget_lines_replace, budget_open
from boligsocial.funding.models import FocusArea
from boligsocial.organisations.models import OrganisationKind
from tests import factories as f

# (year, category, focus area index or None, text, kind, source, in kind, amount)
LINES = [
    (2023, "salaries", 0, "Boligsocial medarbejder", "lbf", None, False, "600000.00"),
    (2023, "activities", None, "Lektiecafé", "municipality", "odense", False, "150000.00"),
    (2023, "activities", 1, "=Sommerlejr", "housing_organisation", "org_b", False, "40000.50"),
    (2023, "administration", None, "Lokaler", "afdeling", "afd_b", True, "9999.50"),
    (2024, "salaries", 0, "Boligsocial medarbejder", "lbf", None, False, "612000.00"),
    (2024, "evaluation", None, "Evaluering", "foundation", "fond", False, "100000.00"),
    (2024, "other", 1, "Frivillige", "other", "Foreningen Naboskab", True, "104000.00"),
]


def budget_world(world: Any) -> Any:
    """`world.plan_led` (2023–2026, afdeling Beta 2 of Boligforeningen Beta, Odense) with two
    focus areas, Odense Kommune, a registered foundation and a draft original budget of
    `LINES` (exactly 75 % LBF). Returns the draft."""
    plan = world.plan_led
    focus = list(FocusArea.objects.filter(fund_round=plan.fund_round).order_by("position")[:2])
    plan.focus_areas.set(focus)
    odense = f.OrganisationFactory(
        kind=OrganisationKind.MUNICIPALITY,
        name="Odense Kommune",
        municipality=f.municipality("Odense"),
    )
    fond = f.OrganisationFactory(kind=OrganisationKind.FOUNDATION, name="Testfonden")
    sources = {"odense": odense, "org_b": world.org_b, "fond": fond}
    categories = {c.code: c.pk for c in BudgetCategory.objects.all()}
    rows = []
    for year, category, area, text, kind, source, in_kind, amount in LINES:
        row: dict[str, Any] = {
            "year": year,
            "category": categories[category],
            "focus_area": focus[area].pk if area is not None else None,
            "text": text,
            "source_kind": kind,
            "in_kind": in_kind,
            "amount": Decimal(amount),
        }
        if kind == SourceKind.AFDELING:
            row["source_afdeling"] = world.afd_b.pk
        elif source in sources:
            row["source_organisation"] = sources[source].pk
        elif source:
            row["source_name"] = source
        rows.append(row)
    version = budget_open(plan=plan, user=world.users["leader"])
    BudgetLine.objects.filter(version=version).delete()  # the estimate's lines, if any
    budget_lines_replace(version=version, rows=rows, user=world.users["leader"])
    version.refresh_from_db()
    return version


def line_values(version: Any) -> list[tuple]:
    """Every stored value of the version's lines but the primary key, in order."""
    return list(
        BudgetLine.objects.filter(version=version)
        .order_by("year", "position")
        .values_list(
            "key", "position", "year", "category_id", "focus_area_id", "text", "source_kind",
            "source_organisation_id", "source_afdeling_id", "source_name", "in_kind", "amount",
        )
    )  # fmt: skip


def sheet_rows(data: bytes, title: str) -> list[list[Any]]:
    workbook = load_workbook(io.BytesIO(data))
    return [list(row) for row in workbook[title].iter_rows(values_only=True)]


def edited(data: bytes, edit: Any) -> bytes:
    """The workbook `data` after `edit(workbook)`, saved again by openpyxl."""
    workbook = load_workbook(io.BytesIO(data))
    edit(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
