"""A small world for the API tests: three plans that each role sees differently, their people,
roles, bodies and memberships, and one logged-in client per role.

| plan        | published | afdeling in                    | leader (user)  |
|-------------|-----------|--------------------------------|----------------|
| plan_pub    | yes       | org_a, area_a (Aarhus, 751)    | -              |
| plan_led    | no        | org_b, area_b (Odense, 461)    | `leader`       |
| plan_other  | no        | org_c, area_c (Aalborg, 851)   | `other_leader` |

The housing-organisation user belongs to org_b (reads plan_pub, plan_led); the municipality
user to Aalborg (reads plan_pub, plan_other). People A, B appear in plan_pub (a role, a seat),
C, D in plan_led, E, F in plan_other; G appears nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from rest_framework.test import APIClient

from boligsocial.accounts.models import Role
from boligsocial.governance.models import PlanRoleKind
from tests.factories import (
    AfdelingFactory,
    AreaFactory,
    BodyFactory,
    HousingOrganisationFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PlanFactory,
    PlanRoleFactory,
    municipality,
    user_with_role,
)


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    org_a: Any
    org_b: Any
    org_c: Any
    partner: Any
    area_a: Any
    area_b: Any
    area_c: Any
    afd_a: Any
    afd_b: Any
    afd_c: Any
    plan_pub: Any
    plan_led: Any
    plan_other: Any
    person_a: Any
    person_b: Any
    person_c: Any
    person_d: Any
    person_e: Any
    person_f: Any
    person_g: Any
    role_pub: Any
    role_led: Any
    role_other: Any
    body_pub: Any
    body_led: Any
    body_other: Any
    seat_pub: Any
    seat_led: Any
    seat_other: Any
    users: dict[str, Any]

    def client(self, role: str) -> APIClient:
        """An API client logged in (by session) as the role's user; anonymous for
        "anonymous". English messages, so tests can assert them exactly."""
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        user = self.users.get(role)
        if user is not None:
            client.force_login(user)
        return client


@pytest.fixture
def world(db: Any) -> World:
    org_a = HousingOrganisationFactory(name="Boligforeningen Alfa", cvr="10000009")
    org_b = HousingOrganisationFactory(name="Boligforeningen Beta", cvr="10000017")
    org_c = HousingOrganisationFactory(name="Boligforeningen Gamma", cvr="10000025")
    partner = OrganisationFactory(name="Testskolen")
    area_a = AreaFactory(name="Alfaparken", municipality=municipality("Aarhus"))
    area_b = AreaFactory(name="Betaparken", municipality=municipality("Odense"))
    area_c = AreaFactory(name="Gammaparken", municipality=municipality("Aalborg"))
    afd_a = AfdelingFactory(organisation=org_a, area=area_a, number="1", name="Alfa 1")
    afd_b = AfdelingFactory(organisation=org_b, area=area_b, number="2", name="Beta 2")
    afd_c = AfdelingFactory(organisation=org_c, area=area_c, number="3", name="Gamma 3")
    plan_pub = PlanFactory(name="Plan Alfa", published=True, afdelinger=[afd_a])
    plan_led = PlanFactory(name="Plan Beta", published=False, afdelinger=[afd_b])
    plan_other = PlanFactory(name="Plan Gamma", published=False, afdelinger=[afd_c])
    people = [PersonFactory(name=f"Testperson {letter}") for letter in "ABCDEFG"]
    people[0].employer = partner
    people[0].save()
    role_pub = PlanRoleFactory(plan=plan_pub, person=people[0], kind=PlanRoleKind.STAFF)
    role_led = PlanRoleFactory(plan=plan_led, person=people[2], kind=PlanRoleKind.LEADER)
    role_other = PlanRoleFactory(plan=plan_other, person=people[4], kind=PlanRoleKind.STAFF)
    body_pub = BodyFactory(plan=plan_pub, name="Bestyrelse Alfa")
    body_led = BodyFactory(plan=plan_led, name="Bestyrelse Beta")
    body_other = BodyFactory(plan=plan_other, name="Bestyrelse Gamma")
    seat_pub = MembershipFactory(
        body=body_pub, person=people[1], represents=org_a, valid_from=date(2023, 1, 1)
    )
    seat_led = MembershipFactory(
        body=body_led, person=people[3], represents=org_b, valid_from=date(2023, 1, 1)
    )
    seat_other = MembershipFactory(
        body=body_other, person=people[5], represents=org_c, valid_from=date(2023, 1, 1)
    )
    users = {
        "admin": user_with_role(Role.SECRETARIAT_ADMIN),
        "leader": user_with_role(Role.PLAN_LEADER, plan=plan_led),
        "other_leader": user_with_role(Role.PLAN_LEADER, plan=plan_other),
        "housing_user": user_with_role(Role.HOUSING_ORG, organisation=org_b),
        "municipality_user": user_with_role(
            Role.MUNICIPALITY, municipality=municipality("Aalborg")
        ),
    }
    return World(
        org_a=org_a,
        org_b=org_b,
        org_c=org_c,
        partner=partner,
        area_a=area_a,
        area_b=area_b,
        area_c=area_c,
        afd_a=afd_a,
        afd_b=afd_b,
        afd_c=afd_c,
        plan_pub=plan_pub,
        plan_led=plan_led,
        plan_other=plan_other,
        person_a=people[0],
        person_b=people[1],
        person_c=people[2],
        person_d=people[3],
        person_e=people[4],
        person_f=people[5],
        person_g=people[6],
        role_pub=role_pub,
        role_led=role_led,
        role_other=role_other,
        body_pub=body_pub,
        body_led=body_led,
        body_other=body_other,
        seat_pub=seat_pub,
        seat_led=seat_led,
        seat_other=seat_other,
        users=users,
    )
