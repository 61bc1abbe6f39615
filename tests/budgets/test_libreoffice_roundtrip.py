"""A budget workbook saved again by LibreOffice (Debian's `libreoffice-calc-nogui`, as a user's
spreadsheet program would) imports like the one the program wrote: unchanged, it changes
nothing; edited, the edits come back. `.ci/run` installs LibreOffice; without it the test is
skipped with the reason."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from boligsocial.budgets.models import BudgetLine
from boligsocial.budgets.workbook import budget_workbook, budget_workbook_import
from tests.budgets.test_files_support import budget_world, edited, line_values, sheet_rows

SOFFICE = Path("/usr/bin/soffice")

pytestmark = pytest.mark.skipif(
    not SOFFICE.exists() and shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui",
)


def saved_by_libreoffice(data: bytes, folder: Path) -> bytes:
    """`data` opened and saved as XLSX by LibreOffice, headless, with a profile of its own (so
    it runs beside any other LibreOffice of the machine)."""
    source = folder / "in" / "budget.xlsx"
    source.parent.mkdir()
    source.write_bytes(data)
    out = folder / "out"
    command = [
        str(SOFFICE if SOFFICE.exists() else shutil.which("soffice")),
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(out),
        str(source),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    converted = out / "budget.xlsx"
    assert converted.is_file(), f"LibreOffice did not convert: {result.stdout} {result.stderr}"
    saved = converted.read_bytes()
    assert saved != data  # written by LibreOffice's own writer, not copied
    return saved


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_a_workbook_saved_by_libreoffice_re_imports_unchanged(world, tmp_path):
    draft = budget_world(world)
    before = line_values(draft)
    history = BudgetLine.history.count()
    data = budget_workbook(draft, exported_on=draft.created_at.date())
    saved = saved_by_libreoffice(data, tmp_path)
    assert [r for r in sheet_rows(saved, "2023") if any(r)] == sheet_rows(data, "2023")
    outcome = budget_workbook_import(
        plan=world.plan_led, data=saved, user=world.users["leader"], dry_run=False
    )
    r = outcome.result
    assert (r.created, r.updated, r.deleted, r.unchanged) == (0, 0, 0, 7)
    assert line_values(draft) == before
    assert BudgetLine.history.count() == history


def test_edits_in_a_libreoffice_saved_workbook_come_back(world, tmp_path):
    draft = budget_world(world)
    before = line_values(draft)

    def edit(workbook):
        workbook["2024"]["G2"] = 612000.75
        workbook["2026"].append(["Løn", "Fælles", "Sidste år", "LBF", None, "nej", "2.500,50"])

    data = edited(budget_workbook(draft, exported_on=draft.created_at.date()), edit)
    outcome = budget_workbook_import(
        plan=world.plan_led,
        data=saved_by_libreoffice(data, tmp_path),
        user=world.users["leader"],
        dry_run=False,
    )
    assert (outcome.result.created, outcome.result.updated) == (1, 1)
    after = {row[0]: row for row in line_values(draft)}
    assert after[before[4][0]][-1] == Decimal("612000.75")
    assert [row[5:] for row in after.values() if row[2] == 2026] == [
        ("Sidste år", "lbf", None, None, "", False, Decimal("2500.50"))
    ]


def test_an_accounts_workbook_saved_by_libreoffice_re_imports_unchanged(world, tmp_path):
    from datetime import date

    from django.utils import timezone

    from boligsocial.reporting.models import AccountLine
    from boligsocial.reporting.services import account_line_save, report_open, report_update
    from boligsocial.reporting.workbook import accounts_workbook, accounts_workbook_import
    from tests.kit import make_budget

    plan, admin = world.plan_led, world.users["admin"]
    version = make_budget(plan, granted_on=date(2023, 1, 1))
    line = BudgetLine.objects.filter(version=version, year=2023, source_kind="lbf").get()
    report = report_open(plan=plan, year=2023, user=admin)
    report_update(report=report, data={"opening_balance": Decimal("-10.5")}, user=admin)
    account_line_save(report=report, user=admin, data={"line_key": line.key, "amount": 7})
    history = AccountLine.history.count()
    today = timezone.localdate()
    saved = saved_by_libreoffice(accounts_workbook(plan, today=today, exported_on=today), tmp_path)
    outcome = accounts_workbook_import(plan=plan, data=saved, user=admin, dry_run=False)
    assert outcome.years_changed == []
    assert AccountLine.history.count() == history
