"""Reads about people and governance. "As of date X" questions are queries over validity
intervals: a row is in force on X when valid_from <= X and (valid_to is empty or >= X)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from boligsocial.governance.models import Body, Membership, PlanRole
from boligsocial.organisations.models import Organisation


def in_force_on(on: date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


def today() -> date:
    return timezone.localdate()


def memberships_on(*, on: date | None = None) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(in_force_on(on or today()))
        .select_related("person__employer", "represents", "body__plan")
        .order_by("body__plan__name", "body__kind", "body__name", "role", "person__name")
    )


def body_members_on(*, body: Body, on: date | None = None) -> QuerySet[Membership]:
    """Who sat in `body` on the date (today by default)."""
    return memberships_on(on=on).filter(body=body)


def secretariat_seats(*, secretariat: Organisation, on: date | None = None) -> QuerySet[Membership]:
    """Which bodies the secretariat sits in on the date: seats held by the secretariat's staff
    or on the secretariat's behalf."""
    return memberships_on(on=on).filter(Q(represents=secretariat) | Q(person__employer=secretariat))


def plan_roles_on(*, on: date | None = None) -> QuerySet[PlanRole]:
    return PlanRole.objects.filter(in_force_on(on or today())).select_related(
        "person__employer", "plan"
    )
