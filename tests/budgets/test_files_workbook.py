"""The budget workbook both ways: its layout, an unchanged re-import that changes nothing,
edits that come back as new, changed and removed lines, and every refusal with sheet, row and
column, nothing written."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from boligsocial.budgets.models import BudgetLine, BudgetVersion
from boligsocial.budgets.services import budget_line_save, budget_revision_start
from boligsocial.budgets.workbook import (
    WorkbookErrors,
    budget_workbook,
    budget_workbook_import,
)
from boligsocial.budgets.workbook.sheets import workbook_bytes
from tests.budgets.test_files_support import budget_world, edited, line_values, sheet_rows
from tests.kit import make_budget, nothing_written

EXPORTED = date(2026, 12, 3)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def draft(world):
    return budget_world(world)


def export(version) -> bytes:
    return budget_workbook(version, exported_on=EXPORTED)


def run(world, data: bytes, *, dry_run: bool = False):
    return budget_workbook_import(
        plan=world.plan_led, data=data, user=world.users["leader"], dry_run=dry_run
    )


def problems(world, data: bytes) -> list[str]:
    with nothing_written(BudgetLine, BudgetVersion), pytest.raises(WorkbookErrors) as raised:
        run(world, data)
    return [str(e) for e in raised.value.errors]


# --- the layout ---------------------------------------------------------------------------------


def test_one_sheet_per_year_a_summary_and_the_lists(world, draft):
    data = export(draft)
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Oversigt", "2023", "2024", "2025", "2026", "Lister"]
    sheet = workbook["2023"]
    assert [c.value for c in sheet[1]] == [
        "Kategori", "Indsatsområde", "Tekst", "Kildetype", "Kilde", "Naturalier",
        "Beløb (kr.)", "Nøgle",
    ]  # fmt: skip
    assert sheet.column_dimensions["H"].hidden is True
    assert sheet.freeze_panes == "A2"
    rows = sheet_rows(data, "2023")[1:]
    keys = [line[0] for line in line_values(draft)]
    assert rows == [
        ["Løn", "Uddannelse og livschancer", "Boligsocial medarbejder", "LBF", None, "nej",
         600000, keys[0]],
        ["Aktiviteter", "Fælles", "Lektiecafé", "Kommune", "Odense Kommune", "nej", 150000,
         keys[1]],
        ["Aktiviteter", "Beskæftigelse", "=Sommerlejr", "Boligorganisation",
         "Boligforeningen Beta", "nej", 40000.5, keys[2]],
        ["Administration", "Fælles", "Lokaler", "Afdeling",
         "Beta 2 (Boligforeningen Beta afd. 2)", "ja", 9999.5, keys[3]],
    ]  # fmt: skip
    assert sheet["C4"].data_type == "s"  # "=Sommerlejr" is a text, never a formula
    assert sheet["G2"].number_format == "#,##0.00"
    assert sheet_rows(data, "2025") == [[c.value for c in sheet[1]]]  # a year with no lines
    summary = {r[0]: r[1] for r in sheet_rows(data, "Oversigt") if r and r[0]}
    assert summary["Plan-id"] == world.plan_led.slug
    assert summary["Budgetversion"] == "1 (Kladde)"
    assert summary["Format"] == "boligsocial-budget/1"
    assert summary["Eksporteret"] == "03.12.2026"
    assert summary["Pulje"] == "2019–26"
    period = next(r for r in sheet_rows(data, "Oversigt") if r[0] == "Hele perioden")
    # in kind is not known for the round: left out of the check, shown apart
    assert period == [
        "Hele perioden", 1616000, 1212000, 290000.5, 113999.5, pytest.approx(0.806924, abs=1e-6),
        pytest.approx(0.193076, abs=1e-6), "nej",
    ]  # fmt: skip
    lists = sheet_rows(data, "Lister")
    assert lists[0] == ["Kategorier", "Indsatsområder", "Kildetyper", "Kilder", "Naturalier"]
    assert [r[2] for r in lists[1:7]] == [
        "LBF", "Kommune", "Boligorganisation", "Afdeling", "Fond", "Anden kilde",
    ]  # fmt: skip


def test_the_export_costs_the_same_queries_for_more_lines(
    world, draft, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        export(draft)


# --- round trip ---------------------------------------------------------------------------------


def test_an_unchanged_workbook_re_imports_unchanged(world, draft):
    before = line_values(draft)
    history = BudgetLine.history.count()
    changed_at = draft.changed_at
    outcome = run(world, export(draft))
    assert outcome.applied
    r = outcome.result
    assert (r.created, r.updated, r.deleted, r.unchanged) == (0, 0, 0, 7)
    assert outcome.summary == "7 lines: 0 new, 0 changed, 0 removed, 7 unchanged"
    assert line_values(draft) == before
    assert BudgetLine.history.count() == history
    draft.refresh_from_db()
    assert draft.changed_at == changed_at


def test_edits_come_back_as_new_changed_and_removed_lines(world, draft):
    before = line_values(draft)

    def edit(workbook):
        sheet = workbook["2023"]
        sheet["G3"] = "151.000,25"  # a Danish text amount
        sheet["E3"] = "odense kommune"  # names are matched without regard to case
        sheet.delete_rows(5)  # Lokaler
        sheet.append(["Løn", "Fælles", "Ny linje", "LBF", None, "nej", 1, None])
        sheet.append([c.value for c in sheet[2]])  # a copy of row 2, its key too
        workbook["2025"].append(["evaluation", "", "Midtvejsevaluering", "fond", "Testfonden",
                                 "", 25000, ""])  # fmt: skip

    outcome = run(world, edited(export(draft), edit))
    r = outcome.result
    # the amount changed; the lines after the removed one moved up (a change of position)
    assert (r.created, r.updated, r.deleted, r.unchanged) == (3, 4, 1, 2)
    after = line_values(draft)
    keys = {row[0]: row for row in after}
    assert keys[before[1][0]][-1] == Decimal("151000.25")
    assert before[3][0] not in keys
    texts = [(row[2], row[5], row[-1]) for row in after]
    assert (2023, "Ny linje", Decimal("1.00")) in texts
    assert texts.count((2023, "Boligsocial medarbejder", Decimal("600000.00"))) == 2
    assert (2025, "Midtvejsevaluering", Decimal("25000.00")) in texts
    # the copy got a key of its own; the original kept its key
    assert len({row[0] for row in after}) == len(after)
    assert before[0][0] in keys


def test_a_dry_run_says_what_would_change_and_writes_nothing(world, draft):
    data = edited(export(draft), lambda wb: wb["2024"].delete_rows(2))
    with nothing_written(BudgetLine, BudgetVersion):
        outcome = run(world, data, dry_run=True)
    assert not outcome.applied
    # the two lines after the removed one move up a place
    assert outcome.summary == "6 lines: 0 new, 2 changed, 1 removed, 4 unchanged"


# --- refusals -----------------------------------------------------------------------------------


def test_every_bad_cell_is_listed_with_sheet_row_and_column(world, draft):
    def edit(workbook):
        sheet = workbook["2023"]
        sheet["A2"] = "Rejser"
        sheet["G2"] = "mange"
        sheet["D3"] = "Bank"
        sheet["E4"] = "Boligforeningen Alfa"  # not of this plan
        sheet["G4"] = -5
        sheet["F5"] = "måske"
        sheet["G5"] = "1.234"
        sheet["B5"] = "Sport"
        workbook["2024"]["C2"] = ""  # the text is required
        workbook["2024"]["G3"] = 1_000_000_000
        extra = workbook.create_sheet("2031")
        extra.append([c.value for c in workbook["2023"][1]])
        extra.append(["Løn", "", "Uden for perioden", "LBF", "", "nej", 1, ""])

    assert problems(world, edited(export(draft), edit)) == [
        "sheet 2023, row 2, column Kategori: “Rejser” is not a category (Administration, "
        "Aktiviteter, Andet, Evaluering, Løn).",
        "sheet 2023, row 2, column Beløb (kr.): 'mange' is not a number",
        "sheet 2023, row 3, column Kildetype: “Bank” is not a kind of source (LBF, Kommune, "
        "Boligorganisation, Afdeling, Fond, Anden kilde).",
        "sheet 2023, row 4, column Kilde: “Boligforeningen Alfa” is not a housing organisation "
        "of the plan's afdelinger (see the sheet Lister).",
        "sheet 2023, row 4, column Beløb (kr.): '-5' is negative; an amount is 0 or more",
        "sheet 2023, row 5, column Indsatsområde: “Sport” is not one of the plan's focus areas "
        "(Fælles, Uddannelse og livschancer, Beskæftigelse).",
        "sheet 2023, row 5, column Naturalier: Write ja or nej.",
        "sheet 2023, row 5, column Beløb (kr.): '1.234' is ambiguous (1.234 or 1234 kr.): make "
        "it a number cell, or write the øre after a decimal comma (1.234,00)",
        "sheet 2024, row 2, column Tekst: Say what the money is for.",
        "sheet 2024, row 3, column Beløb (kr.): '1000000000' is more than the largest amount, "
        "999.999.999,99 kr.",
        "sheet 2031: 2031 is outside the plan's period (2023–2026).",
    ]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda data: b"year,amount\n2024,1\n", "The file is not an XLSX workbook"),
        (lambda data: b"PK\x03\x04broken", "The file is not an XLSX workbook"),
        (lambda data: workbook_bytes(Workbook()), "This is not a budget workbook exported by "
         "Boligsocial (its sheet Oversigt with the format boligsocial-budget/1 is missing)."),
        (lambda data: edited(data, lambda wb: wb["Oversigt"].__setitem__("B3", "en-anden-plan")),
         "sheet Oversigt, column Plan-id: This is the budget of another plan (en-anden-plan), "
         "not of Plan Beta."),
        (lambda data: edited(data, lambda wb: wb.create_sheet("Noter").append(["hej"])),
         "sheet Noter: A sheet of a budget workbook is a year (e.g. 2025), Oversigt or Lister."),
        (lambda data: edited(data, lambda wb: wb["2024"].__setitem__("I2", 5)),
         "sheet 2024, row 2: A cell to the right of the last column."),
        (lambda data: edited(data, lambda wb: wb["2024"].__setitem__("G1", "Beløb")),
         "sheet 2024, row 1, column Beløb: Unknown column heading."),
    ],
    ids=["csv", "broken", "foreign", "other plan", "other sheet", "extra cell", "heading"],
)  # fmt: skip
def test_a_foreign_or_malformed_workbook_is_refused(world, draft, make, message):
    assert message in problems(world, make(export(draft)))[0]


def test_a_workbook_of_a_changed_draft_is_an_edit_conflict(world, draft):
    data = export(draft)
    line = BudgetLine.objects.filter(version=draft).first()
    budget_line_save(version=draft, line=line, data={"text": "Ændret imens"}, user=None)
    assert problems(world, data) == [
        "Budget version 1 has been changed since this workbook was exported; nothing was "
        "imported. Export it again and make your changes in the new workbook."
    ]


def test_a_workbook_of_another_version_or_without_a_draft_is_refused(world):
    plan = world.plan_led
    granted = make_budget(plan, granted_on=date(2023, 1, 1))
    data = export(granted)
    assert problems(world, data) == [
        "The plan has no draft budget to import into: start a revision (omplacering) on the "
        "budget page, export it and import the workbook."
    ]
    budget_revision_start(plan=plan, user=None)
    assert problems(world, data) == [
        "sheet Oversigt, column Budgetversion: The workbook holds budget version 1, but the "
        "draft is version 2: export the draft, make the changes in that workbook and import it."
    ]


def test_a_revision_that_raises_lbfs_share_over_the_maximum_is_refused(world):
    plan = world.plan_led
    make_budget(plan, granted_on=date(2023, 1, 1))  # exactly 75/25 each year
    revision = budget_revision_start(plan=plan, user=None)
    data = export(revision)
    one_ore = edited(data, lambda wb: wb["2023"].__setitem__("G2", 750000.01))
    [message] = problems(world, one_ore)
    assert message.startswith(
        "A revision moves money within the budget; it cannot raise LBF's share over the maximum."
    )
    assert "LBF's share is 75.0000001 %, 0.0000001 pct.-point over the maximum" in message
    # moving money between lines at the same shares is an omplacering
    moved = edited(data, lambda wb: (wb["2023"].__setitem__("G2", 700000),
                                     wb["2024"].__setitem__("G2", 800000),
                                     wb["2024"].__setitem__("G3", 266666.67),
                                     wb["2023"].__setitem__("G3", 233333.33)))  # fmt: skip
    outcome = run(world, moved)
    assert outcome.check.ok
    assert outcome.result.updated == 4
