"""Reads of a plan's lifecycle: the capacities a user holds in a plan, what the plan lacks
for a stage (`missing_parts`, also used by the application), and its timeline."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from boligsocial.accounts.selectors import plan_facts, scopes_for
from boligsocial.documents.models import Document, DocumentKind
from boligsocial.lifecycle import rules
from boligsocial.lifecycle.models import Capacity, PlanTransition, TransitionKind
from boligsocial.lifecycle.wording import missing_text
from boligsocial.plans.models import Plan, PlanStatus


def capacities_of(user: Any, plan: Plan) -> frozenset[str]:
    """The capacities in which `user` may act on `plan`: the secretariat and an administrator
    recording LBF's letter (a secretariat administrator), LBF (a user acting for LBF), an
    applicant (the plan's leader, or a user of one of its housing organisations or of the
    municipality of one of its afdelinger)."""
    scopes = scopes_for(user)
    held: set[str] = set()
    if scopes.is_admin:
        held |= {rules.SECRETARIAT, rules.ADMIN_RECORDING_LBF}
    if scopes.acts_for_lbf:
        held.add(rules.LBF)
    if plan.pk in scopes.led_plan_ids:
        held.add(rules.APPLICANT)
    elif scopes.organisation_ids or scopes.municipality_ids:
        facts = plan_facts(plan)
        if scopes.organisation_ids & facts.organisation_ids or (
            scopes.municipality_ids & facts.municipality_ids
        ):
            held.add(rules.APPLICANT)
    return frozenset(held)


def completeness_facts(plan: Plan) -> rules.CompletenessFacts:
    focus = list(plan.focus_areas.values_list("pk", "fund_round_id"))
    return rules.CompletenessFacts(
        afdelinger=plan.afdelinger.count(),
        focus_area_ids=frozenset(pk for pk, round_id in focus if round_id == plan.fund_round_id),
        foreign_focus_areas=sum(1 for _pk, round_id in focus if round_id != plan.fund_round_id),
        # Blank text counts as none; otherwise every character counts.
        challenges_length=len(plan.challenges) if plan.challenges.strip() else 0,
        challenges_limit=plan.fund_round.challenges_max_chars,
        purpose=bool(plan.purpose.strip()),
        goal_focus_area_ids=frozenset(
            plan.focus_area_goals.values_list("focus_area_id", flat=True)
        ),
        budget_rows=plan.budget_estimates.count(),
        recommendation_date=plan.municipality_recommendation_date is not None,
        recommendation_documents=Document.objects.filter(
            plan=plan, kind=DocumentKind.MUNICIPAL_RECOMMENDATION
        ).count(),
    )


@dataclass(frozen=True)
class Missing:
    """A missing part with its message: `field` is where to fix it."""

    code: str
    field: str
    message: str


def missing_parts(plan: Plan, stage: str = rules.PREQUALIFICATION) -> list[Missing]:
    """What `plan` lacks before it can be submitted at `stage` (`prequalification` or
    `full_plan`), in the order the application shows; empty when it is complete."""
    return [
        Missing(part.code, part.field, missing_text(part))
        for part in rules.missing_parts(completeness_facts(plan), stage)
    ]


def last_transition(plan: Plan) -> PlanTransition | None:
    return plan.transitions.order_by("-date", "-id").first()


def idea_date(plan_id: int) -> datetime.date | None:
    """The day the plan was recorded as an idea (the first entry of its timeline), or None
    for a plan with no idea on its timeline. Governance asks it for a working group's seats,
    which may start that day (decision 0025; registered in `LifecycleConfig.ready`)."""
    dates = PlanTransition.objects.filter(plan_id=plan_id, kind=TransitionKind.IDEA)
    return dates.order_by("date").values_list("date", flat=True).first()


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a plan's timeline. The public timeline leaves `actor` and `note` empty
    and `document` None unless the document is public."""

    id: int
    date: datetime.date
    kind: str
    kind_label: str
    from_status: str
    to_status: str
    to_status_label: str
    capacity: str
    capacity_label: str
    actor: str
    note: str
    public_note: str
    reason: str
    old_end_date: datetime.date | None
    new_end_date: datetime.date | None
    from_fund_round: str
    to_fund_round: str
    document: Any


def plan_timeline(plan: Plan, *, public: bool) -> list[TimelineEntry]:
    """Every transition of `plan`, oldest first, in one query. `public=True` is the public
    page's version: without the internal notes, without who recorded it, and with a document
    only when it is not internal. The reason of an extension or a move is LBF's public
    decision and is shown to all."""
    rows = plan.transitions.select_related(
        "actor", "document", "from_fund_round", "to_fund_round"
    ).order_by("date", "id")
    entries = []
    for row in rows:
        document = row.document
        if public and document is not None and document.internal:
            document = None
        entries.append(
            TimelineEntry(
                id=row.pk,
                date=row.date,
                kind=row.kind,
                kind_label=str(TransitionKind(row.kind).label),
                from_status=row.from_status,
                to_status=row.to_status,
                to_status_label=str(PlanStatus(row.to_status).label),
                capacity=row.capacity,
                capacity_label=str(Capacity(row.capacity).label),
                actor="" if public else row.actor_name,
                note="" if public else row.note,
                public_note=row.public_note,
                reason=row.reason,
                old_end_date=row.old_end_date,
                new_end_date=row.new_end_date,
                from_fund_round=row.from_fund_round.code if row.from_fund_round else "",
                to_fund_round=row.to_fund_round.code if row.to_fund_round else "",
                document=document,
            )
        )
    return entries
