"""What each co-financer has committed per plan and year, and the city's total per source
kind: from each plan's current approved budget (the granted budget or its latest approved
revision). A plan not granted yet has only its draft original: its money is listed apart, as
proposed. Three queries whatever the number of plans and lines."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from boligsocial.budgets.models import (
    BudgetLine,
    BudgetVersion,
    SourceKind,
    VersionKind,
    VersionState,
)
from boligsocial.budgets.rules import ZERO
from boligsocial.organisations.models import Municipality, Organisation, OrganisationKind
from boligsocial.plans.models import Plan


@dataclass
class PlanCommitment:
    """One plan's money from a co-financer (or a source kind) per year; `in_kind_by_year` is
    the part of it given in kind."""

    plan_id: int
    name: str
    slug: str
    status: str
    by_year: dict[int, Decimal] = field(default_factory=dict)
    in_kind_by_year: dict[int, Decimal] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        return sum(self.by_year.values(), ZERO)

    @property
    def in_kind_total(self) -> Decimal:
        return sum(self.in_kind_by_year.values(), ZERO)


def _totals(rows: Iterable[PlanCommitment]) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = {}
    for row in rows:
        for year, amount in row.by_year.items():
            totals[year] = totals.get(year, ZERO) + amount
    return dict(sorted(totals.items()))


@dataclass
class Overview:
    """A co-financer's commitments: `committed` from approved budgets, `proposed` from plans'
    budgets not granted yet; plans in name order."""

    committed: list[PlanCommitment]
    proposed: list[PlanCommitment]

    @property
    def years(self) -> list[int]:
        return sorted({year for row in self.committed + self.proposed for year in row.by_year})

    @property
    def totals_by_year(self) -> dict[int, Decimal]:
        return _totals(self.committed)

    @property
    def proposed_totals_by_year(self) -> dict[int, Decimal]:
        return _totals(self.proposed)

    @property
    def total(self) -> Decimal:
        return sum((row.total for row in self.committed), ZERO)

    @property
    def proposed_total(self) -> Decimal:
        return sum((row.total for row in self.proposed), ZERO)


def _budget_versions(plan_ids: Iterable[int] | QuerySet[Any] | None) -> tuple[set[int], set[int]]:
    """(current approved version ids, draft original ids) of the plans (None: every plan)."""
    versions = BudgetVersion.objects.filter(
        Q(state=VersionState.APPROVED) | Q(kind=VersionKind.ORIGINAL, state=VersionState.DRAFT)
    )
    if plan_ids is not None:
        versions = versions.filter(plan__in=plan_ids)
    approved: dict[int, int] = {}
    proposed: set[int] = set()
    for pk, plan_id, state in versions.order_by("plan", "-number").values_list(
        "pk", "plan_id", "state"
    ):
        if state == VersionState.APPROVED:
            approved.setdefault(plan_id, pk)
        else:
            proposed.add(pk)
    return set(approved.values()), proposed


def _commitments(lines: QuerySet[BudgetLine], group: str) -> dict[Any, dict[Any, PlanCommitment]]:
    """The lines summed per version state × `group` × year (one query), then the plans'
    names (one more)."""
    rows = list(
        lines.values("version__state", group, "year", "in_kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    plans = {
        plan["pk"]: plan
        for plan in Plan.objects.filter(
            pk__in={row["version__plan"] for row in rows} if group == "version__plan" else []
        ).values("pk", "name", "slug", "status")
    }
    result: dict[Any, dict[Any, PlanCommitment]] = {}
    for row in rows:
        state_rows = result.setdefault(row["version__state"], {})
        key = row[group]
        plan = plans.get(key, {"name": "", "slug": "", "status": ""})
        commitment = state_rows.setdefault(
            key, PlanCommitment(key, plan["name"], plan["slug"], plan["status"])
        )
        year, amount = row["year"], row["total"]
        commitment.by_year[year] = commitment.by_year.get(year, ZERO) + amount
        if row["in_kind"]:
            commitment.in_kind_by_year[year] = commitment.in_kind_by_year.get(year, ZERO) + amount
    for state_rows in result.values():
        for commitment in state_rows.values():
            commitment.by_year = dict(sorted(commitment.by_year.items()))
    return result


def cofinancer_commitments(
    *,
    organisation: Organisation | None = None,
    municipality: Municipality | None = None,
    plan_ids: Iterable[int] | QuerySet[Any] | None = None,
) -> Overview:
    """What `organisation` (its own lines; for a housing organisation its afdelinger's lines
    too) or `municipality` (the lines of its municipality organisation) has committed per plan
    and year; with neither, all local co-financing. `plan_ids` narrows to those plans (the
    plans the user may read)."""
    approved, proposed = _budget_versions(plan_ids)
    lines = BudgetLine.objects.filter(version__in=approved | proposed).exclude(
        source_kind=SourceKind.LBF
    )
    if organisation is not None:
        own = Q(source_organisation=organisation)
        if organisation.kind == OrganisationKind.HOUSING:
            own |= Q(source_kind=SourceKind.AFDELING, source_afdeling__organisation=organisation)
        lines = lines.filter(own)
    if municipality is not None:
        lines = lines.filter(
            source_kind=SourceKind.MUNICIPALITY, source_organisation__municipality=municipality
        )
    by_state = _commitments(lines, "version__plan")

    def ordered(state: str) -> list[PlanCommitment]:
        return sorted(by_state.get(state, {}).values(), key=lambda row: (row.name, row.plan_id))

    return Overview(committed=ordered(VersionState.APPROVED), proposed=ordered(VersionState.DRAFT))


@dataclass
class CityOverview:
    """The plans' money per source kind (LBF included) and year: `committed` from approved
    budgets, `proposed` from budgets not granted yet."""

    committed: dict[str, dict[int, Decimal]]
    proposed: dict[str, dict[int, Decimal]]

    @property
    def years(self) -> list[int]:
        return sorted(
            {
                year
                for rows in (self.committed, self.proposed)
                for by in rows.values()
                for year in by
            }
        )

    @property
    def totals_by_year(self) -> dict[int, Decimal]:
        totals: dict[int, Decimal] = {}
        for by_year in self.committed.values():
            for year, amount in by_year.items():
                totals[year] = totals.get(year, ZERO) + amount
        return dict(sorted(totals.items()))

    @property
    def total(self) -> Decimal:
        return sum((sum(by.values(), ZERO) for by in self.committed.values()), ZERO)

    @property
    def local_total(self) -> Decimal:
        return sum(
            (
                sum(by.values(), ZERO)
                for kind, by in self.committed.items()
                if kind != SourceKind.LBF
            ),
            ZERO,
        )


def city_commitments(plans: Iterable[int] | QuerySet[Any]) -> CityOverview:
    """The plans' budgets per source kind and year (the secretariat's total of the city)."""
    approved, proposed = _budget_versions(plans)
    by_state = _commitments(
        BudgetLine.objects.filter(version__in=approved | proposed), "source_kind"
    )
    order = {kind: position for position, kind in enumerate(SourceKind.values)}

    def kinds(state: str) -> dict[str, dict[int, Decimal]]:
        rows = by_state.get(state, {})
        return {kind: rows[kind].by_year for kind in sorted(rows, key=order.__getitem__)}

    return CityOverview(committed=kinds(VersionState.APPROVED), proposed=kinds(VersionState.DRAFT))
