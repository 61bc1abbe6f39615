"""A plan's transitions (decision 0020). Each service checks, before anything is written, that
the transition may be made from the plan's state, that the user holds a capacity allowed to
make it, that the plan is complete for the stage, and the inputs (date, document, new end
date, fund round, reason). A refusal is a `ValidationError` naming the field at fault; then
nothing is written. Otherwise the transition is recorded on the plan's timeline and the
plan's status (or end date, or fund round) is set. These are the only writers of
`Plan.status` (through `plans.services.plan_status_set`).

Keyword arguments common to every service: `plan`, `user` (the acting user), `date` (of the
event; today when None; never in the future nor before the plan's previous transition),
`note` (internal), `public_note`, `document` (a `documents.Document` of the same plan that the
step rests on, e.g. LBF's letter), `capacity` (one of `lifecycle.rules.CAPACITIES`; when None,
the first the user holds that the transition allows)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as date_type
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from boligsocial.documents.models import Document
from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.governance.services import plan_update
from boligsocial.lifecycle import rules
from boligsocial.lifecycle.grant import grant_money, is_grant
from boligsocial.lifecycle.ideas import plan_create_idea
from boligsocial.lifecycle.models import PlanTransition
from boligsocial.lifecycle.selectors import capacities_of, missing_parts
from boligsocial.lifecycle.steps import actor_name, check_date
from boligsocial.lifecycle.wording import refusal_text
from boligsocial.plans.models import Plan
from boligsocial.plans.services import plan_status_set


@transaction.atomic
def plan_transition_make(
    *,
    plan: Plan,
    user: Any,
    kind: str,
    to_status: str | None = None,
    capacity: str | None = None,
    date: date_type | None = None,
    note: str = "",
    public_note: str = "",
    document: Document | None = None,
    reason: str = "",
    new_end_date: date_type | None = None,
    to_fund_round: FundRound | None = None,
    focus_areas: Iterable[FocusArea] | None = None,
    exceed_frame_decision: str = "",
) -> PlanTransition:
    """Make the transition `kind` (a key of `lifecycle.rules.TRANSITIONS`) on `plan`: the
    general service behind the named ones below, and what the API calls. `to_status` chooses
    among the transition's targets (LBF's decision); `reason`, `new_end_date`,
    `to_fund_round` and `focus_areas` are for an extension and a move to another round. A
    grant approves the plan's budget and books it against LBF's frame (`lifecycle.grant`);
    `exceed_frame_decision` is an administrator's written decision to exceed the frame."""
    locked = Plan.objects.select_for_update().select_related("fund_round").get(pk=plan.pk)
    status = locked.status
    transition = rules.TRANSITIONS.get(kind)
    if transition is not None and transition.keeps_state:
        to_status = status
    elif transition is not None and to_status is None and len(transition.targets) == 1:
        (to_status,) = transition.targets
    if kind == rules.IDEA_KIND:
        refusal: rules.Refusal | None = rules.Refusal("unknown_kind", "kind", {"kind": kind})
    else:
        refusal = rules.check_transition(
            kind=kind,
            status=status,
            target=to_status,
            held=capacities_of(user, locked),
            capacity=capacity,
        )
    if refusal is not None:
        raise ValidationError({refusal.field: refusal_text(refusal)})
    if transition is None or to_status is None:
        raise AssertionError("check_transition passed an unknown transition")
    recorded_as = rules.chosen_capacity(kind, capacities_of(user, locked), capacity)
    when = date or timezone.localdate()
    errors: dict[str, Any] = check_date(locked, when)
    if document is not None and document.plan_id != locked.pk:
        errors["document"] = _("The document belongs to another plan.")
    if recorded_as == rules.ADMIN_RECORDING_LBF and document is None and not note.strip():
        errors["document"] = _(
            "Recording LBF's decision, attach LBF's letter or describe it in the note."
        )
    errors |= _event_problems(locked, kind, reason, note, document, new_end_date, to_fund_round)
    if errors:
        raise ValidationError(errors)
    if transition.stage is not None:
        missing = missing_parts(locked, transition.stage)
        if missing:
            by_field: dict[str, list[str]] = {}
            for part in missing:
                by_field.setdefault(part.field, []).append(part.message)
            raise ValidationError(by_field)
    if is_grant(kind, to_status):
        grant_money(
            plan=locked,
            user=user,
            when=when,
            note=note,
            document=document,
            exceed_frame_decision=exceed_frame_decision,
        )
    record = PlanTransition(
        plan=locked,
        kind=kind,
        from_status=status,
        to_status=to_status,
        date=when,
        actor=user if getattr(user, "pk", None) else None,
        actor_name=actor_name(user),
        capacity=recorded_as,
        note=note,
        public_note=public_note,
        document=document,
        reason=reason,
    )
    if kind == rules.EXTEND:
        record.old_end_date, record.new_end_date = locked.end_date, new_end_date
        plan_update(
            plan=locked,
            data={"end_date": new_end_date, "length_reason": locked.length_reason or reason},
        )
    elif kind == rules.MOVE_ROUND:
        record.from_fund_round, record.to_fund_round = locked.fund_round, to_fund_round
        plan_update(
            plan=locked,
            data={"fund_round": to_fund_round, "fund_round_reason": reason},
            focus_areas=focus_areas,
        )
    elif to_status != status:
        plan_status_set(plan=locked, status=to_status)
    record.full_clean()
    record.save()
    plan.refresh_from_db()
    return record


def _event_problems(
    plan: Plan,
    kind: str,
    reason: str,
    note: str,
    document: Document | None,
    new_end_date: date_type | None,
    to_fund_round: FundRound | None,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind in (rules.EXTEND, rules.MOVE_ROUND) and not reason.strip():
        errors["reason"] = _("Give the reason LBF gave for the decision.")
    if kind == rules.EXTEND:
        if new_end_date is None:
            errors["new_end_date"] = _("Give the new end date.")
        elif new_end_date <= plan.end_date:
            errors["new_end_date"] = _(
                "The new end date must be after the plan's end date, %(end)s."
            ) % {"end": date_format(plan.end_date, "DATE_FORMAT")}
        if document is None and not note.strip():
            errors["document"] = _(
                "An extension rests on LBF's decision: attach it or describe it in the note."
            )
    if kind == rules.MOVE_ROUND:
        if to_fund_round is None:
            errors["to_fund_round"] = _("Choose the fund round whose rules the plan moves to.")
        elif to_fund_round.pk == plan.fund_round_id:
            errors["to_fund_round"] = _("The plan already follows fund round %(round)s.") % {
                "round": to_fund_round.code
            }
    return errors


# The named transitions -----------------------------------------------------------------------


def plan_submit_prequalification(*, plan: Plan, user: Any, **common: Any) -> PlanTransition:
    """idea → prequalification_submitted, by the secretariat or an applicant, when the plan
    has what the application needs (`lifecycle.selectors.missing_parts`)."""
    return plan_transition_make(plan=plan, user=user, kind=rules.SUBMIT_PREQUALIFICATION, **common)


def plan_record_lbf_decision(
    *, plan: Plan, user: Any, decision: str, **common: Any
) -> PlanTransition:
    """LBF's decision, recorded by a user acting for LBF or an administrator recording LBF's
    letter: on a pre-qualification application `prequalified` or `rejected`; on a full plan
    `granted`, `rejected` or `in_dialogue` (sent back to the dialogue)."""
    kind = (
        rules.GRANT_DECISION
        if plan.status == rules.PLAN_SUBMITTED
        else rules.PREQUALIFICATION_DECISION
    )
    return plan_transition_make(plan=plan, user=user, kind=kind, to_status=decision, **common)


def plan_start_dialogue(*, plan: Plan, user: Any, **common: Any) -> PlanTransition:
    """prequalified → in_dialogue."""
    return plan_transition_make(plan=plan, user=user, kind=rules.START_DIALOGUE, **common)


def plan_submit_full_plan(*, plan: Plan, user: Any, **common: Any) -> PlanTransition:
    """in_dialogue → plan_submitted, when the plan is complete for the full plan (purpose and
    goals in every focus area too)."""
    return plan_transition_make(plan=plan, user=user, kind=rules.SUBMIT_PLAN, **common)


def plan_start(*, plan: Plan, user: Any, **common: Any) -> PlanTransition:
    """granted → running."""
    return plan_transition_make(plan=plan, user=user, kind=rules.START, **common)


def plan_end(*, plan: Plan, user: Any, **common: Any) -> PlanTransition:
    """running → ended."""
    return plan_transition_make(plan=plan, user=user, kind=rules.END, **common)


def plan_withdraw(*, plan: Plan, user: Any, **common: Any) -> PlanTransition:
    """Any state before running → withdrawn, by the secretariat or an applicant."""
    return plan_transition_make(plan=plan, user=user, kind=rules.WITHDRAW, **common)


def plan_reopen(*, plan: Plan, user: Any, **common: Any) -> PlanTransition:
    """rejected or withdrawn → idea: the application is prepared again."""
    return plan_transition_make(plan=plan, user=user, kind=rules.REOPEN, **common)


def plan_extend(
    *, plan: Plan, user: Any, new_end_date: date_type, reason: str, **common: Any
) -> PlanTransition:
    """LBF's extension of a granted or running plan: a new, later end date with LBF's reason,
    resting on LBF's decision (`document`, or described in `note`). The state stays."""
    return plan_transition_make(
        plan=plan,
        user=user,
        kind=rules.EXTEND,
        new_end_date=new_end_date,
        reason=reason,
        **common,
    )


def plan_move_round(
    *,
    plan: Plan,
    user: Any,
    to_fund_round: FundRound,
    reason: str,
    focus_areas: Iterable[FocusArea] | None = None,
    **common: Any,
) -> PlanTransition:
    """LBF moves the plan to another fund round's rules (as LBF moved pre-qualified cases to
    the 2019–26 regulativ on 1 January 2020), with the reason; `focus_areas` are the plan's
    focus areas of the new round (needed when it has focus areas). The state stays."""
    return plan_transition_make(
        plan=plan,
        user=user,
        kind=rules.MOVE_ROUND,
        to_fund_round=to_fund_round,
        reason=reason,
        focus_areas=focus_areas,
        **common,
    )


@dataclass(frozen=True)
class PastStep:
    """One step of a plan's past, for `plan_past_record`."""

    kind: str
    date: date_type
    to_status: str | None = None
    capacity: str = rules.SECRETARIAT
    note: str = ""
    public_note: str = ""
    # For an extension: the new end date and LBF's reason.
    new_end_date: date_type | None = None
    reason: str = ""


@transaction.atomic
def plan_past_record(*, plan: Plan, steps: Iterable[PastStep], actor_name: str = "") -> Plan:
    """Record the past of a plan that has no timeline yet (the demo; an installation taking
    over plans that predate it): the steps must follow the transition table from `idea` in
    date order, none in the future, but the completeness of the submissions is not checked,
    because an old plan's application texts are not in the system. The first step is `idea`;
    an `extend` step sets the plan's new end date (with the period rules of `plan_update`); a
    move to another round is not recorded this way. Refused with the step's number when out of
    order; nothing is written then."""
    steps = list(steps)
    if plan.transitions.exists():
        raise ValidationError({"steps": _("The plan already has a timeline.")})
    status = ""
    previous: date_type | None = None
    records = []
    for number, step in enumerate(steps, start=1):
        transition = rules.TRANSITIONS.get(step.kind)
        target = step.to_status
        if transition is not None and target is None:
            target = status if transition.keeps_state else min(transition.targets)
        problem = None
        if transition is None:
            problem = _("“%(kind)s” is not a transition.") % {"kind": step.kind}
        elif number == 1 and step.kind != rules.IDEA_KIND:
            problem = _("A timeline starts with the idea.")
        elif number > 1 and (
            status not in transition.sources or target not in rules.targets_of(step.kind, status)
        ):
            problem = _("“%(kind)s” cannot follow “%(status)s”.") % {
                "kind": step.kind,
                "status": status,
            }
        elif step.capacity not in transition.capacities:
            problem = _("“%(kind)s” is not made as %(capacity)s.") % {
                "kind": step.kind,
                "capacity": step.capacity,
            }
        elif step.date > timezone.localdate() or (previous and step.date < previous):
            problem = _("The date is in the future or before the previous step.")
        elif step.kind == rules.MOVE_ROUND or (
            step.kind == rules.EXTEND and (step.new_end_date is None or not step.reason.strip())
        ):
            problem = _(
                "An extension needs its new end date and reason; a move is not recorded here."
            )
        if problem or target is None:
            raise ValidationError(
                {
                    "steps": _("Step %(number)s: %(problem)s")
                    % {"number": number, "problem": problem}
                }
            )
        records.append(
            PlanTransition(
                plan=plan,
                kind=step.kind,
                from_status=status,
                to_status=target,
                date=step.date,
                actor_name=actor_name,
                capacity=step.capacity,
                note=step.note,
                public_note=step.public_note,
                reason=step.reason,
                new_end_date=step.new_end_date,
            )
        )
        status, previous = target, step.date
    for record in records:
        if record.kind == rules.EXTEND:
            record.old_end_date = plan.end_date
            plan_update(
                plan=plan,
                data={
                    "end_date": record.new_end_date,
                    "length_reason": plan.length_reason or record.reason,
                },
            )
        record.full_clean()
        record.save()
    if status and status != plan.status:
        plan_status_set(plan=plan, status=status)
    return plan


# A new plan's idea is created by `lifecycle.ideas`, re-exported here.
__all__ = [
    "PastStep",
    "plan_create_idea",
    "plan_end",
    "plan_extend",
    "plan_move_round",
    "plan_past_record",
    "plan_record_lbf_decision",
    "plan_reopen",
    "plan_start",
    "plan_start_dialogue",
    "plan_submit_full_plan",
    "plan_submit_prequalification",
    "plan_transition_make",
    "plan_withdraw",
]
