"""The transition table and completeness as pure rules (decision 0020)."""

from __future__ import annotations

import pytest

from boligsocial.lifecycle import rules
from boligsocial.plans.models import PlanStatus

ALL = frozenset(rules.CAPACITIES)


def test_every_state_of_the_table_is_a_plan_status_and_every_status_is_reached():
    states = set(PlanStatus.values)
    reached = {rules.IDEA}
    for transition in rules.TRANSITIONS.values():
        assert transition.sources <= states
        assert transition.targets <= states
        reached |= transition.targets
    assert reached == states


def test_an_ended_plan_is_final():
    assert rules.allowed_kinds(rules.ENDED, ALL) == []


@pytest.mark.parametrize(
    ("kind", "status", "target", "held", "code", "field"),
    [
        ("fly_away", rules.IDEA, None, ALL, "unknown_kind", "kind"),
        (rules.START, rules.IDEA, rules.RUNNING, ALL, "wrong_state", "kind"),
        (
            rules.PREQUALIFICATION_DECISION,
            rules.PREQUALIFICATION_SUBMITTED,
            rules.GRANTED,
            ALL,
            "wrong_target",
            "to_status",
        ),
        (
            rules.PREQUALIFICATION_DECISION,
            rules.PREQUALIFICATION_SUBMITTED,
            rules.PREQUALIFIED,
            frozenset({rules.APPLICANT, rules.SECRETARIAT}),
            "no_capacity",
            "capacity",
        ),
        (
            rules.SUBMIT_PREQUALIFICATION,
            rules.IDEA,
            rules.PREQUALIFICATION_SUBMITTED,
            frozenset({rules.LBF}),
            "no_capacity",
            "capacity",
        ),
    ],
)
def test_refusals_name_their_reason_and_field(kind, status, target, held, code, field):
    refusal = rules.check_transition(
        kind=kind, status=status, target=target, held=held, capacity=None
    )
    assert refusal is not None
    assert (refusal.code, refusal.field) == (code, field)


def test_a_capacity_the_user_does_not_hold_for_the_transition_is_refused():
    refusal = rules.check_transition(
        kind=rules.PREQUALIFICATION_DECISION,
        status=rules.PREQUALIFICATION_SUBMITTED,
        target=rules.PREQUALIFIED,
        held=frozenset({rules.SECRETARIAT, rules.ADMIN_RECORDING_LBF}),
        capacity=rules.LBF,
    )
    assert refusal is not None
    assert refusal.code == "not_this_capacity"


def test_the_recorded_capacity_prefers_lbf_then_applicant():
    held = frozenset({rules.SECRETARIAT, rules.ADMIN_RECORDING_LBF, rules.LBF})
    assert rules.chosen_capacity(rules.GRANT_DECISION, held, None) == rules.LBF
    admin = frozenset({rules.SECRETARIAT, rules.ADMIN_RECORDING_LBF})
    assert rules.chosen_capacity(rules.GRANT_DECISION, admin, None) == rules.ADMIN_RECORDING_LBF
    assert rules.chosen_capacity(rules.START, admin, None) == rules.SECRETARIAT


def test_events_keep_the_state():
    assert rules.TRANSITIONS[rules.EXTEND].keeps_state
    assert rules.targets_of(rules.MOVE_ROUND, rules.PREQUALIFIED) == {rules.PREQUALIFIED}
    assert (
        rules.check_transition(
            kind=rules.EXTEND, status=rules.RUNNING, target=None, held=ALL, capacity=None
        )
        is None
    )


def _facts(**overrides):
    values = {
        "afdelinger": 1,
        "focus_area_ids": frozenset({1, 2}),
        "foreign_focus_areas": 0,
        "challenges_length": 100,
        "challenges_limit": 12_000,
        "purpose": True,
        "goal_focus_area_ids": frozenset({1, 2}),
        "budget_rows": 2,
        "recommendation_date": True,
        "recommendation_documents": 0,
    }
    values.update(overrides)
    return rules.CompletenessFacts(**values)


def test_a_complete_plan_misses_nothing():
    assert rules.missing_parts(_facts(), rules.FULL_PLAN) == []


def test_an_empty_plan_misses_every_part_in_order():
    facts = _facts(
        afdelinger=0,
        focus_area_ids=frozenset(),
        challenges_length=0,
        purpose=False,
        goal_focus_area_ids=frozenset(),
        budget_rows=0,
        recommendation_date=False,
    )
    assert [p.code for p in rules.missing_parts(facts)] == [
        "no_afdelinger",
        "no_focus_areas",
        "no_challenges",
        "no_budget_estimate",
        "no_municipality_recommendation",
    ]
    assert [p.code for p in rules.missing_parts(facts, rules.FULL_PLAN)] == [
        "no_afdelinger",
        "no_focus_areas",
        "no_challenges",
        "no_purpose",
        "no_budget_estimate",
        "no_municipality_recommendation",
    ]


def test_focus_areas_of_another_round_challenges_over_the_limit_and_missing_goals():
    facts = _facts(
        foreign_focus_areas=1, challenges_length=12_001, goal_focus_area_ids=frozenset({1})
    )
    parts = rules.missing_parts(facts, rules.FULL_PLAN)
    assert [(p.code, p.field) for p in parts] == [
        ("foreign_focus_areas", "focus_areas"),
        ("challenges_too_long", "challenges"),
        ("goals_missing", "goals"),
    ]
    assert parts[2].params == {"focus_area_ids": [2]}


def test_an_uploaded_recommendation_counts_as_the_recommendation():
    facts = _facts(recommendation_date=False, recommendation_documents=1)
    assert rules.missing_parts(facts) == []
