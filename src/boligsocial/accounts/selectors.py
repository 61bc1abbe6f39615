from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from boligsocial.accounts.models import Role, RoleAssignment
from boligsocial.accounts.rules import PlanFacts, Scopes
from boligsocial.accounts.rules import can_edit_plan as _can_edit_plan
from boligsocial.accounts.rules import can_read_plan as _can_read_plan
from boligsocial.plans.models import Plan

_CACHE_ATTR = "_boligsocial_scopes"


def scopes_for(user: Any) -> Scopes:
    """The user's scopes, read once per request object and cached on it."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Scopes()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    assignments = list(
        RoleAssignment.objects.filter(user=user).values_list(
            "role", "plan_id", "organisation_id", "municipality_id"
        )
    )
    roles = {a[0] for a in assignments}
    scopes = Scopes(
        is_authenticated=True,
        is_admin=user.is_superuser or Role.SECRETARIAT_ADMIN in roles,
        is_analyst=Role.ANALYST in roles,
        led_plan_ids=frozenset(a[1] for a in assignments if a[0] == Role.PLAN_LEADER),
        organisation_ids=frozenset(a[2] for a in assignments if a[0] == Role.HOUSING_ORG),
        municipality_ids=frozenset(a[3] for a in assignments if a[0] == Role.MUNICIPALITY),
    )
    setattr(user, _CACHE_ATTR, scopes)
    return scopes


def readable_plans_filter(scopes: Scopes) -> Q | None:
    """A filter for the plans the scopes may read; None means every plan."""
    if scopes.is_admin:
        return None
    q = Q(published=True) | Q(pk__in=scopes.led_plan_ids)
    if scopes.organisation_ids:
        q |= Q(afdelinger__organisation_id__in=scopes.organisation_ids)
    if scopes.municipality_ids:
        q |= Q(afdelinger__area__municipality_id__in=scopes.municipality_ids)
    return q


def plans_readable_by(user: Any, queryset: QuerySet[Plan] | None = None) -> QuerySet[Plan]:
    qs = queryset if queryset is not None else Plan.objects.all()
    q = readable_plans_filter(scopes_for(user))
    if q is None:
        return qs
    return qs.filter(pk__in=Plan.objects.filter(q).values("pk"))


def plan_facts(plan: Plan) -> PlanFacts:
    rows = plan.afdelinger.values_list("organisation_id", "area__municipality_id")
    return PlanFacts(
        plan_id=plan.pk,
        published=plan.published,
        organisation_ids=frozenset(r[0] for r in rows),
        municipality_ids=frozenset(r[1] for r in rows if r[1] is not None),
    )


def can_read_plan(user: Any, plan: Plan) -> bool:
    scopes = scopes_for(user)
    if plan.published or scopes.is_admin:
        return True
    return _can_read_plan(scopes, plan_facts(plan))


def can_edit_plan(user: Any, plan: Plan) -> bool:
    return _can_edit_plan(scopes_for(user), plan.pk)
