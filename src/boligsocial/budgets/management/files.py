"""What the `budget` command does with files, apart from parsing its arguments: the fund round
of a check, the plan of an export or import, and writing a file whole or not at all."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import timezone

from boligsocial.budgets.filecheck import Category, category_lookup
from boligsocial.budgets.models import BudgetCategory
from boligsocial.budgets.wording import breach_text
from boligsocial.budgets.workbook import (
    WorkbookErrors,
    budget_workbook,
    budget_workbook_import,
    export_version,
)
from boligsocial.funding.models import FundRound
from boligsocial.funding.rules import RoundRules
from boligsocial.funding.selectors import round_rules
from boligsocial.plans.models import Plan
from boligsocial.plans.selectors import plan_by_former_slug, plan_by_slug

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


def plan_of(slug: str) -> Plan:
    """The plan with this slug, or the one that had it before a rename; exit 2 otherwise."""
    plan = plan_by_slug(slug) or plan_by_former_slug(slug)
    if plan is None:
        raise CommandError(f"--plan {slug}: no plan has this slug; nothing done", returncode=2)
    return Plan.objects.select_related("fund_round").get(pk=plan.pk)


def output_path(output: Path) -> Path:
    if output.suffix.lower() != ".xlsx":
        raise CommandError(
            f"-o {output}: the file must end in .xlsx; nothing written", returncode=2
        )
    if not output.parent.is_dir():
        raise CommandError(
            f"-o {output}: the folder {output.parent} does not exist; nothing written", returncode=2
        )
    return output


def workbook_data(path: Path) -> bytes:
    if not path.is_file():
        raise CommandError(f"{path}: file not found; nothing imported", returncode=2)
    return path.read_bytes()


def not_imported(path: Path, exc: WorkbookErrors) -> CommandError:
    """Every problem on a line of its own, and that nothing was written."""
    count = len(exc.errors)
    lines = [f"{path}: {count} problem{'s' if count != 1 else ''}; nothing was imported:"]
    lines += [f"  {error}" for error in exc.errors]
    return CommandError("\n".join(lines), returncode=2)


def budget_export(slug: str, output: Path) -> str:
    plan = plan_of(slug)
    output_path(output)
    version = export_version(plan)
    if version is None:
        raise CommandError(
            f"--plan {slug}: the plan has no budget yet (open it on the budget page); nothing "
            "written",
            returncode=2,
        )
    data = budget_workbook(version, exported_on=timezone.localdate())
    write_atomically(output, data)
    lines = version.lines.count()
    return (
        f"Wrote {output} ({len(data):,} bytes): budget version {version.number} "
        f"({version.get_state_display()}) of {plan.name}, {lines} line(s)."
    )


def budget_import(path: Path, slug: str, *, dry_run: bool) -> str:
    plan = plan_of(slug)
    data = workbook_data(path)
    try:
        outcome = budget_workbook_import(plan=plan, data=data, user=None, dry_run=dry_run)
    except WorkbookErrors as exc:
        raise not_imported(path, exc) from None
    verdict = breach_text(outcome.check) or "the whole period keeps the co-financing rule"
    if dry_run:
        return f"Dry run, nothing written: {outcome.summary}; {verdict}."
    return f"Imported into budget version {outcome.version.number}: {outcome.summary}; {verdict}."
