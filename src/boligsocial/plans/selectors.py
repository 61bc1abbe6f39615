"""Reads about plans, each with a fixed number of queries whatever the number of plans."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from boligsocial.areas.models import Afdeling
from boligsocial.funding.models import FocusArea
from boligsocial.plans.models import Plan, PlanSlugHistory


def plan_queryset() -> QuerySet[Plan]:
    """Plans with what a list shows of the plan itself: fund round, afdelinger with their
    housing organisation and area, and focus areas. The people in force on a date are
    governance's: `governance.selectors.plan_list` adds them."""
    return (
        Plan.objects.select_related("fund_round")
        .prefetch_related(
            Prefetch(
                "afdelinger",
                # A list shows an area's name and municipality: its outline (GeoJSON),
                # aliases and description would only be decoded for nothing, once per afdeling.
                queryset=Afdeling.objects.select_related(
                    "organisation", "area__municipality__region"
                )
                .defer("area__outline", "area__aliases", "area__description")
                .order_by("organisation__name", "number"),
            ),
            Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position")),
        )
        .order_by("name")
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
