"""What the `budget` command does with files, apart from parsing its arguments: the fund round
of a check, the plan of an export or import, and writing a file whole or not at all."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import CommandError

from boligsocial.budgets.filecheck import Category, category_lookup
from boligsocial.budgets.models import BudgetCategory
from boligsocial.funding.models import FundRound
from boligsocial.funding.rules import RoundRules
from boligsocial.funding.selectors import round_rules

DASHES = ("-", "‐", "‑", "‒", "—")  # typed for the en dash of "2019–26"


@dataclass(frozen=True)
class CheckContext:
    rules: RoundRules
    in_kind_counts: bool | None
    categories: dict[str, Category]
    focus_areas: tuple[str, ...]


def fund_round_by_code(code: str) -> FundRound | None:
    """The round with this code, typed with any dash or none ("2019-26", "2019–26")."""
    found = FundRound.objects.filter(code=code.strip()).first()
    if found is not None:
        return found
    spelt = code.strip()
    for dash in DASHES:
        spelt = spelt.replace(dash, "–")
    return FundRound.objects.filter(code=spelt).first()


def check_context(code: str) -> CheckContext:
    fund_round = fund_round_by_code(code)
    if fund_round is None:
        codes = ", ".join(FundRound.objects.order_by("first_year").values_list("code", flat=True))
        raise CommandError(
            f"--round {code}: no fund round has this code; the rounds are {codes}", returncode=2
        )
    categories = category_lookup(
        (
            Category(
                c.code, c.valid_from.year, c.valid_to.year if c.valid_to is not None else None
            ),
            (c.name_da, c.name_en),
        )
        for c in BudgetCategory.objects.all()
    )
    focus_areas = tuple(
        name
        for names in fund_round.focus_areas.values_list("name_da", "name_en")
        for name in names
        if name
    )
    return CheckContext(
        rules=round_rules(fund_round),
        in_kind_counts=fund_round.in_kind_counts,
        categories=categories,
        focus_areas=focus_areas,
    )


def write_atomically(path: Path, data: bytes) -> None:
    """Written beside the target and renamed into place: never a half-written file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".budget-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def budget_export(slug: str, output: Path) -> str:
    raise NotImplementedError


def budget_import(path: Path, slug: str, *, dry_run: bool) -> str:
    raise NotImplementedError


def accounts_export(slug: str, output: Path) -> str:
    raise NotImplementedError


def accounts_import(path: Path, slug: str, *, dry_run: bool) -> str:
    raise NotImplementedError
