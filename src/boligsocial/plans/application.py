"""Writes to a plan's application data (decision 0020): the description of the challenges
(within its fund round's character limit), the purpose, the goals per chosen focus area, the
budget estimates per year and source, and the municipality's recommendation. Re-exported by
`plans.services`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from boligsocial.core.validation import LONG_TEXT_MAX
from boligsocial.funding.models import FocusArea
from boligsocial.plans.models import (
    BUDGET_AMOUNT_MAX,
    BudgetSource,
    Plan,
    PlanBudgetEstimate,
    PlanFocusAreaGoals,
)

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
