"""Writes to a plan's roles (leaders and staff): add, correct, end, delete. Each write locks
the plan first (see `common.lock_for_write`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from boligsocial.governance.messages import plan_period, plan_role_messages, span_of
from boligsocial.governance.models import Person, PlanRole
from boligsocial.governance.rules import period_problems, plan_role_conflicts
from boligsocial.governance.services.common import (
    correct,
    delete_recorded,
    lock_for_write,
    raise_errors,
)
from boligsocial.plans.models import Plan

PLAN_ROLE_FIELDS = ("person", "kind", "title", "fte", "valid_from", "valid_to")


def check_plan_role(role: PlanRole) -> None:
    """The role's own fields, within the plan's period, and no clash with the plan's other
    roles (one leader at a time); a ValidationError names what is wrong."""
    role.full_clean()
    others = PlanRole.objects.filter(plan_id=role.plan_id).exclude(pk=role.pk)
    problems = period_problems(role.valid_from, role.valid_to, plan_period(role.plan))
    problems += plan_role_conflicts(
        span_of(role), [span_of(r) for r in others.select_related("person")]
    )
    raise_errors(plan_role_messages(role, problems))


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
    lock_for_write(Plan, plan.pk)  # first: see lock_for_write
    role = PlanRole(
        plan=plan,
        person=person,
        kind=kind,
        valid_from=valid_from,
        valid_to=valid_to,
        title=title,
        fte=fte,
    )
    check_plan_role(role)
    role.save()
    return role


@transaction.atomic
def plan_role_update(*, role: PlanRole, data: dict[str, Any]) -> PlanRole:
    """Correct any field of a role (its plan stays). Ending a role is `plan_role_end`."""
    lock_for_write(Plan, role.plan_id)  # first: see lock_for_write
    return correct(role, fields=PLAN_ROLE_FIELDS, data=data, check=check_plan_role)


@transaction.atomic
def plan_role_end(*, role: PlanRole, valid_to: date) -> PlanRole:
    return plan_role_update(role=role, data={"valid_to": valid_to})


@transaction.atomic
def plan_role_delete(*, role: PlanRole, actor: Any = None) -> None:
    """Delete a role entered by mistake (a role that happened and is over is ended, not
    deleted). The history keeps the deleted row, with who deleted it."""
    delete_recorded(role, actor=actor)
