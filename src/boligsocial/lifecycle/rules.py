"""A plan's life as a table of transitions, without Django (docs/decisions/0020).

Each transition `kind` leads from some states to some states (an extension and a move to
another fund round keep the state), may be made in some capacities, and may need the plan to
be complete for a stage first. `check_transition` gives the first reason a transition is
refused, or None; `missing_parts` what a plan lacks for a stage."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from boligsocial.accounts.rules import ADMIN_RECORDING_LBF, LBF

# Capacities in which a user makes a transition.
SECRETARIAT = "secretariat"  # the joint secretariat (secretariat administrator)
APPLICANT = "applicant"  # the plan's leader, or a user of its housing organisation/municipality
# LBF (a user acting for Landsbyggefonden) and ADMIN_RECORDING_LBF (an administrator recording
# LBF's letter) are the accounts' LBF decision capacities, shared with the cooperation agreement.

CAPACITIES = (SECRETARIAT, APPLICANT, LBF, ADMIN_RECORDING_LBF)
PREPARERS = frozenset({SECRETARIAT, APPLICANT})
LBF_DECIDERS = frozenset({LBF, ADMIN_RECORDING_LBF})

# The states (the keys of plans.models.PlanStatus).
IDEA = "idea"
PREQUALIFICATION_SUBMITTED = "prequalification_submitted"
PREQUALIFIED = "prequalified"
REJECTED = "rejected"
IN_DIALOGUE = "in_dialogue"
PLAN_SUBMITTED = "plan_submitted"
GRANTED = "granted"
RUNNING = "running"
ENDED = "ended"
WITHDRAWN = "withdrawn"

OPEN_STATES = frozenset(
    {IDEA, PREQUALIFICATION_SUBMITTED, PREQUALIFIED, IN_DIALOGUE, PLAN_SUBMITTED, GRANTED}
)

# Completeness stages.
PREQUALIFICATION = "prequalification"
FULL_PLAN = "full_plan"


@dataclass(frozen=True)
class Transition:
    kind: str
    sources: frozenset[str]
    # The states it may lead to; empty: it keeps the state (an event, not a move).
    targets: frozenset[str]
    capacities: frozenset[str]
    # The completeness stage the plan must pass first, if any.
    stage: str | None = None

    @property
    def keeps_state(self) -> bool:
        return not self.targets


def _t(
    kind: str,
    sources: set[str],
    targets: set[str],
    capacities: frozenset[str],
    stage: str | None = None,
) -> Transition:
    return Transition(kind, frozenset(sources), frozenset(targets), capacities, stage)


# The kinds, in the order of a plan's life. `idea` is the first entry of every timeline.
IDEA_KIND = "idea"
SUBMIT_PREQUALIFICATION = "submit_prequalification"
PREQUALIFICATION_DECISION = "prequalification_decision"
START_DIALOGUE = "start_dialogue"
SUBMIT_PLAN = "submit_plan"
GRANT_DECISION = "grant_decision"
START = "start"
END = "end"
WITHDRAW = "withdraw"
REOPEN = "reopen"
EXTEND = "extend"
MOVE_ROUND = "move_round"

TRANSITIONS: dict[str, Transition] = {
    t.kind: t
    for t in (
        _t(IDEA_KIND, set(), {IDEA}, PREPARERS),
        _t(
            SUBMIT_PREQUALIFICATION,
            {IDEA},
            {PREQUALIFICATION_SUBMITTED},
            PREPARERS,
            PREQUALIFICATION,
        ),
        _t(
            PREQUALIFICATION_DECISION,
            {PREQUALIFICATION_SUBMITTED},
            {PREQUALIFIED, REJECTED},
            LBF_DECIDERS,
        ),
        _t(START_DIALOGUE, {PREQUALIFIED}, {IN_DIALOGUE}, PREPARERS | LBF_DECIDERS),
        _t(SUBMIT_PLAN, {IN_DIALOGUE}, {PLAN_SUBMITTED}, PREPARERS, FULL_PLAN),
        # LBF grants, rejects, or sends the plan back to the dialogue.
        _t(GRANT_DECISION, {PLAN_SUBMITTED}, {GRANTED, REJECTED, IN_DIALOGUE}, LBF_DECIDERS),
        _t(START, {GRANTED}, {RUNNING}, PREPARERS),
        _t(END, {RUNNING}, {ENDED}, PREPARERS),
        _t(WITHDRAW, set(OPEN_STATES), {WITHDRAWN}, PREPARERS),
        # A rejected or withdrawn application may be prepared again as a new idea.
        _t(REOPEN, {REJECTED, WITHDRAWN}, {IDEA}, PREPARERS),
        # LBF's decisions that keep the state: a new end date, another round's rules.
        _t(EXTEND, {GRANTED, RUNNING}, set(), LBF_DECIDERS),
        _t(MOVE_ROUND, set(OPEN_STATES) | {RUNNING}, set(), LBF_DECIDERS),
    )
}

# The capacity recorded when a user holds several that a transition allows.
CAPACITY_PREFERENCE = (LBF, APPLICANT, SECRETARIAT, ADMIN_RECORDING_LBF)


@dataclass(frozen=True)
class Refusal:
    """Why a transition is refused: `code` is unknown_kind, wrong_state, wrong_target,
    no_capacity or not_this_capacity; `field` the input at fault."""

    code: str
    field: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


def targets_of(kind: str, status: str) -> frozenset[str]:
    """The states `kind` may lead to from `status` (the state itself for an event)."""
    transition = TRANSITIONS[kind]
    return frozenset({status}) if transition.keeps_state else transition.targets


def check_transition(
    *,
    kind: str,
    status: str,
    target: str | None,
    held: frozenset[str],
    capacity: str | None,
) -> Refusal | None:
    """The first reason the transition `kind` from `status` to `target` by a user holding the
    capacities `held` (in `capacity`, if chosen) is refused; None if it is allowed."""
    transition = TRANSITIONS.get(kind)
    if transition is None:
        return Refusal("unknown_kind", "kind", {"kind": kind})
    if status not in transition.sources:
        return Refusal("wrong_state", "kind", {"kind": kind, "status": status})
    if not transition.keeps_state and target not in transition.targets:
        return Refusal(
            "wrong_target", "to_status", {"kind": kind, "targets": sorted(transition.targets)}
        )
    allowed = held & transition.capacities
    if not allowed:
        return Refusal("no_capacity", "capacity", {"kind": kind})
    if capacity is not None and capacity not in allowed:
        return Refusal("not_this_capacity", "capacity", {"kind": kind, "capacity": capacity})
    return None


def chosen_capacity(kind: str, held: frozenset[str], capacity: str | None) -> str:
    """The capacity recorded: the one asked for, else the first allowed by preference."""
    if capacity is not None:
        return capacity
    allowed = held & TRANSITIONS[kind].capacities
    return next(c for c in CAPACITY_PREFERENCE if c in allowed)


def allowed_kinds(status: str, held: frozenset[str]) -> list[str]:
    """The transitions a user with the capacities `held` may make from `status`, in the
    order of a plan's life (what a page offers)."""
    return [
        t.kind
        for t in TRANSITIONS.values()
        if status in t.sources and held & t.capacities and t.kind != IDEA_KIND
    ]


# Completeness -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompletenessFacts:
    """What completeness looks at, read from the plan by `lifecycle.selectors`."""

    afdelinger: int
    focus_area_ids: frozenset[int]  # the plan's focus areas of its own fund round
    foreign_focus_areas: int  # focus areas of another round (after a move, say)
    challenges_length: int
    challenges_limit: int | None
    purpose: bool
    goal_focus_area_ids: frozenset[int]
    budget_rows: int
    recommendation_date: bool
    recommendation_documents: int


@dataclass(frozen=True)
class MissingPart:
    """A part the plan lacks for a stage: `code` names it, `field` is where to fix it."""

    code: str
    field: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


# What each stage needs, in the order the application shows it.
STAGE_PARTS: dict[str, tuple[str, ...]] = {
    PREQUALIFICATION: (
        "afdelinger",
        "focus_areas",
        "challenges",
        "budget_estimates",
        "municipality_recommendation",
    ),
    FULL_PLAN: (
        "afdelinger",
        "focus_areas",
        "challenges",
        "purpose",
        "goals",
        "budget_estimates",
        "municipality_recommendation",
    ),
}


def missing_parts(facts: CompletenessFacts, stage: str = PREQUALIFICATION) -> list[MissingPart]:
    """What the plan lacks before it can be submitted at `stage` (empty: complete)."""
    missing: list[MissingPart] = []
    for part in STAGE_PARTS[stage]:
        if part == "afdelinger" and facts.afdelinger == 0:
            missing.append(MissingPart("no_afdelinger", "afdelinger"))
        elif part == "focus_areas":
            if facts.foreign_focus_areas:
                missing.append(
                    MissingPart(
                        "foreign_focus_areas",
                        "focus_areas",
                        {"count": facts.foreign_focus_areas},
                    )
                )
            elif not facts.focus_area_ids:
                missing.append(MissingPart("no_focus_areas", "focus_areas"))
        elif part == "challenges":
            if facts.challenges_length == 0:
                missing.append(MissingPart("no_challenges", "challenges"))
            elif facts.challenges_limit is not None and (
                facts.challenges_length > facts.challenges_limit
            ):
                missing.append(
                    MissingPart(
                        "challenges_too_long",
                        "challenges",
                        {"length": facts.challenges_length, "limit": facts.challenges_limit},
                    )
                )
        elif part == "purpose" and not facts.purpose:
            missing.append(MissingPart("no_purpose", "purpose"))
        elif part == "goals":
            without = facts.focus_area_ids - facts.goal_focus_area_ids
            if without:
                missing.append(
                    MissingPart("goals_missing", "goals", {"focus_area_ids": sorted(without)})
                )
        elif part == "budget_estimates" and facts.budget_rows == 0:
            missing.append(MissingPart("no_budget_estimate", "budget_estimates"))
        elif part == "municipality_recommendation" and not (
            facts.recommendation_date or facts.recommendation_documents
        ):
            missing.append(
                MissingPart("no_municipality_recommendation", "municipality_recommendation_date")
            )
    return missing
