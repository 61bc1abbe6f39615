"""Writes to plans. Every rule that spans relations (the period against the fund round, the
focus areas of the round, afdelinger claimed by another plan) is checked here, before anything
is written, and reported against the field the user can fix."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from boligsocial.areas.models import Afdeling
from boligsocial.core.services import former_slugs_of_others, remember_former_slug, unique_slug
from boligsocial.core.validation import LONG_TEXT_MAX
from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.funding.rules import PeriodProblem, plan_period_problems
from boligsocial.funding.selectors import round_rules
from boligsocial.plans.models import (
    BUDGET_AMOUNT_MAX,
    BudgetSource,
    Plan,
    PlanBudgetEstimate,
    PlanFocusAreaGoals,
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
    its afdelinger again (prepared again after a rejection) is checked against the other
    plans' claims."""
    if status not in PlanStatus.values:
        raise ValidationError({"status": _("“%(status)s” is not a status.") % {"status": status}})
    plan.status = status
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


# The application's data (decision 0020) ------------------------------------------------------

APPLICATION_FIELDS = (
    "challenges",
    "purpose",
    "municipality_recommendation_date",
    "municipality_recommendation_note",
)


def _count(value: int) -> str:
    return number_format(value, force_grouping=True)


def challenges_problem(plan: Plan, text: str) -> str | None:
    """Why `text` cannot be the plan's description of the challenges: longer than its fund
    round's limit (counted after line breaks are made one character, as a browser counts)."""
    limit = plan.fund_round.challenges_max_chars if plan.fund_round_id else None
    if limit is None or len(text) <= limit:
        return None
    return _(
        "The description of the challenges is %(length)s characters long; fund round "
        "%(round)s allows at most %(limit)s characters (%(over)s too many)."
    ) % {
        "length": _count(len(text)),
        "round": plan.fund_round.code,
        "limit": _count(limit),
        "over": _count(len(text) - limit),
    }


@transaction.atomic
def plan_application_update(*, plan: Plan, data: dict[str, Any]) -> Plan:
    """Change the application's texts on the plan: `challenges`, `purpose` and the
    municipality's recommendation (`municipality_recommendation_date`, `..._note`). The
    challenges may not be longer than the fund round's `challenges_max_chars`; a
    recommendation cannot be dated in the future. Nothing is written when a value is refused."""
    unknown = sorted(set(data) - set(APPLICATION_FIELDS))
    if unknown:
        raise TypeError(f"not application fields: {', '.join(unknown)}")
    for field, value in data.items():
        if isinstance(value, str):
            value = value.replace("\r\n", "\n")
        setattr(plan, field, value)
    errors: dict[str, list[str]] = {}
    if "challenges" in data and (problem := challenges_problem(plan, plan.challenges)):
        errors["challenges"] = [problem]
    recommended = plan.municipality_recommendation_date
    if recommended is not None and recommended > timezone.localdate():
        errors["municipality_recommendation_date"] = [
            _("The municipality's recommendation cannot be dated in the future.")
        ]
    if recommended is not None and not 1900 <= recommended.year <= 2999:
        errors["municipality_recommendation_date"] = [_("The year must be between 1900 and 2999.")]
    if errors:
        raise ValidationError(errors)
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_goals_set(*, plan: Plan, goals: Mapping[FocusArea, str]) -> list[PlanFocusAreaGoals]:
    """Set the plan's goals in the given focus areas (a blank text removes them). Each focus
    area must be one the plan has chosen; goals of the other chosen areas stay as they are."""
    chosen = {fa.pk: fa for fa in plan.focus_areas.all()}
    errors: list[str] = []
    for focus_area, text in goals.items():
        if focus_area.pk not in chosen:
            errors.append(
                _("“%(focus_area)s” is not one of the plan's focus areas; choose it first.")
                % {"focus_area": focus_area.name}
            )
        elif len(text) > LONG_TEXT_MAX:
            errors.append(
                _("The goals in “%(focus_area)s” are %(length)s characters; at most %(limit)s.")
                % {
                    "focus_area": focus_area.name,
                    "length": _count(len(text)),
                    "limit": _count(LONG_TEXT_MAX),
                }
            )
    if errors:
        raise ValidationError({"goals": errors})
    for focus_area, text in goals.items():
        text = text.replace("\r\n", "\n").strip()
        if text:
            PlanFocusAreaGoals.objects.update_or_create(
                plan=plan, focus_area=focus_area, defaults={"goals": text}
            )
        else:
            PlanFocusAreaGoals.objects.filter(plan=plan, focus_area=focus_area).delete()
    return list(plan.focus_area_goals.select_related("focus_area"))


@dataclass(frozen=True)
class BudgetEstimateInput:
    year: int
    source: str
    amount: Decimal


def _estimate_problem(plan: Plan, row: BudgetEstimateInput) -> str | None:
    if row.source not in BudgetSource.values:
        return _("“%(source)s” is not a source; choose one of %(sources)s.") % {
            "source": row.source,
            "sources": ", ".join(BudgetSource.values),
        }
    if not plan.start_date.year <= row.year <= plan.end_date.year:
        return _("%(year)s is outside the plan's period (%(first)s–%(last)s).") % {
            "year": row.year,
            "first": plan.start_date.year,
            "last": plan.end_date.year,
        }
    if not isinstance(row.amount, Decimal) or not row.amount.is_finite():
        return _("The amount is not a number.")
    if row.amount < 0:
        return _("The amount cannot be negative.")
    if row.amount > BUDGET_AMOUNT_MAX:
        return _("The amount is more than %(max)s kr.") % {"max": _count(int(BUDGET_AMOUNT_MAX))}
    if row.amount != row.amount.quantize(Decimal("0.01")):
        return _("The amount has more than two decimals (øre).")
    return None


@transaction.atomic
def plan_budget_estimates_set(
    *, plan: Plan, estimates: Iterable[BudgetEstimateInput]
) -> list[PlanBudgetEstimate]:
    """Replace the plan's budget estimate: one amount (kr.) per year of its period and source
    (`lbf`, `municipality`, `housing_organisation`, `other`). Every row is checked first; a
    refused row is named by its number, year and source, and nothing is written."""
    rows = list(estimates)
    errors: list[str] = []
    seen: set[tuple[int, str]] = set()
    for number, row in enumerate(rows, start=1):
        problem = _estimate_problem(plan, row)
        if problem is None and (row.year, row.source) in seen:
            problem = _("the year and source are given twice.")
        seen.add((row.year, row.source))
        if problem:
            errors.append(
                _("Row %(number)s (%(year)s, %(source)s): %(problem)s")
                % {"number": number, "year": row.year, "source": row.source, "problem": problem}
            )
    if errors:
        raise ValidationError({"budget_estimates": errors})
    plan.budget_estimates.all().delete()
    created = [
        PlanBudgetEstimate(plan=plan, year=row.year, source=row.source, amount=row.amount)
        for row in rows
    ]
    for estimate in created:
        estimate.full_clean()
        estimate.save()
    return list(plan.budget_estimates.all())
