"""Helpers of the reporting tests: a report stored in a given status without the services, and
a small reporting world (the standard world's led plan running over the last three years and
this one, with focus areas and a granted budget)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from boligsocial.accounts.models import Role
from boligsocial.budgets.models import BudgetCategory, BudgetLine, BudgetVersion
from boligsocial.funding.models import FocusArea
from boligsocial.reporting.models import YearlyReport
from boligsocial.reporting.selectors import due_date_for
from tests import factories as f
from tests.kit import World


def stored_report(plan: Any, year: int, status: str = "due", **fields: Any) -> YearlyReport:
    """A report row in `status`, with the dates its status needs."""
    values: dict[str, Any] = {"due_date": due_date_for(plan, year), "status": status}
    if status in ("submitted", "approved", "returned"):
        values["submitted_on"] = date(year + 1, 5, 1)
    if status in ("approved", "returned"):
        values["decided_on"] = date(year + 1, 6, 1)
    values.update(fields)
    return YearlyReport.objects.create(plan=plan, year=year, **values)


@dataclass
class Reporting:
    world: World
    plan: Any
    last_year: int  # the latest year that has ended: its report can be submitted
    focus: Any  # a focus area of the plan
    other_focus: Any  # a focus area of the round the plan has not chosen
    category: Any
    budget: Any
    line: Any  # a budget line of last year
    lbf_user: Any

    def user(self, role: str) -> Any:
        return self.lbf_user if role == "lbf" else self.world.users[role]


def make_reporting(world: World) -> Reporting:
    today = timezone.localdate()
    plan = world.plan_led
    plan.start_date = date(today.year - 3, 1, 1)
    plan.end_date = date(today.year, 12, 31)
    plan.save()
    areas = list(FocusArea.objects.filter(fund_round=plan.fund_round).order_by("position"))
    plan.focus_areas.set(areas[:2])
    category = BudgetCategory.objects.get(code="activities")
    budget = BudgetVersion.objects.create(
        plan=plan, number=1, kind="original", state="approved", approved_on=plan.start_date
    )
    last = today.year - 1
    line = BudgetLine.objects.create(
        version=budget,
        key="lektiecafe" + str(last),
        year=last,
        category=category,
        focus_area=areas[0],
        text="Lektiecafé",
        source_kind="lbf",
        amount=Decimal("100000.00"),
    )
    BudgetLine.objects.create(
        version=budget,
        key="lektiecafe-lokal",
        year=last,
        category=category,
        focus_area=areas[0],
        text="Lektiecafé",
        source_kind="municipality",
        amount=Decimal("40000.00"),
    )
    return Reporting(
        world=world,
        plan=plan,
        last_year=last,
        focus=areas[0],
        other_focus=areas[3],
        category=category,
        budget=budget,
        line=line,
        lbf_user=f.user_with_role(Role.LBF),
    )
