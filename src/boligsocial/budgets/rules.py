"""Pure budget rules (no Django imports): the fund round's co-financing rule applied to a
budget's lines, over the whole period and per year, with the figures that explain a breach.

The boundary is `funding.rules.check_cofinancing`'s: LBF's share exactly at the maximum is
allowed, one øre over is not. In-kind contributions count as local co-financing when the round
says so (True), are left out of the check when it says not (False), and are left out when it is
not known (None: the safe reading) with `in_kind_unknown` set so pages say "not known".
The whole period decides (grant refusals, the CLI's exit code); a year in breach is a warning."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from boligsocial.funding.rules import ORE, RoundRules, check_cofinancing

#: The largest amount accepted anywhere: 999.999.999,99 kr.
AMOUNT_MAX = Decimal("999999999.99")
ZERO = Decimal("0.00")
LBF = "lbf"


@dataclass(frozen=True)
class LineFacts:
    """What the rule needs of one budget line. Every source kind but `lbf` is local."""

    year: int
    source_kind: str
    in_kind: bool
    amount: Decimal


@dataclass(frozen=True)
class ShareCheck:
    """The rule over one year or the whole period.

    `total` is the checked total (LBF + the local money counted); `in_kind_amount` is every
    local in-kind amount, counted or not (`in_kind_counted`). When not ok: `over_points` is how
    many percentage points LBF's share is over its maximum, `local_needed` the kroner of local
    money to add (rounded up to the øre) so LBF's share is within the maximum, `lbf_excess` the
    kroner LBF must drop at the same total."""

    total: Decimal
    lbf_amount: Decimal
    local_amount: Decimal
    in_kind_amount: Decimal
    lbf_share: Decimal
    local_share: Decimal
    ok: bool
    lbf_max_share: Decimal
    local_min_share: Decimal
    in_kind_counted: bool
    in_kind_unknown: bool
    over_points: Decimal = ZERO
    local_needed: Decimal = ZERO
    lbf_excess: Decimal = ZERO

    @property
    def budget_total(self) -> Decimal:
        """Every krone of the budget, in-kind contributions left out of the check included."""
        return self.total if self.in_kind_counted else self.total + self.in_kind_amount


@dataclass(frozen=True)
class BudgetCheck:
    period: ShareCheck
    years: dict[int, ShareCheck] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.period.ok

    @property
    def years_in_breach(self) -> list[int]:
        return [year for year, check in self.years.items() if not check.ok]


def _ceil_ore(value: Decimal) -> Decimal:
    return value.quantize(ORE, ROUND_CEILING)


def share_check(
    *,
    lbf_amount: Decimal,
    local_cash: Decimal,
    in_kind_amount: Decimal,
    rules: RoundRules,
    in_kind_counts: bool | None,
) -> ShareCheck:
    """The rule over one set of sums (a year, or the whole period)."""
    counted = in_kind_counts is True
    local = local_cash + (in_kind_amount if counted else ZERO)
    result = check_cofinancing(lbf_amount=lbf_amount, local_amount=local, rules=rules)
    if result.ok:
        over_points = needed = excess = ZERO
    else:
        over_points, needed, excess = _breach(result.lbf_amount, result.local_amount, rules)
    return ShareCheck(
        total=result.total,
        lbf_amount=result.lbf_amount,
        local_amount=result.local_amount,
        in_kind_amount=in_kind_amount.quantize(ORE),
        lbf_share=result.lbf_share,
        local_share=result.local_share,
        ok=result.ok,
        lbf_max_share=rules.lbf_max_share,
        local_min_share=rules.local_min_share,
        in_kind_counted=counted,
        in_kind_unknown=in_kind_counts is None,
        over_points=over_points,
        local_needed=needed,
        lbf_excess=excess,
    )


def _breach(lbf: Decimal, local: Decimal, rules: RoundRules) -> tuple[Decimal, Decimal, Decimal]:
    """(percentage points over LBF's maximum, local money needed, LBF's excess) of a breach."""
    result = check_cofinancing(lbf_amount=lbf, local_amount=local, rules=rules)
    total = result.total
    max_share, min_share = rules.lbf_max_share, rules.local_min_share
    over_points = max(ZERO, (result.lbf_share - max_share) * 100)
    # Local money to add, X: LBF within its share of the larger total (lbf <= (total + X) ×
    # max) and local at least its minimum ((local + X) >= (total + X) × min).
    needed = ZERO
    if max_share > 0:
        needed = max(needed, _ceil_ore(lbf / max_share - total))
    if min_share < 1:
        needed = max(needed, _ceil_ore((total * min_share - local) / (1 - min_share)))
    if max_share > 0 and min_share < 1:
        # The cap is rounded down to the øre: step up until the rule itself says yes.
        while not check_cofinancing(lbf_amount=lbf, local_amount=local + needed, rules=rules).ok:
            needed += ORE
    # LBF's drop at the same total: down to its (rounded-down) cap, and far enough that local
    # reaches its minimum.
    excess = max(lbf - result.lbf_max_amount, _ceil_ore(total * min_share - local), ZERO)
    return over_points, needed, min(excess, lbf)


def budget_check(
    lines: Iterable[LineFacts], rules: RoundRules, in_kind_counts: bool | None
) -> BudgetCheck:
    """The rule over a budget's lines: the whole period and each year that has lines."""
    sums: dict[int, list[Decimal]] = {}
    for line in lines:
        if line.amount < 0:
            raise ValueError("amounts must not be negative")
        lbf_cash_kind = sums.setdefault(line.year, [ZERO, ZERO, ZERO])
        if line.source_kind == LBF:
            lbf_cash_kind[0] += line.amount
        elif line.in_kind:
            lbf_cash_kind[2] += line.amount
        else:
            lbf_cash_kind[1] += line.amount
    years: dict[int, ShareCheck] = {}
    period_sums = [ZERO, ZERO, ZERO]
    for year in sorted(sums):
        lbf, cash, kind = sums[year]
        years[year] = share_check(
            lbf_amount=lbf,
            local_cash=cash,
            in_kind_amount=kind,
            rules=rules,
            in_kind_counts=in_kind_counts,
        )
        period_sums = [period_sums[0] + lbf, period_sums[1] + cash, period_sums[2] + kind]
    period = share_check(
        lbf_amount=period_sums[0],
        local_cash=period_sums[1],
        in_kind_amount=period_sums[2],
        rules=rules,
        in_kind_counts=in_kind_counts,
    )
    return BudgetCheck(period=period, years=years)
