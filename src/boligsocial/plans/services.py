"""Writes to plans. Every rule that spans relations (the period against the fund round, the
focus areas of the round, afdelinger claimed by another plan) is checked here, before anything
is written, and reported against the field the user can fix."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from boligsocial.areas.models import Afdeling
from boligsocial.core.services import former_slugs_of_others, remember_former_slug, unique_slug
from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.funding.rules import PeriodProblem, plan_period_problems
from boligsocial.funding.selectors import round_rules
from boligsocial.plans.application import (
    APPLICATION_FIELDS,
    BudgetEstimateInput,
    challenges_problem,
    plan_application_update,
    plan_budget_estimates_set,
    plan_goals_set,
)
from boligsocial.plans.models import (
    Plan,
    PlanSlugHistory,
    PlanStatus,
)
from boligsocial.plans.rules import CLAIMING_STATUSES

PLAN_FIELDS = (
    "name",
    "lbf_number",
    "fund_round",
    "start_date",
    "end_date",
    "length_reason",
    "fund_round_reason",
    "published",
    "description",
    "office_address",
    "contact_email",
    "contact_phone",
    "website",
    "data_note",
    "illustrative",
)


def _period_message(problem: PeriodProblem) -> str:
    p = problem.params
    if problem.code == "end_before_start":
        return _("The end date is before the start date.")
    if problem.code == "start_outside_round":
        return (
            _(
                "The plan does not start within fund round %(round)s (%(first)s–%(last)s): "
                "choose its fund round, or give the reason (e.g. moved to the round's rules by "
                "LBF)."
            )
            % p
        )
    if problem.code == "end_after_round":
        latest = p["latest"]
        if not isinstance(latest, date):
            raise TypeError("end_after_round gives the latest end date")
        return _("Plans in fund round %(round)s must end by %(latest)s.") % {
            "round": p["round"],
            "latest": date_format(latest, "DATE_FORMAT"),
        }
    return (
        _(
            "The period is %(months)s months, not the fund round's normal %(years)s years: "
            "give a reason for the length."
        )
        % p
    )


def _check_plan(
    *, plan: Plan, afdelinger: Iterable[Afdeling] | None, focus_areas: Iterable[FocusArea] | None
) -> None:
    errors: dict[str, list[str]] = {}
    if plan.start_date and plan.end_date and plan.fund_round_id:
        for problem in plan_period_problems(
            start=plan.start_date,
            end=plan.end_date,
            rules=round_rules(plan.fund_round),
            length_reason=plan.length_reason,
            round_reason=plan.fund_round_reason,
        ):
            errors.setdefault(problem.field, []).append(_period_message(problem))
    if focus_areas is not None and plan.fund_round_id:
        foreign = [fa for fa in focus_areas if fa.fund_round_id != plan.fund_round_id]
        if foreign:
            errors.setdefault("focus_areas", []).append(
                _("These focus areas belong to another fund round than %(round)s: %(names)s.")
                % {"round": plan.fund_round.code, "names": ", ".join(f.name for f in foreign)}
            )
    if (
        afdelinger is not None
        and plan.status in CLAIMING_STATUSES
        and plan.start_date
        and plan.end_date
    ):
        claims = (
            Plan.afdelinger.through.objects.filter(
                afdeling__in=list(afdelinger),
                plan__status__in=CLAIMING_STATUSES,
                plan__start_date__lte=plan.end_date,
                plan__end_date__gte=plan.start_date,
            )
            .exclude(plan_id=plan.pk)
            .select_related("plan", "afdeling__organisation")
        )
        for claim in claims:
            other = claim.plan
            errors.setdefault("afdelinger", []).append(
                _(
                    "%(afdeling)s is already covered by the plan “%(plan)s” "
                    "(%(start)s–%(end)s), which overlaps this period."
                )
                % {
                    "afdeling": str(claim.afdeling),
                    "plan": other.name,
                    "start": date_format(other.start_date, "DATE_FORMAT"),
                    "end": date_format(other.end_date, "DATE_FORMAT"),
                }
            )
    if errors:
        raise ValidationError(errors)


def _plan_slug(name: str, *, pk: int | None = None) -> str:
    """A slug no other plan has now or had before (old addresses keep redirecting)."""
    reserved = former_slugs_of_others(PlanSlugHistory, pk)
    return unique_slug(Plan, name, exclude_pk=pk, fallback="helhedsplan", reserved=reserved)


@transaction.atomic
def plan_create(
    *,
    name: str,
    fund_round: FundRound,
    start_date: date,
    end_date: date,
    afdelinger: Iterable[Afdeling] = (),
    focus_areas: Iterable[FocusArea] = (),
    lbf_number: str = "",
    length_reason: str = "",
    fund_round_reason: str = "",
    published: bool = False,
    description: str = "",
    office_address: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    website: str = "",
    data_note: str = "",
    illustrative: bool = False,
) -> Plan:
    afdelinger, focus_areas = list(afdelinger), list(focus_areas)
    plan = Plan(
        name=name,
        slug=_plan_slug(name),
        fund_round=fund_round,
        start_date=start_date,
        end_date=end_date,
        status=PlanStatus.IDEA,
        lbf_number=lbf_number,
        length_reason=length_reason,
        fund_round_reason=fund_round_reason,
        published=published,
        description=description,
        office_address=office_address,
        contact_email=contact_email,
        contact_phone=contact_phone,
        website=website,
        data_note=data_note,
        illustrative=illustrative,
    )
    plan.full_clean()
    _check_plan(plan=plan, afdelinger=afdelinger, focus_areas=focus_areas)
    plan.save()
    plan.afdelinger.set(afdelinger)
    plan.focus_areas.set(focus_areas)
    return plan


@transaction.atomic
def plan_status_set(*, plan: Plan, status: str) -> Plan:
    """Set the plan's status. Only `boligsocial.lifecycle.services` calls this, after it has
    checked and recorded the transition (decision 0020; a test keeps it so). A plan that claims
    its afdelinger again (prepared again after a rejection or a withdrawal) is checked first,
    against the other plans' claims and its period's rules; any other change of status is
    not refused here."""
    if status not in PlanStatus.values:
        raise ValidationError({"status": _("“%(status)s” is not a status.") % {"status": status}})
    claims_again = status in CLAIMING_STATUSES and plan.status not in CLAIMING_STATUSES
    plan.status = status
    if claims_again:
        _check_plan(plan=plan, afdelinger=list(plan.afdelinger.all()), focus_areas=None)
    plan.save(update_fields=["status"])
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    data: dict[str, Any],
    afdelinger: Iterable[Afdeling] | None = None,
    focus_areas: Iterable[FocusArea] | None = None,
) -> Plan:
    """Change a plan's fields and, when given, its afdelinger and focus areas. The relations
    the caller does not give are checked as they stand, so a new period or fund round is
    checked against the plan's current afdelinger and focus areas. The plan's roles and seats
    are governance's: `governance.services.plan_update` also keeps them inside a new period, and
    is what the web and the API call. The status is not a field here: it changes only through
    the transitions of `boligsocial.lifecycle.services` (decision 0020)."""
    if "status" in data and data["status"] != plan.status:
        raise ValidationError(
            {
                "status": _(
                    "The status changes only through the plan's transitions (submit, LBF's "
                    "decision, start, end, …), each recorded on its timeline."
                )
            }
        )
    for field in PLAN_FIELDS:
        if field in data:
            setattr(plan, field, data[field])
    old_slug = plan.slug
    if "name" in data:
        plan.slug = _plan_slug(plan.name, pk=plan.pk)
    plan.full_clean()
    new_afdelinger = list(afdelinger) if afdelinger is not None else list(plan.afdelinger.all())
    new_focus = list(focus_areas) if focus_areas is not None else list(plan.focus_areas.all())
    _check_plan(plan=plan, afdelinger=new_afdelinger, focus_areas=new_focus)
    plan.save()
    if plan.slug != old_slug:
        remember_former_slug(PlanSlugHistory, plan, old_slug=old_slug)
    if afdelinger is not None:
        plan.afdelinger.set(new_afdelinger)
    if focus_areas is not None:
        plan.focus_areas.set(new_focus)
        # Goals belong to a chosen focus area; a focus area given up takes its goals along.
        plan.focus_area_goals.exclude(focus_area__in=new_focus).delete()
    return plan


# The application's data (decision 0020) lives in `plans.application`; its services are
# plans' services too.
__all__ = [
    "APPLICATION_FIELDS",
    "PLAN_FIELDS",
    "BudgetEstimateInput",
    "challenges_problem",
    "plan_application_update",
    "plan_budget_estimates_set",
    "plan_create",
    "plan_goals_set",
    "plan_status_set",
    "plan_update",
]
