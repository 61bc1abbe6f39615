"""What the budget pages share: the plan and version of the address, and a version's summary
turned into what the templates show (per-year tables by category × focus area × source with
subtotals, totals per source kind / category / focus area × year, and the co-financing check
per year and for the whole period, with its explanation in words)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from boligsocial.accounts.selectors import plan_readable_or_404
from boligsocial.budgets.models import BudgetLine, BudgetVersion, SourceKind
from boligsocial.budgets.rules import ZERO, ShareCheck
from boligsocial.budgets.selectors import BudgetSummary, budget_summary, version_of_plan
from boligsocial.budgets.wording import breach_text, in_kind_text, year_warning_text
from boligsocial.plans.models import Plan
from boligsocial.web.forms import afdeling_label


def readable_plan(request: HttpRequest, slug: str) -> Plan:
    """The plan if the user may read it; 404 as for a missing one otherwise."""
    return plan_readable_or_404(request.user, Plan.objects.select_related("fund_round"), slug=slug)


def version_or_404(plan: Plan, number: int) -> BudgetVersion:
    version = version_of_plan(plan, number)
    if version is None:
        raise Http404("No such budget version.")
    version.plan = plan  # the summary needs the plan and its round: no query more
    return version


def budget_url(plan: Plan) -> str:
    return reverse("web:budget", args=[plan.slug])


def version_url(plan: Plan, version: BudgetVersion) -> str:
    return reverse("web:budget_version", args=[plan.slug, version.number])


def source_label(line: BudgetLine) -> str:
    """Who pays the line: LBF, the organisation or afdeling, or the source's name."""
    if line.source_kind == SourceKind.LBF:
        return str(SourceKind.LBF.label)
    if line.source_afdeling_id is not None:
        return afdeling_label(line.source_afdeling)  # type: ignore[arg-type]
    if line.source_organisation_id is not None:
        return str(line.source_organisation)
    return line.source_name or str(SourceKind(line.source_kind).label)


def focus_area_label(line: BudgetLine) -> str:
    return str(line.focus_area) if line.focus_area_id else _("Shared (across focus areas)")


@dataclass
class CategoryGroup:
    """A category's lines in one year, with their subtotal."""

    name: str
    lines: list[BudgetLine]
    total: Decimal


@dataclass
class YearTable:
    year: int
    groups: list[CategoryGroup]
    total: Decimal
    check: ShareCheck | None
    warning: str


@dataclass
class TotalsRow:
    label: str
    by_year: list[Decimal]
    total: Decimal


@dataclass
class CheckRow:
    """The co-financing rule over one year (`year`) or the whole period (`year` None)."""

    year: int | None
    check: ShareCheck
    breach: str


@dataclass
class BudgetView:
    """A version as the pages show it."""

    summary: BudgetSummary
    years: list[int]
    tables: list[YearTable]
    by_source: list[TotalsRow]
    by_category: list[TotalsRow]
    by_focus_area: list[TotalsRow]
    total_by_year: list[Decimal]
    checks: list[CheckRow]
    period: CheckRow
    in_kind: str
    warnings: list[str] = field(default_factory=list)
    shown: list[YearTable] = field(default_factory=list)  # the year tables the page renders
    year_nav: list[tuple[int, bool]] = field(default_factory=list)  # (year, is shown) when paged


# A version with more lines than this shows the lines of one year at a time (`?aar=YYYY`,
# default the current year if budgeted, else the first): 800 lines on one page cost ~190 KB.
LINES_ON_ONE_PAGE = 200


def show_year(view: BudgetView, requested: str | None) -> BudgetView:
    """Choose the year tables the page renders: every year for a small budget, else one year
    (`requested` if it is one of the version's years, else the current or the first year)."""
    years = [table.year for table in view.tables]
    chosen = int(requested) if requested and requested.isdigit() else None
    if chosen not in years:
        chosen = None
    if chosen is None and len(view.summary.lines) <= LINES_ON_ONE_PAGE:
        view.shown = view.tables
        return view
    if chosen is None and years:
        today = localdate().year
        chosen = today if today in years else years[0]
    view.shown = [table for table in view.tables if table.year == chosen]
    view.year_nav = [(year, year == chosen) for year in years]
    return view


_SOURCE_ORDER = {kind: index for index, kind in enumerate(SourceKind.values)}


def _line_order(line: BudgetLine) -> tuple[Any, ...]:
    focus = line.focus_area
    source = _SOURCE_ORDER.get(line.source_kind, 99)
    return (
        focus is None,
        focus.position if focus is not None else 0,
        source,
        line.position,
        line.pk,
    )


def _rows(
    labels: list[tuple[Any, str]], cells: dict[tuple[int, Any], Decimal], years: list[int]
) -> list[TotalsRow]:
    rows = []
    for key, label in labels:
        by_year = [cells.get((year, key), ZERO) for year in years]
        total = sum(by_year, ZERO)
        if total or any((year, key) in cells for year in years):
            rows.append(TotalsRow(label, by_year, total))
    return rows


def budget_view(version: BudgetVersion) -> BudgetView:
    """The version's summary (two queries) arranged for the templates."""
    summary = budget_summary(version)
    years = summary.years
    by_year = summary.lines_by_year
    categories: dict[int, Any] = {}
    focus_areas: dict[int | None, Any] = {None: _("Shared (across focus areas)")}
    for line in summary.lines:
        categories[line.category_id] = line.category
        if line.focus_area_id is not None:
            focus_areas[line.focus_area_id] = line.focus_area
    ordered_categories = sorted(categories.values(), key=lambda c: (c.position, c.code))
    tables = []
    for year in years:
        groups = []
        for category in ordered_categories:
            lines = sorted(
                (line for line in by_year.get(year, []) if line.category_id == category.pk),
                key=_line_order,
            )
            if lines:
                groups.append(
                    CategoryGroup(category.name, lines, sum((li.amount for li in lines), ZERO))
                )
        check = summary.check.years.get(year)
        tables.append(
            YearTable(
                year,
                groups,
                summary.by_year.get(year, ZERO),
                check,
                breach_text(check) if check is not None else "",
            )
        )
    focus_order = sorted(
        (k for k in focus_areas if k is not None), key=lambda k: focus_areas[k].position
    )
    checks = [
        CheckRow(year, check, breach_text(check))
        for year, check in sorted(summary.check.years.items())
    ]
    period = CheckRow(None, summary.check.period, breach_text(summary.check.period))
    view = BudgetView(
        summary=summary,
        years=years,
        tables=tables,
        by_source=_rows(
            [(kind, str(label)) for kind, label in SourceKind.choices],
            summary.by_year_source_kind,
            years,
        ),
        by_category=_rows(
            [(c.pk, c.name) for c in ordered_categories], summary.by_year_category, years
        ),
        by_focus_area=_rows(
            [(k, str(focus_areas[k])) for k in [*focus_order, None]],
            summary.by_year_focus_area,
            years,
        ),
        total_by_year=[summary.by_year.get(year, ZERO) for year in years],
        checks=checks,
        period=period,
        in_kind=in_kind_text(summary.check),
        warnings=[
            year_warning_text(year, check)
            for year, check in sorted(summary.check.years.items())
            if not check.ok
        ],
    )
    view.shown = view.tables
    return view
