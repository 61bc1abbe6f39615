"""`boligsocial budget export --plan SLUG -o FILE.xlsx` and `budget import FILE.xlsx --plan SLUG
[--dry-run]`: the workbook round trip from the command line; every problem listed, exit 2,
nothing written."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from boligsocial.budgets.models import BudgetLine, BudgetVersion
from boligsocial.plans.models import PlanSlugHistory
from tests.budgets.test_files_support import budget_world, edited, line_values
from tests.kit import nothing_written


@pytest.fixture(autouse=True)
def _english():
    with override_settings(LANGUAGE_CODE="en"):
        yield


def budget(*args: str) -> str:
    out = io.StringIO()
    call_command("budget", *args, stdout=out)
    return out.getvalue()


def test_export_then_import_changes_nothing(world, tmp_path):
    draft = budget_world(world)
    before = line_values(draft)
    target = tmp_path / "budget.xlsx"
    said = budget("export", "--plan", world.plan_led.slug, "-o", str(target))
    assert said.startswith(f"Wrote {target} (")
    assert said.endswith("budget version 1 (Draft) of Plan Beta, 7 line(s).\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["budget.xlsx"]
    said = budget("import", str(target), "--plan", world.plan_led.slug, "--dry-run")
    assert said.startswith(
        "Dry run, nothing written: 7 lines: 0 new, 0 changed, 0 removed, 7 unchanged; LBF's "
        "share is 80.7"
    )
    said = budget("import", str(target), "--plan", world.plan_led.slug)
    assert said.startswith("Imported into budget version 1: 7 lines: 0 new, 0 changed")
    assert line_values(draft) == before


def test_a_former_slug_finds_the_plan(world, tmp_path):
    budget_world(world)
    PlanSlugHistory.objects.create(plan=world.plan_led, slug="plan-beta-gammel")
    target = tmp_path / "b.xlsx"
    budget("export", "--plan", "plan-beta-gammel", "-o", str(target))
    assert "0 changed" in budget("import", str(target), "--plan", "plan-beta-gammel")


def test_an_import_with_problems_lists_them_all_and_exits_2(world, tmp_path):
    draft = budget_world(world)
    target = tmp_path / "budget.xlsx"
    budget("export", "--plan", world.plan_led.slug, "-o", str(target))

    def edit(workbook):
        workbook["2023"]["G2"] = "-1"
        workbook["2024"]["D2"] = "Bank"

    target.write_bytes(edited(target.read_bytes(), edit))
    with nothing_written(BudgetLine, BudgetVersion), pytest.raises(CommandError) as raised:
        call_command("budget", "import", str(target), "--plan", world.plan_led.slug)
    assert raised.value.returncode == 2
    assert str(raised.value) == (
        f"{target}: 2 problems; nothing was imported:\n"
        "  sheet 2023, row 2, column Beløb (kr.): '-1' is negative; an amount is 0 or more\n"
        "  sheet 2024, row 2, column Kildetype: “Bank” is not a kind of source (LBF, Kommune, "
        "Boligorganisation, Afdeling, Fond, Anden kilde)."
    )
    assert draft.lines.count() == 7


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--plan", "ingen", "-o", "{tmp}/a.xlsx"],
         "--plan ingen: no plan has this slug; nothing done"),
        (["export", "--plan", "{plan}", "-o", "{tmp}/a.csv"], "the file must end in .xlsx"),
        (["export", "--plan", "{plan}", "-o", "{tmp}/mangler/a.xlsx"], "does not exist"),
        (["export", "--plan", "{other}", "-o", "{tmp}/a.xlsx"], "the plan has no budget yet"),
        (["import", "{tmp}/mangler.xlsx", "--plan", "{plan}"], "file not found"),
    ],
    ids=["plan", "extension", "folder", "no budget", "no file"],
)  # fmt: skip
def test_bad_arguments_exit_2_and_write_nothing(world, tmp_path, args, message):
    budget_world(world)
    values = {"tmp": str(tmp_path), "plan": world.plan_led.slug, "other": world.plan_other.slug}
    with pytest.raises(CommandError, match=message) as raised:
        call_command("budget", *[a.format(**values) for a in args])
    assert raised.value.returncode == 2
    assert list(tmp_path.iterdir()) == []
