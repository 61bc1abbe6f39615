"""Reads of LBF's instalments: a plan's instalments with their derived state, every
instalment of the plans a user may read, and the totals per year. The state of an unpaid
instalment is derived from the plan's late reports (`reporting.selectors.late_reports`), read
once for all the plans of a page, so a page's query count does not grow with its plans."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from boligsocial.accounts.selectors import restrict_to_readable_plans
from boligsocial.payments import rules, wording
from boligsocial.payments.models import YEAR_MAX, YEAR_MIN, Instalment
from boligsocial.payments.rules import InstalmentState, Overdue, YearTotals
from boligsocial.plans.models import Plan
from boligsocial.reporting.selectors import late_reports


def late_reports_of(plan_ids: Iterable[int], today: date) -> dict[int, list[Overdue]]:
    """Each plan's late reports (year and due date), for the plans given; a plan without a
    late report is left out. Two queries (`reporting.selectors.late_reports`), none for no
    plans."""
    ids = sorted(set(plan_ids))
    if not ids:
        return {}
    found: dict[int, list[Overdue]] = {}
    for plan_id, reports in late_reports(ids, today).items():
        late = [Overdue(r.year, r.due_date) for r in reports if getattr(r, "late", True)]
        if late:
            found[plan_id] = late
    return found


@dataclass(frozen=True)
class InstalmentRow:
    instalment: Instalment
    state: InstalmentState

    @property
    def label(self) -> str:
        return wording.state_label(self.state.state)

    @property
    def reason(self) -> str:
        return wording.reason_text(self.state.reasons)

    @property
    def held_back(self) -> bool:
        return self.state.held_back

    @property
    def payable(self) -> bool:
        return self.state.payable

    @property
    def amounts(self) -> rules.Amounts:
        i = self.instalment
        return rules.Amounts(i.year, self.state.state, i.planned_amount, i.paid_amount)


def rows_of(
    instalments: Iterable[Instalment], late: dict[int, list[Overdue]]
) -> list[InstalmentRow]:
    return [
        InstalmentRow(
            instalment=i,
            state=rules.instalment_state(paid=i.is_paid, late_reports=late.get(i.plan_id, [])),
        )
        for i in instalments
    ]


def grand_total(totals: Iterable[YearTotals]) -> YearTotals:
    """The sum of the years' totals (its `year` is 0)."""
    total = YearTotals(0)
    for row in totals:
        total.planned += row.planned
        total.held_back += row.held_back
        total.paid += row.paid
    return total


@dataclass(frozen=True)
class PlanInstalments:
    """A plan's instalments in the years' order, its late reports and its totals per year."""

    plan: Plan
    rows: list[InstalmentRow]
    late: tuple[Overdue, ...]
    totals: list[YearTotals]

    @property
    def total(self) -> YearTotals:
        return grand_total(self.totals)

    @property
    def late_text(self) -> str:
        return wording.reason_text(self.late)


def plan_instalments(plan: Plan, today: date) -> PlanInstalments:
    """The plan's instalments with their state (one query, and the late reports')."""
    instalments = list(Instalment.objects.filter(plan=plan).order_by("year"))
    late = late_reports_of([plan.pk], today)
    rows = rows_of(instalments, late)
    return PlanInstalments(
        plan=plan,
        rows=rows,
        late=tuple(sorted(late.get(plan.pk, []))),
        totals=rules.year_totals(r.amounts for r in rows),
    )


def instalment_of_plan(plan: Plan, year: int) -> Instalment:
    """The plan's instalment of `year`; Http404 if it has none (or the year is out of range:
    never a database error for a year too large for the column)."""
    found = None
    if YEAR_MIN <= year <= YEAR_MAX:
        found = Instalment.objects.filter(plan=plan, year=year).first()
    if found is None:
        raise Http404(_("The plan has no instalment for %(year)s.") % {"year": year})
    return found


def readable_instalments(user: Any) -> QuerySet[Instalment]:
    """The instalments of every plan the user may read, with their plans."""
    queryset = Instalment.objects.select_related("plan")
    return restrict_to_readable_plans(queryset, user, plan_field="plan")


def _order(row: InstalmentRow) -> tuple[int, str, int, int]:
    i = row.instalment
    return (rules.STATES.index(row.state.state), i.plan.name, i.plan_id, i.year)


def instalment_rows(
    user: Any, today: date, *, state: str | None = None, year: int | None = None
) -> list[InstalmentRow]:
    """Every instalment of the plans the user may read, held back first, then planned, then
    paid (each by plan and year); only those in `state` and of `year` when given. Two queries
    and the late reports', whatever the number of plans."""
    queryset = readable_instalments(user)
    if year is not None:
        queryset = queryset.filter(year=year)
    if state == rules.PAID:
        queryset = queryset.filter(paid_on__isnull=False)
    elif state in (rules.HELD_BACK, rules.PLANNED):
        queryset = queryset.filter(paid_on__isnull=True)
    instalments = list(queryset)
    late = late_reports_of({i.plan_id for i in instalments if not i.is_paid}, today)
    rows = rows_of(instalments, late)
    if state is not None:
        rows = [r for r in rows if r.state.state == state]
    return sorted(rows, key=_order)


@dataclass
class PlanSummary:
    """One plan's line of the overview: its totals and, when held back, why."""

    plan: Plan
    planned: Decimal = rules.ZERO
    held_back: Decimal = rules.ZERO
    paid: Decimal = rules.ZERO
    reasons: tuple[Overdue, ...] = ()

    @property
    def reason(self) -> str:
        return wording.reason_text(self.reasons)


@dataclass(frozen=True)
class Overview:
    totals: list[YearTotals]
    held_back: list[InstalmentRow]
    plans: list[PlanSummary] = field(default_factory=list)

    @property
    def total(self) -> YearTotals:
        return grand_total(self.totals)


def instalments_overview(user: Any, today: date) -> Overview:
    """All the plans the user may read that have instalments: the totals per year (planned,
    held back, paid), every held-back instalment with its reason, and each plan's totals,
    the plans with an instalment held back first."""
    rows = instalment_rows(user, today)
    plans: dict[int, PlanSummary] = {}
    for row in rows:
        i = row.instalment
        summary = plans.setdefault(i.plan_id, PlanSummary(plan=i.plan))
        if row.state.state == rules.PAID:
            summary.paid += i.paid_amount or rules.ZERO
        elif row.held_back:
            summary.held_back += i.planned_amount
            summary.reasons = row.state.reasons
        else:
            summary.planned += i.planned_amount
    ordered = sorted(
        plans.values(), key=lambda s: (s.held_back == rules.ZERO, s.plan.name, s.plan.pk)
    )
    return Overview(
        totals=rules.year_totals(r.amounts for r in rows),
        held_back=[r for r in rows if r.held_back],
        plans=ordered,
    )
