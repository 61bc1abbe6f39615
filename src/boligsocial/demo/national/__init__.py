"""The synthetic national installation: a deterministic, wholly fictional Denmark to measure
the pages on (issue 8, docs/decisions/0013).

At `scale=1.0`: about 600 areas with outlines in all 98 municipalities, 7,000 afdelinger,
500 housing organisations, 100 running and 300 ended plans across the stored fund rounds,
3,000 people with plan roles and seats in 1,500 bodies over the years, the official lists
2010–2024 and ten area figures a year 2010–2024. Everything is invented: names are built from
made-up syllables and the demo's invented first names, figures from a seeded random generator,
and the official lists are what the criteria engine makes of those figures.

Two steps: `generate()` builds the data as plain values (no database), and `load_national()`
checks it against the register's own rules (the same pure functions the services call: CVR
modulus 11, GeoJSON outlines, plan periods of the fund round, afdelinger claimed by one plan at
a time, roles and seats within the plan's period, one leader / chair / vice-chair at a time,
one seat per person and body) and then writes what is missing with `bulk_create`, in one
transaction. Every object is looked up by its natural key first, so a second load writes
nothing. Rows of models with history get one "created" history row each, with the reason
`HISTORY_REASON`, so the history pages say truthfully where they came from.

Modules: `base` (constants, word lists, sizes), `specs` (the plain values), `invent` (invented
names, numbers, dates, outlines), `country` (`generate()`: organisations, areas, plans),
`people` (roles, bodies, seats), `figures` (figures and official lists), `checks`
(`problems()`), `writer` (the bulk writes), `load` (`load_national()`).
"""

from boligsocial.demo.load import DEFAULT_PASSWORD
from boligsocial.demo.national.base import (
    ADMIN_USERNAME,
    DEFAULT_SEED,
    HISTORY_REASON,
    LEADER_USERNAME,
    REFERENCE_DATE,
    NationalDataError,
    RoundInfo,
    sizes,
)
from boligsocial.demo.national.checks import problems
from boligsocial.demo.national.country import generate
from boligsocial.demo.national.load import default_password_allowed, load_national, stored_rounds
from boligsocial.demo.national.specs import NationalData
from boligsocial.demo.national.writer import NationalReport

__all__ = [
    "ADMIN_USERNAME",
    "DEFAULT_PASSWORD",
    "DEFAULT_SEED",
    "HISTORY_REASON",
    "LEADER_USERNAME",
    "REFERENCE_DATE",
    "NationalData",
    "NationalDataError",
    "NationalReport",
    "RoundInfo",
    "default_password_allowed",
    "generate",
    "load_national",
    "problems",
    "sizes",
    "stored_rounds",
]
