"""Query counts of the list endpoints, pinned: a page of 3 rows and a page of 10 rows cost the
same number of queries (no N+1), for an anonymous visitor, an administrator and a plan leader.

Anonymous: COUNT + the page + one query per prefetched relation. A logged-in user adds the
session and the user, and on endpoints limited by role also their role assignments
(`scopes_for`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient

from boligsocial.accounts.models import Role
from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.governance.models import PlanRoleKind
from boligsocial.organisations.models import Region
from tests.api.helpers import valid_cvr
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

# the session, the user and the data version (a session's reads are cached per session too,
# docs/decisions/0014; each read here is a miss)
SESSION = 3
SCOPES = 1  # the user's role assignments
VERSION = 1  # an anonymous read asks the data version first (the page cache, docs/decisions/0014)


def _regions() -> None:
    for i in range(5):
        Region.objects.create(code=9000 + i, name=f"Testregion {i}")


def _fund_rounds() -> None:
    for i in range(6):
        fund_round = FundRound.objects.create(
            code=f"T{i}", name=f"Testrunde {i}", first_year=2030 + i * 4, last_year=2033 + i * 4
        )
        for position in range(2):
            FocusArea.objects.create(
                fund_round=fund_round, name_da=f"Indsats {i}.{position}", position=position
            )


def _housing_organisations(count: int) -> list[Any]:
    return [HousingOrganisationFactory(cvr=valid_cvr(i)) for i in range(count)]


def _plans() -> None:
    focus = list(FocusArea.objects.filter(fund_round__code="2019–26")[:2])
    employer = OrganisationFactory()
    for org in _housing_organisations(10):
        plan = PlanFactory(
            afdelinger=[AfdelingFactory(organisation=org), AfdelingFactory(organisation=org)]
        )
        plan.focus_areas.set(focus)
        PlanRoleFactory(
            plan=plan, kind=PlanRoleKind.LEADER, person=PersonFactory(employer=employer)
        )
        PlanRoleFactory(plan=plan, kind=PlanRoleKind.STAFF, fte=Decimal("0.50"))


def _people() -> None:
    employer = OrganisationFactory()
    plan = PlanFactory()
    for _ in range(10):
        PlanRoleFactory(plan=plan, person=PersonFactory(employer=employer))


def _areas() -> None:
    for org in _housing_organisations(10):
        area = AreaFactory()
        AfdelingFactory(area=area, organisation=org)
        AfdelingFactory(area=area, organisation=org)


def _memberships() -> None:
    employer = OrganisationFactory()
    for _ in range(10):
        MembershipFactory(person=PersonFactory(employer=employer), valid_from=date(2023, 1, 1))


# endpoint: (make at least 10 rows, queries for an anonymous visitor, for an administrator)
ENDPOINTS: dict[str, tuple[Callable[[], Any], int, int]] = {
    "regions": (_regions, 2 + VERSION, 2 + SESSION),
    "municipalities": (lambda: None, 2 + VERSION, 2 + SESSION),
    "organisations": (
        lambda: [OrganisationFactory(municipality=municipality()) for _ in range(10)],
        2 + VERSION,
        2 + SESSION,
    ),
    "areas": (_areas, 2 + VERSION, 2 + SESSION),
    "afdelinger": (
        lambda: [AfdelingFactory(organisation=org) for org in _housing_organisations(10)],
        2 + VERSION,
        2 + SESSION,
    ),
    # + focus areas
    "fund-rounds": (_fund_rounds, 3 + VERSION, 3 + SESSION),
    # + afdelinger (with organisation, area, municipality, region), focus areas, roles today
    "plans": (_plans, 5 + VERSION, 5 + SESSION + SCOPES),
    "people": (_people, 2 + VERSION, 2 + SESSION + SCOPES),
    "plan-roles": (
        lambda: [PlanRoleFactory() for _ in range(10)],
        2 + VERSION,
        2 + SESSION + SCOPES,
    ),
    "bodies": (lambda: [BodyFactory() for _ in range(10)], 2 + VERSION, 2 + SESSION + SCOPES),
    "memberships": (_memberships, 2 + VERSION, 2 + SESSION + SCOPES),
}


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "admin", "plan_leader"])
@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_list_query_count_does_not_grow_with_rows(endpoint, who, django_assert_num_queries):
    make, anonymous_queries, admin_queries = ENDPOINTS[endpoint]
    make()
    client = APIClient()
    expected = anonymous_queries
    if who == "admin":
        client.force_login(user_with_role(Role.SECRETARIAT_ADMIN))
        expected = admin_queries
    elif who == "plan_leader":  # limited by role: the same count as an administrator
        client.force_login(
            user_with_role(Role.PLAN_LEADER, plan=PlanFactory(published=False, name="Egen plan"))
        )
        expected = admin_queries
    for rows in (3, 10):
        with django_assert_num_queries(expected):
            response = client.get(f"/api/v1/{endpoint}/", {"limit": rows})
        assert response.status_code == 200
        assert len(response.json()["results"]) == rows


@pytest.mark.django_db
def test_plan_detail_query_count(django_assert_num_queries):
    _plans()
    plan = FundRound.objects.get(code="2019–26").plans.order_by("pk").first()
    assert plan is not None
    client = APIClient()
    with django_assert_num_queries(4 + VERSION):
        response = client.get(f"/api/v1/plans/{plan.pk}/")
    assert response.status_code == 200
    assert len(response.json()["afdelinger"]) == 2
    assert len(response.json()["staff"]) == 1
