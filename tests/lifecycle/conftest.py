"""A plan of the 2019–26 round being prepared as an idea (2027–2030), with a user of each
kind: the secretariat administrator, the plan's leader, another plan's leader, a user of the
plan's housing organisation and one of its municipality, and a user acting for LBF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from boligsocial.accounts.models import Role
from boligsocial.funding.models import FocusArea
from boligsocial.plans.models import Plan, PlanStatus
from boligsocial.plans.services import (
    BudgetEstimateInput,
    plan_application_update,
    plan_budget_estimates_set,
    plan_goals_set,
)
from tests import factories as f
from tests.kit import make_budget


@dataclass
class LifeWorld:
    plan: Plan
    other_plan: Plan
    focus: list[FocusArea]
    users: dict[str, Any]


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def complete(plan: Plan, focus: list[FocusArea]) -> None:
    """Give the plan everything both submissions need, and the budget LBF's grant approves
    (exactly 75/25 each year, `tests.kit.make_budget`)."""
    plan.focus_areas.set(focus)
    plan_application_update(
        plan=plan,
        data={
            "challenges": "Mange unge uden uddannelse.",
            "purpose": "Flere i uddannelse og job.",
            "municipality_recommendation_date": date(2026, 1, 15),
        },
    )
    plan_goals_set(plan=plan, goals={fa: f"Mål for {fa.name}" for fa in focus})
    plan_budget_estimates_set(
        plan=plan,
        estimates=[
            BudgetEstimateInput(2027, "lbf", Decimal("3000000")),
            BudgetEstimateInput(2027, "municipality", Decimal("1000000")),
        ],
    )
    make_budget(plan)


@pytest.fixture
def lw(db: Any) -> LifeWorld:
    housing = f.HousingOrganisationFactory(name="Boligforeningen Livsløb")
    area = f.AreaFactory(name="Livsløbsparken", municipality=f.municipality("Aarhus"))
    afdeling = f.AfdelingFactory(organisation=housing, area=area, number="9")
    plan = f.PlanFactory(
        name="Helhedsplan Livsløbsparken",
        slug="helhedsplan-livslobsparken",
        status=PlanStatus.IDEA,
        published=False,
        start_date=date(2027, 1, 1),
        end_date=date(2030, 12, 31),
        fund_round=f.fund_round("2019–26"),
        length_reason="",
        fund_round_reason="Ny runde ventes; prøves under 2019–26-reglerne.",
        afdelinger=[afdeling],
    )
    focus = list(FocusArea.objects.filter(fund_round=plan.fund_round).order_by("position"))[:2]
    other_plan = f.PlanFactory(name="Helhedsplan Andetsteds", published=False)
    users = {
        "admin": f.user_with_role(Role.SECRETARIAT_ADMIN),
        "leader": f.user_with_role(Role.PLAN_LEADER, plan=plan),
        "other_leader": f.user_with_role(Role.PLAN_LEADER, plan=other_plan),
        "housing_user": f.user_with_role(Role.HOUSING_ORG, organisation=housing),
        "municipality_user": f.user_with_role(
            Role.MUNICIPALITY, municipality=f.municipality("Aarhus")
        ),
        "lbf": f.user_with_role(Role.LBF),
    }
    return LifeWorld(plan=plan, other_plan=other_plan, focus=focus, users=users)
