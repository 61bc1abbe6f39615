"""A world for LBF's instalments: the standard world's led plan running over the last three
years and this one (starting 1 March of its first year), with a granted (approved) budget
whose LBF money differs per year, every ended year's report approved (nothing late), and a
user acting for LBF. Tests make a report late where they need one."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone, translation

from boligsocial.accounts.models import Role
from boligsocial.budgets.models import BudgetCategory, BudgetLine, BudgetVersion
from boligsocial.plans.models import Plan
from tests import factories as f
from tests.kit import World
from tests.reporting.helpers import stored_report

LBF_AMOUNTS = ("100000.00", "200000.00", "300000.00", "400000.50")


@dataclass
class Payments:
    world: World
    plan: Plan
    first_year: int  # the plan's first year (it starts 1 March)
    budget: BudgetVersion
    lbf_user: Any

    @property
    def years(self) -> list[int]:
        return [self.first_year + n for n in range(4)]

    def user(self, role: str) -> Any:
        return self.lbf_user if role == "lbf" else self.world.users[role]

    def report(self, year: int) -> Any:
        return self.plan.yearly_reports.get(year=year)


def add_lines(version: BudgetVersion, amounts: dict[int, str], *, local: str = "50000.00") -> None:
    """An LBF line and a municipality line for each year."""
    category = BudgetCategory.objects.get(code="activities")
    for year, amount in amounts.items():
        for kind, value in (("lbf", amount), ("municipality", local)):
            BudgetLine.objects.create(
                version=version,
                key=f"{kind}{year}",
                year=year,
                category=category,
                text="Lektiecafé",
                source_kind=kind,
                amount=Decimal(value),
            )


def make_payments(world: World) -> Payments:
    today = timezone.localdate()
    first = today.year - 3
    plan = world.plan_led
    plan.start_date = date(first, 3, 1)
    plan.end_date = date(today.year, 12, 31)
    plan.save()
    budget = BudgetVersion.objects.create(
        plan=plan, number=1, kind="original", state="approved", approved_on=date(first, 1, 15)
    )
    add_lines(budget, {first + n: amount for n, amount in enumerate(LBF_AMOUNTS)})
    for year in range(first, today.year):
        stored_report(plan, year, "approved")
    return Payments(
        world=world,
        plan=plan,
        first_year=first,
        budget=budget,
        lbf_user=f.user_with_role(Role.LBF),
    )


@pytest.fixture
def pw(world: World) -> Payments:
    return make_payments(world)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Services and selectors speak the active language: English, so tests assert the exact
    messages (the pages' tests choose their language per request)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
