"""A plan of the 2019–26 round with two of its focus areas, and a user of each kind: the
secretariat administrator, the plan's leader, another plan's leader, a housing-organisation
and a municipality user of the plan, and a user acting for LBF."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import translation

from boligsocial.accounts.models import Role
from boligsocial.funding.models import FocusArea
from boligsocial.plans.models import Plan
from tests import factories as f

PASSWORD = "test-password-123"


@dataclass
class AgreementWorld:
    plan: Plan
    other_plan: Plan
    focus: list[FocusArea]
    users: dict[str, Any]


def lbf_user() -> Any:
    """A user acting for LBF."""
    return f.user_with_role(Role.LBF)


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Services and selectors speak the active language: English, so tests assert the exact
    messages (the pages' tests choose their language per request)."""
    with translation.override("en"):
        yield


@pytest.fixture
def aw(db: Any) -> AgreementWorld:
    housing = f.HousingOrganisationFactory(name="Boligforeningen Aftale")
    area = f.AreaFactory(name="Aftaleparken", municipality=f.municipality("Aarhus"))
    afdeling = f.AfdelingFactory(organisation=housing, area=area, number="7")
    plan = f.PlanFactory(
        name="Helhedsplan Aftaleparken",
        slug="helhedsplan-aftaleparken",
        published=False,
        afdelinger=[afdeling],
    )
    focus = list(FocusArea.objects.filter(fund_round=plan.fund_round).order_by("position"))
    plan.focus_areas.set(focus[:2])
    other_plan = f.PlanFactory(name="Helhedsplan Andetsteds", published=False)
    users = {
        "admin": f.user_with_role(Role.SECRETARIAT_ADMIN),
        "leader": f.user_with_role(Role.PLAN_LEADER, plan=plan),
        "other_leader": f.user_with_role(Role.PLAN_LEADER, plan=other_plan),
        "housing_user": f.user_with_role(Role.HOUSING_ORG, organisation=housing),
        "municipality_user": f.user_with_role(
            Role.MUNICIPALITY, municipality=f.municipality("Aarhus")
        ),
        "lbf": lbf_user(),
    }
    return AgreementWorld(plan=plan, other_plan=other_plan, focus=focus, users=users)
