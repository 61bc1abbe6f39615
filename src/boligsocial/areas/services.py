from __future__ import annotations

from typing import Any

from django.db import transaction

from boligsocial.areas.models import Afdeling, Area
from boligsocial.core.services import model_update, unique_slug
from boligsocial.organisations.models import Municipality, Organisation

AREA_FIELDS = (
    "name",
    "aliases",
    "municipality",
    "residents",
    "residents_source",
    "outline",
    "description",
    "illustrative",
)
AFDELING_FIELDS = (
    "organisation",
    "number",
    "lbf_number",
    "name",
    "area",
    "dwellings",
    "address",
    "illustrative",
)


@transaction.atomic
def area_create(
    *,
    name: str,
    municipality: Municipality,
    residents: int | None = None,
    residents_source: str = "",
    outline: dict[str, Any] | None = None,
    description: str = "",
    illustrative: bool = False,
    aliases: list[str] | None = None,
) -> Area:
    area = Area(
        name=name,
        aliases=list(aliases or []),
        slug=unique_slug(Area, f"{name}-{municipality.name}", fallback="omraade"),
        municipality=municipality,
        residents=residents,
        residents_source=residents_source,
        outline=outline,
        description=description,
        illustrative=illustrative,
    )
    area.full_clean()
    area.save()
    return area


@transaction.atomic
def area_update(*, area: Area, data: dict[str, Any]) -> Area:
    area, _ = model_update(instance=area, fields=AREA_FIELDS, data=data)
    return area


@transaction.atomic
def afdeling_create(
    *,
    organisation: Organisation,
    number: str,
    name: str,
    area: Area | None = None,
    lbf_number: str = "",
    dwellings: int | None = None,
    address: str = "",
    illustrative: bool = False,
) -> Afdeling:
    afdeling = Afdeling(
        organisation=organisation,
        number=number,
        name=name,
        area=area,
        lbf_number=lbf_number,
        dwellings=dwellings,
        address=address,
        illustrative=illustrative,
    )
    afdeling.full_clean()
    afdeling.save()
    return afdeling


@transaction.atomic
def afdeling_update(*, afdeling: Afdeling, data: dict[str, Any]) -> Afdeling:
    afdeling, _ = model_update(instance=afdeling, fields=AFDELING_FIELDS, data=data)
    return afdeling
