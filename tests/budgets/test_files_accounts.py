"""A plan's yearly accounts as a workbook both ways (`reporting.workbook`, `boligsocial
accounts`): the reguleringskonto per year in the summary and a sheet of account lines per year;
an unchanged workbook changes nothing, edits come back, every problem is listed with sheet, row
and column and nothing is written; a report LBF approved does not change; a report changed
since the export is an edit conflict."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from boligsocial.budgets.models import BudgetLine
from boligsocial.budgets.workbook import WorkbookErrors
from boligsocial.reporting.models import AccountLine, YearlyReport
from boligsocial.reporting.services import account_line_save, report_open, report_update
from boligsocial.reporting.workbook import accounts_workbook, accounts_workbook_import
from tests.budgets.test_files_support import edited, sheet_rows
from tests.kit import find, make_budget, nothing_written, parse, table_rows, text


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"), override_settings(LANGUAGE_CODE="en"):
        yield


@pytest.fixture
def accounts(world):
    """plan_led (2023–2026) granted with a 75/25 budget; the reports of 2023 (two account
    lines, figures) and 2024 (none yet)."""
    plan = world.plan_led
    admin = world.users["admin"]
    version = make_budget(plan, granted_on=date(2023, 1, 1))
    lines = {(x.year, x.source_kind): x for x in BudgetLine.objects.filter(version=version)}
    report = report_open(plan=plan, year=2023, user=admin)
    figures = {"lbf_received": Decimal("750000"), "local_received": Decimal("250000")}
    report_update(report=report, data=figures, user=admin)
    lbf_line = lines[(2023, "lbf")]
    spent = {"line_key": lbf_line.key, "amount": Decimal("700000.50")}
    account_line_save(report=report, user=admin, data=spent)
    other = {"category": lbf_line.category, "text": "Uforudset", "amount": Decimal("12")}
    account_line_save(report=report, user=admin, data=other)
    report_open(plan=plan, year=2024, user=admin)
    return world, lines


def export(world) -> bytes:
    today = timezone.localdate()
    return accounts_workbook(world.plan_led, today=today, exported_on=today)


def stored(plan) -> list[tuple]:
    return list(
        AccountLine.objects.filter(report__plan=plan)
        .order_by("report__year", "position")
        .values_list("report__year", "line_key", "category_id", "focus_area_id", "text", "amount")
    )


def run(world, data: bytes, *, dry_run: bool = False):
    return accounts_workbook_import(
        plan=world.plan_led, data=data, user=world.users["leader"], dry_run=dry_run
    )


def problems(world, data: bytes) -> list[str]:
    with nothing_written(AccountLine, YearlyReport), pytest.raises(WorkbookErrors) as raised:
        run(world, data)
    return [str(e) for e in raised.value.errors]


def test_the_layout(accounts):
    world, lines = accounts
    data = export(world)
    assert load_workbook(io.BytesIO(data)).sheetnames == [
        "Oversigt", "2023", "2024", "2025", "2026", "Lister",
    ]  # fmt: skip
    key = lines[(2023, "lbf")].key
    assert sheet_rows(data, "2023") == [
        ["Budgetlinje", "Kategori", "Indsatsområde", "Tekst", "Beløb (kr.)", "Nøgle"],
        [f"Medarbejdere · Løn · Fælles · #{key[:8]}", "Løn", "Fælles", "Medarbejdere",
         700000.5, key],
        [None, "Løn", "Fælles", "Uforudset", 12, None],
    ]  # fmt: skip
    summary = sheet_rows(data, "Oversigt")
    header = next(i for i, r in enumerate(summary) if r[0] == "År")
    assert summary[header][:9] == [
        "År", "Status", "Primo (kr.)", "Primo, indtastet (kr.)", "Modtaget fra LBF (kr.)",
        "Lokal medfinansiering modtaget (kr.)", "Brugt (kr.)", "Ultimo (kr.)", "Bemærkning",
    ]  # fmt: skip
    assert summary[header + 1][:9] == [
        2023, "Skal afleveres", 0, None, 750000, 250000, 700012.5, 299987.5, None,
    ]  # fmt: skip


def test_an_unchanged_workbook_changes_nothing(accounts):
    world, _lines = accounts
    before, history = stored(world.plan_led), AccountLine.history.count()
    outcome = run(world, export(world))
    assert (outcome.years_changed, outcome.applied) == ([], True)
    assert outcome.summary == "nothing differs from the stored accounts"
    assert stored(world.plan_led) == before
    assert AccountLine.history.count() == history


def test_edits_come_back(accounts):
    world, lines = accounts
    data = export(world)
    label = next(r[3] for r in sheet_rows(data, "Lister")[1:] if r[3] and "Aktiviteter" in r[3])

    def edit(workbook):
        workbook["2023"]["E2"] = "650.000,25"
        workbook["2024"].append([label, None, None, None, 1000])
        summary = workbook["Oversigt"]
        row = next(r for r in summary.iter_rows() if r[0].value == 2024)
        row[4].value = 500
        row[3].value = -25

    outcome = run(world, edited(data, edit))
    assert outcome.years_changed == [2023, 2024]
    assert outcome.summary == "the accounts of 2023, 2024 change (3 account lines written)"
    assert stored(world.plan_led)[0][-1] == Decimal("650000.25")
    activities = lines[(2024, "housing_organisation")]
    assert stored(world.plan_led)[-1] == (
        2024, activities.key, activities.category_id, None, "Aktiviteter", Decimal("1000.00"),
    )  # fmt: skip
    report = YearlyReport.objects.get(plan=world.plan_led, year=2024)
    assert (report.lbf_received, report.opening_balance) == (Decimal("500"), Decimal("-25"))


def test_a_dry_run_writes_nothing(accounts):
    world, _lines = accounts
    data = edited(export(world), lambda wb: wb["2023"].delete_rows(3))
    with nothing_written(AccountLine, YearlyReport):
        outcome = run(world, data, dry_run=True)
    assert (outcome.years_changed, outcome.applied) == ([2023], False)


def test_every_problem_is_listed_and_nothing_written(accounts):
    world, _lines = accounts

    def edit(workbook):
        workbook["2023"]["A2"] = "Noget andet · #ffffffff"
        workbook["2023"]["E3"] = "mange"
        workbook["2024"].append([None, "Rejser", None, "Tur", 5])
        workbook["2024"].append([None, None, None, "Uden kategori", 5])
        summary = workbook["Oversigt"]
        row = next(r for r in summary.iter_rows() if r[0].value == 2025)
        row[5].value = -3

    assert problems(world, edited(export(world), edit)) == [
        "sheet Oversigt, row 10, column Lokal medfinansiering modtaget (kr.): '-3' is negative; "
        "an amount is 0 or more",
        "sheet 2023, row 2, column Budgetlinje: “Noget andet · #ffffffff” is not a budget line "
        "of 2023 (see the sheet Lister).",
        "sheet 2023, row 3, column Beløb (kr.): 'mange' is not a number",
        "sheet 2024, row 2, column Kategori: “Rejser” is not a category (Administration, "
        "Aktiviteter, Andet, Evaluering, Løn).",
        "sheet 2024, row 3, column Kategori: Choose a category, or the budget line it was spent "
        "on.",
    ]


def test_an_approved_report_does_not_change(accounts):
    world, _lines = accounts
    YearlyReport.objects.filter(plan=world.plan_led, year=2023).update(
        status="approved", submitted_on="2024-03-01", decided_on="2024-04-01"
    )
    data = export(world)
    assert run(world, data).years_changed == []  # unchanged: fine
    changed = edited(data, lambda wb: wb["2023"].__setitem__("E3", 13))
    assert problems(world, changed) == [
        "sheet 2023: The report for 2023 is approved by LBF and never changes."
    ]


def test_a_report_changed_since_the_export_is_a_conflict(accounts):
    world, _lines = accounts
    data = edited(export(world), lambda wb: wb["2023"].__setitem__("E3", 13))
    report = YearlyReport.objects.get(plan=world.plan_led, year=2023)
    report_update(report=report, data={"note": "Imens"}, user=world.users["admin"])
    assert problems(world, data) == [
        "sheet 2023: The report for 2023 has been changed since this workbook was exported; "
        "export the accounts again and make your changes in the new workbook."
    ]


def test_a_foreign_workbook_is_refused(accounts):
    world, _lines = accounts
    from boligsocial.budgets.selectors import current_budget
    from boligsocial.budgets.workbook import budget_workbook

    budget = budget_workbook(current_budget(world.plan_led), exported_on=date(2026, 12, 3))
    assert problems(world, budget)[0].startswith(
        "This is not an accounts workbook exported by Boligsocial"
    )


def test_the_command_exports_and_imports(accounts, tmp_path):
    world, _lines = accounts
    target = tmp_path / "regnskab.xlsx"
    out = io.StringIO()
    call_command("accounts", "export", "--plan", world.plan_led.slug, "-o", str(target), stdout=out)
    assert out.getvalue().startswith(f"Wrote {target} (")
    user = world.users["leader"].username
    out = io.StringIO()
    call_command("accounts", "import", str(target), "--plan", world.plan_led.slug,
                 "--user", user, "--dry-run", stdout=out)  # fmt: skip
    assert out.getvalue() == "Dry run, nothing written: nothing differs from the stored accounts.\n"
    with pytest.raises(CommandError, match="--user nobody: no active user") as raised:
        call_command("accounts", "import", str(target), "--plan", world.plan_led.slug,
                     "--user", "nobody")  # fmt: skip
    assert raised.value.returncode == 2
    other = world.users["other_leader"].username
    target.write_bytes(edited(target.read_bytes(), lambda wb: wb["2023"].__setitem__("E3", 13)))
    with nothing_written(AccountLine, YearlyReport), pytest.raises(CommandError) as raised:
        call_command("accounts", "import", str(target), "--plan", world.plan_led.slug,
                     "--user", other)  # fmt: skip
    assert raised.value.returncode == 2
    assert "Only secretariat administrators and the plan's leader may change its reports." in (
        str(raised.value)
    )


# --- the pages ----------------------------------------------------------------------------------


def client_of(world, role: str):
    client = world.client(role)
    client.cookies["django_language"] = "en"
    return client


def test_the_plans_readers_download_the_accounts(accounts):
    world, _lines = accounts
    url = reverse("web:accounts_export", args=[world.plan_led.slug])
    response = client_of(world, "housing_user").get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="regnskab-{world.plan_led.slug}.xlsx"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "Oversigt"
    assert client_of(world, "other_leader").get(url).status_code == 404


def test_an_editor_checks_then_imports_the_accounts(accounts):
    world, _lines = accounts
    url = reverse("web:accounts_import", args=[world.plan_led.slug])
    assert client_of(world, "housing_user").get(url).status_code == 403
    data = edited(export(world), lambda wb: wb["2023"].__setitem__("E3", 13))
    client = client_of(world, "leader")

    def post(action: str, content: bytes):
        upload = SimpleUploadedFile("regnskab.xlsx", content, "application/octet-stream")
        return client.post(url, {"file": upload, "action": action})

    with nothing_written(AccountLine, YearlyReport):
        page = parse(post("check", data))
    assert text(find(page, "div", id="accounts-check-result")) == (
        "The workbook can be imported regnskab.xlsx: the accounts of 2023 change (2 account lines "
        "written). Choose the same file again and import it."
    )
    with nothing_written(AccountLine, YearlyReport):
        page = parse(post("import", edited(data, lambda wb: wb["2023"].__setitem__("E3", -1))))
    assert table_rows(find(page, "table", id="import-problems-table"))[1:] == [
        ["2023", "3", "Beløb (kr.)", "'-1' is negative; an amount is 0 or more"]
    ]
    response = post("import", data)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:accounts", args=[world.plan_led.slug])
    assert stored(world.plan_led)[1][-1] == Decimal("13.00")
