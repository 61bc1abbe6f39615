"""Read `demo/data/money.toml` into plain values (no Django imports, no database). A problem
raises `DemoDataError` naming the file and the key."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from boligsocial.demo.source import DATA_DIR, DemoDataError

MONEY_PATH = DATA_DIR / "money.toml"
REPORT_STATES = ("approved", "due", "submitted", "returned")
FOCUS_CHOICES = ("each", "first", "")
SOURCE_KINDS = ("lbf", "municipality", "housing_organisation", "afdeling", "foundation")


@dataclass(frozen=True)
class LineTemplate:
    category: str
    focus: str  # "each", "first" or "" (shared)
    source_kind: str
    text: str
    share: Decimal
    in_kind: bool = False


@dataclass(frozen=True)
class RevisionSpec:
    approved_on: date
    year: int
    from_category: str
    to_category: str
    amount: Decimal
    decision: str


@dataclass(frozen=True)
class PlanMoney:
    plan: str
    yearly_total: Decimal
    granted: bool = True
    lbf_share: Decimal | None = None
    paid_through: int | None = None
    reports: dict[int, str] = field(default_factory=dict)
    remarks: dict[int, str] = field(default_factory=dict)
    revision: RevisionSpec | None = None


@dataclass(frozen=True)
class Booking:
    organisation: str  # an organisation key of illustrative.toml
    afdeling: str  # an afdeling number, "" for the organisation as a whole
    year: int
    amount: Decimal


@dataclass(frozen=True)
class MoneyData:
    as_of: date
    note: str
    plan_note: str
    foundation: str
    lines: tuple[LineTemplate, ...]
    plans: tuple[PlanMoney, ...]
    rent_support: tuple[Booking, ...]
    contributions: tuple[Booking, ...]
    renovation: tuple[Booking, ...]

    def for_plan(self, name: str) -> PlanMoney | None:
        return next((p for p in self.plans if p.plan == name), None)


def _fail(where: str, message: str) -> DemoDataError:
    return DemoDataError(f"{MONEY_PATH.name}, {where}: {message}")


def _amount(value: Any, where: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise _fail(where, f'{value!r} is not an amount (write "1200000").') from None
    if not amount.is_finite() or amount < 0:
        raise _fail(where, f"{value!r} is not an amount of 0 kr. or more.")
    return amount


def _line(raw: Any, where: str, *, in_kind: bool) -> LineTemplate:
    if not isinstance(raw, list) or len(raw) != 5:
        raise _fail(where, "a line is [category, focus, source, text, share].")
    category, focus, source, text, share = raw
    if focus not in FOCUS_CHOICES:
        raise _fail(where, f'focus {focus!r} is not one of "each", "first" or "".')
    if source not in SOURCE_KINDS:
        raise _fail(where, f"source {source!r} is not one of {', '.join(SOURCE_KINDS)}.")
    return LineTemplate(str(category), focus, source, str(text), _amount(share, where), in_kind)


def _revision(raw: Any, where: str) -> RevisionSpec:
    try:
        return RevisionSpec(
            approved_on=raw["approved_on"],
            year=int(raw["year"]),
            from_category=str(raw["from"]),
            to_category=str(raw["to"]),
            amount=_amount(raw["amount"], where),
            decision=str(raw["decision"]),
        )
    except KeyError as missing:
        raise _fail(where, f"the revision's `{missing.args[0]}` is missing.") from None


PLAN_KEYS = frozenset(
    ("plan", "yearly_total", "granted", "lbf_share", "paid_through", "reports", "remarks")
) | {"revision"}


def _plan(raw: dict[str, Any], where: str) -> PlanMoney:
    unknown = sorted(set(raw) - PLAN_KEYS)
    if unknown:
        raise _fail(where, f"unknown key `{unknown[0]}` (a top-level key after a [[plans]]?).")
    try:
        name, total = str(raw["plan"]), _amount(raw["yearly_total"], where)
    except KeyError as missing:
        raise _fail(where, f"`{missing.args[0]}` is missing.") from None
    reports = {int(year): str(state) for year, state in raw.get("reports", {}).items()}
    bad = [state for state in reports.values() if state not in REPORT_STATES]
    if bad:
        raise _fail(where, f"report state {bad[0]!r} is not one of {', '.join(REPORT_STATES)}.")
    share = raw.get("lbf_share")
    return PlanMoney(
        plan=name,
        yearly_total=total,
        granted=bool(raw.get("granted", True)),
        lbf_share=_amount(share, where) if share is not None else None,
        paid_through=raw.get("paid_through"),
        reports=reports,
        remarks={int(year): str(text) for year, text in raw.get("remarks", {}).items()},
        revision=_revision(raw["revision"], where) if "revision" in raw else None,
    )


def _bookings(rows: Any, key: str) -> tuple[Booking, ...]:
    out = []
    for number, row in enumerate(rows or [], start=1):
        where = f"{key} #{number}"
        if not isinstance(row, list) or len(row) not in (3, 4):
            raise _fail(
                where, "a row is [organisation, year, kr.] or [organisation, afdeling, year, kr.]."
            )
        org, afdeling = str(row[0]), str(row[1]) if len(row) == 4 else ""
        year, amount = row[-2], _amount(row[-1], where)
        if not isinstance(year, int):
            raise _fail(where, f"year {year!r} is not a year.")
        out.append(Booking(org, afdeling, year, amount))
    return tuple(out)


def read_money_data(path: Path = MONEY_PATH) -> MoneyData:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    try:
        lines = tuple(
            _line(row, f"lines #{i}", in_kind=False) for i, row in enumerate(raw["lines"], 1)
        ) + tuple(
            _line(row, f"in_kind #{i}", in_kind=True)
            for i, row in enumerate(raw.get("in_kind", []), 1)
        )
        ordinary = [t for t in lines if not t.in_kind]
        if sum(t.share for t in ordinary) != 1:
            raise _fail("lines", "the shares of the ordinary lines must add up to 1.")
        plans = tuple(_plan(p, f"[[plans]] #{i}") for i, p in enumerate(raw["plans"], 1))
        as_of = raw["as_of"]
        if not isinstance(as_of, date):
            raise _fail("as_of", f"{as_of!r} is not a date (write 2026-11-30).")
        return MoneyData(
            as_of=as_of,
            note=str(raw["note"]),
            plan_note=str(raw["plan_note"]),
            foundation=str(raw["foundation"]),
            lines=lines,
            plans=plans,
            rent_support=_bookings(raw.get("rent_support"), "rent_support"),
            contributions=_bookings(raw.get("contributions"), "contributions"),
            renovation=_bookings(raw.get("renovation"), "renovation"),
        )
    except KeyError as missing:
        raise _fail("top level", f"`{missing.args[0]}` is missing.") from None
