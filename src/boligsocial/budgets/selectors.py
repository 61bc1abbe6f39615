"""Reads of budgets, each a fixed number of queries whatever the number of lines: a plan's
current budget and versions, a version's summary with its co-financing check, LBF's money per
year, and the comparison of two versions line by line (by the lines' stable keys). The
co-financers' overviews are in `budgets.commitments` and re-exported here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models import Case, IntegerField, Q, QuerySet, Sum, Value, When

from boligsocial.budgets.commitments import (
    CityOverview,
    Overview,
    PlanCommitment,
    city_commitments,
    cofinancer_commitments,
)
from boligsocial.budgets.models import (
    BudgetLine,
    BudgetVersion,
    SourceKind,
    VersionKind,
    VersionState,
)
from boligsocial.budgets.rules import ZERO, BudgetCheck, LineFacts, budget_check
from boligsocial.funding.models import FundRound
from boligsocial.funding.selectors import round_rules
from boligsocial.plans.models import Plan

__all__ = [
    "BudgetSummary",
    "CityOverview",
    "Comparison",
    "LineChange",
    "Overview",
    "PlanCommitment",
    "budget_summary",
    "check_lines",
    "city_commitments",
    "cofinancer_commitments",
    "compare_versions",
    "current_budget",
    "draft_of",
    "granted_budget",
    "lbf_amount_by_year",
    "lbf_total",
    "version_of_plan",
    "versions_of",
]

# The fields of a line that a comparison shows as changed.
COMPARED_FIELDS = (
    "year",
    "category_id",
    "focus_area_id",
    "text",
    "source_kind",
    "source_organisation_id",
    "source_afdeling_id",
    "source_name",
    "in_kind",
    "amount",
)


def versions_of(plan: Plan | int) -> QuerySet[BudgetVersion]:
    """Every budget version of the plan, oldest first, with the board that approved it."""
    return (
        BudgetVersion.objects.filter(plan=plan)
        .select_related("body", "created_by")
        .order_by("number")
    )


def current_budget(plan: Plan | int) -> BudgetVersion | None:
    """The budget in force: the latest approved version, else the draft original (the budget
    of the application and the dialogue), else None. One query."""
    return (
        BudgetVersion.objects.filter(plan=plan)
        .filter(Q(state=VersionState.APPROVED) | Q(kind=VersionKind.ORIGINAL))
        .annotate(
            approved_first=Case(
                When(state=VersionState.APPROVED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("approved_first", "-number")
        .first()
    )


def granted_budget(plan: Plan | int) -> BudgetVersion | None:
    """The budget LBF granted (the approved original), or None before the grant."""
    return BudgetVersion.objects.filter(
        plan=plan, kind=VersionKind.ORIGINAL, state=VersionState.APPROVED
    ).first()


def draft_of(plan: Plan | int) -> BudgetVersion | None:
    """The plan's draft (the original before the grant, or a revision), if any."""
    return BudgetVersion.objects.filter(plan=plan, state=VersionState.DRAFT).first()


def version_of_plan(plan: Plan | int, number: int) -> BudgetVersion | None:
    return versions_of(plan).filter(number=number).first()


def lines_of(version: BudgetVersion | int) -> QuerySet[BudgetLine]:
    """A version's lines with what a page or a workbook shows of them, in their order."""
    return (
        BudgetLine.objects.filter(version=version)
        .select_related(
            "category", "focus_area", "source_organisation", "source_afdeling__organisation"
        )
        .order_by("year", "position", "pk")
    )


def check_lines(fund_round: FundRound, facts: Iterable[LineFacts]) -> BudgetCheck:
    """The fund round's co-financing rule over the lines' facts."""
    return budget_check(facts, round_rules(fund_round), fund_round.in_kind_counts)


def lbf_amount_by_year(version: BudgetVersion | int) -> dict[int, Decimal]:
    """LBF's money in the version per year that has LBF lines, oldest year first. One query."""
    rows = (
        BudgetLine.objects.filter(version=version, source_kind=SourceKind.LBF)
        .values("year")
        .annotate(total=Sum("amount"))
        .order_by("year")
    )
    return {row["year"]: row["total"] for row in rows}


def lbf_total(version: BudgetVersion | int) -> Decimal:
    """LBF's money in the whole version. One query."""
    total = BudgetLine.objects.filter(version=version, source_kind=SourceKind.LBF).aggregate(
        total=Sum("amount")
    )["total"]
    return total if total is not None else ZERO


def _add(table: dict, key: object, amount: Decimal) -> None:
    table[key] = table.get(key, ZERO) + amount


@dataclass
class BudgetSummary:
    """A version with its lines, the totals a page shows and the co-financing check."""

    version: BudgetVersion
    lines: list[BudgetLine]
    check: BudgetCheck
    years: list[int]
    total: Decimal = ZERO
    by_year: dict[int, Decimal] = field(default_factory=dict)
    by_category: dict[int, Decimal] = field(default_factory=dict)  # category id
    by_focus_area: dict[int | None, Decimal] = field(default_factory=dict)  # None: shared
    by_source_kind: dict[str, Decimal] = field(default_factory=dict)
    by_year_category: dict[tuple[int, int], Decimal] = field(default_factory=dict)
    by_year_source_kind: dict[tuple[int, str], Decimal] = field(default_factory=dict)
    by_year_focus_area: dict[tuple[int, int | None], Decimal] = field(default_factory=dict)

    @property
    def lines_by_year(self) -> dict[int, list[BudgetLine]]:
        grouped: dict[int, list[BudgetLine]] = {year: [] for year in self.years}
        for line in self.lines:
            grouped.setdefault(line.year, []).append(line)
        return grouped


def budget_summary(version: BudgetVersion) -> BudgetSummary:
    """The version's lines with their totals per year × category × focus area × source and
    the check against the plan's fund round: two queries (the plan with its round, unless
    already loaded, and the lines)."""
    plan = (
        version.plan
        if _loaded(version, "plan")
        else Plan.objects.select_related("fund_round").get(pk=version.plan_id)
    )
    lines = list(lines_of(version))
    summary = BudgetSummary(
        version=version,
        lines=lines,
        check=check_lines(
            plan.fund_round,
            (LineFacts(line.year, line.source_kind, line.in_kind, line.amount) for line in lines),
        ),
        years=list(range(plan.start_date.year, plan.end_date.year + 1)),
    )
    for line in lines:
        amount = line.amount
        summary.total += amount
        _add(summary.by_year, line.year, amount)
        _add(summary.by_category, line.category_id, amount)
        _add(summary.by_focus_area, line.focus_area_id, amount)
        _add(summary.by_source_kind, line.source_kind, amount)
        _add(summary.by_year_category, (line.year, line.category_id), amount)
        _add(summary.by_year_source_kind, (line.year, line.source_kind), amount)
        _add(summary.by_year_focus_area, (line.year, line.focus_area_id), amount)
    for year in summary.by_year:
        if year not in summary.years:  # a line outside a period since shortened
            summary.years.append(year)
    summary.years.sort()
    return summary


def _loaded(instance: models.Model, name: str) -> bool:
    return name in instance._state.fields_cache


@dataclass(frozen=True)
class LineChange:
    """One line's difference between two versions: `before`/`after` None when added/removed;
    `fields` names what changed (empty for an added or removed line)."""

    key: str
    before: BudgetLine | None
    after: BudgetLine | None
    fields: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed"

    @property
    def amount_difference(self) -> Decimal:
        before = self.before.amount if self.before else ZERO
        after = self.after.amount if self.after else ZERO
        return after - before


@dataclass
class Comparison:
    """Version `a` against version `b` (usually the older against the newer)."""

    a: BudgetVersion
    b: BudgetVersion
    changes: list[LineChange]
    unchanged: int
    years: list[int]
    a_by_year: dict[int, Decimal]
    b_by_year: dict[int, Decimal]

    @property
    def added(self) -> list[LineChange]:
        return [c for c in self.changes if c.kind == "added"]

    @property
    def removed(self) -> list[LineChange]:
        return [c for c in self.changes if c.kind == "removed"]

    @property
    def changed(self) -> list[LineChange]:
        return [c for c in self.changes if c.kind == "changed"]

    @property
    def difference_by_year(self) -> dict[int, Decimal]:
        return {
            year: self.b_by_year.get(year, ZERO) - self.a_by_year.get(year, ZERO)
            for year in self.years
        }


def compare_versions(a: BudgetVersion, b: BudgetVersion) -> Comparison:
    """The differences of two versions of the same plan per line key: lines added in `b`,
    removed from `a`, changed (which fields, old → new), and the totals per year. Two
    queries."""
    before = {line.key: line for line in lines_of(a)}
    after = {line.key: line for line in lines_of(b)}
    changes: list[LineChange] = []
    unchanged = 0
    a_by_year: dict[int, Decimal] = defaultdict(lambda: ZERO)
    b_by_year: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for line in before.values():
        a_by_year[line.year] += line.amount
    for line in after.values():
        b_by_year[line.year] += line.amount
    for key, new in after.items():
        old = before.get(key)
        if old is None:
            changes.append(LineChange(key, None, new))
            continue
        fields = tuple(name for name in COMPARED_FIELDS if getattr(old, name) != getattr(new, name))
        if fields:
            changes.append(LineChange(key, old, new, fields))
        else:
            unchanged += 1
    changes.extend(LineChange(key, old, None) for key, old in before.items() if key not in after)
    changes.sort(key=lambda c: ((c.after or c.before).year, (c.after or c.before).position))  # type: ignore[union-attr]
    return Comparison(
        a=a,
        b=b,
        changes=changes,
        unchanged=unchanged,
        years=sorted(set(a_by_year) | set(b_by_year)),
        a_by_year=dict(a_by_year),
        b_by_year=dict(b_by_year),
    )
