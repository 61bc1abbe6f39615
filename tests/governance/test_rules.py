"""The pure governance rules, without a database."""

from datetime import date

import pytest

from boligsocial.governance.rules import (
    Period,
    Problem,
    Span,
    membership_conflicts,
    name_key,
    pairwise_conflicts,
    period_problems,
    plan_role_conflicts,
    seat_period,
)

PLAN = Period(date(2024, 1, 1), date(2027, 12, 31))


def span(id, person, kind, start, end=None):
    return Span(id, person, f"Person {person}", kind, start, end)


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "expected"),
    [
        (date(2024, 1, 1), date(2027, 12, 31), []),
        (date(2024, 1, 1), None, []),  # open end: not known yet
        (date(2001, 1, 1), None, [("valid_from", "starts_before_period")]),
        (date(2023, 12, 31), date(2024, 6, 30), [("valid_from", "starts_before_period")]),
        (date(2031, 1, 1), None, [("valid_from", "starts_after_period")]),
        (date(2028, 1, 1), date(2028, 1, 2), [("valid_from", "starts_after_period")]),
        (date(2027, 6, 1), date(2028, 1, 1), [("valid_to", "ends_after_period")]),
        (
            date(1990, 1, 1),
            date(2031, 1, 1),
            [("valid_from", "starts_before_period"), ("valid_to", "ends_after_period")],
        ),
        (date(2025, 1, 2), date(2025, 1, 1), [("valid_to", "end_before_start")]),
    ],
)
def test_period_problems(valid_from, valid_to, expected):
    found = period_problems(valid_from, valid_to, PLAN)
    assert [(p.field, p.code) for p in found] == expected


def test_a_missing_bound_is_no_limit():
    assert period_problems(date(1990, 1, 1), date(2099, 1, 1), Period()) == []
    open_plan = Period(date(2024, 1, 1), None)
    assert period_problems(date(2099, 1, 1), None, open_plan) == []
    assert [p.code for p in period_problems(date(2023, 1, 1), None, open_plan)] == [
        "starts_before_period"
    ]


def test_one_leader_at_a_time_and_one_role_of_a_kind_per_person():
    leader = span(1, 10, "leader", date(2024, 1, 1), date(2025, 12, 31))
    staff = span(2, 11, "staff", date(2024, 1, 1))
    # Another person as leader while the first still leads.
    new = span(None, 11, "leader", date(2025, 12, 31))
    assert plan_role_conflicts(new, [leader, staff]) == [Problem("kind", "second_leader", leader)]
    # The day after the first leader's last day is fine.
    assert plan_role_conflicts(span(None, 11, "leader", date(2026, 1, 1)), [leader, staff]) == []
    # The same person as leader twice is one error, on the dates.
    again = span(None, 10, "leader", date(2025, 6, 1))
    assert plan_role_conflicts(again, [leader]) == [
        Problem("valid_from", "same_role_twice", leader)
    ]
    # Many staff at once are fine; a row is never in conflict with itself.
    assert plan_role_conflicts(span(None, 12, "staff", date(2024, 1, 1)), [staff]) == []
    assert plan_role_conflicts(leader, [leader]) == []


def test_one_chair_one_vice_chair_and_one_seat_per_person():
    chair = span(1, 10, "chair", date(2024, 1, 1), date(2024, 12, 31))
    vice = span(2, 11, "vice_chair", date(2024, 1, 1))
    member = span(3, 12, "member", date(2024, 1, 1))
    others = [chair, vice, member]
    assert membership_conflicts(span(None, 13, "chair", date(2024, 12, 1)), others) == [
        Problem("role", "second_chair", chair)
    ]
    assert membership_conflicts(span(None, 13, "chair", date(2025, 1, 1)), others) == []
    assert membership_conflicts(span(None, 13, "vice_chair", date(2030, 1, 1)), others) == [
        Problem("role", "second_vice_chair", vice)
    ]
    assert membership_conflicts(span(None, 13, "member", date(2024, 1, 1)), others) == []
    # The member becoming chair in a second, overlapping seat: one seat at a time.
    assert membership_conflicts(span(None, 12, "chair", date(2025, 1, 1)), others) == [
        Problem("valid_from", "second_seat", member)
    ]


def test_pairwise_conflicts_report_each_pair_once_on_the_later_row():
    a = span(1, 10, "chair", date(2024, 1, 1))
    b = span(2, 11, "chair", date(2025, 1, 1))
    c = span(3, 12, "member", date(2024, 1, 1))
    assert pairwise_conflicts([b, c, a], memberships=True) == [
        (b, Problem("role", "second_chair", a))
    ]
    assert pairwise_conflicts([a, c], memberships=True) == []


def test_name_key_ignores_case_and_spacing():
    assert name_key("  Ærtebjørn   HANSEN ") == name_key("ærtebjørn hansen") == "ærtebjørn hansen"
    assert name_key("Ærtebjørn Hansen") != name_key("Ærtebjørn Hansen-Berg")


# A working group's seats (decision 0025) ------------------------------------------------------

IDEA = date(2023, 3, 15)


@pytest.mark.parametrize(
    ("kind", "idea", "expected"),
    [
        ("working_group", IDEA, Period(IDEA, PLAN.end)),
        ("working_group", None, PLAN),  # no idea on the timeline: the plan's own period
        ("working_group", PLAN.start, PLAN),
        # an idea recorded after the plan started never narrows the plan's period
        ("working_group", date(2024, 6, 1), PLAN),
        ("board", IDEA, PLAN),  # every other body: the plan's period
        ("steering_group", IDEA, PLAN),
    ],
)
def test_seat_period_of_a_working_group_starts_with_the_idea(kind, idea, expected):
    assert seat_period(kind, PLAN, idea) == expected


def test_seat_period_without_a_plan_start_is_no_limit():
    assert seat_period("working_group", Period(None, None), IDEA) == Period(None, None)


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "expected"),
    [
        (IDEA, None, []),  # the idea's day: the first allowed
        (IDEA, PLAN.end, []),
        (date(2023, 3, 14), None, [("valid_from", "starts_before_period")]),  # the day before
        (date(2023, 6, 1), date(2023, 12, 31), []),  # before the plan's start, after the idea
        (PLAN.end, PLAN.end, []),  # the plan's last day
        (date(2028, 1, 1), None, [("valid_from", "starts_after_period")]),
        (date(2027, 6, 1), date(2028, 1, 1), [("valid_to", "ends_after_period")]),
    ],
)
def test_working_group_seats_lie_between_the_idea_and_the_plans_end(valid_from, valid_to, expected):
    period = seat_period("working_group", PLAN, IDEA)
    found = [(p.field, p.code) for p in period_problems(valid_from, valid_to, period)]
    assert found == expected
