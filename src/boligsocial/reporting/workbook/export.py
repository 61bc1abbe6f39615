"""A plan's yearly accounts as an XLSX workbook (layout: `reporting.workbook.layout`): the
reguleringskonto per year in the summary, one sheet of account lines per year, and the lists
the drop-downs offer. A fixed number of queries whatever the number of years and lines."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import translation

from boligsocial.budgets.lines import plan_context
from boligsocial.budgets.models import BudgetLine
from boligsocial.budgets.workbook.sheets import (
    KRONER,
    data_sheet,
    format_column,
    list_validation,
    workbook_bytes,
    write_row,
)
from boligsocial.core.concurrency import instance_version
from boligsocial.core.spreadsheets import append_row
from boligsocial.funding.models import FocusArea
from boligsocial.plans.models import Plan
from boligsocial.reporting import rules
from boligsocial.reporting.models import AccountLine
from boligsocial.reporting.statements import YearAccounts, plan_accounts
from boligsocial.reporting.workbook import layout


def budget_line_label(line: BudgetLine) -> str:
    """How a sheet names the budget line an account line is spent on."""
    focus = line.focus_area.name_da if line.focus_area_id else layout.SHARED  # type: ignore[union-attr]
    return f"{line.text} · {line.category.name_da} · {focus} · #{line.key[: layout.SHORT_KEY]}"


def workbook_years(plan: Plan, years: list[YearAccounts], today: date) -> list[YearAccounts]:
    """The years that have a sheet: a report is stored, or one may be opened (a reporting
    plan's year that has begun)."""
    reports = plan.status in rules.REPORTING_PLAN_STATES
    return [
        y for y in years if y.plan_year.report is not None or (reports and y.year <= today.year)
    ]


def budget_lines_by_year(
    plan: Plan, keys_used: set[tuple[int, str]]
) -> dict[int, list[BudgetLine]]:
    """Each year's budget lines an account line may name: the current budget's, and any other
    line an account line already names (from the latest version that has it). Two queries."""
    from boligsocial.budgets.selectors import current_budget, lines_of

    budget = current_budget(plan)
    found: dict[tuple[int, str], BudgetLine] = {}
    if budget is not None:
        for line in lines_of(budget):
            found[(line.year, line.key)] = line
    missing = {key for year_key in keys_used if year_key not in found for key in [year_key[1]]}
    if missing:
        older = (
            BudgetLine.objects.filter(version__plan=plan, key__in=missing)
            .select_related("category", "focus_area")
            .order_by("-version__number")
        )
        for line in older:
            found.setdefault((line.year, line.key), line)
    by_year: dict[int, list[BudgetLine]] = {}
    for (year, _key), line in sorted(
        found.items(), key=lambda item: (item[0][0], item[1].position)
    ):
        by_year.setdefault(year, []).append(line)
    return by_year


def _summary(workbook: Any, plan: Plan, years: list[YearAccounts], exported: date) -> None:
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(layout.SUMMARY)
    append_row(sheet, [f"Regnskab: {plan.name}"])
    sheet["A1"].font = Font(bold=True, size=14)
    for label, value in [
        (layout.LABEL_PLAN, plan.name),
        (layout.LABEL_SLUG, plan.slug),
        (layout.LABEL_EXPORTED, exported.strftime("%d.%m.%Y")),
        (layout.LABEL_FORMAT, layout.FORMAT),
    ]:
        append_row(sheet, [label, value])
    append_row(sheet, [])
    append_row(sheet, [c.heading for c in layout.STATEMENT])
    header = sheet.max_row
    for cell in sheet[header]:
        cell.font = Font(bold=True)
    for offset, year in enumerate(years, start=1):
        report = year.plan_year.report
        s = year.statement
        write_row(
            sheet,
            header + offset,
            [
                year.year,
                year.plan_year.status_label,
                s.opening,
                report.opening_balance if report is not None else None,
                s.lbf_received,
                s.local_received,
                s.spent,
                s.closing,
                report.note if report is not None else "",
                instance_version(report) if report is not None else "",
            ],
        )
    for index in (3, 4, 5, 6, 7, 8):
        format_column(sheet, index, KRONER, first_row=header + 1)
    for index, column in enumerate(layout.STATEMENT, start=1):
        letter = sheet.cell(row=header, column=index).column_letter
        sheet.column_dimensions[letter].width = column.width
        if column.name == "token":
            sheet.column_dimensions[letter].hidden = True
    append_row(sheet, [])
    append_row(
        sheet,
        [
            "Ret Primo (indtastet; tom = overført fra året før), Modtaget og Bemærkning her og "
            "linjerne på årenes ark, og indlæs projektmappen igen (`boligsocial budget "
            "accounts-import`). Status, Primo, Brugt og Ultimo beregnes og læses ikke."
        ],
    )


def _lists(
    workbook: Any, plan: Plan, lines: dict[int, list[BudgetLine]], years: list[int]
) -> dict[str, str]:
    """The `Lister` sheet; each list's range by its name ("category", "focus_area", a year)."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ctx = plan_context(plan)
    categories = [
        c.name_da for c in sorted(ctx.categories.values(), key=lambda c: (c.position, c.code))
    ]
    focus = [layout.SHARED] + [
        f.name_da for f in FocusArea.objects.filter(pk__in=ctx.focus_area_ids).order_by("position")
    ]
    columns: list[tuple[str, str, list[str]]] = [
        ("category", "Kategorier", categories),
        ("focus_area", "Indsatsområder", focus),
    ]
    columns += [
        (str(y), f"Budgetlinjer {y}", [budget_line_label(x) for x in lines.get(y, [])])
        for y in years
    ]
    sheet = workbook.create_sheet(layout.LISTS)
    ranges = {}
    for index, (name, heading, values) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=heading).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=index, value=value).data_type = "s"
        sheet.column_dimensions[letter].width = 50 if name.isdigit() else 30
        if values:
            ranges[name] = f"{layout.LISTS}!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _year_sheet(workbook: Any, year: int, lines: list[AccountLine], labels: dict[str, str]) -> Any:
    sheet = data_sheet(workbook, str(year), layout.COLUMNS)
    for number, line in enumerate(lines, start=2):
        write_row(
            sheet,
            number,
            [
                labels.get(line.line_key, "") if line.line_key else "",
                line.category.name_da,
                line.focus_area.name_da if line.focus_area_id else layout.SHARED,  # type: ignore[union-attr]
                line.text,
                line.amount,
                line.line_key,
            ],
        )
    format_column(sheet, 5, KRONER)
    return sheet


def accounts_workbook(plan: Plan, *, today: date, exported_on: date) -> bytes:
    """The plan's accounts as an XLSX workbook (bytes), in Danish whatever the language."""
    from openpyxl import Workbook

    with translation.override("da"):
        accounts = plan_accounts(plan, today)
        years = workbook_years(plan, accounts.years, today)
        spent = list(
            AccountLine.objects.filter(report__plan=plan)
            .select_related("category", "focus_area", "report")
            .order_by("report__year", "position", "pk")
        )
        lines = budget_lines_by_year(
            plan, {(x.report.year, x.line_key) for x in spent if x.line_key}
        )
        workbook = Workbook()
        workbook.remove(workbook.active)
        _summary(workbook, plan, years, exported_on)
        by_year: dict[int, list[AccountLine]] = {}
        for line in spent:
            by_year.setdefault(line.report.year, []).append(line)
        sheets = []
        for year in years:
            labels = {x.key: budget_line_label(x) for x in lines.get(year.year, [])}
            sheets.append(_year_sheet(workbook, year.year, by_year.get(year.year, []), labels))
        ranges = _lists(workbook, plan, lines, [y.year for y in years])
        for year, sheet in zip(years, sheets, strict=True):
            rows = len(by_year.get(year.year, []))
            for index, name in ((1, str(year.year)), (2, "category"), (3, "focus_area")):
                if name in ranges:
                    list_validation(sheet, index, ranges[name], rows=rows)
        workbook.properties.title = f"Regnskab: {plan.name}"
        workbook.properties.subject = layout.FORMAT
        return workbook_bytes(workbook)
