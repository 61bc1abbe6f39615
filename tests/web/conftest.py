"""Data for the web tests: a site profile with a secretariat, and a published plan with
afdelinger, focus areas, staff, a board with members (one of them from the secretariat)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from tests import factories as f

from boligsocial.accounts.models import Role
from boligsocial.governance.models import (
    Body,
    BodyKind,
    Membership,
    MembershipRole,
    Person,
    PlanRoleKind,
)
from boligsocial.organisations.models import Organisation
from boligsocial.plans.models import Plan
from boligsocial.site.models import SiteProfile

PASSWORD = "test-password-123"


@dataclass
class World:
    site: SiteProfile
    secretariat: Organisation
    housing: Organisation
    plan: Plan
    leader: Person
    staff: Person
    board: Body
    chair: Membership
    secretariat_seat: Membership


@pytest.fixture
def site(db: Any) -> SiteProfile:
    secretariat = f.SecretariatFactory()
    return SiteProfile.objects.create(
        title_da="Boligsociale helhedsplaner i Testby",
        title_en="Social housing plans in Testby",
        intro_da="Planerne i Testby.",
        intro_en="The plans of Testby.",
        secretariat=secretariat,
        secretariat_text_da="Sekretariatet koordinerer.",
        secretariat_text_en="The secretariat coordinates.",
        demo_notice=True,
    )


@pytest.fixture
def world(site: SiteProfile) -> World:
    secretariat = site.secretariat
    assert secretariat is not None
    housing = f.HousingOrganisationFactory(name="Boligforeningen Testhus")
    area = f.AreaFactory(name="Testparken", slug="testparken")
    afdeling = f.AfdelingFactory(
        organisation=housing, area=area, number="7", name="Testparken Øst", dwellings=1234
    )
    plan = f.PlanFactory(
        name="Helhedsplan for Testparken",
        slug="helhedsplan-testparken",
        start_date=date(2023, 1, 1),
        end_date=date(2026, 12, 31),
        office_address="Testvej 1, 8000 Aarhus C",
        contact_email="kontakt@example.org",
        afdelinger=[afdeling],
    )
    plan.focus_areas.set(plan.fund_round.focus_areas.order_by("position")[:2])
    leader = f.PersonFactory(name="Lene Testleder", title="Boligsocial leder")
    staff = f.PersonFactory(name="Mads Testmedarbejder", title="Konsulent")
    f.PlanRoleFactory(plan=plan, person=leader, kind=PlanRoleKind.LEADER, fte=Decimal("1.00"))
    f.PlanRoleFactory(plan=plan, person=staff, kind=PlanRoleKind.STAFF, fte=Decimal("0.50"))
    board = f.BodyFactory(plan=plan, kind=BodyKind.BOARD, name="Bestyrelsen for Testparken")
    chair = f.MembershipFactory(
        body=board,
        person__name="Hanne Testformand",
        represents=housing,
        role=MembershipRole.CHAIR,
    )
    seat = f.MembershipFactory(
        body=board,
        person__name="Sofie Testsekretariat",
        person__employer=secretariat,
        represents=secretariat,
        role=MembershipRole.SECRETARY,
        valid_from=date(2023, 3, 1),
    )
    return World(site, secretariat, housing, plan, leader, staff, board, chair, seat)


def logged_in(user: Any) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def leader_client(world: World) -> Client:
    return logged_in(f.user_with_role(Role.PLAN_LEADER, plan=world.plan))


@pytest.fixture
def admin_client_(world: World) -> Client:
    return logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
