from __future__ import annotations

from typing import Any

from django.db import transaction

from boligsocial.areas.models import Afdeling, Area, AreaSlugHistory
from boligsocial.core.services import (
    former_slugs_of_others,
    model_update,
    remember_former_slug,
    unique_slug,
)
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
        slug=_area_slug(name, municipality),
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


def _area_slug(name: str, municipality: Municipality, *, pk: int | None = None) -> str:
    """A slug no other area has now or had before (old addresses keep redirecting)."""
    return unique_slug(
        Area,
        f"{name}-{municipality.name}",
        exclude_pk=pk,
        fallback="omraade",
        reserved=former_slugs_of_others(AreaSlugHistory, pk),
    )


@transaction.atomic
def area_update(*, area: Area, data: dict[str, Any]) -> Area:
    """Change an area's fields. A new name or municipality gives it a new slug; the old one is
    kept, so the area's old address redirects to the new one (docs/decisions/0012)."""
    old_slug, old_name, old_municipality = area.slug, area.name, area.municipality_id
    area, _ = model_update(instance=area, fields=AREA_FIELDS, data=data)
    if (area.name, area.municipality_id) != (old_name, old_municipality):
        new_slug = _area_slug(area.name, area.municipality, pk=area.pk)
        if new_slug != old_slug:
            area.slug = new_slug
            area.full_clean()
            area.save(update_fields=["slug"])
            remember_former_slug(AreaSlugHistory, area, old_slug=old_slug)
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
