"""The generated data as plain values, before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class OrgSpec:
    slug: str
    kind: str
    name: str
    cvr: str = ""
    municipality_code: int | None = None  # a kommune organisation's own kommune
    region_code: int = 0


@dataclass(frozen=True)
class AreaSpec:
    slug: str
    name: str
    municipality_code: int
    region_code: int
    residents: int
    outline: dict[str, Any]


@dataclass(frozen=True)
class AfdelingSpec:
    org_slug: str
    number: str
    name: str
    area_slug: str | None
    dwellings: int


@dataclass(frozen=True)
class PlanSpec:
    slug: str
    name: str
    round_code: str
    area_slug: str
    start: date
    end: date
    status: str
    focus_areas: tuple[str, ...]
    lbf_number: str
    length_reason: str = ""


@dataclass(frozen=True)
class PersonSpec:
    email: str
    name: str
    title: str
    employer_slug: str


@dataclass(frozen=True)
class RoleSpec:
    plan_slug: str
    person_email: str
    kind: str
    title: str
    fte: Decimal
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True)
class BodySpec:
    plan_slug: str
    kind: str
    name: str


@dataclass(frozen=True)
class SeatSpec:
    plan_slug: str
    body_name: str
    person_email: str
    represents_slug: str
    role: str
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True)
class FigureSpec:
    area_slug: str
    key: str
    year: int
    value: Decimal
    persons: int | None
    population: int | None


@dataclass(frozen=True)
class ListEntrySpec:
    area_slug: str
    year: int
    designation: str
    on_list: bool


@dataclass
class NationalData:
    organisations: list[OrgSpec] = field(default_factory=list)
    areas: list[AreaSpec] = field(default_factory=list)
    afdelinger: list[AfdelingSpec] = field(default_factory=list)
    plans: list[PlanSpec] = field(default_factory=list)
    people: list[PersonSpec] = field(default_factory=list)
    roles: list[RoleSpec] = field(default_factory=list)
    bodies: list[BodySpec] = field(default_factory=list)
    seats: list[SeatSpec] = field(default_factory=list)
    figures: list[FigureSpec] = field(default_factory=list)
    list_entries: list[ListEntrySpec] = field(default_factory=list)
