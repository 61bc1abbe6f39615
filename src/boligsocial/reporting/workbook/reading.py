"""An accounts workbook read back (layout: `reporting.workbook.layout`): the figures of each year
from the summary and the account lines of each year's sheet, every problem listed with its
sheet, row and column. A workbook that is not one of the program's accounts workbooks, or of
another plan, is refused as a whole."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from boligsocial.budgets.filecheck import parse_amount
from boligsocial.budgets.lines import plan_context
from boligsocial.budgets.models import BudgetCategory, BudgetLine
from boligsocial.budgets.rules import AMOUNT_MAX
from boligsocial.budgets.workbook.sheets import (
    Sheet,
    SheetError,
    WorkbookErrors,
    labelled_values,
    read_sheets,
    read_table,
    row_of,
)
from boligsocial.core.numbers import NumberFormat
from boligsocial.funding.models import FocusArea
from boligsocial.plans.models import Plan
from boligsocial.plans.selectors import plan_by_former_slug
from boligsocial.reporting.models import AccountLine
from boligsocial.reporting.workbook import layout
from boligsocial.reporting.workbook.export import budget_lines_by_year

HEADINGS = {c.name: c.heading for c in (*layout.COLUMNS, *layout.STATEMENT)}
SHORT = re.compile(rf"#([0-9A-Za-z_-]{{{layout.SHORT_KEY},32}})\s*$")
FULL_KEY = re.compile(r"[0-9A-Za-z_-]{32}")


@dataclass
class YearRows:
    """What the workbook says of one year: its figures (None: the summary has no row for it)
    and its account lines (None: no sheet), with where each line came from."""

    year: int
    figures: dict[str, Any] | None = None
    figures_row: int | None = None
    token: str = ""
    lines: list[dict[str, Any]] | None = None
    rows: list[int] = field(default_factory=list)


@dataclass
class AccountsRows:
    years: dict[int, YearRows] = field(default_factory=dict)
    budget_lines: dict[tuple[int, str], BudgetLine] = field(default_factory=dict)

    def year(self, year: int) -> YearRows:
        return self.years.setdefault(year, YearRows(year))


def _refused(sheet: str | None, column: str | None, message: str) -> WorkbookErrors:
    return WorkbookErrors([SheetError(sheet, None, column, message)])


def _check_meta(sheets: dict[str, Sheet], plan: Plan) -> Sheet:
    summary = sheets.get(layout.SUMMARY)
    values = dict(labelled_values(summary)) if summary is not None else {}
    if summary is None or values.get(layout.LABEL_FORMAT) != layout.FORMAT:
        message = _(
            "This is not an accounts workbook exported by Boligsocial (its sheet %(sheet)s with "
            "the format %(format)s is missing). Export the plan's accounts, make the changes in "
            "that workbook and import it."
        )
        raise _refused(None, None, message % {"sheet": layout.SUMMARY, "format": layout.FORMAT})
    slug = values.get(layout.LABEL_SLUG, "")
    former = plan_by_former_slug(slug) if slug != plan.slug else None
    if slug != plan.slug and (former is None or former.pk != plan.pk):
        message = _("This is the workbook of another plan (%(slug)s), not of %(plan)s.")
        raise _refused(
            layout.SUMMARY, layout.LABEL_SLUG, message % {"slug": slug or "?", "plan": plan.name}
        )
    return summary


def signed_amount(text: str) -> Decimal:
    """A balance: an amount that may be negative (within the largest amount either way)."""
    stripped = text.strip()
    negative = stripped.startswith("-")
    value = parse_amount(stripped[1:] if negative else stripped, NumberFormat.PLAIN)
    if value > AMOUNT_MAX:  # pragma: no cover - parse_amount refuses it first
        raise ValueError(str(value))
    return -value if negative else value


def _figures(summary: Sheet, result: AccountsRows, years: range) -> list[SheetError]:
    header = row_of(summary, layout.YEAR_HEADING)
    if header is None:
        return [SheetError(summary.title, None, layout.YEAR_HEADING, _("The column is missing."))]
    table, errors = read_table(summary, layout.STATEMENT, header_row=header, stop_at_gap=True)
    for number, cells in table.rows:
        year_text = cells.get("year", "").strip()
        if not (year_text.isdigit() and int(year_text) in years):
            errors.append(
                SheetError(
                    summary.title,
                    number,
                    layout.YEAR_HEADING,
                    _("“%(text)s” is not a year of the plan's period (%(first)s–%(last)s).")
                    % {"text": year_text, "first": years.start, "last": years.stop - 1},
                )
            )
            continue
        figures: dict[str, Any] = {"note": cells.get("note", "").strip()}
        for name in ("lbf_received", "local_received", "opening_balance"):
            text = cells.get(name, "").strip()
            try:
                if name == "opening_balance":
                    figures[name] = signed_amount(text) if text else None
                else:
                    figures[name] = parse_amount(text, NumberFormat.PLAIN) if text else Decimal(0)
            except ValueError as exc:
                errors.append(SheetError(summary.title, number, HEADINGS[name], str(exc)))
        entry = result.year(int(year_text))
        entry.figures, entry.figures_row = figures, number
        entry.token = cells.get("token", "").strip()
    return errors


@dataclass
class Names:
    """The categories and the plan's focus areas by name in lower case (the services take the
    objects)."""

    categories: dict[str, BudgetCategory]
    focus_areas: dict[str, FocusArea]
    category_list: str
    focus_list: str


def _names(plan: Plan) -> Names:
    ctx = plan_context(plan)
    categories: dict[str, BudgetCategory] = {}
    for category in ctx.categories.values():
        for name in (category.code, category.name_da, category.name_en):
            if name:
                categories[name.strip().lower()] = category
    focus = list(FocusArea.objects.filter(pk__in=ctx.focus_area_ids).order_by("position"))
    focus_areas = {
        name.strip().lower(): area
        for area in focus
        for name in (area.name_en, area.name_da)
        if name
    }
    return Names(
        categories=categories,
        focus_areas=focus_areas,
        category_list=", ".join(sorted({c.name_da for c in ctx.categories.values()})),
        focus_list=", ".join([layout.SHARED, *(a.name_da for a in focus)]),
    )


def _budget_key(cells: dict[str, str], year: int, keys: dict[int, list[str]]) -> tuple[str, str]:
    """The key of the budget line a row names, and a message when it names none."""
    label = cells.get("budget_line", "").strip()
    hidden = cells.get("key", "").strip()
    if not label:
        return "", ""
    known = keys.get(year, [])
    if FULL_KEY.fullmatch(label) and label in known:
        return label, ""
    match = SHORT.search(label)
    if match is not None:
        prefix = match.group(1)
        if hidden.startswith(prefix) and hidden in known:
            return hidden, ""
        found = [key for key in known if key.startswith(prefix)]
        if len(found) == 1:
            return found[0], ""
    return "", _("“%(text)s” is not a budget line of %(year)s (see the sheet %(lists)s).") % {
        "text": label[:80],
        "year": year,
        "lists": layout.LISTS,
    }


def _line(
    cells: dict[str, str], year: int, names: Names, keys: dict[int, list[str]]
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    problems: list[tuple[str, str]] = []
    key, problem = _budget_key(cells, year, keys)
    if problem:
        problems.append(("budget_line", problem))
    row: dict[str, Any] = {"line_key": key, "text": cells.get("text", "").strip()}
    category = cells.get("category", "").strip()
    row["category"] = names.categories.get(category.lower())
    if category and row["category"] is None:
        problems.append(
            (
                "category",
                _("“%(text)s” is not a category (%(list)s).")
                % {"text": category, "list": names.category_list},
            )
        )
    elif not category and not key and not problem:
        problems.append(("category", _("Choose a category, or the budget line it was spent on.")))
    focus = cells.get("focus_area", "").strip()
    if focus.lower() in (layout.SHARED.lower(), "faelles"):
        row["focus_area"] = None
    elif focus.lower() in names.focus_areas:
        row["focus_area"] = names.focus_areas[focus.lower()]
    elif focus:
        problems.append(
            (
                "focus_area",
                _("“%(text)s” is not one of the plan's focus areas (%(list)s).")
                % {"text": focus, "list": names.focus_list},
            )
        )
    elif not key:
        row["focus_area"] = None  # empty and on no budget line: across focus areas
    try:
        row["amount"] = parse_amount(cells.get("amount", ""), NumberFormat.PLAIN)
    except ValueError as exc:
        problems.append(("amount", str(exc)))
    return row, problems


def read_accounts_rows(data: bytes, plan: Plan) -> tuple[AccountsRows, list[SheetError]]:
    """The workbook's figures and lines per year, and every problem of its cells."""
    sheets = read_sheets(data)
    summary = _check_meta(sheets, plan)
    years = range(plan.start_date.year, plan.end_date.year + 1)
    result = AccountsRows()
    errors = _figures(summary, result, years)
    used = set(
        AccountLine.objects.filter(report__plan=plan)
        .exclude(line_key="")
        .values_list("report__year", "line_key")
    )
    for year, lines in budget_lines_by_year(plan, used).items():
        for line in lines:
            result.budget_lines[(year, line.key)] = line
    keys: dict[int, list[str]] = {}
    for year, key in result.budget_lines:
        keys.setdefault(year, []).append(key)
    names = _names(plan)
    for title, sheet in sheets.items():
        if title in (layout.SUMMARY, layout.LISTS):
            continue
        if not (title.strip().isdigit() and int(title) in years):
            if sheet.rows:
                errors.append(
                    SheetError(
                        title,
                        None,
                        None,
                        _(
                            "A sheet of an accounts workbook is a year of the plan's period "
                            "(%(first)s–%(last)s), %(a)s or %(b)s."
                        )
                        % {
                            "first": years.start,
                            "last": years.stop - 1,
                            "a": layout.SUMMARY,
                            "b": layout.LISTS,
                        },
                    )
                )
            continue
        table, problems = read_table(sheet, layout.COLUMNS)
        errors += problems
        entry = result.year(int(title))
        entry.lines = []
        for number, cells in table.rows:
            row, cell_problems = _line(cells, entry.year, names, keys)
            errors += [SheetError(title, number, HEADINGS[c], m) for c, m in cell_problems]
            entry.lines.append(row)
            entry.rows.append(number)
    return result, errors
