"""Benchmark the budget workbook import (issue 10: a 10,000-line workbook imports in ≤ 5 s; not a
test; `make bench`).

In a local installation of its own (`var/bench/budget-import/`, SQLite, migrated once and
reused), a plan with a draft budget of `--lines` lines (four years, every kind of source) is
exported as a workbook once; then, in the same run, this measures the median wall time of
`--runs` runs each of:

- import: the workbook into the draft emptied beforehand (every line new: what a first import
  of a drafted budget costs: read, resolve, check every row, write the lines and their history);
- re-import: the same workbook into the draft that holds it (every row read and checked,
  nothing written);
- dry run: the same, as the web page's preview;
- reference: openpyxl alone reading every cell of the same workbook (read-only, values only),
  the least any import of the file can cost.

Prints each median, the ratio of each to the reference and whether the target is met.

    .venv/bin/python benchmarks/budget_import.py [--lines 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HOME = ROOT / "var" / "bench" / "budget-import"
sys.path.insert(0, str(ROOT / "src"))
HOME.mkdir(parents=True, exist_ok=True)
os.environ["BOLIGSOCIAL_HOME"] = str(HOME)  # a local installation: its own SQLite and key
for name in ("DATABASE_URL", "ALLOWED_HOSTS", "DEBUG"):
    os.environ.pop(name, None)
os.environ["DJANGO_SETTINGS_MODULE"] = "boligsocial.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from boligsocial.areas.models import Afdeling, Area  # noqa: E402
from boligsocial.budgets.models import BudgetCategory, BudgetLine, BudgetVersion  # noqa: E402
from boligsocial.budgets.services import budget_lines_replace, budget_open  # noqa: E402
from boligsocial.budgets.workbook import budget_workbook, budget_workbook_import  # noqa: E402
from boligsocial.funding.models import FocusArea, FundRound  # noqa: E402
from boligsocial.organisations.models import (  # noqa: E402
    Municipality,
    Organisation,
    OrganisationKind,
)
from boligsocial.plans.models import Plan, PlanStatus  # noqa: E402

TARGET_SECONDS = 5.0
SLUG = "benchmark-budget-import"


def build_plan() -> Plan:
    """The benchmark's plan (made once): one afdeling of a housing organisation in Aarhus, the
    municipality, two focus areas of the 2019–26 round."""
    plan = Plan.objects.filter(slug=SLUG).first()
    if plan is not None:
        return plan
    municipality = Municipality.objects.get(name="Aarhus")
    housing = Organisation.objects.create(
        kind=OrganisationKind.HOUSING, name="Bench Boligforening", slug="bench-bolig",
        cvr="10000009",
    )  # fmt: skip
    Organisation.objects.create(
        kind=OrganisationKind.MUNICIPALITY, name="Bench Kommune", slug="bench-kommune",
        municipality=municipality,
    )  # fmt: skip
    area = Area.objects.create(name="Benchparken", slug="benchparken", municipality=municipality)
    afdeling = Afdeling.objects.create(organisation=housing, number="1", name="Bench 1", area=area)
    fund_round = FundRound.objects.get(code="2019–26")
    plan = Plan.objects.create(
        name="Benchmarkplan", slug=SLUG, fund_round=fund_round, start_date=date(2024, 1, 1),
        end_date=date(2027, 12, 31), status=PlanStatus.RUNNING, published=False,
    )  # fmt: skip
    plan.afdelinger.set([afdeling])
    plan.focus_areas.set(FocusArea.objects.filter(fund_round=fund_round)[:2])
    return plan


def build_rows(plan: Plan, lines: int) -> list[dict[str, Any]]:
    """`lines` lines over the plan's four years, every kind of source, 3 LBF kroner to 1 local."""
    categories = list(BudgetCategory.objects.values_list("pk", flat=True))
    focus = [None, *plan.focus_areas.values_list("pk", flat=True)]
    housing = Organisation.objects.get(slug="bench-bolig").pk
    municipality = Organisation.objects.get(slug="bench-kommune").pk
    afdeling = plan.afdelinger.get().pk
    local = [
        {"source_kind": "municipality", "source_organisation": municipality},
        {"source_kind": "housing_organisation", "source_organisation": housing},
        {"source_kind": "afdeling", "source_afdeling": afdeling, "in_kind": True},
        {"source_kind": "foundation", "source_name": "Benchfonden"},
        {"source_kind": "other", "source_name": "Frivillige"},
    ]
    rows = []
    for index in range(lines):
        row: dict[str, Any] = {
            "year": 2024 + index % 4,
            "category": categories[index % len(categories)],
            "focus_area": focus[index % len(focus)],
            "text": f"Aktivitet {index}",
            "amount": Decimal(1000 + index % 97) + Decimal("0.50"),
        }
        if index % 4 == 3:
            row.update(local[(index // 4) % len(local)])
        else:
            row["source_kind"] = "lbf"
        rows.append(row)
    return rows


def median_seconds(action: Callable[[], Any], runs: int, before: Callable[[], Any] | None = None):
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


def read_with_openpyxl(data: bytes) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    cells = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells += sum(1 for value in row if value is not None)
    workbook.close()
    return cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    plan = build_plan()
    BudgetVersion.objects.filter(plan=plan).delete()
    version = budget_open(plan=plan, user=None)
    BudgetLine.objects.filter(version=version).delete()
    started = time.perf_counter()
    budget_lines_replace(version=version, rows=build_rows(plan, args.lines), user=None)
    print(f"{args.lines:,} budget lines stored in {time.perf_counter() - started:.1f} s (setup)")
    started = time.perf_counter()
    data = budget_workbook(version, exported_on=date.today())  # noqa: DTZ011
    print(f"exported: {len(data):,} bytes in {time.perf_counter() - started:.2f} s")
    cells = read_with_openpyxl(data)
    version.refresh_from_db()
    exported_at = version.changed_at

    def as_exported() -> None:
        """The version as the workbook knows it (an import bumps its token)."""
        BudgetVersion.objects.filter(pk=version.pk).update(changed_at=exported_at)

    def run(dry_run: bool) -> None:
        outcome = budget_workbook_import(plan=plan, data=data, user=None, dry_run=dry_run)
        if len(outcome.rows.rows) != args.lines:
            raise SystemExit(f"read {len(outcome.rows.rows)} lines, not {args.lines}")

    def empty() -> None:
        with transaction.atomic():
            BudgetLine.objects.filter(version=version).delete()
            as_exported()

    figures = {
        "import (all lines new)": median_seconds(lambda: run(False), args.runs, before=empty),
        "re-import (unchanged)": median_seconds(lambda: run(False), args.runs, as_exported),
        "dry run": median_seconds(lambda: run(True), args.runs, as_exported),
        "reference: openpyxl reading it": median_seconds(
            lambda: read_with_openpyxl(data), args.runs
        ),
    }
    if BudgetLine.objects.filter(version=version).count() != args.lines:
        raise SystemExit("the import did not store every line")
    reference = figures["reference: openpyxl reading it"][0]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{args.lines:,} lines, {cells:,} cells, median of {args.runs} runs (load {load}):")
    for name, (median, times) in figures.items():
        spread = ", ".join(f"{t:.2f}" for t in times)
        print(f"  {name:32} {median:6.2f} s  ({median / reference:4.1f}× reference)  [{spread}]")
    first = figures["import (all lines new)"][0]
    verdict = "met" if first <= TARGET_SECONDS else "NOT met"
    print(
        f"\nTarget (issue 10): a {args.lines:,}-line workbook imports in "
        f"≤ {TARGET_SECONDS:.0f} s: {verdict} ({first:.2f} s)."
    )


if __name__ == "__main__":
    main()
