"""Merging two records of the same person."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from boligsocial.governance.messages import role_label, seat_label
from boligsocial.governance.models import Body, Membership, Person, PlanRole
from boligsocial.governance.services.bodies import check_membership
from boligsocial.governance.services.common import lock_for_write, record
from boligsocial.governance.services.roles import check_plan_role
from boligsocial.plans.models import Plan

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
            check_plan_role(role)
        except ValidationError as error:
            errors += [f"{role.plan.name}, {role_label(role.kind)}: {m}" for m in error.messages]
            continue
        record(role, reason=moved_from, actor=actor)
        role.save(update_fields=["person"])
    for seat in seats:
        seat.person = keep
        try:
            check_membership(seat)
        except ValidationError as error:
            errors += [f"{seat.body.name}, {seat_label(seat.role)}: {m}" for m in error.messages]
            continue
        record(seat, reason=moved_from, actor=actor)
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
        details_from = _reason(_("Merge: details from %(name)s (id %(id)s)") % _names(remove))
        record(keep, reason=details_from, actor=actor)
        keep.save(update_fields=filled)
    record(
        remove, reason=_reason(_("Merged into %(name)s (id %(id)s)") % _names(keep)), actor=actor
    )
    remove.delete()
    return keep


def _names(person: Person) -> dict[str, Any]:
    return {"name": person.name, "id": person.pk}


def _empty(keep: Person, field: str, remove: Person) -> bool:
    attname = Person._meta.get_field(field).attname  # type: ignore[union-attr]
    return not getattr(keep, attname) and bool(getattr(remove, attname))
