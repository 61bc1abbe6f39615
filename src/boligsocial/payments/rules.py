"""LBF's instalments as pure rules, without Django (docs/decisions/0030).

- `instalment_state`: an instalment is `paid` once LBF's payment is recorded; an unpaid one is
  `held_back` while ANY report of its plan is late (the reasons: each late report's year and
  due date), else `planned`. The state is derived from these two facts and never stored, so an
  instalment is released the moment no report of the plan is late any more (LBF approved it).
- `schedule`: the instalments of an approved budget's LBF amount per year, planned on 1
  January of each year, or on the plan's start date in its first year.
- `replan`: what a new schedule does to the stored instalments: paid ones are kept as they
  are, unpaid ones take the new date and amount, unpaid ones of a year without LBF money are
  removed, new years are created.
- `amount_problem`: an amount paid is more than 0 and at most `AMOUNT_MAX`, in whole øre.
- `year_totals`: the planned, held back and paid amounts per year, for the overview.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

from boligsocial.budgets.rules import AMOUNT_MAX

PAID = "paid"
HELD_BACK = "held_back"
PLANNED = "planned"
# The order a list of instalments shows them in: what needs attention first.
STATES = (HELD_BACK, PLANNED, PAID)

ZERO = Decimal("0.00")
ORE = Decimal("0.01")


class LateReport(Protocol):
    """What the rules need of a late report (`reporting.selectors.ReportDue` has it)."""

    @property
    def year(self) -> int: ...

    @property
    def due_date(self) -> date: ...


@dataclass(frozen=True, order=True)
class Overdue:
    """A reason an instalment is held back: the report of `year`, due on `due_date`, is late."""

    year: int
    due_date: date


@dataclass(frozen=True)
class InstalmentState:
    state: str
    reasons: tuple[Overdue, ...] = ()

    @property
    def held_back(self) -> bool:
        return self.state == HELD_BACK

    @property
    def payable(self) -> bool:
        """May LBF's payment be recorded now? Only for a planned (unpaid, not held) one."""
        return self.state == PLANNED


def instalment_state(*, paid: bool, late_reports: Iterable[LateReport]) -> InstalmentState:
    """The state of an instalment from whether it is paid and the plan's late reports (every
    report given counts as late; the caller passes only the late ones). Reasons are in the
    order of the reports' years, each report once."""
    if paid:
        return InstalmentState(PAID)
    reasons = tuple(sorted({Overdue(r.year, r.due_date) for r in late_reports}))
    if reasons:
        return InstalmentState(HELD_BACK, reasons)
    return InstalmentState(PLANNED)


@dataclass(frozen=True)
class PlannedInstalment:
    year: int
    planned_on: date
    amount: Decimal


def planned_on(year: int, start: date) -> date:
    """An instalment is planned on 1 January of its year, or on the plan's start date in the
    year the plan starts (never before the plan starts)."""
    return max(date(year, 1, 1), start)


def schedule(lbf_by_year: Mapping[int, Decimal], start: date) -> tuple[PlannedInstalment, ...]:
    """One instalment for each year with LBF money (amount above 0), in the years' order."""
    return tuple(
        PlannedInstalment(year=year, planned_on=planned_on(year, start), amount=amount)
        for year, amount in sorted(lbf_by_year.items())
        if amount > ZERO
    )


@dataclass(frozen=True)
class StoredInstalment:
    year: int
    paid: bool
    planned_on: date
    planned_amount: Decimal


@dataclass(frozen=True)
class Replan:
    """What a new schedule does to the stored instalments (each list in the years' order)."""

    create: tuple[PlannedInstalment, ...] = ()
    update: tuple[PlannedInstalment, ...] = ()  # unpaid ones whose date or amount changes
    remove: tuple[int, ...] = ()  # years of unpaid instalments without LBF money now
    unchanged: tuple[int, ...] = ()  # unpaid ones already as scheduled
    kept_paid: tuple[int, ...] = ()  # paid ones: never changed by a schedule

    @property
    def changes(self) -> bool:
        return bool(self.create or self.update or self.remove)


def replan(stored: Iterable[StoredInstalment], planned: Iterable[PlannedInstalment]) -> Replan:
    """Re-planning keeps paid instalments and updates unpaid ones to the new schedule."""
    by_year = {s.year: s for s in stored}
    wanted = {p.year: p for p in planned}
    create, update, unchanged = [], [], []
    for year, item in sorted(wanted.items()):
        old = by_year.get(year)
        if old is None:
            create.append(item)
        elif old.paid:
            continue
        elif (old.planned_on, old.planned_amount) != (item.planned_on, item.amount):
            update.append(item)
        else:
            unchanged.append(year)
    remove = [y for y, s in sorted(by_year.items()) if not s.paid and y not in wanted]
    kept = [y for y, s in sorted(by_year.items()) if s.paid]
    return Replan(
        create=tuple(create),
        update=tuple(update),
        remove=tuple(remove),
        unchanged=tuple(unchanged),
        kept_paid=tuple(kept),
    )


# Problems of an amount, keys of the messages in `payments.wording`.
NOT_POSITIVE = "not_positive"
TOO_LARGE = "too_large"
FRACTION_OF_ORE = "fraction_of_ore"


def amount_problem(amount: Decimal, *, allow_zero: bool = False) -> str | None:
    """None when `amount` is a payment LBF can make: more than 0 (0 allowed with
    `allow_zero`, for a planned amount), at most AMOUNT_MAX, in whole øre."""
    if amount < ZERO or (amount == ZERO and not allow_zero):
        return NOT_POSITIVE
    if amount > AMOUNT_MAX:
        return TOO_LARGE
    if amount != amount.quantize(ORE):
        return FRACTION_OF_ORE
    return None


@dataclass
class YearTotals:
    year: int
    planned: Decimal = ZERO  # unpaid and not held back
    held_back: Decimal = ZERO  # unpaid and held back
    paid: Decimal = ZERO  # paid amounts

    @property
    def scheduled(self) -> Decimal:
        """Still to be paid: planned and held back."""
        return self.planned + self.held_back


@dataclass(frozen=True)
class Amounts:
    """An instalment's figures for the totals: its year, state, planned and paid amounts."""

    year: int
    state: str
    planned_amount: Decimal
    paid_amount: Decimal | None = None


def year_totals(items: Iterable[Amounts]) -> list[YearTotals]:
    """Planned, held back and paid per year, in the years' order: an unpaid instalment counts
    its planned amount under its state, a paid one its paid amount."""
    totals: dict[int, YearTotals] = {}
    for item in items:
        row = totals.setdefault(item.year, YearTotals(item.year))
        if item.state == PAID:
            row.paid += item.paid_amount if item.paid_amount is not None else ZERO
        elif item.state == HELD_BACK:
            row.held_back += item.planned_amount
        else:
            row.planned += item.planned_amount
    return [totals[year] for year in sorted(totals)]
