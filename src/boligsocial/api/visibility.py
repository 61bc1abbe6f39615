"""What each user may read and change through the API, as querysets and checks built on
`accounts.selectors` (the same scopes the web pages use).

Plans are readable as `plans_readable_by` says; plan roles, bodies and memberships are readable
exactly when their plan is; people are readable when they appear (a plan role or a membership) in
a readable plan, and administrators read everyone."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from boligsocial.accounts.rules import Scopes
from boligsocial.accounts.selectors import readable_plans_filter, scopes_for
from boligsocial.governance.models import Membership, Person, PlanRole
from boligsocial.plans.models import Plan


def readable_plan_ids(scopes: Scopes) -> QuerySet[Plan, Any] | None:
    """A subquery of the ids of the plans the scopes may read; None means every plan."""
    q = readable_plans_filter(scopes)
    if q is None:
        return None
    return Plan.objects.filter(q).values("pk")


def restrict_to_readable_plans(
    queryset: QuerySet[Any], user: Any, *, plan_field: str
) -> QuerySet[Any]:
    """Rows of `queryset` whose plan (reached through `plan_field`) the user may read."""
    ids = readable_plan_ids(scopes_for(user))
    if ids is None:
        return queryset
    return queryset.filter(**{f"{plan_field}__in": ids})


def _appearing_in(plan_ids: Any) -> Q:
    return Q(pk__in=PlanRole.objects.filter(plan__in=plan_ids).values("person_id")) | Q(
        pk__in=Membership.objects.filter(body__plan__in=plan_ids).values("person_id")
    )


def restrict_people(queryset: QuerySet[Person], user: Any) -> QuerySet[Person]:
    """People who appear in a plan the user may read (everyone for administrators)."""
    ids = readable_plan_ids(scopes_for(user))
    if ids is None:
        return queryset
    return queryset.filter(_appearing_in(ids))


def people_assignable_by(user: Any) -> QuerySet[Person]:
    """People a user may name in a plan role or membership: those they may read, plus people
    who appear nowhere yet (just created, e.g. by a plan leader)."""
    ids = readable_plan_ids(scopes_for(user))
    if ids is None:
        return Person.objects.all()
    nowhere = ~Q(pk__in=PlanRole.objects.values("person_id")) & ~Q(
        pk__in=Membership.objects.values("person_id")
    )
    return Person.objects.filter(_appearing_in(ids) | nowhere)


def can_write_plan_content(scopes: Scopes) -> bool:
    """May the user change any plan's staff, bodies and memberships (or create people)?"""
    return scopes.is_admin or bool(scopes.led_plan_ids)


def can_edit_person(scopes: Scopes, person: Person) -> bool:
    """Administrators edit everyone; a plan leader edits the people in the plans they lead."""
    if scopes.is_admin:
        return True
    led = scopes.led_plan_ids
    if not led:
        return False
    return Person.objects.filter(pk=person.pk).filter(_appearing_in(list(led))).exists()
