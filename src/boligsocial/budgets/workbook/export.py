"""A budget version as an XLSX workbook (layout: `budgets.workbook.layout`): the summary with
the co-financing check, one sheet per year of lines, and the lists the drop-downs offer. A
fixed number of queries whatever the number of lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import translation

from boligsocial.areas.models import Afdeling
from boligsocial.budgets.lines import plan_context
from boligsocial.budgets.models import BudgetLine, BudgetVersion, SourceKind
from boligsocial.budgets.selectors import BudgetSummary, budget_summary
from boligsocial.budgets.wording import breach_text, in_kind_text, year_warning_text
from boligsocial.budgets.workbook import layout
from boligsocial.budgets.workbook.sheets import (
    KRONER,
    SHARE,
    data_sheet,
    format_column,
    list_validation,
    workbook_bytes,
    write_row,
)
from boligsocial.core.concurrency import instance_version
from boligsocial.core.spreadsheets import append_row
from boligsocial.funding.models import FocusArea
from boligsocial.organisations.models import Organisation, OrganisationKind
from boligsocial.plans.models import Plan


def afdeling_text(afdeling: Afdeling) -> str:
    """How the workbook names an afdeling: "Name (Organisation afd. 7)"."""
    return str(afdeling)


def source_text(line: BudgetLine) -> str:
    """The `Kilde` cell of a line: empty for LBF, else the afdeling, the organisation or the
    name of an unregistered source."""
    if line.source_kind == SourceKind.LBF:
        return ""
    if line.source_afdeling_id is not None:
        return afdeling_text(line.source_afdeling)  # type: ignore[arg-type]
    if line.source_organisation_id is not None:
        return line.source_organisation.name  # type: ignore[union-attr]
    return line.source_name


def focus_text(focus_area: FocusArea | None) -> str:
    return focus_area.name_da if focus_area is not None else layout.SHARED


@dataclass(frozen=True)
class Choices:
    """What the plan's lines may name, for the `Lister` sheet."""

    categories: list[str]
    focus_areas: list[str]
    sources: list[str]


def plan_choices(plan: Plan) -> Choices:
    ctx = plan_context(plan)
    years = ctx.years
    categories = [
        c.name_da
        for c in sorted(ctx.categories.values(), key=lambda c: (c.position, c.code))
        if any(c.valid_in_year(y) for y in years)
    ]
    focus = [f.name_da for f in FocusArea.objects.filter(pk__in=ctx.focus_area_ids)]
    organisations = Organisation.objects.filter(
        kind=OrganisationKind.MUNICIPALITY, municipality_id__in=ctx.municipality_ids
    ) | Organisation.objects.filter(pk__in=ctx.housing_organisation_ids)
    afdelinger = Afdeling.objects.filter(pk__in=ctx.afdeling_ids).select_related("organisation")
    sources = [o.name for o in organisations.order_by("kind", "name")]
    sources += [afdeling_text(a) for a in afdelinger.order_by("organisation__name", "number")]
    return Choices(categories, [layout.SHARED, *focus], sources)


def _summary_sheet(workbook: Any, summary: BudgetSummary, token: str, exported: date) -> None:
    from openpyxl.styles import Font

    version = summary.version
    plan = version.plan
    sheet = workbook.create_sheet(layout.SUMMARY)
    append_row(sheet, [f"Budget: {plan.name}"])
    sheet["A1"].font = Font(bold=True, size=14)
    state = version.get_state_display()
    meta = [
        (layout.LABEL_PLAN, plan.name),
        (layout.LABEL_SLUG, plan.slug),
        (layout.LABEL_VERSION, f"{version.number} ({state})"),
        (layout.LABEL_TOKEN, token),
        (layout.LABEL_ROUND, plan.fund_round.code),
        (layout.LABEL_EXPORTED, exported.strftime("%d.%m.%Y")),
        (layout.LABEL_FORMAT, layout.FORMAT),
    ]
    for label, value in meta:
        append_row(sheet, [label, value])
    append_row(sheet, [])
    append_row(sheet, list(layout.SUMMARY_HEADINGS))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    check = summary.check
    rows = [(str(year), share) for year, share in sorted(check.years.items())]
    for label, share in [*rows, (layout.PERIOD, check.period)]:
        append_row(
            sheet,
            [
                label,
                share.budget_total,
                share.lbf_amount,
                share.local_amount,
                share.in_kind_amount,
                share.lbf_share,
                share.local_share,
                layout.YES if share.ok else layout.NO,
            ],
        )
    first = sheet.max_row - len(rows)
    for column in (2, 3, 4, 5):
        format_column(sheet, column, KRONER, first_row=first)
    for column in (6, 7):
        format_column(sheet, column, SHARE, first_row=first)
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    notes = [breach_text(check)]
    notes += [year_warning_text(y, check.years[y]) for y in check.years_in_breach]
    notes += [in_kind_text(check)]
    append_row(sheet, [])
    for note in notes:
        if note:
            append_row(sheet, [note])
    append_row(
        sheet,
        [
            "Rediger linjerne på årenes ark og indlæs projektmappen igen (budgetsiden eller "
            "`boligsocial budget import`). Oversigten og Lister læses ikke."
        ],
    )
    widths = {"A": 24, "B": 22, "C": 18, "D": 26, "E": 22, "F": 12, "G": 12, "H": 18}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width


def _year_sheet(workbook: Any, year: int, lines: list[BudgetLine], ranges: dict[str, str]) -> None:
    sheet = data_sheet(workbook, str(year), layout.COLUMNS)
    for number, line in enumerate(lines, start=2):
        write_row(
            sheet,
            number,
            [
                line.category.name_da,
                focus_text(line.focus_area),
                line.text,
                layout.KIND_LABELS[SourceKind(line.source_kind)],
                source_text(line),
                layout.YES if line.in_kind else layout.NO,
                line.amount,
                line.key,
            ],
        )
    format_column(sheet, layout.AMOUNT_COLUMN, KRONER)
    for index, column in enumerate(layout.COLUMNS, start=1):
        if column.name in ranges:
            list_validation(
                sheet, index, ranges[column.name], strict=column.name != "source", rows=len(lines)
            )


def _lists(choices: Choices) -> list[tuple[str, str, list[str]]]:
    """(column it serves, heading, values) of each list of the `Lister` sheet, in order."""
    return [
        ("category", "Kategorier", choices.categories),
        ("focus_area", "Indsatsområder", choices.focus_areas),
        ("source_kind", "Kildetyper", list(layout.KIND_LABELS.values())),
        ("source", "Kilder", choices.sources),
        ("in_kind", "Naturalier", [layout.YES, layout.NO]),
    ]


def _list_ranges(lists: list[tuple[str, str, list[str]]]) -> dict[str, str]:
    from openpyxl.utils import get_column_letter

    ranges = {}
    for index, (name, _heading, values) in enumerate(lists, start=1):
        if values:
            letter = get_column_letter(index)
            ranges[name] = f"{layout.LISTS}!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _lists_sheet(workbook: Any, lists: list[tuple[str, str, list[str]]]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(layout.LISTS)
    append_row(sheet, [heading for _n, heading, _v in lists])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, (_name, _heading, values) in enumerate(lists, start=1):
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=index, value=value).data_type = "s"
        sheet.column_dimensions[get_column_letter(index)].width = 36


def budget_workbook(version: BudgetVersion, *, exported_on: date) -> bytes:
    """The version as an XLSX workbook (bytes), in Danish whatever the active language."""
    from openpyxl import Workbook

    version = BudgetVersion.objects.select_related("plan__fund_round").get(pk=version.pk)
    token = instance_version(version)
    with translation.override("da"):
        summary = budget_summary(version)
        lists = _lists(plan_choices(version.plan))
        ranges = _list_ranges(lists)
        workbook = Workbook()
        workbook.remove(workbook.active)
        _summary_sheet(workbook, summary, token, exported_on)
        by_year = summary.lines_by_year
        for year in summary.years:
            _year_sheet(workbook, year, by_year.get(year, []), ranges)
        _lists_sheet(workbook, lists)
        workbook.properties.title = f"Budget: {version.plan.name}"
        workbook.properties.subject = layout.FORMAT
        return workbook_bytes(workbook)
