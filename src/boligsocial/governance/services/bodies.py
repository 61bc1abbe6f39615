"""Writes to a plan's governing bodies and to their seats (memberships): add, correct, end,
delete. Each write of a seat locks its body first (see `common.lock_for_write`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from boligsocial.core.services import model_update
from boligsocial.governance.messages import membership_messages, span_of
from boligsocial.governance.models import Body, BodyKind, Membership, MembershipRole, Person
from boligsocial.governance.periods import body_period
from boligsocial.governance.rules import membership_conflicts, period_problems
from boligsocial.governance.services.common import (
    correct,
    delete_recorded,
    lock_for_write,
    raise_errors,
)
from boligsocial.organisations.models import Organisation
from boligsocial.plans.models import Plan

BODY_FIELDS = ("kind", "name", "description", "active")
MEMBERSHIP_FIELDS = ("person", "represents", "role", "valid_from", "valid_to")


@transaction.atomic
def body_create(
    *, plan: Plan, kind: str, name: str, description: str = "", active: bool = True
) -> Body:
    body = Body(plan=plan, kind=kind, name=name, description=description, active=active)
    body.full_clean()
    body.save()
    return body


@transaction.atomic
def working_group_create(
    *, plan: Plan, members: Iterable[Person], valid_from: date, name: str
) -> Body:
    """The plan's working group (arbejdsgruppe) with a member's seat for each of `members`
    from `valid_from` (the idea's day when the plan is created), each representing their
    employer. Its seats may lie before the plan's start (decision 0025). A person without an
    employer is refused, named, and nothing is written."""
    members = list(members)
    employers = {p.pk: p.employer for p in members if p.employer is not None}
    unplaced = [p.name for p in members if p.pk not in employers]
    if unplaced:
        raise ValidationError(
            {
                "working_group": _(
                    "%(people)s: no employer is recorded, so the seat in the working group "
                    "cannot say whom it represents. Record the employer on the person first, "
                    "or add them on the plan's page."
                )
                % {"people": ", ".join(unplaced)}
            }
        )
    body = body_create(plan=plan, kind=BodyKind.WORKING_GROUP, name=name)
    for person in members:
        membership_add(
            body=body, person=person, represents=employers[person.pk], valid_from=valid_from
        )
    return body


@transaction.atomic
def body_update(*, body: Body, data: dict[str, Any]) -> Body:
    body, _changed = model_update(instance=body, fields=BODY_FIELDS, data=data)
    return body


def check_membership(membership: Membership) -> None:
    """The seat's own fields, within the plan's period, and no clash with the body's other
    seats (one chair, one vice-chair, one seat per person at a time)."""
    membership.full_clean()
    body = membership.body
    others = Membership.objects.filter(body_id=membership.body_id).exclude(pk=membership.pk)
    # A body without a plan (none today: Body.plan is required) has no period to lie within;
    # a working group's seats may start when the plan was recorded as an idea (decision 0025).
    period = body_period(body)
    problems = period_problems(membership.valid_from, membership.valid_to, period)
    problems += membership_conflicts(
        span_of(membership), [span_of(m) for m in others.select_related("person")]
    )
    raise_errors(membership_messages(membership, problems))


@transaction.atomic
def membership_add(
    *,
    body: Body,
    person: Person,
    represents: Organisation,
    valid_from: date,
    valid_to: date | None = None,
    role: str = MembershipRole.MEMBER,
) -> Membership:
    lock_for_write(Body, body.pk)  # first: see lock_for_write
    membership = Membership(
        body=body,
        person=person,
        represents=represents,
        role=role,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    check_membership(membership)
    membership.save()
    return membership


@transaction.atomic
def membership_update(*, membership: Membership, data: dict[str, Any]) -> Membership:
    """Correct any field of a seat (its body stays). Ending a seat is `membership_end`."""
    lock_for_write(Body, membership.body_id)  # first: see lock_for_write
    return correct(membership, fields=MEMBERSHIP_FIELDS, data=data, check=check_membership)


@transaction.atomic
def membership_end(*, membership: Membership, valid_to: date) -> Membership:
    return membership_update(membership=membership, data={"valid_to": valid_to})


@transaction.atomic
def membership_delete(*, membership: Membership, actor: Any = None) -> None:
    """Delete a seat entered by mistake; the history keeps the deleted row."""
    delete_recorded(membership, actor=actor)
