"""Writes of LBF's frame (docs/decisions/0031): grants and rent support booked against a year
of a fund round's frame. Every service validates first and writes nothing when it refuses.

Who may book: the capacities of LBF's decisions (`accounts.rules.lbf_decision_capacities`: a
user acting for LBF, an administrator recording LBF's letter). Who may exceed the frame: a
secretariat administrator, with the decision written down (issue 10)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from boligsocial.accounts.rules import lbf_decision_capacities
from boligsocial.accounts.selectors import scopes_for
from boligsocial.areas.models import Afdeling
from boligsocial.budgets.rules import AMOUNT_MAX
from boligsocial.frames import rules
from boligsocial.frames.models import BookingKind, FrameBooking
from boligsocial.frames.selectors import positions_of
from boligsocial.frames.wording import cap_refusal, frame_refusal, kr
from boligsocial.funding.models import FundRound
from boligsocial.plans.models import Plan

EXCEED_FIELD = "exceed_frame_decision"


def may_book(user: Any) -> bool:
    """May the user book against LBF's frame (a grant, rent support)?"""
    return bool(lbf_decision_capacities(scopes_for(user)))


def may_exceed(user: Any) -> bool:
    """May the user record the decision to exceed the frame? An administrator only."""
    return scopes_for(user).is_admin


def _locked_round(fund_round_id: int) -> FundRound:
    """The round re-read with its row locked: two bookings against the same frame queue, so
    neither passes a check the other has just made stale."""
    return FundRound.objects.select_for_update().get(pk=fund_round_id)


def _amount(amount: Any, field: str = "amount") -> Decimal:
    try:
        value = Decimal(str(amount))
    except ArithmeticError:
        raise ValidationError({field: _("Enter an amount in kroner.")}) from None
    if not value.is_finite():
        raise ValidationError({field: _("Enter an amount in kroner.")})
    if value < 0:
        raise ValidationError({field: _("The amount cannot be negative.")})
    if value > AMOUNT_MAX:
        raise ValidationError(
            {field: _("The amount can be at most %(max)s") % {"max": kr(AMOUNT_MAX)}}
        )
    if value != value.quantize(rules.ORE):
        raise ValidationError({field: _("An amount has at most two decimals (øre).")})
    return value.quantize(rules.ORE)


def _exceeding(
    check: rules.FrameCheck,
    *,
    user: Any,
    year: int,
    exceed_decision: str,
    kind_phrase: str,
    field: str,
) -> bool:
    """Whether the booking goes over the frame with an administrator's decision; raises the
    refusal when it goes over without one."""
    if check.ok:
        return False
    admin = may_exceed(user)
    if admin and exceed_decision.strip():
        return True
    raise ValidationError(
        {field: frame_refusal(check, year=year, kind_phrase=kind_phrase, admin=admin)}
    )


@transaction.atomic
def frame_grant_book(
    *,
    plan: Plan,
    user: Any,
    year: int,
    amount: Decimal,
    exceed_decision: str = "",
    booked_on: date | None = None,
) -> FrameBooking | None:
    """Book LBF's grant to `plan` (the granted budget's LBF total) against `year` of the plan's
    fund round. Nothing is booked (None) for a grant of 0 kr. When the round has no frame for
    the year, it is booked without a check. When the money left in the year (with the
    carry-over, and what later years count on) is too small, refused with the remainder and
    the overrun in kroner, keyed `exceed_frame_decision`, unless a secretariat administrator
    gives the written decision to exceed the frame: then booked with `exceeds_frame`, the
    decision and who decided."""
    if not may_book(user):
        raise PermissionDenied(
            _(
                "Only LBF, or an administrator recording LBF's decision, books grants against "
                "the frame."
            )
        )
    value = _amount(amount)
    if value == 0:
        return None
    fund_round = _locked_round(plan.fund_round_id)
    check = rules.frame_check(positions_of(fund_round), year, value)
    exceeds = _exceeding(
        check,
        user=user,
        year=year,
        exceed_decision=exceed_decision,
        kind_phrase=_("the grant"),
        field=EXCEED_FIELD,
    )
    booking = FrameBooking(
        fund_round=fund_round,
        year=year,
        kind=BookingKind.GRANT,
        plan=plan,
        amount=value,
        booked_on=booked_on or timezone.localdate(),
        exceeds_frame=exceeds,
        exceed_decision=exceed_decision.strip() if exceeds else "",
        exceed_decided_by=user if exceeds else None,
        booked_by=user,
        illustrative=plan.illustrative,
    )
    booking.full_clean()
    booking.save()
    return booking


@transaction.atomic
def rent_support_book(
    *,
    fund_round: FundRound,
    year: int,
    afdeling: Afdeling,
    amount: Decimal,
    user: Any,
    booked_on: date | None = None,
    note: str = "",
    exceed_decision: str = "",
    illustrative: bool = False,
) -> FrameBooking:
    """Book rent support (huslejestøtte) to `afdeling` against `year` of the round's frame,
    apart from the plans' grants. The year must be a frame year of the round. Refused when it
    would take the year's rent support over its cap (the law's: nobody may exceed it), and when
    it does not fit the frame, unless an administrator writes the decision to exceed it."""
    if not may_book(user):
        raise PermissionDenied(
            _("Only LBF, or an administrator recording LBF's decision, books rent support.")
        )
    value = _amount(amount)
    if value == 0:
        raise ValidationError({"amount": _("The amount must be more than 0 kr.")})
    fund_round = _locked_round(fund_round.pk)
    positions = positions_of(fund_round)
    if not any(p.year == year and p.has_frame for p in positions):
        years = [p.year for p in positions if p.has_frame]
        raise ValidationError(
            {
                "year": _(
                    "The fund round %(round)s has no frame for %(year)s: rent support is booked "
                    "against a year's frame (%(years)s)."
                )
                % {
                    "round": fund_round.code,
                    "year": year,
                    "years": f"{min(years)}–{max(years)}" if years else _("no frame years"),
                }
            }
        )
    cap = rules.rent_support_check(positions, year, value)
    if not cap.ok:
        raise ValidationError({"amount": cap_refusal(cap, year=year)})
    check = rules.frame_check(positions, year, value)
    exceeds = _exceeding(
        check,
        user=user,
        year=year,
        exceed_decision=exceed_decision,
        kind_phrase=_("the rent support"),
        field="exceed_decision",
    )
    booking = FrameBooking(
        fund_round=fund_round,
        year=year,
        kind=BookingKind.RENT_SUPPORT,
        afdeling=afdeling,
        amount=value,
        booked_on=booked_on or timezone.localdate(),
        exceeds_frame=exceeds,
        exceed_decision=exceed_decision.strip() if exceeds else "",
        exceed_decided_by=user if exceeds else None,
        booked_by=user,
        note=note,
        illustrative=illustrative,
    )
    booking.full_clean()
    booking.save()
    return booking
