"""Writes to people, plan roles, governing bodies and memberships."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from boligsocial.core.services import model_update
from boligsocial.core.validation import periods_overlap
from boligsocial.governance.models import (
    Body,
    Membership,
    MembershipRole,
    Person,
    PlanRole,
)
from boligsocial.organisations.models import Organisation
from boligsocial.plans.models import Plan

PERSON_FIELDS = ("name", "title", "employer", "email", "phone")
PLAN_ROLE_FIELDS = ("kind", "title", "fte", "valid_from", "valid_to")
BODY_FIELDS = ("kind", "name", "description", "active")
MEMBERSHIP_FIELDS = ("represents", "role", "valid_from", "valid_to")


def _fmt(d: date | None) -> str:
    return date_format(d, "DATE_FORMAT") if d else _("open")


# People -------------------------------------------------------------------------------------


@transaction.atomic
def person_create(
    *,
    name: str,
    title: str = "",
    employer: Organisation | None = None,
    email: str = "",
    phone: str = "",
) -> Person:
    person = Person(name=name, title=title, employer=employer, email=email, phone=phone)
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def person_update(*, person: Person, data: dict[str, Any]) -> Person:
    person, _changed = model_update(instance=person, fields=PERSON_FIELDS, data=data)
    return person


# Plan roles ---------------------------------------------------------------------------------


def _first_overlap(instance: PlanRole | Membership, **same: Any) -> PlanRole | Membership | None:
    """Another row with the same `same` values whose validity period overlaps the instance's."""
    others = type(instance)._default_manager.filter(**same).exclude(pk=instance.pk)
    for other in others:
        if periods_overlap(
            instance.valid_from, instance.valid_to, other.valid_from, other.valid_to
        ):
            return other
    return None


def _check_plan_role(role: PlanRole) -> None:
    role.full_clean()
    other = _first_overlap(role, plan=role.plan, person=role.person, kind=role.kind)
    if other is not None:
        raise ValidationError(
            {
                "valid_from": _(
                    "%(person)s already has this role in the plan from %(start)s "
                    "to %(end)s; the periods overlap."
                )
                % {
                    "person": role.person.name,
                    "start": _fmt(other.valid_from),
                    "end": _fmt(other.valid_to),
                }
            }
        )


@transaction.atomic
def plan_role_add(
    *,
    plan: Plan,
    person: Person,
    kind: str,
    valid_from: date,
    valid_to: date | None = None,
    title: str = "",
    fte: Decimal = Decimal("1.00"),
) -> PlanRole:
    role = PlanRole(
        plan=plan,
        person=person,
        kind=kind,
        valid_from=valid_from,
        valid_to=valid_to,
        title=title,
        fte=fte,
    )
    _check_plan_role(role)
    role.save()
    return role


@transaction.atomic
def plan_role_update(*, role: PlanRole, data: dict[str, Any]) -> PlanRole:
    for field in PLAN_ROLE_FIELDS:
        if field in data:
            setattr(role, field, data[field])
    _check_plan_role(role)
    role.save()
    return role


@transaction.atomic
def plan_role_end(*, role: PlanRole, valid_to: date) -> PlanRole:
    return plan_role_update(role=role, data={"valid_to": valid_to})


# Bodies -------------------------------------------------------------------------------------


@transaction.atomic
def body_create(
    *, plan: Plan, kind: str, name: str, description: str = "", active: bool = True
) -> Body:
    body = Body(plan=plan, kind=kind, name=name, description=description, active=active)
    body.full_clean()
    body.save()
    return body


@transaction.atomic
def body_update(*, body: Body, data: dict[str, Any]) -> Body:
    body, _changed = model_update(instance=body, fields=BODY_FIELDS, data=data)
    return body


# Memberships --------------------------------------------------------------------------------


def _check_membership(membership: Membership) -> None:
    membership.full_clean()
    other = _first_overlap(
        membership, body=membership.body, person=membership.person, role=membership.role
    )
    if other is not None:
        raise ValidationError(
            {
                "valid_from": _(
                    "%(person)s is already %(role)s of %(body)s from %(start)s to "
                    "%(end)s; the periods overlap."
                )
                % {
                    "person": membership.person.name,
                    "role": MembershipRole(membership.role).label.lower(),
                    "body": membership.body.name,
                    "start": _fmt(other.valid_from),
                    "end": _fmt(other.valid_to),
                }
            }
        )


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
    membership = Membership(
        body=body,
        person=person,
        represents=represents,
        role=role,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    _check_membership(membership)
    membership.save()
    return membership


@transaction.atomic
def membership_update(*, membership: Membership, data: dict[str, Any]) -> Membership:
    for field in MEMBERSHIP_FIELDS:
        if field in data:
            setattr(membership, field, data[field])
    _check_membership(membership)
    membership.save()
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, valid_to: date) -> Membership:
    return membership_update(membership=membership, data={"valid_to": valid_to})
