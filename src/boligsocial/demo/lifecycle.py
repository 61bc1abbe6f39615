"""The demo's plans in the states before and after a plan runs, and extensions of running
plans, read from `data/lifecycle.toml` (decision 0020). Everything there is illustrative."""

from __future__ import annotations

import datetime
import tomllib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from boligsocial.demo.source import DATA_DIR, DemoDataError

LIFECYCLE_PATH = DATA_DIR / "lifecycle.toml"


@dataclass(frozen=True)
class StepSpec:
    kind: str
    date: datetime.date
    to_status: str | None
    capacity: str


@dataclass(frozen=True)
class PipelineSpec:
    area: str
    name: str
    fund_round: str
    start: date
    end: date
    fund_round_reason: str
    focus_areas: tuple[str, ...]
    challenges: str
    purpose: str
    recommendation: date | None
    recommendation_note: str
    budget: tuple[tuple[int, str, Decimal], ...]
    steps: tuple[StepSpec, ...]


@dataclass(frozen=True)
class ExtensionSpec:
    plan: str
    date: datetime.date
    new_end: datetime.date
    reason: str


@dataclass(frozen=True)
class LifecycleData:
    pipeline: tuple[PipelineSpec, ...]
    extensions: tuple[ExtensionSpec, ...]


def _fail(where: str, message: str) -> DemoDataError:
    return DemoDataError(f"{LIFECYCLE_PATH.name}, {where}: {message}")


def _date(value: Any, where: str) -> date:
    if not isinstance(value, date):
        raise _fail(where, f"{value!r} is not a date (write 2026-05-04).")
    return value


def _step(raw: Any, where: str) -> StepSpec:
    if not isinstance(raw, list) or len(raw) not in (2, 4):
        raise _fail(where, "a step is [kind, date] or [kind, date, to_status, capacity].")
    kind, when = raw[0], _date(raw[1], where)
    to_status = raw[2] if len(raw) == 4 and raw[2] else None
    capacity = raw[3] if len(raw) == 4 else "secretariat"
    return StepSpec(str(kind), when, to_status, str(capacity))


def _budget(rows: Any, where: str) -> tuple[tuple[int, str, Decimal], ...]:
    out = []
    for number, row in enumerate(rows or [], start=1):
        try:
            out.append((int(row[0]), str(row[1]), Decimal(str(row[2]))))
        except (IndexError, TypeError, ValueError, InvalidOperation):
            raise _fail(where, f"budget row {number} is not [year, source, amount].") from None
    return tuple(out)


def read_lifecycle_data(path: Path = LIFECYCLE_PATH) -> LifecycleData:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    pipeline = []
    for i, item in enumerate(raw.get("pipeline", []), start=1):
        where = f"[[pipeline]] #{i}"
        try:
            pipeline.append(
                PipelineSpec(
                    area=item["area"],
                    name=item["name"],
                    fund_round=item["fund_round"],
                    start=_date(item["start"], where),
                    end=_date(item["end"], where),
                    fund_round_reason=item.get("fund_round_reason", ""),
                    focus_areas=tuple(item.get("focus_areas", ())),
                    challenges=item.get("challenges", ""),
                    purpose=item.get("purpose", ""),
                    recommendation=(
                        _date(item["recommendation"], where) if "recommendation" in item else None
                    ),
                    recommendation_note=item.get("recommendation_note", ""),
                    budget=_budget(item.get("budget"), where),
                    steps=tuple(_step(s, where) for s in item["steps"]),
                )
            )
        except KeyError as missing:
            raise _fail(where, f"`{missing.args[0]}` is missing.") from None
    extensions = []
    for i, item in enumerate(raw.get("extensions", []), start=1):
        where = f"[[extensions]] #{i}"
        try:
            extensions.append(
                ExtensionSpec(
                    plan=item["plan"],
                    date=_date(item["date"], where),
                    new_end=_date(item["new_end"], where),
                    reason=item["reason"],
                )
            )
        except KeyError as missing:
            raise _fail(where, f"`{missing.args[0]}` is missing.") from None
    return LifecycleData(tuple(pipeline), tuple(extensions))
