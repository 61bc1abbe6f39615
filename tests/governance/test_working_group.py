"""A plan's working group (decision 0025): its seats may start on the day the plan was
recorded as an idea, before the plan's period, and last until the plan's end; every other
body keeps the plan's period."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from tests import factories as f

from boligsocial.accounts.models import Role
from boligsocial.governance.models import BodyKind, Membership
from boligsocial.governance.selectors import rule_breaches
from boligsocial.governance.services import (
    body_create,
    membership_add,
    plan_update,
    working_group_create,
)
from boligsocial.lifecycle.services import plan_create_idea

pytestmark = pytest.mark.django_db

IDEA = date(2025, 9, 1)


@pytest.fixture
def plan():
    admin = f.user_with_role(Role.SECRETARIAT_ADMIN)
    return plan_create_idea(
        user=admin,
        name="Efterfølgeren",
        fund_round=f.fund_round("2019–26"),
        start_date=date(2026, 1, 1),
        end_date=date(2029, 12, 31),
        afdelinger=[f.AfdelingFactory()],
        fund_round_reason="Prøves under 2019–26-reglerne.",
        date=IDEA,
    )


def seat(body, valid_from, valid_to=None, person=None):
    return membership_add(
        body=body,
        person=person or f.PersonFactory(),
        represents=f.OrganisationFactory(),
        valid_from=valid_from,
        valid_to=valid_to,
    )


def test_a_working_groups_seat_starts_on_the_ideas_day_not_before(plan):
    group = body_create(plan=plan, kind=BodyKind.WORKING_GROUP, name="Arbejdsgruppen")
    assert seat(group, IDEA, date(2025, 12, 31)).valid_from == IDEA
    with pytest.raises(ValidationError) as refused:
        seat(group, date(2025, 8, 31))
    assert list(refused.value.message_dict) == ["valid_from"]
    assert "1. september 2025" in refused.value.message_dict["valid_from"][0]
    assert Membership.objects.filter(body=group).count() == 1


def test_a_working_groups_seat_ends_by_the_plans_end(plan):
    group = body_create(plan=plan, kind=BodyKind.WORKING_GROUP, name="Arbejdsgruppen")
    assert seat(group, IDEA, date(2029, 12, 31)).valid_to == date(2029, 12, 31)
    with pytest.raises(ValidationError) as refused:
        seat(group, IDEA, date(2030, 1, 1))
    assert list(refused.value.message_dict) == ["valid_to"]


def test_other_bodies_keep_the_plans_period(plan):
    board = body_create(plan=plan, kind=BodyKind.BOARD, name="Bestyrelsen")
    with pytest.raises(ValidationError) as refused:
        seat(board, date(2025, 12, 31))
    assert list(refused.value.message_dict) == ["valid_from"]
    assert seat(board, date(2026, 1, 1)).valid_from == date(2026, 1, 1)


def test_a_plan_without_an_idea_on_its_timeline_keeps_its_period():
    plan = f.PlanFactory(start_date=date(2026, 1, 1), end_date=date(2029, 12, 31))
    group = body_create(plan=plan, kind=BodyKind.WORKING_GROUP, name="Arbejdsgruppen")
    with pytest.raises(ValidationError):
        seat(group, date(2025, 12, 31))


def test_a_new_plan_period_keeps_the_working_group_before_it(plan):
    group = body_create(plan=plan, kind=BodyKind.WORKING_GROUP, name="Arbejdsgruppen")
    seat(group, IDEA)
    shorter = {"start_date": date(2026, 7, 1), "length_reason": "Forsinket opstart."}
    plan_update(plan=plan, data=shorter)
    plan.refresh_from_db()
    assert plan.start_date == date(2026, 7, 1)
    # but not a new end before a seat's start
    late = seat(group, date(2029, 6, 1))
    with pytest.raises(ValidationError) as refused:
        plan_update(plan=plan, data={"end_date": date(2029, 5, 31), "length_reason": "Kortere."})
    assert late.person.name in " ".join(refused.value.message_dict["end_date"])


def test_check_data_accepts_a_working_group_before_the_plan(plan):
    group = body_create(plan=plan, kind=BodyKind.WORKING_GROUP, name="Arbejdsgruppen")
    seat(group, IDEA)
    # a row written around the services, before the idea: check-data names it
    early = f.MembershipFactory(body=group, valid_from=date(2025, 1, 1))
    found = [(b.row_id, b.code) for b in rule_breaches()]
    assert found == [(early.pk, "starts_before_period")]


def test_working_group_create_seats_each_member_for_their_employer(plan):
    employer = f.HousingOrganisationFactory(name="Boligforeningen Arbejde")
    people = [f.PersonFactory(employer=employer), f.PersonFactory(employer=employer)]
    group = working_group_create(plan=plan, members=people, valid_from=IDEA, name="Arbejdsgruppe")
    assert group.kind == BodyKind.WORKING_GROUP
    seats = list(group.memberships.order_by("person__name"))
    assert [(m.person, m.represents, m.valid_from, m.role) for m in seats] == [
        (p, employer, IDEA, "member") for p in sorted(people, key=lambda p: p.name)
    ]


def test_working_group_create_names_a_person_without_employer_and_writes_nothing(plan):
    nobody = f.PersonFactory(name="Uden Arbejdsgiver")
    with pytest.raises(ValidationError) as refused:
        working_group_create(
            plan=plan,
            members=[f.PersonFactory(employer=f.OrganisationFactory()), nobody],
            valid_from=IDEA,
            name="Arbejdsgruppe",
        )
    assert "Uden Arbejdsgiver" in refused.value.message_dict["working_group"][0]
    assert not plan.bodies.exists()
