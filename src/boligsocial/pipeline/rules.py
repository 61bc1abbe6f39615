"""Deadlines and the renewal pipeline as pure rules (no Django; docs/decisions/0024).

The numbers come from the plan's fund round (`funding.FundRound`: the normal length of the
dialogue with LBF, when the yearly report is due); the facts of a plan (its state, period,
when its dialogue started, whether a successor is being prepared) from `pipeline.selectors`.
`plan_warnings` says what needs attention on a date; `next_step` what comes next and who
holds it."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

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

# A plan's life in order; the pipeline lists states in this order.
STATE_ORDER = (
    IDEA,
    PREQUALIFICATION_SUBMITTED,
    PREQUALIFIED,
    IN_DIALOGUE,
    PLAN_SUBMITTED,
    GRANTED,
    RUNNING,
    ENDED,
    REJECTED,
    WITHDRAWN,
)
# States of a plan that is on its way: a successor "in preparation" is in one of them.
PREPARING = frozenset(
    {IDEA, PREQUALIFICATION_SUBMITTED, PREQUALIFIED, IN_DIALOGUE, PLAN_SUBMITTED, GRANTED}
)
CLOSED = frozenset({ENDED, REJECTED, WITHDRAWN})
# Plans whose period is the money's: they end, and they report yearly.
FUNDED = frozenset({GRANTED, RUNNING})

# A plan ending within this many months without a successor in preparation is warned about.
SUCCESSOR_WARNING_MONTHS = 18
# The pipeline lists areas whose plan ends within this many months.
PIPELINE_HORIZON_MONTHS = 24
# A yearly report is announced this many days before it is due (the system does not record
# reports, so the warning is a reminder up to the due date, not a late notice).
REPORT_NOTICE_DAYS = 60

# Who holds the next step.
HOLDER_APPLICANTS = "applicants"  # the housing organisations and the municipality
HOLDER_LBF = "lbf"
HOLDER_PLAN = "plan"  # the plan's leader and board
HOLDER_SECRETARIAT = "secretariat"  # project support for a new plan, with the applicants


@dataclass(frozen=True)
class RoundDeadlines:
    """A fund round's deadlines; None where the round has none known."""

    dialogue_min_months: int | None = None
    dialogue_max_months: int | None = None
    report_due_months: int | None = None
    application_window_opens: date | None = None
    application_window_closes: date | None = None


@dataclass(frozen=True)
class PlanFacts:
    status: str
    start_date: date
    end_date: date
    deadlines: RoundDeadlines
    # The date of the latest `start_dialogue` transition, if any.
    dialogue_since: date | None = None
    # Another plan of one of its areas is being prepared (or has been granted) to follow it.
    has_successor: bool = False


@dataclass(frozen=True)
class Warning:
    """`code` names the rule; `due` is the deadline it is about; `params` the rest."""

    code: str
    due: date
    params: dict[str, object] = field(default_factory=dict)


DIALOGUE_OVERDUE = "dialogue_overdue"
NO_SUCCESSOR = "no_successor"
REPORT_DUE = "report_due"
APPLICATION_WINDOW_CLOSED = "application_window_closed"


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, kept within the month (31 January + 1 month is 28 or 29
    February; 31 December + 6 months is 30 June)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def dialogue_due(facts: PlanFacts) -> date | None:
    """When the dialogue with LBF should at the latest have led to the full plan."""
    months = facts.deadlines.dialogue_max_months
    if facts.status != IN_DIALOGUE or facts.dialogue_since is None or not months:
        return None
    return add_months(facts.dialogue_since, months)


def ends_within(end: date, today: date, months: int) -> bool:
    """The plan's last day is on or before the day `months` months after `today`."""
    return end <= add_months(today, months)


def first_day_within(end: date, months: int) -> date:
    """The first day on which a plan ending on `end` ends within `months` months."""
    day = add_months(end, -months)
    return day if ends_within(end, day, months) else day + timedelta(days=1)


def successor_due(facts: PlanFacts) -> date:
    """The day from which a plan without a successor in preparation is warned about: the first
    day on which it ends within 18 months."""
    return first_day_within(facts.end_date, SUCCESSOR_WARNING_MONTHS)


def report_due_dates(facts: PlanFacts, today: date) -> list[tuple[int, date]]:
    """The yearly reports (year, due date) announced on `today`: for each calendar year the
    plan ran (granted or running, or ended since), due `report_due_months` after the year's
    end, from `REPORT_NOTICE_DAYS` before the due date up to and including it."""
    months = facts.deadlines.report_due_months
    if months is None or facts.status not in FUNDED | {ENDED}:
        return []
    found = []
    for year in range(today.year - 3, today.year + 1):
        if not facts.start_date.year <= year <= facts.end_date.year:
            continue
        due = add_months(date(year, 12, 31), months)
        if due - timedelta(days=REPORT_NOTICE_DAYS) <= today <= due:
            found.append((year, due))
    return found


def plan_warnings(facts: PlanFacts, today: date) -> list[Warning]:
    """What needs attention about a plan on `today`:

    - its dialogue with LBF has run past the round's normal longest length (from the day
      after the last normal day);
    - it is granted or running and ends within 18 months (on or before the day 18 months
      ahead) with no successor in preparation;
    - a yearly report is due (announced 60 days before, up to the due date);
    - it is an idea and its round's application window has closed."""
    warnings: list[Warning] = []
    due = dialogue_due(facts)
    if due is not None and today > due:
        warnings.append(
            Warning(
                DIALOGUE_OVERDUE,
                due,
                {
                    "since": facts.dialogue_since,
                    "months": facts.deadlines.dialogue_max_months,
                    "min_months": facts.deadlines.dialogue_min_months,
                },
            )
        )
    if (
        facts.status in FUNDED
        and not facts.has_successor
        and ends_within(facts.end_date, today, SUCCESSOR_WARNING_MONTHS)
    ):
        warnings.append(Warning(NO_SUCCESSOR, successor_due(facts), {"end_date": facts.end_date}))
    for year, report_due in report_due_dates(facts, today):
        warnings.append(Warning(REPORT_DUE, report_due, {"year": year}))
    closes = facts.deadlines.application_window_closes
    if facts.status == IDEA and closes is not None and today > closes:
        warnings.append(Warning(APPLICATION_WINDOW_CLOSED, closes, {}))
    return warnings


@dataclass(frozen=True)
class Step:
    """The next step of a plan or an area and who holds it; `due` when a deadline is known."""

    code: str
    holder: str
    due: date | None = None


SUBMIT_PREQUALIFICATION = "submit_prequalification"
AWAIT_PREQUALIFICATION = "await_prequalification"
START_DIALOGUE = "start_dialogue"
SUBMIT_PLAN = "submit_plan"
AWAIT_GRANT = "await_grant"
START = "start"
PREPARE_SUCCESSOR = "prepare_successor"
RUN = "run"
START_IDEA = "start_idea"


def next_step(facts: PlanFacts, today: date) -> Step | None:
    """The plan's next step: sending and starting are the applicants' (the housing
    organisations and the municipality, supported by the secretariat), LBF's decisions LBF's,
    starting and running the plan its leader's and board's. A granted or running plan ending
    within the pipeline's 24 months without a successor needs one prepared: the secretariat's
    project support starts there. Closed plans (ended, rejected, withdrawn) have none."""
    status = facts.status
    if status == IDEA:
        return Step(
            SUBMIT_PREQUALIFICATION, HOLDER_APPLICANTS, facts.deadlines.application_window_closes
        )
    if status == PREQUALIFICATION_SUBMITTED:
        return Step(AWAIT_PREQUALIFICATION, HOLDER_LBF)
    if status == PREQUALIFIED:
        return Step(START_DIALOGUE, HOLDER_APPLICANTS)
    if status == IN_DIALOGUE:
        return Step(SUBMIT_PLAN, HOLDER_APPLICANTS, dialogue_due(facts))
    if status == PLAN_SUBMITTED:
        return Step(AWAIT_GRANT, HOLDER_LBF)
    if (
        status in FUNDED
        and not facts.has_successor
        and facts.end_date <= add_months(today, PIPELINE_HORIZON_MONTHS)
    ):
        return Step(PREPARE_SUCCESSOR, HOLDER_SECRETARIAT, successor_due(facts))
    if status == GRANTED:
        return Step(START, HOLDER_PLAN, facts.start_date)
    if status == RUNNING:
        return Step(RUN, HOLDER_PLAN, facts.end_date)
    return None


def area_step(*, ending: bool, preparing: bool) -> Step | None:
    """The next step of an area in the pipeline. While a plan of the area is being prepared,
    that plan's own step applies (None here). Otherwise an area whose funded plan ends within
    the horizon needs a successor prepared, and an area on the official list without a running
    plan needs a new plan started (an idea): both the secretariat's project support with the
    area's housing organisations."""
    if preparing:
        return None
    return Step(PREPARE_SUCCESSOR if ending else START_IDEA, HOLDER_SECRETARIAT)
