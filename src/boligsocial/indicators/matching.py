"""How a row of an import names an area: the one matching rule of `lists import`,
`indicators import` and `criteria classify` (docs/decisions/0016). A municipality is named by
its name, "<name> Kommune" or its code; an area by its name or any of its other names
(`Area.aliases`, e.g. Gellerupparken/Toveshøj), ignoring case and surrounding spaces."""

from __future__ import annotations

from boligsocial.areas.models import Area
from boligsocial.organisations.models import Municipality


def municipalities_by_name() -> dict[str, Municipality]:
    """Municipalities by lower-case name, "<name> kommune" and code."""
    municipalities = list(Municipality.objects.all())
    by_name = {m.name.lower(): m for m in municipalities}
    by_name.update({f"{name} kommune": m for name, m in list(by_name.items())})
    by_name.update({str(m.code): m for m in municipalities})
    return by_name


def areas_by_name() -> dict[tuple[str, int], Area]:
    """Areas by (lower-case name, municipality id), under their name and every alias."""
    areas: dict[tuple[str, int], Area] = {}
    for area in Area.objects.all():
        for name in [*area.aliases, area.name]:
            areas[(area_key(name), area.municipality_id)] = area
    return areas


def area_key(name: str) -> str:
    return name.strip().lower()


def municipality_key(name: str) -> str:
    return name.strip().lower()
