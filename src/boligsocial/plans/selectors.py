"""Reads about plans, each with a fixed number of queries whatever the number of plans."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, Prefetch, Q, QuerySet

from boligsocial.areas.models import Afdeling
from boligsocial.funding.models import FocusArea
from boligsocial.plans.models import Plan, PlanSlugHistory
from boligsocial.plans.rules import is_closed
from boligsocial.site.models import SiteProfile


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


def plan_by_slug(slug: str) -> Plan | None:
    """The plan at `slug` (its current address), with nothing prefetched, or None."""
    return Plan.objects.filter(slug=slug).first()


def plan_page_date(*, slug: str, today: date) -> date:
    """The date a plan's page shows its people on: today, or for a plan that has ended (or not
    begun) its last (or first) day, so its page shows who ran it rather than nobody."""
    period = Plan.objects.filter(slug=slug).values_list("start_date", "end_date").first()
    return min(max(today, period[0]), period[1]) if period else today


def plans_in_site_scope(plans: QuerySet[Plan], profile: SiteProfile | None) -> QuerySet[Plan]:
    """The plans of the municipalities the site covers (all of Denmark when it names none),
    as one SQL condition, so a page's query count does not change."""
    if profile is None:
        return plans
    covered = SiteProfile.municipalities.through.objects.filter(siteprofile_id=profile.pk)
    in_covered = Plan.objects.filter(
        afdelinger__area__municipality_id__in=covered.values("municipality_id")
    )
    return plans.filter(~Exists(covered) | Q(pk__in=in_covered.values("pk")))


def current_and_ended_plan_ids(plans: QuerySet[Plan]) -> tuple[list[int], list[int]]:
    """The ids of `plans` in the front page's order, from one light query of plain values: the
    current ones (in the queryset's order), then the ended ones, most recently ended first."""
    current_ids: list[int] = []
    ended_rows: list[tuple[date, int]] = []
    for pk, plan_status, end_date in plans.prefetch_related(None).values_list(
        "pk", "status", "end_date"
    ):
        if is_closed(plan_status):
            ended_rows.append((end_date, pk))
        else:
            current_ids.append(pk)
    ended_rows.sort(key=lambda row: row[0], reverse=True)  # stable: by name within a date
    return current_ids, [pk for _end, pk in ended_rows]
