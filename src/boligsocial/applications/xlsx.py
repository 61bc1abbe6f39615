"""The application's tables as a spreadsheet for people (docs/decisions/0012, 0022): one sheet
per table (the plan, afdelinger, key figures, focus areas and goals, budget, missing parts),
headings in the reader's language and bold, numbers as numbers with a display format, a
suppressed figure as its label ("<5"), and every text written as text, never a formula."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from boligsocial.applications import text
from boligsocial.applications.content import Application
from boligsocial.core.spreadsheets import CELL_MAX, append_row, cell_chunks

KRONER = "#,##0"
SHARE = "0.0%"


def _sheet(workbook: Any, title: str, headings: Sequence[str], widths: Sequence[int]) -> Any:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title[:31])
    append_row(sheet, list(headings))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    return sheet


def _format(sheet: Any, column: int, number_format: str) -> None:
    for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
        if isinstance(cell.value, int | float):
            cell.number_format = number_format


def _plan_sheet(workbook: Any, app: Application) -> None:
    sheet = _sheet(workbook, _("Application"), [_("Field"), _("Value")], [30, 70])
    rows: list[tuple[str, Any]] = [
        (_("Plan"), app.plan_name),
        (_("Fund round"), app.fund_round),
        (_("Intended period"), text.period(app.start_date, app.end_date)),
        (_("Status"), app.status),
        (_("LBF plan number"), app.lbf_number or None),
        (_("Municipality"), ", ".join(app.municipalities) or None),
        (_("Housing organisations"), ", ".join(app.organisations) or None),
        (_("Assembled"), text.day(app.assembled_on)),
        (_("The challenges"), app.challenges or None),
        (_("Purpose"), app.purpose or None),
    ]
    if app.recommendation is not None:
        rows += [
            (_("The municipality's recommendation"), text.day(app.recommendation.decided_on)),
            (_("Note"), app.recommendation.note or None),
            (_("Document"), app.recommendation.document or None),
        ]
    for label, value in rows:
        if isinstance(value, str) and len(value) > CELL_MAX:
            # a long description of the challenges goes on over the next rows, in order
            for index, chunk in enumerate(cell_chunks(value)):
                append_row(sheet, [label if index == 0 else _("(continued)"), chunk])
        else:
            append_row(sheet, [label, value])


def _afdelinger_sheet(workbook: Any, app: Application) -> None:
    sheet = _sheet(
        workbook,
        _("Afdelinger"),
        [
            _("Housing organisation"),
            _("Afd. no."),
            _("LBF number"),
            _("Name"),
            _("Housing area"),
            _("Address"),
            _("Dwellings"),
        ],
        [30, 10, 12, 30, 24, 30, 10],
    )
    for a in app.afdelinger:
        append_row(
            sheet,
            [a.organisation, a.number, a.lbf_number or None, a.name, a.area or None,
             a.address or None, a.dwellings],
        )  # fmt: skip
    _format(sheet, 7, KRONER)


def _figures_sheet(workbook: Any, app: Application) -> None:
    sheet = _sheet(
        workbook,
        _("Key figures"),
        [
            _("Housing area"),
            _("Municipality"),
            _("Year"),
            _("Rule set"),
            _("Residents"),
            _("Computed status"),
            _("Official status"),
            _("Criterion"),
            _("Figure"),
            _("Threshold"),
            _("Met"),
        ],
        [24, 16, 8, 10, 11, 22, 22, 36, 10, 22, 8],
    )
    for area in app.areas:
        residents: Any = app.suppression_label if area.residents_suppressed else area.residents
        common = [
            area.name,
            area.municipality,
            area.year,
            area.rules or None,
            residents,
            ", ".join(area.computed) or None,
            ", ".join(area.official) or None,
        ]
        if not area.figures:
            append_row(sheet, [*common, None, None, None, None])
        for f in area.figures:
            value: Any = (
                app.suppression_label if f.suppressed or f.value is None else float(f.value)
            )
            append_row(
                sheet,
                [*common, f.label, value, text.requirement(f.comparator, f.threshold, f.unit),
                 text.yes_no(f.met)],
            )  # fmt: skip
    _format(sheet, 3, "0")
    _format(sheet, 5, KRONER)
    _format(sheet, 9, "0.00")


def _focus_sheet(workbook: Any, app: Application) -> None:
    sheet = _sheet(workbook, _("Focus areas"), [_("Focus area"), _("Goals")], [36, 90])
    for f in app.focus_areas:
        append_row(sheet, [f.name, f.goals or None])


def _budget_sheet(workbook: Any, app: Application) -> None:
    b = app.budget
    headings = [_("Year"), *(text.source_label(s) for s in b.sources)]
    headings += [_("Total"), _("Local share"), _("LBF share")]
    sheet = _sheet(workbook, _("Budget"), headings, [10, *(16 for _s in b.sources), 16, 12, 12])
    for y in b.years:
        append_row(
            sheet,
            [y.year, *(float(a) for a in y.amounts), float(y.total),
             float(y.check.local_share), float(y.check.lbf_share)],
        )  # fmt: skip
    if not b.empty:
        append_row(
            sheet,
            [_("Period"), *(float(a) for a in b.totals), float(b.check.total),
             float(b.check.local_share), float(b.check.lbf_share)],
        )  # fmt: skip
        append_row(sheet, [])
        append_row(
            sheet,
            [
                _("Co-financing rule of the round"),
                _("LBF at most %(max)s, local at least %(min)s")
                % {"max": text.share(b.lbf_max_share), "min": text.share(b.local_min_share)},
            ],
        )
        append_row(sheet, [_("Met"), text.yes_no(b.ok)])
    columns = len(b.sources) + 2
    for column in range(2, columns + 1):
        _format(sheet, column, KRONER)
    _format(sheet, columns + 1, SHARE)
    _format(sheet, columns + 2, SHARE)


def _budget_check_sheet(workbook: Any, app: Application) -> None:
    """The plan's budget against the round's rule per year and over the period, and the
    breach in words; no sheet when the plan has no budget."""
    section = app.budget_check
    if section is None:
        return
    headings = [
        _("Year"),
        _("LBF"),
        _("Local co-financing"),
        _("Of which in kind"),
        _("Budget in all"),
        _("LBF share"),
        _("Within the rule"),
    ]
    sheet = _sheet(workbook, _("Co-financing check"), headings, [10, 16, 16, 16, 16, 12, 14])
    for row in (*section.years, section.period):
        append_row(
            sheet,
            [row.year if row.year is not None else _("Period"), float(row.lbf_amount),
             float(row.local_amount), float(row.in_kind_amount), float(row.total),
             float(row.lbf_share), text.yes_no(row.ok)],
        )  # fmt: skip
    append_row(sheet, [])
    append_row(
        sheet,
        [
            _("Co-financing rule of the round"),
            _("LBF at most %(max)s, local at least %(min)s")
            % {
                "max": text.share(section.lbf_max_share),
                "min": text.share(section.local_min_share),
            },
        ],
    )
    append_row(sheet, [_("Budget version"), f"{section.version} ({section.state})"])
    append_row(sheet, [_("Met"), text.yes_no(section.ok)])
    for note in (section.explanation, *section.year_warnings, section.in_kind_note):
        if note:
            append_row(sheet, [_("Note"), note])
    for column in range(2, 6):
        _format(sheet, column, "#,##0.00")
    _format(sheet, 6, SHARE)


def _missing_sheet(workbook: Any, app: Application) -> None:
    sheet = _sheet(workbook, _("Missing"), [_("Missing before submission")], [100])
    for part in app.missing:
        append_row(sheet, [part.text])


def application_xlsx(app: Application) -> bytes:
    """The workbook of `app`'s tables, in the active language."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    _plan_sheet(workbook, app)
    _missing_sheet(workbook, app)
    _afdelinger_sheet(workbook, app)
    _figures_sheet(workbook, app)
    _focus_sheet(workbook, app)
    _budget_sheet(workbook, app)
    _budget_check_sheet(workbook, app)
    workbook.properties.title = _("Pre-qualification application: %(plan)s") % {
        "plan": app.plan_name
    }
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
