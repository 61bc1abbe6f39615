"""Reads about plans, each with a fixed number of queries whatever the number of plans."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from boligsocial.areas.models import Afdeling
from boligsocial.funding.models import FocusArea
from boligsocial.governance.models import Body, Membership, PlanRole
from boligsocial.plans.models import Plan, PlanSlugHistory


def _in_force(on: date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


def plan_list(*, on: date | None = None) -> QuerySet[Plan]:
    """Plans with what a list shows: fund round, afdelinger with their housing organisation and
    area, focus areas, and the roles in force on `on` (today by default)."""
    on = on or timezone.localdate()
    return (
        Plan.objects.select_related("fund_round")
        .prefetch_related(
            Prefetch(
                "afdelinger",
                queryset=Afdeling.objects.select_related(
                    "organisation", "area__municipality__region"
                ).order_by("organisation__name", "number"),
            ),
            Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position")),
            Prefetch(
                "roles",
                queryset=PlanRole.objects.filter(_in_force(on))
                .select_related("person__employer")
                .order_by("kind", "person__name"),
                to_attr="current_roles",
            ),
        )
        .order_by("name")
    )


def plan_detail_queryset(*, on: date | None = None) -> QuerySet[Plan]:
    """`plan_list` plus the governing bodies with their memberships in force on `on`."""
    on = on or timezone.localdate()
    return plan_list(on=on).prefetch_related(
        Prefetch(
            "bodies",
            queryset=Body.objects.filter(active=True)
            .order_by("kind", "name")
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.filter(_in_force(on))
                    .select_related("person__employer", "represents")
                    .order_by("role", "person__name"),
                    to_attr="current_memberships",
                )
            ),
            to_attr="active_bodies",
        )
    )


def plan_areas(plan: Plan) -> list:
    """The distinct areas of a plan's afdelinger, from the prefetched afdelinger."""
    seen: dict[int, object] = {}
    for afdeling in plan.afdelinger.all():
        if afdeling.area_id and afdeling.area_id not in seen:
            seen[afdeling.area_id] = afdeling.area
    return list(seen.values())


def plan_housing_organisations(plan: Plan) -> list:
    seen: dict[int, object] = {}
    for afdeling in plan.afdelinger.all():
        seen.setdefault(afdeling.organisation_id, afdeling.organisation)
    return list(seen.values())


def plan_dwellings(plan: Plan) -> int | None:
    values = [a.dwellings for a in plan.afdelinger.all() if a.dwellings is not None]
    return sum(values) if values else None


def plan_by_former_slug(slug: str) -> Plan | None:
    """The plan that had `slug` before a rename (its old address redirects to it), or None."""
    former = PlanSlugHistory.objects.select_related("plan").filter(slug=slug).first()
    return former.plan if former else None
