"""Writes of LBF's instalments (docs/decisions/0030-instalments-and-hold-back.md).

Planning and paying instalments are LBF's decisions: only a user acting for LBF, or a
secretariat administrator recording LBF's letter (`accounts.rules.lbf_decision_capacities`),
may make them; anyone else gets PermissionDenied. Every service checks its input first and
writes nothing when it refuses (a ValidationError keyed by field where a field is wrong). A
write of one instalment with `expected` (a version token, `core.concurrency`) is made only if
nobody changed the instalment since the caller read it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from boligsocial.accounts.rules import lbf_decision_capacities
from boligsocial.accounts.selectors import scopes_for
from boligsocial.budgets.models import VersionState
from boligsocial.budgets.selectors import current_budget, lbf_amount_by_year
from boligsocial.budgets.wording import format_kr
from boligsocial.core.concurrency import Expected, expect_version
from boligsocial.payments import rules, wording
from boligsocial.payments.models import Instalment
from boligsocial.payments.selectors import late_reports_of
from boligsocial.plans.models import Plan


def may_decide(user: Any) -> bool:
    """May the user plan and record LBF's instalments?"""
    return bool(lbf_decision_capacities(scopes_for(user)))


def _check_lbf(user: Any) -> None:
    if not may_decide(user):
        raise PermissionDenied(
            _(
                "Only a user acting for LBF, or a secretariat administrator recording LBF's "
                "letter, may plan and record LBF's instalments."
            )
        )


def _save(instalment: Instalment, user: Any) -> Instalment:
    instalment.full_clean()
    instalment._history_user = user  # type: ignore[attr-defined]
    instalment.save()
    return instalment


@transaction.atomic
def instalments_schedule(*, plan: Plan, user: Any) -> rules.Replan:
    """Plan the plan's instalments from its current approved budget: one a year with LBF
    money, of the budget's LBF amount of that year, on 1 January (on the plan's start date in
    its first year). Paid instalments are kept as they are; unpaid ones take the new date and
    amount, and an unpaid one of a year the budget gives LBF no money any more is removed.
    Refused when the plan has no approved budget (LBF's grant approves the first)."""
    _check_lbf(user)
    locked = Plan.objects.select_for_update().filter(pk=plan.pk).first()
    if locked is None:
        raise ValidationError(_("The plan no longer exists."))
    version = current_budget(locked)
    if version is None or version.state != VersionState.APPROVED:
        raise ValidationError(
            _(
                "%(plan)s has no approved budget, so its instalments cannot be planned: they "
                "follow the budget LBF granted (and its approved revisions)."
            )
            % {"plan": locked.name},
            code="no_approved_budget",
        )
    planned = rules.schedule(lbf_amount_by_year(version), locked.start_date)
    stored = {i.year: i for i in Instalment.objects.select_for_update().filter(plan=locked)}
    change = rules.replan(
        [
            rules.StoredInstalment(i.year, i.is_paid, i.planned_on, i.planned_amount)
            for i in stored.values()
        ],
        planned,
    )
    for year in change.remove:
        removed = stored[year]
        removed._history_user = user  # type: ignore[attr-defined]
        removed.delete()
    for item in change.update:
        instalment = stored[item.year]
        instalment.planned_on = item.planned_on
        instalment.planned_amount = item.amount
        _save(instalment, user)
    for item in change.create:
        _save(
            Instalment(
                plan=locked, year=item.year, planned_on=item.planned_on, planned_amount=item.amount
            ),
            user,
        )
    return change


def _already_paid(instalment: Instalment) -> ValidationError:
    return ValidationError(
        _(
            "The instalment for %(year)s was paid on %(date)s (%(amount)s); a paid instalment "
            "does not change."
        )
        % {
            "year": instalment.year,
            "date": date_format(instalment.paid_on, "DATE_FORMAT") if instalment.paid_on else "",
            "amount": format_kr(instalment.paid_amount or Decimal(0)),
        },
        code="paid",
    )


@transaction.atomic
def instalment_pay(
    *,
    instalment: Instalment,
    user: Any,
    paid_on: date,
    amount: Decimal,
    note: str | None = None,
    expected: Expected = None,
) -> Instalment:
    """Record LBF's payment of an instalment: the date and the amount paid (more than 0, at
    most 999.999.999,99 kr.; it may differ from the planned amount). Refused while the
    instalment is held back on the payment's date (a report of the plan is late then; the
    refusal names each one), for an instalment already paid, and for a date after today. A
    payment recorded afterwards is judged on its own date: LBF's payment of January 2025 is
    not refused because a report became late in July 2026 (decision 0030)."""
    _check_lbf(user)
    today = timezone.localdate()
    errors: dict[str, str] = {}
    problem = rules.amount_problem(amount)
    if problem is not None:
        errors["amount"] = wording.amount_message(problem)
    if paid_on > today:
        errors["paid_on"] = _("A payment cannot be dated after today (%(today)s).") % {
            "today": date_format(today, "DATE_FORMAT")
        }
    if errors:
        raise ValidationError(errors)
    with expect_version(instalment, expected):
        if instalment.is_paid:
            raise _already_paid(instalment)
        late = late_reports_of([instalment.plan_id], paid_on).get(instalment.plan_id, [])
        state = rules.instalment_state(paid=False, late_reports=late)
        if state.held_back:
            raise ValidationError(
                wording.held_back_refusal(instalment.year, state.reasons), code="held_back"
            )
        instalment.paid_on = paid_on
        instalment.paid_amount = amount
        instalment.recorded_by = user
        if note is not None:
            instalment.note = note
        return _save(instalment, user)


@transaction.atomic
def instalment_plan_edit(
    *,
    instalment: Instalment,
    user: Any,
    planned_on: date,
    planned_amount: Decimal,
    note: str | None = None,
    expected: Expected = None,
) -> Instalment:
    """Change the planned date and amount of an unpaid instalment (LBF's decision). Planning
    again from the budget (`instalments_schedule`) sets them to the budget's again."""
    _check_lbf(user)
    problem = rules.amount_problem(planned_amount, allow_zero=True)
    if problem is not None:
        raise ValidationError({"planned_amount": wording.planned_amount_message(problem)})
    with expect_version(instalment, expected):
        if instalment.is_paid:
            raise _already_paid(instalment)
        instalment.planned_on = planned_on
        instalment.planned_amount = planned_amount
        if note is not None:
            instalment.note = note
        return _save(instalment, user)
