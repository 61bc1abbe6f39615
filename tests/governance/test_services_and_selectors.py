from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from tests import kit
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PlanFactory,
    SecretariatFactory,
)

from boligsocial.governance.models import Membership, MembershipRole, PlanRole, PlanRoleKind
from boligsocial.governance.selectors import body_members_on, secretariat_seats
from boligsocial.governance.services import (
    body_create,
    membership_add,
    membership_end,
    person_create,
    plan_role_add,
    plan_role_end,
)

pytestmark = pytest.mark.django_db


def test_membership_end_before_start_names_valid_to_and_writes_nothing():
    body, person, org = BodyFactory(), PersonFactory(), OrganisationFactory()
    with kit.nothing_written(), pytest.raises(ValidationError) as excinfo:
        membership_add(
            body=body,
            person=person,
            represents=org,
            valid_from=date(2024, 5, 1),
            valid_to=date(2024, 4, 30),
        )
    assert list(excinfo.value.message_dict) == ["valid_to"]


@pytest.mark.parametrize(
    ("new_from", "new_to", "overlaps"),
    [
        (date(2024, 12, 31), None, True),  # starts on the old one's last day
        (date(2025, 1, 1), None, False),  # starts the day after
        (date(2023, 1, 1), date(2024, 1, 1), True),  # ends on the old one's first day
        (date(2023, 1, 1), date(2023, 12, 31), False),
    ],
)
def test_overlapping_membership_of_same_person_body_and_role(new_from, new_to, overlaps):
    # The plan runs 2023–2026.
    existing = MembershipFactory(valid_from=date(2024, 1, 1), valid_to=date(2024, 12, 31))
    kwargs = {
        "body": existing.body,
        "person": existing.person,
        "represents": existing.represents,
        "valid_from": new_from,
        "valid_to": new_to,
    }
    if overlaps:
        with pytest.raises(ValidationError) as excinfo:
            membership_add(**kwargs)
        message = excinfo.value.message_dict["valid_from"][0]
        assert existing.person.name in message
        assert Membership.objects.count() == 1
    else:
        membership_add(**kwargs)
        assert Membership.objects.count() == 2


def test_same_person_holds_one_seat_of_a_body_at_a_time_whatever_its_role():
    existing = MembershipFactory(valid_from=date(2023, 1, 1))
    with pytest.raises(ValidationError) as excinfo:
        membership_add(
            body=existing.body,
            person=existing.person,
            represents=existing.represents,
            valid_from=date(2024, 1, 1),
            role=MembershipRole.CHAIR,
        )
    assert excinfo.value.message_dict == {
        "valid_from": [
            f"{existing.person.name} har allerede en plads i {existing.body.name} i en "
            "overlappende periode (medlem, fra 1. januar 2023). En person har én plads i et "
            "organ ad gangen: ret eller afslut den plads i stedet."
        ]
    }
    assert Membership.objects.count() == 1


def test_open_ended_membership_overlaps_everything_after_it():
    existing = MembershipFactory(valid_from=date(2023, 1, 1), valid_to=None)
    with pytest.raises(ValidationError):
        membership_add(
            body=existing.body,
            person=existing.person,
            represents=existing.represents,
            valid_from=date(2030, 1, 1),
        )


def test_who_sat_in_the_body_on_a_date():
    body = BodyFactory()
    early = MembershipFactory(body=body, valid_from=date(2020, 1, 1), valid_to=date(2022, 6, 30))
    late = MembershipFactory(body=body, valid_from=date(2022, 7, 1))
    MembershipFactory(valid_from=date(2020, 1, 1))  # another body
    assert list(body_members_on(body=body, on=date(2022, 6, 30))) == [early]
    assert list(body_members_on(body=body, on=date(2022, 7, 1))) == [late]
    assert list(body_members_on(body=body, on=date(2019, 12, 31))) == []


def test_membership_end_closes_the_period_and_keeps_history():
    membership = MembershipFactory(valid_from=date(2023, 1, 1))
    membership_end(membership=membership, valid_to=date(2025, 3, 31))
    membership.refresh_from_db()
    assert membership.valid_to == date(2025, 3, 31)
    assert membership.history.count() == 2
    with pytest.raises(ValidationError) as excinfo:
        membership_end(membership=membership, valid_to=date(2022, 1, 1))
    assert list(excinfo.value.message_dict) == ["valid_to"]


def test_bodies_the_secretariat_sits_in_on_a_date():
    secretariat = SecretariatFactory()
    staff = person_create(name="Sekretariatsmedarbejder Et", employer=secretariat)
    plan_a, plan_b = PlanFactory(name="A-planen"), PlanFactory(name="B-planen")
    board_a = body_create(plan=plan_a, kind="board", name="Bestyrelsen")
    board_b = body_create(plan=plan_b, kind="steering_group", name="Styregruppen")
    seat_a = membership_add(
        body=board_a,
        person=staff,
        represents=secretariat,
        valid_from=date(2023, 1, 1),
        role=MembershipRole.OBSERVER,
    )
    # A seat held by someone else on the secretariat's behalf also counts.
    seat_b = membership_add(
        body=board_b,
        person=PersonFactory(),
        represents=secretariat,
        valid_from=date(2024, 1, 1),
        valid_to=date(2024, 12, 31),
    )
    MembershipFactory(body=board_b, valid_from=date(2023, 1, 1))  # not the secretariat
    assert list(secretariat_seats(secretariat=secretariat, on=date(2024, 6, 1))) == [seat_a, seat_b]
    assert list(secretariat_seats(secretariat=secretariat, on=date(2025, 1, 1))) == [seat_a]


def test_plan_roles_carry_fte_and_periods():
    plan, person = PlanFactory(), PersonFactory()
    role = plan_role_add(
        plan=plan,
        person=person,
        kind=PlanRoleKind.LEADER,
        valid_from=date(2023, 1, 1),
        fte=Decimal("0.80"),
    )
    with pytest.raises(ValidationError) as excinfo:
        plan_role_add(
            plan=plan, person=person, kind=PlanRoleKind.LEADER, valid_from=date(2024, 1, 1)
        )
    assert list(excinfo.value.message_dict) == ["valid_from"]
    with pytest.raises(ValidationError) as excinfo:
        plan_role_add(
            plan=plan,
            person=PersonFactory(),
            kind=PlanRoleKind.STAFF,
            valid_from=date(2024, 1, 1),
            fte=Decimal("1.50"),
        )
    assert list(excinfo.value.message_dict) == ["fte"]
    plan_role_end(role=role, valid_to=date(2024, 12, 31))
    assert PlanRole.objects.get(pk=role.pk).valid_to == date(2024, 12, 31)
    assert PlanRole.objects.count() == 1
