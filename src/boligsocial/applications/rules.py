"""The budget of a pre-qualification application as pure rules (no Django imports): the estimate
per year and source summed up, the local co-financing share, and the fund round's check that
LBF pays at most its maximum share and the local partners at least their minimum share
(`funding.rules.check_cofinancing`, the round's numbers as data).

Every source other than LBF is local co-financing: the municipality, the housing organisations
and others (an afdeling, a foundation), as the domain describes it (docs/decisions/0022)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from boligsocial.funding.rules import CofinancingResult, RoundRules, check_cofinancing

LBF = "lbf"
# The sources in the order a budget table shows them; LBF first, then the local ones.
SOURCES: tuple[str, ...] = (LBF, "municipality", "housing_organisation", "other")
ZERO = Decimal("0")


@dataclass(frozen=True)
class Estimate:
    """One estimated amount (kr.) for one year from one source."""

    year: int
    source: str
    amount: Decimal


@dataclass(frozen=True)
class BudgetYear:
    year: int
    amounts: tuple[Decimal, ...]  # one per source in `Budget.sources`
    check: CofinancingResult

    @property
    def total(self) -> Decimal:
        return self.check.total


@dataclass(frozen=True)
class Budget:
    """The estimate as a table: a row per year, a column per source, and the period's totals
    with the 75/25 check of the round. `ok` is the check over the whole period, which is what
    the round's rule is about; each year's shares are shown beside it."""

    sources: tuple[str, ...]
    years: tuple[BudgetYear, ...]
    totals: tuple[Decimal, ...]  # per source over the period
    check: CofinancingResult
    lbf_max_share: Decimal
    local_min_share: Decimal

    @property
    def empty(self) -> bool:
        return not self.years

    @property
    def ok(self) -> bool:
        return not self.empty and self.check.ok


def budget(estimates: Iterable[Estimate], rules: RoundRules) -> Budget:
    """Sum `estimates` per year and source and check the co-financing under `rules`. An unknown
    source is an error (the sources are a closed list), never silently dropped."""
    by_year: dict[int, dict[str, Decimal]] = {}
    for estimate in estimates:
        if estimate.source not in SOURCES:
            raise ValueError(f"unknown budget source {estimate.source!r}")
        row = by_year.setdefault(estimate.year, dict.fromkeys(SOURCES, ZERO))
        row[estimate.source] += estimate.amount
    years = []
    for year in sorted(by_year):
        row = by_year[year]
        years.append(
            BudgetYear(
                year=year,
                amounts=tuple(row[s] for s in SOURCES),
                check=_check(row, rules),
            )
        )
    totals = {s: sum((by_year[y][s] for y in by_year), ZERO) for s in SOURCES}
    return Budget(
        sources=SOURCES,
        years=tuple(years),
        totals=tuple(totals[s] for s in SOURCES),
        check=_check(totals, rules),
        lbf_max_share=rules.lbf_max_share,
        local_min_share=rules.local_min_share,
    )


def _check(amounts: dict[str, Decimal], rules: RoundRules) -> CofinancingResult:
    local = sum((amount for source, amount in amounts.items() if source != LBF), ZERO)
    return check_cofinancing(lbf_amount=amounts[LBF], local_amount=local, rules=rules)
