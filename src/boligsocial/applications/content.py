"""What a pre-qualification application holds, as plain data (no HTML, no text formatting):
`selectors.application_content` fills it from the database, `pdf.py` and `xlsx.py` render it.
Numbers stay numbers (Decimal, int, date) so each output formats them its own way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from boligsocial.applications.rules import Budget


@dataclass(frozen=True)
class AfdelingRow:
    organisation: str
    number: str
    name: str
    lbf_number: str
    area: str
    dwellings: int | None
    address: str


@dataclass(frozen=True)
class KeyFigure:
    """One criterion of the area's latest assessed year, as a reader without analyst rights may
    see it: `value` is None when the figure is about fewer persons than the disclosure limit."""

    label: str
    unit: str  # the indicator's unit key (percent, ratio, count, kroner)
    value: Decimal | None
    suppressed: bool
    comparator: str  # ">", ">=" or "<"
    threshold: Decimal
    met: bool


@dataclass(frozen=True)
class AreaSection:
    name: str
    municipality: str
    residents: int | None  # the area's register figure (master data), None if unknown
    residents_suppressed: bool
    year: int | None  # the latest year with figures or list entries; None: none stored
    rules: str  # the rule set in force that year ("" when none)
    computed: tuple[str, ...]  # designation labels the figures give
    official: tuple[str, ...]  # designation labels of the published lists
    figures: tuple[KeyFigure, ...]
    explanation: str  # Danish, as on the area page, with hidden figures withheld
    missing: tuple[str, ...]  # names of figures the rule set needs that the year lacks


@dataclass(frozen=True)
class FocusAreaSection:
    name: str
    goals: str


@dataclass(frozen=True)
class Recommendation:
    """The municipality's recommendation: a recorded decision (date, note) and/or a document."""

    decided_on: date | None
    note: str
    document: str  # the document's title, "" when none


@dataclass(frozen=True)
class Missing:
    """A part the application still lacks before it can be submitted."""

    key: str
    text: str


@dataclass(frozen=True)
class BudgetCheckRow:
    """The co-financing rule over one year of the plan's budget (`year` None: the period)."""

    year: int | None
    lbf_amount: Decimal
    local_amount: Decimal  # the local money the rule counts
    in_kind_amount: Decimal  # every local contribution in kind, counted or not
    total: Decimal  # every krone of the budget
    lbf_share: Decimal
    ok: bool


@dataclass(frozen=True)
class BudgetCheckSection:
    """The plan's current budget (decision 0026) against the round's rule: per year and over
    the period, and the words of a breach (`budgets.wording`) in the active language."""

    version: int
    state: str  # the version's state label
    approved_on: date | None
    lbf_max_share: Decimal
    local_min_share: Decimal
    years: tuple[BudgetCheckRow, ...]
    period: BudgetCheckRow
    ok: bool
    explanation: str  # "" when the period meets the rule
    year_warnings: tuple[str, ...]
    in_kind_note: str


@dataclass(frozen=True)
class Application:
    plan_name: str
    plan_slug: str
    lbf_number: str
    status: str  # the status label
    fund_round: str  # code, e.g. 2019–26
    fund_round_name: str
    start_date: date
    end_date: date
    municipalities: tuple[str, ...]
    organisations: tuple[str, ...]
    afdelinger: tuple[AfdelingRow, ...]
    areas: tuple[AreaSection, ...]
    challenges: str
    purpose: str
    focus_areas: tuple[FocusAreaSection, ...]
    budget: Budget
    recommendation: Recommendation | None
    missing: tuple[Missing, ...]
    illustrative: bool
    data_note: str
    suppression_label: str  # e.g. "<5"
    min_count: int
    assembled_on: date
    budget_check: BudgetCheckSection | None = None  # None: the plan has no budget yet

    @property
    def dwellings(self) -> int:
        return sum(a.dwellings or 0 for a in self.afdelinger)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def any_suppressed(self) -> bool:
        return any(
            a.residents_suppressed or any(f.suppressed for f in a.figures) for a in self.areas
        )
