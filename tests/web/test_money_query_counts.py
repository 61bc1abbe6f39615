"""Pinned query counts of the money pages (issue 10, decision 0032): the budget page, the
co-financer overview, a plan's instalments, the reports due, the instalments' overview and LBF's
frame cost the same number of queries on the national installation at two sizes (more running
plans with budgets, reports and instalments; more ended plans) and when a plan's budget and
accounts grow to twice their lines. Measured as `benchmarks/money_pages.py` measures them (its
probe, which this also tests), with the page caches off."""

from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any
from uuid import uuid4

import pytest

from boligsocial.budgets.models import BudgetLine
from boligsocial.budgets.selectors import current_budget
from boligsocial.demo.national import load_national
from boligsocial.plans.models import Plan
from boligsocial.reporting.models import AccountLine, YearlyReport

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    path = ROOT / "benchmarks" / "money_pages.py"
    spec = importlib.util.spec_from_file_location("bench_money_pages", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its own ROOT_URLCONF while the reference is measured
    spec.loader.exec_module(module)
    return module


bench = _bench()

# One request with the page caches off: the session, the user and the role assignments, then
# the page's own (whatever the number of plans, lines, reports and instalments).
QUERIES = {
    "/intern/ (secretariat admin; reference)": 7,
    "co-financer overview": 12,
    "budget page (plan leader)": 8,
    "budget page (secretariat admin)": 8,
    "plan's instalments": 10,
    "reports due (all plans)": 6,
    "instalments overview": 7,
    "LBF's frame": 16,
}


# Not pinned: the accounts page, whose money history costs a query more for each report whose
# history rows are on its first page (18 queries with one report, 20 with three), until the
# history's rows are read with what they show.
NOT_PINNED = {"accounts page"}


def _counted(probed: dict[str, Any]) -> dict[str, int]:
    """Each page's queries by its key (the overview's key names the municipality: cut off)."""
    out = {}
    for key, row in probed.items():
        assert row["status"] == 200, (key, row)
        if key not in NOT_PINNED:
            out[key.split(" (")[0] if key.startswith("co-financer") else key] = row["queries"]
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("scale", [0.02, 0.05])
def test_every_money_page_costs_the_same_queries_at_two_sizes(settings: Any, scale: float) -> None:
    settings.PAGE_CACHE_SECONDS = 0
    load_national(scale=scale, seed=5, password=bench.bench.PASSWORD)
    assert _counted(bench.probe(1)) == QUERIES


@pytest.mark.django_db
def test_a_plan_with_twice_the_lines_and_accounts_costs_no_query_more(settings: Any) -> None:
    settings.PAGE_CACHE_SECONDS = 0
    load_national(scale=0.02, seed=5, password=bench.bench.PASSWORD)
    plan = Plan.objects.get(roleassignment__user__username=bench.bench.LEADER)
    version = current_budget(plan)
    assert version is not None
    lines = list(version.lines.all())
    assert len(lines) == 800
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(
                version=version,
                key=uuid4().hex,
                position=line.position + 1000,
                year=line.year,
                category_id=line.category_id,
                focus_area_id=line.focus_area_id,
                text=line.text,
                source_kind=line.source_kind,
                source_organisation_id=line.source_organisation_id,
                source_afdeling_id=line.source_afdeling_id,
                source_name=line.source_name,
                in_kind=line.in_kind,
                amount=line.amount,
            )
            for line in lines
        ]
    )
    reports = list(YearlyReport.objects.filter(plan=plan))
    assert reports
    AccountLine.objects.bulk_create(
        [
            AccountLine(
                report=account.report,
                position=account.position + 1000,
                line_key=account.line_key,
                category_id=account.category_id,
                focus_area_id=account.focus_area_id,
                text=account.text,
                amount=account.amount + Decimal(1),
            )
            for account in AccountLine.objects.filter(report__in=reports)
        ]
    )
    assert version.lines.count() == 1600
    assert _counted(bench.probe(1)) == QUERIES
