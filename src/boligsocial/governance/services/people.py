"""Writes to people: create (asking whether a namesake is the same person), correct, delete."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from boligsocial.core.services import model_update
from boligsocial.governance.models import Membership, Person, PlanRole
from boligsocial.governance.selectors import person_duplicates
from boligsocial.governance.services.common import delete_recorded
from boligsocial.organisations.models import Organisation

PERSON_FIELDS = ("name", "title", "employer", "email", "phone")


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
    delete_recorded(person, actor=actor)
