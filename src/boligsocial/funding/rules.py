"""Pure funding rules over plain values (no Django imports): a plan's period against its fund
round, and the 75/25 co-financing rule. The numbers come from the fund round's data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

ORE = Decimal("0.01")


@dataclass(frozen=True)
class RoundRules:
    code: str
    first_year: int
    last_year: int
    normal_plan_years: int
    lbf_max_share: Decimal
    local_min_share: Decimal
    latest_plan_end: date | None = None


def plan_length_months(start: date, end: date) -> int:
    """Whole months from start up to the day after end (end is the plan's last day):
    2021-01-01..2024-12-31 is 48 months, 2021-01-15..2025-01-14 too."""
    after = end + timedelta(days=1)
    months = (after.year - start.year) * 12 + (after.month - start.month)
    if after.day < start.day:
        months -= 1
    return months


def is_whole_years(start: date, end: date, years: int) -> bool:
    """True when the plan's last day is the day before the start's anniversary `years` on."""
    after = end + timedelta(days=1)
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:  # 29 February to a year without it
        anniversary = start.replace(year=start.year + years, day=28) + timedelta(days=1)
    return after == anniversary


@dataclass(frozen=True)
class PeriodProblem:
    field: str
    code: str
    params: dict[str, object]


def plan_period_problems(
    *, start: date, end: date, rules: RoundRules, length_reason: str, round_reason: str = ""
) -> list[PeriodProblem]:
    """Everything wrong with a plan period under a fund round's rules. A plan normally starts
    within its round's years; one that does not (moved to a new round's rules, as LBF moved
    pre-qualified cases to the 2019–26 regulativ on 1 January 2020, or granted late in a round)
    needs a written reason, like a plan of another length than normal."""
    problems: list[PeriodProblem] = []
    if end < start:
        return [PeriodProblem("end_date", "end_before_start", {})]
    if not (rules.first_year <= start.year <= rules.last_year) and not round_reason.strip():
        problems.append(
            PeriodProblem(
                "start_date",
                "start_outside_round",
                {"round": rules.code, "first": rules.first_year, "last": rules.last_year},
            )
        )
    if rules.latest_plan_end and end > rules.latest_plan_end:
        problems.append(
            PeriodProblem(
                "end_date",
                "end_after_round",
                {"round": rules.code, "latest": rules.latest_plan_end},
            )
        )
    months = plan_length_months(start, end)
    if not is_whole_years(start, end, rules.normal_plan_years) and not length_reason.strip():
        problems.append(
            PeriodProblem(
                "length_reason",
                "length_needs_reason",
                {"months": months, "years": rules.normal_plan_years},
            )
        )
    return problems


@dataclass(frozen=True)
class CofinancingResult:
    total: Decimal
    lbf_amount: Decimal
    local_amount: Decimal
    lbf_share: Decimal
    local_share: Decimal
    lbf_max_amount: Decimal
    ok: bool


def check_cofinancing(
    *, lbf_amount: Decimal, local_amount: Decimal, rules: RoundRules
) -> CofinancingResult:
    """LBF pays at most its maximum share of the total; local co-financing is at least the
    minimum share. Amounts are kroner with øre precision."""
    if lbf_amount < 0 or local_amount < 0:
        raise ValueError("amounts must not be negative")
    lbf = lbf_amount.quantize(ORE, ROUND_HALF_UP)
    local = local_amount.quantize(ORE, ROUND_HALF_UP)
    total = lbf + local
    if total == 0:
        zero = Decimal("0")
        return CofinancingResult(total, lbf, local, zero, zero, zero, ok=True)
    # LBF's cap is rounded down to the øre, so LBF never pays more than its share.
    lbf_max = (total * rules.lbf_max_share).quantize(ORE, ROUND_DOWN)
    ok = lbf <= lbf_max and local >= total * rules.local_min_share
    return CofinancingResult(
        total=total,
        lbf_amount=lbf,
        local_amount=local,
        lbf_share=lbf / total,
        local_share=local / total,
        lbf_max_amount=lbf_max,
        ok=ok,
    )
