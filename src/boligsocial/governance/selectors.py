"""Reads about people and governance. "As of date X" questions are queries over validity
intervals: a row is in force on X when valid_from <= X and (valid_to is empty or >= X)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from typing import Any

from django.db import models
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from boligsocial.areas.models import Afdeling
from boligsocial.governance.messages import (
    membership_messages,
    period_text,
    plan_period,
    plan_role_messages,
    role_label,
    seat_label,
    span_of,
)
from boligsocial.governance.models import Body, Membership, Person, PlanRole, PlanRoleKind
from boligsocial.governance.periods import body_period
from boligsocial.governance.rules import (
    WORKING_GROUP,
    Period,
    Problem,
    name_key,
    pairwise_conflicts,
    period_problems,
)
from boligsocial.organisations.models import Organisation
from boligsocial.plans.models import Plan
from boligsocial.plans.selectors import plan_queryset


def person_search(text: str, queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """The people (of `queryset`, e.g. those a user may read) where every word of `text` is
    found, case-insensitively, in the name, job title or employer's name: what a picker among
    a national register's people asks for, one query; the caller slices it. No words: none."""
    words = text.split()
    people = queryset if queryset is not None else Person.objects.all()
    if not words:
        return people.none()
    for word in words:
        people = people.filter(
            Q(name__icontains=word) | Q(title__icontains=word) | Q(employer__name__icontains=word)
        )
    return people.select_related("employer").order_by("name", "pk")


def in_force_on(on: date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


def today() -> date:
    return timezone.localdate()


def memberships_on(*, on: date | None = None) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(in_force_on(on or today()))
        .select_related("person__employer", "represents", "body__plan")
        .order_by("body__plan__name", "body__kind", "body__name", "role", "person__name")
    )


def body_members_on(*, body: Body, on: date | None = None) -> QuerySet[Membership]:
    """Who sat in `body` on the date (today by default)."""
    return memberships_on(on=on).filter(body=body)


def _secretariat_seat(secretariat_id: int) -> Q:
    return Q(represents_id=secretariat_id) | Q(person__employer_id=secretariat_id)


def is_secretariat_seat(membership: Membership, secretariat_id: int | None) -> bool:
    """A seat is the secretariat's when it is held on the secretariat's behalf or by one of its
    staff: the same rule as `secretariat_seats`, on a loaded membership."""
    return secretariat_id is not None and (
        membership.represents_id == secretariat_id
        or membership.person.employer_id == secretariat_id
    )


def secretariat_seats(*, secretariat: Organisation, on: date | None = None) -> QuerySet[Membership]:
    """Which bodies the secretariat sits in on the date: seats held by the secretariat's staff
    or on the secretariat's behalf (`is_secretariat_seat`)."""
    return memberships_on(on=on).filter(_secretariat_seat(secretariat.pk))


@dataclass
class SeatHolder:
    """A person and the seats they hold (`secretariat_seat_holders`)."""

    person: Person
    seats: list[Membership] = field(default_factory=list)


def secretariat_seat_holders(
    *, secretariat: Organisation, on: date, plans: QuerySet[Plan]
) -> list[SeatHolder]:
    """The secretariat's seats on `on` in the bodies of `plans` (those the reader may see),
    grouped by person, people by name."""
    seats = secretariat_seats(secretariat=secretariat, on=on).filter(body__plan__in=plans)
    by_person: dict[int, SeatHolder] = {}
    for seat in seats:
        by_person.setdefault(seat.person_id, SeatHolder(seat.person)).seats.append(seat)
    return sorted(by_person.values(), key=lambda h: h.person.name)


def plan_roles_on(*, on: date | None = None) -> QuerySet[PlanRole]:
    return PlanRole.objects.filter(in_force_on(on or today())).select_related(
        "person__employer", "plan"
    )


def plan_list(*, on: date | None = None) -> QuerySet[Plan]:
    """Plans with what a list shows (`plans.selectors.plan_queryset`) and the roles in force
    on `on` (today by default) as `current_roles`: the plan and its people, composed here
    because governance builds on plans, never the other way."""
    return plan_queryset().prefetch_related(
        Prefetch(
            "roles",
            queryset=PlanRole.objects.filter(in_force_on(on or today()))
            .select_related("person__employer")
            .order_by("kind", "person__name"),
            to_attr="current_roles",
        )
    )


def plan_detail_queryset(*, on: date | None = None) -> QuerySet[Plan]:
    """`plan_list` plus the active governing bodies with their memberships in force on `on`
    (`active_bodies`, each with `current_memberships`)."""
    on = on or today()
    return plan_list(on=on).prefetch_related(
        Prefetch(
            "bodies",
            queryset=Body.objects.filter(active=True)
            .order_by("kind", "name")
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.filter(in_force_on(on))
                    .select_related("person__employer", "represents")
                    .order_by("role", "person__name"),
                    to_attr="current_memberships",
                )
            ),
            to_attr="active_bodies",
        )
    )


def plan_team(plan: Plan) -> tuple[list[PlanRole], list[PlanRole]]:
    """The plan's leaders and its staff, from the roles `plan_list` prefetched: every role that
    is not the leader's is staff."""
    roles: list[PlanRole] = getattr(plan, "current_roles", [])
    leaders = [r for r in roles if r.kind == PlanRoleKind.LEADER]
    staff = [r for r in roles if r.kind != PlanRoleKind.LEADER]
    return leaders, staff


def person_list() -> QuerySet[Person]:
    """Every person with their employer, by name (the API's list; the caller narrows it to
    what the reader may see)."""
    return Person.objects.select_related("employer").order_by("name", "pk")


def plan_role_list() -> QuerySet[PlanRole]:
    """Every plan role with its plan and person, by plan, kind, person and start."""
    return PlanRole.objects.select_related("plan", "person__employer").order_by(
        "plan__name", "kind", "person__name", "valid_from", "pk"
    )


def body_list() -> QuerySet[Body]:
    """Every governing body with its plan, by plan, kind and name."""
    return Body.objects.select_related("plan").order_by("plan__name", "kind", "name", "pk")


def membership_list() -> QuerySet[Membership]:
    """Every seat with its body, plan, person and represented organisation, by plan, body,
    role, person and start."""
    return Membership.objects.select_related(
        "body__plan", "person__employer", "represents"
    ).order_by(
        "body__plan__name", "body__kind", "body__name", "role", "person__name", "valid_from", "pk"
    )


def roles_of_plan(*, plan: Plan) -> QuerySet[PlanRole]:
    """Every role of the plan, past, present and future, with its person and employer, by kind,
    person and start."""
    return (
        PlanRole.objects.filter(plan=plan)
        .select_related("person__employer", "plan")
        .order_by("kind", "person__name", "valid_from")
    )


def seats_of_plan(*, plan: Plan) -> QuerySet[Membership]:
    """Every seat in the plan's bodies, past, present and future, with person, body and the
    organisation represented."""
    return Membership.objects.filter(body__plan=plan).select_related(
        "person", "body__plan", "represents"
    )


def bodies_of_plan(*, plan: Plan) -> QuerySet[Body]:
    """The plan's bodies, active ones first, each with all its seats (`memberships`)."""
    return (
        Body.objects.filter(plan=plan)
        .order_by("-active", "kind", "name")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("person", "represents").order_by(
                    "role", "person__name", "valid_from"
                ),
            )
        )
    )


def person_duplicates(
    *,
    name: str,
    employer: Organisation | None,
    among: QuerySet[Person] | None = None,
    exclude: Person | None = None,
) -> list[Person]:
    """People (of `among`, everyone by default) whose name is `name` ignoring case and spaces,
    with the same employer (or none when `employer` is None): candidates for "is this the same
    person?"."""
    qs = (among if among is not None else Person.objects.all()).select_related("employer")
    qs = qs.filter(employer=employer) if employer is not None else qs.filter(employer__isnull=True)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    key = name_key(name)
    # Case (æ, ø, å included) and spacing cannot be normalised in portable SQL; an employer's
    # people are few, so they are compared here.
    return [p for p in qs.order_by("name", "pk") if name_key(p.name) == key]


@dataclass(frozen=True)
class Breach:
    """A stored row that breaks a rule of `governance.rules` (entered before the rule existed,
    or written around the services): what it is, the field to fix, and why."""

    model: str  # "plan role" or "membership"
    row_id: int
    plan: str
    summary: str
    field: str
    code: str
    message: str


def rule_breaches() -> list[Breach]:
    """Every stored plan role and membership that breaks a rule, plan by plan. Reads every row
    once (three queries, and one per working group for its plan's idea date, decision 0025)."""
    breaches: list[Breach] = []
    roles = list(PlanRole.objects.select_related("plan", "person").order_by("plan_id", "pk"))
    for _plan_id, group in groupby(roles, key=lambda r: r.plan_id):
        rows = list(group)
        by_id = {r.pk: r for r in rows}
        found = [(r, p) for r in rows for p in _period_only(r)]
        found += [
            (by_id[span.id], problem)
            for span, problem in pairwise_conflicts([span_of(r) for r in rows], memberships=False)
            if span.id is not None
        ]
        for role, problem in found:
            message = plan_role_messages(role, [problem])[problem.field][0]
            breaches.append(_breach("plan role", role, role.plan.name, problem, message))
    seats = list(
        Membership.objects.select_related("body__plan", "person").order_by("body_id", "pk")
    )
    for _body_id, seat_group in groupby(seats, key=lambda m: m.body_id):
        seat_rows = list(seat_group)
        seat_by_id = {m.pk: m for m in seat_rows}
        seat_found = [(m, p) for m in seat_rows for p in _period_only(m)]
        seat_found += [
            (seat_by_id[span.id], problem)
            for span, problem in pairwise_conflicts(
                [span_of(m) for m in seat_rows], memberships=True
            )
            if span.id is not None
        ]
        for seat, problem in seat_found:
            message = membership_messages(seat, [problem])[problem.field][0]
            breaches.append(_breach("membership", seat, seat.body.plan.name, problem, message))
    return breaches


def _period_only(row: PlanRole | Membership) -> list[Problem]:
    if isinstance(row, PlanRole):
        return period_problems(row.valid_from, row.valid_to, plan_period(row.plan))
    return period_problems(row.valid_from, row.valid_to, body_period(row.body))


def _breach(
    model: str, row: PlanRole | Membership, plan: str, problem: Problem, message: str
) -> Breach:
    if isinstance(row, PlanRole):
        summary = f"{row.person.name}, {role_label(row.kind)}"
    else:
        summary = f"{row.person.name}, {seat_label(row.role)}, {row.body.name}"
    summary += f", {period_text(row.valid_from, row.valid_to)}"
    return Breach(model, row.pk, plan, summary, problem.field, problem.code, message)


def period_breaches(*, plan: Plan) -> list[Breach]:
    """The plan's roles and seats whose dates would lie outside the plan's period as it is on
    `plan` (possibly changed and not yet saved): a plan's new period must still hold them."""
    period = plan_period(plan)
    found: list[Breach] = []
    idea_periods: dict[int, Period] = {}  # a working group's, once per body (decision 0025)
    roles = PlanRole.objects.filter(plan_id=plan.pk).select_related("person")
    seats = Membership.objects.filter(body__plan_id=plan.pk).select_related("person", "body")
    rows: list[PlanRole | Membership] = [*roles, *seats]
    for row in rows:
        if isinstance(row, PlanRole):
            row.plan = plan
        else:
            row.body.plan = plan
        within = period
        if isinstance(row, Membership) and row.body.kind == WORKING_GROUP:
            if row.body_id not in idea_periods:
                idea_periods[row.body_id] = body_period(row.body, plan)
            within = idea_periods[row.body_id]
        for problem in period_problems(row.valid_from, row.valid_to, within):
            if problem.code == "end_before_start":
                continue  # not the plan's doing (and refused when it was written)
            if isinstance(row, PlanRole):
                message = plan_role_messages(row, [problem])[problem.field][0]
                found.append(_breach("plan role", row, plan.name, problem, message))
            else:
                message = membership_messages(row, [problem])[problem.field][0]
                found.append(_breach("membership", row, plan.name, problem, message))
    return found


@dataclass(frozen=True)
class PlanHistoryRows:
    """The history rows (django-simple-history) of a plan and what hangs on it, each list
    oldest first, with the user who made each change."""

    plan: list[Any]
    roles: list[Any]
    bodies: list[Any]
    memberships: list[Any]
    people: list[Any]


def plan_history_rows(*, plan: Plan, m2m: Sequence[str] = ()) -> PlanHistoryRows:
    """The history of the plan (with its m2m snapshots `m2m` prefetched), its roles, its bodies,
    their memberships, and the people in those roles and seats: five queries plus one per
    snapshot relation, whatever the history's length."""

    def oldest_first(rows: QuerySet[Any]) -> list[Any]:
        return list(rows.select_related("history_user").order_by("history_date", "history_id"))

    plan_rows = oldest_first(Plan.history.filter(id=plan.pk).prefetch_related(*m2m))
    role_rows = oldest_first(PlanRole.history.filter(plan_id=plan.pk))
    body_rows = oldest_first(Body.history.filter(plan_id=plan.pk))
    membership_rows = oldest_first(
        Membership.history.filter(body_id__in={row.id for row in body_rows})
    )
    # Corrections to the people of the plan (a renamed person, a merge), not their creation.
    person_ids = {row.person_id for row in (*role_rows, *membership_rows)}
    person_rows = oldest_first(Person.history.filter(id__in=person_ids))
    return PlanHistoryRows(plan_rows, role_rows, body_rows, membership_rows, person_rows)


def objects_as_last_known(model: type[models.Model], ids: Iterable[Any]) -> dict[Any, Any]:
    """The objects of `model` with these ids, one query; a deleted one (a person merged into
    another) as it last was in its history, when the model keeps one. An afdeling comes with
    its organisation."""
    wanted = set(ids)
    qs = model._default_manager.filter(pk__in=wanted)
    if model is Afdeling:
        qs = qs.select_related("organisation")
    found: dict[Any, Any] = {obj.pk: obj for obj in qs}
    missing = wanted - set(found)
    history = getattr(model, "history", None)
    if missing and history is not None:
        for row in history.filter(id__in=missing).order_by("history_date", "history_id"):
            found[row.id] = row.instance
    return found
