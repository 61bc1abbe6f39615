"""Pure rules about plan roles and memberships (no Django imports): dates that lie within the
plan's period, and who may hold which seat at the same time. The services apply them to one
new or changed row before saving it; `boligsocial check-data` applies them to every stored row.

Validity periods are closed intervals of days: `valid_from` is the first day, `valid_to` the
last, and an empty `valid_to` is an open end ("until further notice"). An open end is accepted
within a plan that has an end date: it is not a claim that the role outlives the plan, only that
its last day is not known yet (decision 0008)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

# Plan role kinds and membership roles, as stored (the TextChoices values in models.py).
LEADER = "leader"
CHAIR = "chair"
VICE_CHAIR = "vice_chair"

# Membership roles that only one person holds in a body at a time.
SINGLE_SEAT_ROLES = (CHAIR, VICE_CHAIR)

# The body kind whose seats may lie before the plan's period (models.BodyKind.WORKING_GROUP).
WORKING_GROUP = "working_group"


@dataclass(frozen=True)
class Span:
    """A stored or proposed plan role or membership, as far as the rules need it. `kind` is the
    plan role's kind or the membership's role; `id` is None for a row not yet saved."""

    id: int | None
    person_id: int
    person_name: str
    kind: str
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True)
class Period:
    """The period a row must lie within: its plan's. A missing start or end is no limit (a
    plan with an open end limits only the start; a body without a plan has no limit)."""

    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Problem:
    """A broken rule: the field to fix, a code naming the rule, and the row it conflicts with
    (for the overlap rules)."""

    field: str
    code: str
    other: Span | None = None


def name_key(name: str) -> str:
    """A name as duplicates are compared: case and spacing ignored ("Anna  JENSEN " is
    "anna jensen")."""
    return " ".join(name.split()).casefold()


def periods_overlap(
    a_from: date | None, a_to: date | None, b_from: date | None, b_to: date | None
) -> bool:
    """Closed intervals; None is an open end (the far past or the far future)."""
    a_start = a_from or date.min
    a_end = a_to or date.max
    b_start = b_from or date.min
    b_end = b_to or date.max
    return a_start <= b_end and b_start <= a_end


def seat_period(body_kind: str, plan: Period, idea_date: date | None) -> Period:
    """The period a seat of a body of a plan must lie within. Every body's is the plan's,
    except a working group's: it prepares the plan, so its seats may start on the day the plan
    was recorded as an idea (`idea_date`, the first entry of its timeline) and last until the
    plan's end. An idea dated after the plan's start (a running plan recorded late) never
    narrows the plan's own period; a plan without a recorded idea, or without a start, keeps
    its period (decision 0025)."""
    if body_kind != WORKING_GROUP or idea_date is None or plan.start is None:
        return plan
    return Period(min(idea_date, plan.start), plan.end)


def period_problems(valid_from: date, valid_to: date | None, period: Period) -> list[Problem]:
    """An end before the start (on `valid_to`), a start outside the period (on `valid_from`),
    and an end after the period's end (on `valid_to`)."""
    if valid_to is not None and valid_to < valid_from:
        return [Problem("valid_to", "end_before_start")]
    problems: list[Problem] = []
    if period.start is not None and valid_from < period.start:
        problems.append(Problem("valid_from", "starts_before_period"))
    elif period.end is not None and valid_from > period.end:
        problems.append(Problem("valid_from", "starts_after_period"))
    if (
        period.end is not None
        and valid_to is not None
        and valid_to > period.end
        and valid_from <= period.end
    ):
        problems.append(Problem("valid_to", "ends_after_period"))
    return problems


def _overlapping(row: Span, others: Iterable[Span]) -> Iterator[Span]:
    for other in others:
        if other.id is not None and other.id == row.id:
            continue
        if periods_overlap(row.valid_from, row.valid_to, other.valid_from, other.valid_to):
            yield other


def plan_role_conflicts(role: Span, others: Iterable[Span]) -> list[Problem]:
    """A plan role against the plan's other roles: one person holds one role of a kind at a
    time (on `valid_from`), and a plan has one leader at a time (on `kind`). The first
    conflicting row of each rule is named."""
    same_person: Problem | None = None
    second_leader: Problem | None = None
    for other in _overlapping(role, others):
        if other.person_id == role.person_id and other.kind == role.kind:
            same_person = same_person or Problem("valid_from", "same_role_twice", other)
        elif role.kind == LEADER and other.kind == LEADER and other.person_id != role.person_id:
            second_leader = second_leader or Problem("kind", "second_leader", other)
    return [p for p in (same_person, second_leader) if p is not None]


def membership_conflicts(membership: Span, others: Iterable[Span]) -> list[Problem]:
    """A membership against the body's other memberships: one person holds one seat of a body
    at a time, whatever its role (on `valid_from`); a body has one chair and one vice-chair at
    a time (on `role`)."""
    same_person: Problem | None = None
    single_seat: Problem | None = None
    for other in _overlapping(membership, others):
        if other.person_id == membership.person_id:
            same_person = same_person or Problem("valid_from", "second_seat", other)
        elif membership.kind in SINGLE_SEAT_ROLES and other.kind == membership.kind:
            code = "second_chair" if membership.kind == CHAIR else "second_vice_chair"
            single_seat = single_seat or Problem("role", code, other)
    return [p for p in (same_person, single_seat) if p is not None]


def pairwise_conflicts(rows: Iterable[Span], *, memberships: bool) -> list[tuple[Span, Problem]]:
    """Every conflict among the stored rows of one plan (roles) or one body (memberships),
    each pair reported once, on the later row (by start, then id)."""
    ordered = sorted(rows, key=lambda r: (r.valid_from, r.id or 0))
    rule = membership_conflicts if memberships else plan_role_conflicts
    found: list[tuple[Span, Problem]] = []
    for i, row in enumerate(ordered):
        found.extend((row, problem) for problem in rule(row, ordered[:i]))
    return found
