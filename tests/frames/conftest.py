"""A small frame world: the 2019–26 round with its frame years (the data migration's), and a
test round of our own with two frame years, a plan in it, and a user of each kind that
matters to the frame."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from boligsocial.accounts.models import Role
from boligsocial.areas.models import Afdeling
from boligsocial.frames.models import FrameYear
from boligsocial.funding.models import FundRound
from boligsocial.plans.models import Plan
from tests import factories as f

MIO = Decimal("1000000")


@dataclass
class FrameWorld:
    fund_round: FundRound
    plan: Plan
    afdeling: Afdeling
    years: dict[int, FrameYear]
    users: dict[str, Any]


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def make_frame_world() -> FrameWorld:
    fund_round = FundRound.objects.create(
        code="2031–34", name="Testrunden", first_year=2031, last_year=2034
    )
    years = {
        2031: FrameYear.objects.create(
            fund_round=fund_round, year=2031, base_amount=100 * MIO, rent_support_max=40 * MIO
        ),
        2032: FrameYear.objects.create(
            fund_round=fund_round, year=2032, base_amount=100 * MIO, rent_support_max=40 * MIO
        ),
    }
    org = f.HousingOrganisationFactory(name="Boligforeningen Ramme")
    afdeling = f.AfdelingFactory(organisation=org, number="7", name="Rammen 7", dwellings=300)
    plan = f.PlanFactory(
        name="Plan Ramme",
        fund_round=fund_round,
        start_date="2031-01-01",
        end_date="2034-12-31",
        afdelinger=[afdeling],
    )
    users = {
        "admin": f.user_with_role(Role.SECRETARIAT_ADMIN),
        "lbf": f.user_with_role(Role.LBF),
        "leader": f.user_with_role(Role.PLAN_LEADER, plan=plan),
        "housing": f.user_with_role(Role.HOUSING_ORG, organisation=org),
    }
    return FrameWorld(fund_round, plan, afdeling, years, users)


@pytest.fixture
def fw(db: Any) -> FrameWorld:
    return make_frame_world()
