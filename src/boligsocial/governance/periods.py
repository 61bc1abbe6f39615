"""The period a seat of a body must lie within (`rules.seat_period`): the plan's, or for a
working group from the day the plan was recorded as an idea to the plan's end (decision 0025).

The idea's date is the first entry of the plan's timeline, which the `lifecycle` app keeps.
`lifecycle` builds on governance, never the other way, so governance does not read that table:
`lifecycle` registers the function that answers (`register_idea_date`, in its AppConfig's
`ready`). Without one (an installation without the lifecycle app) no plan has an idea's date
and a working group's seats lie within the plan's period like any other body's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from boligsocial.governance.models import Body
from boligsocial.governance.rules import WORKING_GROUP, Period, seat_period
from boligsocial.plans.models import Plan

IdeaDate = Callable[[int], "date | None"]

_idea_date: list[IdeaDate] = []


def register_idea_date(function: IdeaDate) -> None:
    """Set the function that gives a plan's idea date from its id (the last one registered
    answers)."""
    _idea_date[:] = [function]


def idea_date(plan_id: int) -> date | None:
    return _idea_date[0](plan_id) if _idea_date else None


def plan_period(plan: Plan | None) -> Period:
    if plan is None:
        return Period()
    return Period(plan.start_date, plan.end_date)


def body_period(body: Body, plan: Plan | None = None) -> Period:
    """The period a seat of `body` must lie within, against `plan` as given (a plan whose new
    period is being checked) or else the body's own plan. One query for a working group (its
    plan's idea date), none for other bodies."""
    plan = plan if plan is not None else (body.plan if body.plan_id else None)
    period = plan_period(plan)
    working_group = body.kind == WORKING_GROUP
    from_idea = idea_date(plan.pk) if working_group and plan is not None and plan.pk else None
    return seat_period(body.kind, period, from_idea)
