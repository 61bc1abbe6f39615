"""Writes to people, plan roles, governing bodies and memberships.

The rules of `governance.rules` are applied to every row written here: a plan role and a seat
in a plan's body lie within the plan's period; a plan has one leader at a time, a body one chair
and one vice-chair, and a person holds one seat of a body at a time. Overlapping periods cannot
be a unique constraint, so each write locks the parent row (the plan for roles, the body for
seats) before it checks and saves: two writers of the same plan or body wait for each other,
and the second sees the first's row (decision 0008)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from boligsocial.areas.models import Afdeling
from boligsocial.core.services import model_update
from boligsocial.funding.models import FocusArea
from boligsocial.governance.messages import (
    membership_messages,
    plan_period,
    plan_role_messages,
    role_label,
    seat_label,
    span_of,
)
from boligsocial.governance.models import (
    Body,
    Membership,
    MembershipRole,
    Person,
    PlanRole,
)
from boligsocial.governance.rules import (
    membership_conflicts,
    period_problems,
    plan_role_conflicts,
)
from boligsocial.governance.selectors import period_breaches, person_duplicates
from boligsocial.organisations.models import Organisation
from boligsocial.plans import services as plan_services
from boligsocial.plans.models import Plan

PERSON_FIELDS = ("name", "title", "employer", "email", "phone")
PLAN_ROLE_FIELDS = ("person", "kind", "title", "fte", "valid_from", "valid_to")
BODY_FIELDS = ("kind", "name", "description", "active")
MEMBERSHIP_FIELDS = ("person", "represents", "role", "valid_from", "valid_to")


def lock_for_write(model: type[models.Model], pk: Any) -> None:
    """Serialise the writers of one plan's or one body's rows until the transaction ends.

    PostgreSQL: `SELECT ... FOR UPDATE` on the parent row; a second writer waits there until
    the first commits, then reads its rows. SQLite has no row locks (`select_for_update` is a
    no-op); a write as the transaction's first statement takes the database's write lock, which
    a second writer waits for (the busy timeout) before it reads anything. The write changes
    nothing and leaves no history. So it must be the first statement of the transaction (a
    SQLite transaction that has read cannot wait for the lock): the services call it first."""
    rows = model._default_manager.filter(pk=pk)
    if connection.features.has_select_for_update:
        list(rows.select_for_update().values_list("pk", flat=True))
    else:
        name = model._meta.pk.attname
        rows.update(**{name: F(name)})


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


# People -------------------------------------------------------------------------------------


def _duplicate_error(candidates: Iterable[Person]) -> ValidationError:
    listed = "; ".join(
        _("%(name)s (%(details)s, id %(id)s)")
        % {
            "name": p.name,
            "details": ", ".join(x for x in (p.title, p.employer.name if p.employer else "") if x)
            or _("no job title"),
            "id": p.pk,
        }
        for p in candidates
    )
    return ValidationError(
        {
            "name": ValidationError(
                _(
                    "Is this the same person? A person with this name and employer already "
                    "exists: %(people)s. Choose the existing person, or confirm that this is "
                    "another person with the same name."
                )
                % {"people": listed},
                code="possible_duplicate",
            )
        }
    )


@transaction.atomic
def person_create(
    *,
    name: str,
    title: str = "",
    employer: Organisation | None = None,
    email: str = "",
    phone: str = "",
    confirm_new: bool = False,
    among: models.QuerySet[Person] | None = None,
) -> Person:
    """Create a person. A person whose name (ignoring case and spaces) and employer match an
    existing person's is refused on `name`, listing them, unless `confirm_new` says it is
    someone else. `among` limits the people looked at (and named) to those the user may see."""
    person = Person(name=name, title=title, employer=employer, email=email, phone=phone)
    person.full_clean()
    if not confirm_new:
        candidates = list(person_duplicates(name=name, employer=employer, among=among))
        if candidates:
            raise _duplicate_error(candidates)
    person.save()
    return person


@transaction.atomic
def person_update(*, person: Person, data: dict[str, Any]) -> Person:
    person, _changed = model_update(instance=person, fields=PERSON_FIELDS, data=data)
    return person


@transaction.atomic
def person_delete(*, person: Person, actor: Any = None) -> None:
    """Delete a person entered by mistake, who holds no role and no seat (a person who does is
    corrected, or merged into the right person). The history keeps the deleted row."""
    roles = PlanRole.objects.filter(person=person).count()
    seats = Membership.objects.filter(person=person).count()
    if roles or seats:
        raise ValidationError(
            _(
                "%(person)s has %(roles)s role(s) and %(seats)s seat(s): delete or correct "
                "those first, or merge the person into another."
            )
            % {"person": person.name, "roles": roles, "seats": seats},
            code="in_use",
        )
    if actor is not None:
        person._history_user = actor  # type: ignore[attr-defined]
    person.delete()


# Plan roles ---------------------------------------------------------------------------------


def _check_plan_role(role: PlanRole) -> None:
    role.full_clean()
    others = PlanRole.objects.filter(plan_id=role.plan_id).exclude(pk=role.pk)
    problems = period_problems(role.valid_from, role.valid_to, plan_period(role.plan))
    problems += plan_role_conflicts(
        span_of(role), [span_of(r) for r in others.select_related("person")]
    )
    _raise(plan_role_messages(role, problems))


@transaction.atomic
def plan_role_add(
    *,
    plan: Plan,
    person: Person,
    kind: str,
    valid_from: date,
    valid_to: date | None = None,
    title: str = "",
    fte: Decimal = Decimal("1.00"),
) -> PlanRole:
    lock_for_write(Plan, plan.pk)  # first: see lock_for_write
    role = PlanRole(
        plan=plan,
        person=person,
        kind=kind,
        valid_from=valid_from,
        valid_to=valid_to,
        title=title,
        fte=fte,
    )
    _check_plan_role(role)
    role.save()
    return role


@transaction.atomic
def plan_role_update(*, role: PlanRole, data: dict[str, Any]) -> PlanRole:
    """Correct any field of a role (its plan stays). Ending a role is `plan_role_end`."""
    lock_for_write(Plan, role.plan_id)  # first: see lock_for_write
    for field in PLAN_ROLE_FIELDS:
        if field in data:
            setattr(role, field, data[field])
    _check_plan_role(role)
    role.save()
    return role


@transaction.atomic
def plan_role_end(*, role: PlanRole, valid_to: date) -> PlanRole:
    return plan_role_update(role=role, data={"valid_to": valid_to})


@transaction.atomic
def plan_role_delete(*, role: PlanRole, actor: Any = None) -> None:
    """Delete a role entered by mistake (a role that happened and is over is ended, not
    deleted). The history keeps the deleted row, with who deleted it."""
    if actor is not None:
        role._history_user = actor  # type: ignore[attr-defined]
    role.delete()


# Bodies -------------------------------------------------------------------------------------


@transaction.atomic
def body_create(
    *, plan: Plan, kind: str, name: str, description: str = "", active: bool = True
) -> Body:
    body = Body(plan=plan, kind=kind, name=name, description=description, active=active)
    body.full_clean()
    body.save()
    return body


@transaction.atomic
def body_update(*, body: Body, data: dict[str, Any]) -> Body:
    body, _changed = model_update(instance=body, fields=BODY_FIELDS, data=data)
    return body


# Memberships --------------------------------------------------------------------------------


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    data: dict[str, Any],
    afdelinger: Iterable[Afdeling] | None = None,
    focus_areas: Iterable[FocusArea] | None = None,
) -> Plan:
    """`plans.services.plan_update`, and a new period must still hold the plan's roles and
    seats: each one outside it is named, on the date field that leaves it out, and nothing is
    written. Composed here because governance builds on plans, never the other way."""
    plan = plan_services.plan_update(
        plan=plan, data=data, afdelinger=afdelinger, focus_areas=focus_areas
    )
    if {"start_date", "end_date"} & set(data):
        errors: dict[str, list[str]] = {}
        for breach in period_breaches(plan=plan):
            field = "start_date" if breach.code == "starts_before_period" else "end_date"
            errors.setdefault(field, []).append(
                _("%(row)s would lie outside the new period: correct, end or delete it first.")
                % {"row": breach.summary}
            )
        if errors:
            raise ValidationError(errors)  # the plan's own write is rolled back
    return plan


def _check_membership(membership: Membership) -> None:
    membership.full_clean()
    body = membership.body
    others = Membership.objects.filter(body_id=membership.body_id).exclude(pk=membership.pk)
    # A body without a plan (none today: Body.plan is required) has no period to lie within.
    period = plan_period(body.plan if body.plan_id else None)
    problems = period_problems(membership.valid_from, membership.valid_to, period)
    problems += membership_conflicts(
        span_of(membership), [span_of(m) for m in others.select_related("person")]
    )
    _raise(membership_messages(membership, problems))


@transaction.atomic
def membership_add(
    *,
    body: Body,
    person: Person,
    represents: Organisation,
    valid_from: date,
    valid_to: date | None = None,
    role: str = MembershipRole.MEMBER,
) -> Membership:
    lock_for_write(Body, body.pk)  # first: see lock_for_write
    membership = Membership(
        body=body,
        person=person,
        represents=represents,
        role=role,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    _check_membership(membership)
    membership.save()
    return membership


@transaction.atomic
def membership_update(*, membership: Membership, data: dict[str, Any]) -> Membership:
    """Correct any field of a seat (its body stays). Ending a seat is `membership_end`."""
    lock_for_write(Body, membership.body_id)  # first: see lock_for_write
    for field in MEMBERSHIP_FIELDS:
        if field in data:
            setattr(membership, field, data[field])
    _check_membership(membership)
    membership.save()
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, valid_to: date) -> Membership:
    return membership_update(membership=membership, data={"valid_to": valid_to})


@transaction.atomic
def membership_delete(*, membership: Membership, actor: Any = None) -> None:
    """Delete a seat entered by mistake; the history keeps the deleted row."""
    if actor is not None:
        membership._history_user = actor  # type: ignore[attr-defined]
    membership.delete()


# Merging people -----------------------------------------------------------------------------

REASON_MAX = 100  # simple-history's history_change_reason column


def _reason(text: str) -> str:
    return text if len(text) <= REASON_MAX else text[: REASON_MAX - 1] + "…"


@transaction.atomic
def person_merge(*, keep: Person, remove: Person, actor: Any = None) -> Person:
    """Merge two records of the same person: `remove`'s plan roles and seats move to `keep`,
    `keep`'s empty fields take `remove`'s values, and `remove` is deleted. Every step is in the
    history with the reason "merge". A merge that would break a rule (e.g. both held a seat of
    the same body at the same time) is refused on `remove`, naming each conflict, and nothing
    is changed."""
    lock_for_write(Person, remove.pk)  # first: see lock_for_write
    if keep.pk == remove.pk:
        raise ValidationError({"remove": _("A person cannot be merged with themself.")})
    roles = list(PlanRole.objects.filter(person=remove).select_related("plan", "person"))
    seats = list(Membership.objects.filter(person=remove).select_related("body__plan", "person"))
    for plan_id in sorted({r.plan_id for r in roles}):
        lock_for_write(Plan, plan_id)
    for body_id in sorted({m.body_id for m in seats}):
        lock_for_write(Body, body_id)
    moved_from = _reason(_("Merge: moved from %(name)s (id %(id)s)") % _names(remove))
    errors: list[str] = []
    for role in roles:
        role.person = keep
        try:
            _check_plan_role(role)
        except ValidationError as error:
            errors += [f"{role.plan.name}, {role_label(role.kind)}: {m}" for m in error.messages]
            continue
        _record(role, moved_from, actor)
        role.save(update_fields=["person"])
    for seat in seats:
        seat.person = keep
        try:
            _check_membership(seat)
        except ValidationError as error:
            errors += [f"{seat.body.name}, {seat_label(seat.role)}: {m}" for m in error.messages]
            continue
        _record(seat, moved_from, actor)
        seat.save(update_fields=["person"])
    if errors:
        raise ValidationError(
            {
                "remove": [
                    _("The two people cannot be merged: %(reason)s") % {"reason": e} for e in errors
                ]
            }
        )
    filled = [f for f in ("title", "employer", "email", "phone") if _empty(keep, f, remove)]
    for name in filled:
        setattr(keep, name, getattr(remove, name))
    if filled:
        keep.full_clean()
        _record(
            keep, _reason(_("Merge: details from %(name)s (id %(id)s)") % _names(remove)), actor
        )
        keep.save(update_fields=filled)
    _record(remove, _reason(_("Merged into %(name)s (id %(id)s)") % _names(keep)), actor)
    remove.delete()
    return keep


def _names(person: Person) -> dict[str, Any]:
    return {"name": person.name, "id": person.pk}


def _empty(keep: Person, field: str, remove: Person) -> bool:
    attname = Person._meta.get_field(field).attname  # type: ignore[union-attr]
    return not getattr(keep, attname) and bool(getattr(remove, attname))


def _record(instance: models.Model, reason: str, actor: Any) -> None:
    """The change reason (and the user, when given) of the history row the next save writes."""
    instance._change_reason = reason  # type: ignore[attr-defined]
    if actor is not None:
        instance._history_user = actor  # type: ignore[attr-defined]
