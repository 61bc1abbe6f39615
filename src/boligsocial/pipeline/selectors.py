"""Reads of the deadlines and the renewal pipeline (docs/decisions/0024). Every list costs a
fixed number of queries: the facts the rules need (when a plan's dialogue started, whether a
successor is in preparation) are annotations of the plans' own query, never a query per plan."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from boligsocial.areas.models import Afdeling, Area
from boligsocial.funding.models import FundRound
from boligsocial.indicators.models import OfficialListEntry
from boligsocial.lifecycle.models import PlanTransition, TransitionKind
from boligsocial.pipeline import rules
from boligsocial.plans.models import Plan
from boligsocial.plans.selectors import plans_in_site_scope
from boligsocial.site.models import SiteProfile

PlanAfdeling = Plan.afdelinger.through


def round_deadlines(fund_round: FundRound) -> rules.RoundDeadlines:
    return rules.RoundDeadlines(
        dialogue_min_months=fund_round.dialogue_min_months,
        dialogue_max_months=fund_round.dialogue_max_months,
        report_due_months=fund_round.report_due_months,
        application_window_opens=fund_round.application_window_opens,
        application_window_closes=fund_round.application_window_closes,
    )


def _successors() -> QuerySet[Plan]:
    """Other plans of one of the outer plan's areas that start later and are being prepared,
    granted or running: its successors."""
    return Plan.objects.filter(
        status__in=rules.PREPARING | {rules.RUNNING},
        start_date__gt=OuterRef("start_date"),
        afdelinger__area__afdelinger__plans=OuterRef("pk"),
    ).exclude(pk=OuterRef("pk"))


def with_deadline_facts(plans: QuerySet[Plan]) -> QuerySet[Plan]:
    """`plans` annotated with what the deadline rules need, in the same query:
    `dialogue_since` (the latest start of a dialogue with LBF) and `has_successor`. Select the
    fund round too (`select_related("fund_round")`) to read its deadlines without a query."""
    dialogue = (
        PlanTransition.objects.filter(plan=OuterRef("pk"), kind=TransitionKind.START_DIALOGUE)
        .order_by("-date", "-id")
        .values("date")[:1]
    )
    return plans.annotate(dialogue_since=Subquery(dialogue), has_successor=Exists(_successors()))


def plan_facts(plan: Plan) -> rules.PlanFacts:
    """The rules' facts of a plan read through `with_deadline_facts`."""
    return rules.PlanFacts(
        status=plan.status,
        start_date=plan.start_date,
        end_date=plan.end_date,
        deadlines=round_deadlines(plan.fund_round),
        dialogue_since=getattr(plan, "dialogue_since", None),
        has_successor=bool(getattr(plan, "has_successor", False)),
    )


def warnings_of(plans: list[Plan], today: datetime.date) -> dict[int, list[rules.Warning]]:
    """The warnings of each of `plans` (read through `with_deadline_facts`), by plan id; no
    query."""
    return {plan.pk: rules.plan_warnings(plan_facts(plan), today) for plan in plans}


def plan_warnings(plan: Plan, today: datetime.date) -> list[rules.Warning]:
    """The warnings of one plan: one query."""
    annotated = with_deadline_facts(Plan.objects.select_related("fund_round")).get(pk=plan.pk)
    return rules.plan_warnings(plan_facts(annotated), today)


# The pipeline page ------------------------------------------------------------------------

_STATE_RANK = Case(
    *(When(status=state, then=Value(rank)) for rank, state in enumerate(rules.STATE_ORDER)),
    default=Value(len(rules.STATE_ORDER)),
    output_field=IntegerField(),
)
# The states the pipeline shows unless one is chosen: every plan that is not closed.
ACTIVE_STATES = tuple(s for s in rules.STATE_ORDER if s not in rules.CLOSED)


def state_counts(profile: SiteProfile | None = None) -> dict[str, int]:
    """How many plans of the site's municipalities are in each state: one query."""
    plans = plans_in_site_scope(Plan.objects.all(), profile)
    rows = plans.order_by().values_list("status").annotate(n=Count("pk"))
    found = dict(rows)
    return {state: found.get(state, 0) for state in rules.STATE_ORDER}


def pipeline_plans(states: tuple[str, ...], profile: SiteProfile | None = None) -> QuerySet[Plan]:
    """The plans of the site's municipalities in `states`, in the order of a plan's life, then
    the soonest end first: page it; each row carries its deadline facts and fund round."""
    plans = plans_in_site_scope(Plan.objects.select_related("fund_round"), profile)
    return (
        with_deadline_facts(plans.filter(status__in=states))
        .annotate(state_rank=_STATE_RANK)
        .order_by("state_rank", "end_date", "name", "pk")
    )


def plan_holders(plan_ids: list[int]) -> dict[int, list[str]]:
    """The names of each plan's housing organisations (the applicants who hold its next
    step), sorted: one query."""
    rows = (
        PlanAfdeling.objects.filter(plan_id__in=plan_ids)
        .values_list("plan_id", "afdeling__organisation__name")
        .distinct()
    )
    names: dict[int, set[str]] = {}
    for plan_id, name in rows:
        names.setdefault(plan_id, set()).add(name)
    return {plan_id: sorted(found) for plan_id, found in names.items()}


def _latest_list_year() -> Subquery:
    return Subquery(OfficialListEntry.objects.order_by("-year").values("year")[:1])


def areas_in_site_scope(areas: QuerySet[Area], profile: SiteProfile | None) -> QuerySet[Area]:
    """The areas of the municipalities the site covers (all when it names none), as one SQL
    condition."""
    if profile is None:
        return areas
    covered = SiteProfile.municipalities.through.objects.filter(siteprofile_id=profile.pk)
    return areas.filter(~Exists(covered) | Q(municipality_id__in=covered.values("municipality_id")))


def pipeline_areas(today: datetime.date, profile: SiteProfile | None = None) -> QuerySet[Area]:
    """The site's areas whose granted or running plan ends within 24 months (or has passed its end
    without being ended), and the areas on the latest official list (the latest year of which
    any entry is stored) without a running plan; the soonest end first, then by name. Each
    carries `plan_ends` (its funded plans' earliest end), `listed` and `preparing` (a plan
    of the area is in preparation)."""
    horizon = rules.add_months(today, rules.PIPELINE_HORIZON_MONTHS)
    ending = Plan.objects.filter(
        status__in=rules.FUNDED, end_date__lte=horizon, afdelinger__area=OuterRef("pk")
    ).order_by("end_date")
    running = Plan.objects.filter(status=rules.RUNNING, afdelinger__area=OuterRef("pk"))
    preparing = Plan.objects.filter(status__in=rules.PREPARING, afdelinger__area=OuterRef("pk"))
    listed = OfficialListEntry.objects.filter(
        area=OuterRef("pk"), on_list=True, year=_latest_list_year()
    )
    return (
        areas_in_site_scope(Area.objects.select_related("municipality"), profile)
        .annotate(
            plan_ends=Subquery(ending.values("end_date")[:1]),
            listed=Exists(listed),
            running=Exists(running),
            preparing=Exists(preparing),
        )
        .filter(Q(plan_ends__isnull=False) | Q(listed=True, running=False))
        .order_by(F("plan_ends").asc(nulls_last=True), "name", "pk")
    )


@dataclass(frozen=True)
class AreaPlan:
    """A plan of an area in the pipeline: not closed."""

    pk: int
    name: str
    slug: str
    status: str
    start_date: datetime.date
    end_date: datetime.date


@dataclass(frozen=True)
class AreaDetails:
    plans: dict[int, list[AreaPlan]]
    designations: dict[int, list[str]]
    organisations: dict[int, list[str]]
    list_year: int | None


def area_details(area_ids: list[int]) -> AreaDetails:
    """For a page of `pipeline_areas`: each area's plans that are not closed, its designations
    on the latest official list and its housing organisations: three queries (four with the
    list's year)."""
    plans: dict[int, list[AreaPlan]] = {}
    rows = (
        PlanAfdeling.objects.filter(afdeling__area_id__in=area_ids)
        .exclude(plan__status__in=rules.CLOSED)
        .values_list(
            "afdeling__area_id",
            "plan_id",
            "plan__name",
            "plan__slug",
            "plan__status",
            "plan__start_date",
            "plan__end_date",
        )
        .distinct()
        .order_by("afdeling__area_id", "plan__start_date", "plan_id")
    )
    for area_id, plan_id, name, slug, status, start, end in rows:
        plans.setdefault(area_id, []).append(AreaPlan(plan_id, name, slug, status, start, end))
    year = OfficialListEntry.objects.order_by("-year").values_list("year", flat=True).first()
    designations: dict[int, list[str]] = {}
    if year is not None:
        entries = OfficialListEntry.objects.filter(
            area_id__in=area_ids, year=year, on_list=True
        ).values_list("area_id", "designation")
        for area_id, designation in entries.order_by("area_id", "designation"):
            designations.setdefault(area_id, []).append(designation)
    organisations: dict[int, set[str]] = {}
    for area_id, name in (
        Afdeling.objects.filter(area_id__in=area_ids)
        .values_list("area_id", "organisation__name")
        .distinct()
    ):
        organisations.setdefault(area_id, set()).add(name)
    return AreaDetails(
        plans=plans,
        designations=designations,
        organisations={k: sorted(v) for k, v in organisations.items()},
        list_year=year,
    )
