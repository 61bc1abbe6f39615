from __future__ import annotations

from typing import Any

from django.db import transaction

from boligsocial.core.services import model_update, unique_slug
from boligsocial.organisations.models import Municipality, Organisation
from boligsocial.organisations.rules import normalise_cvr

ORGANISATION_FIELDS = ("kind", "name", "cvr", "address", "municipality", "website", "active")


@transaction.atomic
def organisation_create(
    *,
    kind: str,
    name: str,
    cvr: str = "",
    address: str = "",
    municipality: Municipality | None = None,
    website: str = "",
    active: bool = True,
) -> Organisation:
    organisation = Organisation(
        kind=kind,
        name=name,
        slug=unique_slug(Organisation, name, fallback="organisation"),
        cvr=normalise_cvr(cvr),
        address=address,
        municipality=municipality,
        website=website,
        active=active,
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, data: dict[str, Any]) -> Organisation:
    if "cvr" in data:
        data = {**data, "cvr": normalise_cvr(data["cvr"])}
    organisation, _ = model_update(instance=organisation, fields=ORGANISATION_FIELDS, data=data)
    return organisation
