"""The deadline rules at their boundaries: the day before a deadline, the day itself and the
day after (docs/decisions/0024)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from boligsocial.pipeline import rules

ROUND = rules.RoundDeadlines(
    dialogue_min_months=8,
    dialogue_max_months=14,
    report_due_months=6,
    application_window_opens=date(2020, 1, 1),
)


def facts(**changes: object) -> rules.PlanFacts:
    base = rules.PlanFacts(
        status=rules.RUNNING,
        start_date=date(2023, 1, 1),
        end_date=date(2026, 12, 31),
        deadlines=ROUND,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def codes(found: list[rules.Warning]) -> list[str]:
    return [w.code for w in found]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2025, 12, 31), 6, date(2026, 6, 30)),
        (date(2026, 12, 31), -18, date(2025, 6, 30)),
        (date(2024, 3, 15), 14, date(2025, 5, 15)),
    ],
)
def test_add_months_keeps_the_day_within_the_month(day: date, months: int, expected: date):
    assert rules.add_months(day, months) == expected


def test_a_dialogue_is_overdue_from_the_day_after_its_normal_longest_length():
    dialogue = facts(status=rules.IN_DIALOGUE, dialogue_since=date(2024, 3, 15))
    # 14 months from 15 March 2024 is 15 May 2025: the last normal day
    assert codes(rules.plan_warnings(dialogue, date(2025, 5, 14))) == []
    assert codes(rules.plan_warnings(dialogue, date(2025, 5, 15))) == []
    found = rules.plan_warnings(dialogue, date(2025, 5, 16))
    assert codes(found) == [rules.DIALOGUE_OVERDUE]
    assert found[0].due == date(2025, 5, 15)
    assert found[0].params["since"] == date(2024, 3, 15)


def test_no_dialogue_warning_without_a_start_a_limit_or_outside_the_dialogue():
    late = date(2030, 1, 1)
    assert rules.plan_warnings(facts(status=rules.IN_DIALOGUE), late) == []
    no_limit = replace(ROUND, dialogue_max_months=None)
    assert (
        rules.plan_warnings(
            facts(status=rules.IN_DIALOGUE, dialogue_since=date(2024, 1, 1), deadlines=no_limit),
            late,
        )
        == []
    )
    submitted = facts(status=rules.PLAN_SUBMITTED, dialogue_since=date(2024, 1, 1))
    assert rules.plan_warnings(submitted, late) == []


def test_a_plan_ending_within_18_months_without_a_successor_is_warned_about():
    running = facts(end_date=date(2026, 12, 31), deadlines=replace(ROUND, report_due_months=None))
    # 18 months after 30 June 2025 is 30 December 2026, one day short; after 1 July 2025 is
    # 1 January 2027
    assert rules.plan_warnings(running, date(2025, 6, 30)) == []
    found = rules.plan_warnings(running, date(2025, 7, 1))
    assert codes(found) == [rules.NO_SUCCESSOR]
    assert found[0].due == date(2025, 7, 1)
    assert codes(rules.plan_warnings(running, date(2025, 7, 2))) == [rules.NO_SUCCESSOR]
    # a plan ending on the 15th: warned from the 15th 18 months before
    mid = replace(running, end_date=date(2026, 8, 15))
    assert rules.plan_warnings(mid, date(2025, 2, 14)) == []
    assert codes(rules.plan_warnings(mid, date(2025, 2, 15))) == [rules.NO_SUCCESSOR]
    # past its end and still running: still warned
    assert codes(rules.plan_warnings(running, date(2027, 2, 1))) == [rules.NO_SUCCESSOR]
    # a successor in preparation, or a plan that is not funded, is not warned about
    assert rules.plan_warnings(replace(running, has_successor=True), date(2025, 7, 1)) == []
    for status in (rules.ENDED, rules.IDEA, rules.IN_DIALOGUE, rules.WITHDRAWN):
        assert rules.plan_warnings(replace(running, status=status), date(2025, 7, 1)) == []
    granted = replace(running, status=rules.GRANTED)
    assert codes(rules.plan_warnings(granted, date(2025, 7, 1))) == [rules.NO_SUCCESSOR]


def test_a_yearly_report_is_announced_60_days_before_it_is_due_up_to_the_due_date():
    running = facts(has_successor=True)
    # the report for 2024 is due 30 June 2025; announced from 1 May 2025 (60 days before)
    assert rules.plan_warnings(running, date(2025, 4, 30)) == []
    found = rules.plan_warnings(running, date(2025, 5, 1))
    assert codes(found) == [rules.REPORT_DUE]
    assert (found[0].due, found[0].params["year"]) == (date(2025, 6, 30), 2024)
    assert codes(rules.plan_warnings(running, date(2025, 6, 30))) == [rules.REPORT_DUE]
    assert rules.plan_warnings(running, date(2025, 7, 1)) == []


def test_reports_only_for_years_the_plan_ran_and_rounds_with_a_known_rule():
    # started 2023: nothing for 2022 in 2023; ended 2026: the report for 2026 is still due in 2027
    running = facts(has_successor=True)
    assert rules.plan_warnings(running, date(2023, 6, 1)) == []
    ended = replace(running, status=rules.ENDED)
    assert codes(rules.plan_warnings(ended, date(2027, 6, 1))) == [rules.REPORT_DUE]
    assert rules.plan_warnings(ended, date(2028, 6, 1)) == []
    unknown = replace(running, deadlines=replace(ROUND, report_due_months=None))
    assert rules.plan_warnings(unknown, date(2025, 6, 1)) == []
    idea = replace(running, status=rules.IDEA)
    assert rules.plan_warnings(idea, date(2025, 6, 1)) == []


def test_an_idea_is_warned_the_day_after_its_rounds_applications_closed():
    closing = replace(ROUND, application_window_closes=date(2025, 3, 31))
    idea = facts(status=rules.IDEA, deadlines=closing)
    assert rules.plan_warnings(idea, date(2025, 3, 31)) == []
    assert codes(rules.plan_warnings(idea, date(2025, 4, 1))) == [rules.APPLICATION_WINDOW_CLOSED]


@pytest.mark.parametrize(
    ("status", "code", "holder"),
    [
        (rules.IDEA, rules.SUBMIT_PREQUALIFICATION, rules.HOLDER_APPLICANTS),
        (rules.PREQUALIFICATION_SUBMITTED, rules.AWAIT_PREQUALIFICATION, rules.HOLDER_LBF),
        (rules.PREQUALIFIED, rules.START_DIALOGUE, rules.HOLDER_APPLICANTS),
        (rules.IN_DIALOGUE, rules.SUBMIT_PLAN, rules.HOLDER_APPLICANTS),
        (rules.PLAN_SUBMITTED, rules.AWAIT_GRANT, rules.HOLDER_LBF),
        (rules.GRANTED, rules.START, rules.HOLDER_PLAN),
        (rules.RUNNING, rules.RUN, rules.HOLDER_PLAN),
    ],
)
def test_the_next_step_and_who_holds_it(status: str, code: str, holder: str):
    step = rules.next_step(facts(status=status, has_successor=True), date(2023, 6, 1))
    assert step is not None
    assert (step.code, step.holder) == (code, holder)


@pytest.mark.parametrize("status", [rules.ENDED, rules.REJECTED, rules.WITHDRAWN])
def test_a_closed_plan_has_no_next_step(status: str):
    assert rules.next_step(facts(status=status), date(2025, 1, 1)) is None


def test_a_plan_ending_within_24_months_without_successor_needs_one_prepared():
    running = facts(end_date=date(2026, 12, 31))
    # 24 months before 31 December 2026 is 31 December 2024
    assert rules.next_step(running, date(2024, 12, 30)) == rules.Step(
        rules.RUN, rules.HOLDER_PLAN, date(2026, 12, 31)
    )
    step = rules.next_step(running, date(2024, 12, 31))
    assert step is not None
    assert (step.code, step.holder) == (rules.PREPARE_SUCCESSOR, rules.HOLDER_SECRETARIAT)
    with_successor = rules.next_step(replace(running, has_successor=True), date(2025, 1, 1))
    assert with_successor is not None
    assert with_successor.code == rules.RUN


def test_the_dialogues_next_step_is_due_at_its_normal_longest_end():
    step = rules.next_step(
        facts(status=rules.IN_DIALOGUE, dialogue_since=date(2024, 3, 15)), date(2024, 6, 1)
    )
    assert step == rules.Step(rules.SUBMIT_PLAN, rules.HOLDER_APPLICANTS, date(2025, 5, 15))


def test_an_areas_next_step():
    assert rules.area_step(ending=True, preparing=True) is None
    assert rules.area_step(ending=False, preparing=True) is None
    assert rules.area_step(ending=True, preparing=False) == rules.Step(
        rules.PREPARE_SUCCESSOR, rules.HOLDER_SECRETARIAT
    )
    assert rules.area_step(ending=False, preparing=False) == rules.Step(
        rules.START_IDEA, rules.HOLDER_SECRETARIAT
    )
