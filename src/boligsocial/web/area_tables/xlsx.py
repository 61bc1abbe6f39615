"""The spreadsheet export of the overview. It is for people (docs/decisions/0012): headings
in the reader's language, designations, statuses and criteria by name, numbers as numbers with
a display format. The CSV (`overview`) is for machines."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.core.spreadsheets import append_row
from boligsocial.criteria.rules import MarginUnit
from boligsocial.indicators.overview import AreaOverview
from boligsocial.web.area_tables.overview import OverviewLine

XLSX_COLUMNS: tuple[tuple[Any, float, str | None], ...] = (
    # heading, column width, number format
    (gettext_lazy("Area"), 28, None),
    (gettext_lazy("Municipality"), 16, None),
    (gettext_lazy("Year"), 8, "0"),
    (gettext_lazy("Rule set"), 10, None),
    (gettext_lazy("Residents"), 11, "#,##0"),
    (gettext_lazy("Computed status"), 24, None),
    (gettext_lazy("Official status"), 24, None),
    (gettext_lazy("Computed versus official"), 18, None),
    (gettext_lazy("Explanation"), 50, None),
    (gettext_lazy("Criteria met"), 10, "0"),
    (gettext_lazy("Criteria in all"), 10, "0"),
    (gettext_lazy("Which criteria are met"), 36, None),
    (gettext_lazy("Nearest threshold"), 24, None),
    (gettext_lazy("Margin to it"), 12, "0.00"),
    (gettext_lazy("Unit of the margin"), 18, None),
    (gettext_lazy("Near a threshold"), 30, None),
)


MARGIN_UNIT_LABELS = {
    MarginUnit.POINTS: gettext_lazy("percentage points"),
    MarginUnit.RATIO: gettext_lazy("times the threshold"),
}


def _xlsx_row(line: OverviewLine, year: int | None, rules: str) -> list[Any]:
    residents: Any = line.residents_value if line.residents_value is not None else line.residents
    unit = MARGIN_UNIT_LABELS.get(MarginUnit(line.closest_unit)) if line.closest_unit else None
    return [
        line.area,
        line.municipality,
        year,
        rules,
        int(residents) if isinstance(residents, Decimal) else residents,
        ", ".join(line.computed_labels) or None,
        ", ".join(line.official_labels) or None,
        line.status_label,
        " ".join(line.reasons) or None,
        line.n_met,
        line.n_criteria,
        ", ".join(line.criteria_met) or None,
        line.closest_label or None,
        float(line.closest_margin) if line.closest_margin is not None else None,
        str(unit) if unit else None,
        ", ".join(line.at_risk) or None,
    ]


def export_xlsx(overview: AreaOverview, lines: list[OverviewLine], rules: str) -> bytes:
    """The overview as a spreadsheet for people: one sheet, a bold heading row that stays in
    view, a filter on every column, and the page's rows in the page's order."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active  # a new workbook has one sheet
    sheet.title = _("Areas")[:31]
    sheet.append([str(heading) for heading, _width, _fmt in XLSX_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for line in lines:
        # Text, never a formula: an imported area name may begin with "=".
        append_row(sheet, _xlsx_row(line, overview.year, rules))
    for index, (_heading, width, fmt) in enumerate(XLSX_COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        if fmt:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                if isinstance(cell.value, int | float):
                    cell.number_format = fmt
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
