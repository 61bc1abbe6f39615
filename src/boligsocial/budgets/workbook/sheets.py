"""Workbooks a program writes and reads again (docs/decisions/0027): the parts the budget's and
the accounts' workbooks share.

Writing: a data sheet has one heading row (bold, frozen) and a last, hidden `Nøgle` column with
each row's stable key, so a re-import changes the rows it came from; every text is a text cell,
never a formula (`core.spreadsheets`); amounts are number cells with a Danish-looking format.

Reading: every sheet of an XLSX file, each cell as the text `core.tables` makes of it (a number
cell as plain digits), each row with its number as the spreadsheet shows it. A file that is not
an XLSX workbook, or too large, is refused with one message. Problems are `SheetError`s naming
the sheet, the row and the column (by its heading)."""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from boligsocial.core.spreadsheets import append_row
from boligsocial.core.tables import MAX_BYTES, MAX_ROWS, XLSX_MAGIC
from boligsocial.core.tables import _cell_text as cell_text  # the one cell-to-text rule

KRONER = "#,##0.00"
SHARE = "0.00%"
KEY_HEADING = "Nøgle"
#: Rows below the last line that the drop-downs cover, for lines a user adds.
ROOM = 500
#: Rows a workbook of the program's may hold in all its sheets (a file past it is refused).
WORKBOOK_MAX_ROWS = MAX_ROWS


@dataclass(frozen=True)
class Column:
    name: str  # the field it holds
    heading: str  # Danish, fixed: the heading is how an import finds the column
    width: int


@dataclass(frozen=True)
class SheetError:
    """A problem of an imported workbook: where (sheet, row, column heading) and what."""

    sheet: str | None
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.sheet is not None:
            where.append(_("sheet %(sheet)s") % {"sheet": self.sheet})
        if self.row is not None:
            where.append(_("row %(row)s") % {"row": self.row})
        if self.column is not None:
            where.append(_("column %(column)s") % {"column": self.column})
        return f"{', '.join(where)}: {self.message}" if where else self.message


class WorkbookErrors(Exception):
    """Every problem of an imported workbook; nothing was written."""

    def __init__(self, errors: Sequence[SheetError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = list(errors)


# Writing -------------------------------------------------------------------------------------


def data_sheet(workbook: Any, title: str, columns: Sequence[Column]) -> Any:
    """A new sheet with the columns' headings (bold, frozen) and widths; the key column (the
    last, `KEY_HEADING`) hidden."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    append_row(sheet, [c.heading for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.heading == KEY_HEADING:
            sheet.column_dimensions[letter].hidden = True
    sheet.freeze_panes = "A2"
    return sheet


def write_row(sheet: Any, row: int, values: Sequence[Any]) -> None:
    """`values` as row `row` of `sheet`, every string a text cell, never a formula (what
    `core.spreadsheets.append_row` does, without its look-up of the last row, which costs a
    pass over every cell and so makes a sheet of many rows slow)."""
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column, value=value)
        if isinstance(value, str):
            cell.data_type = "s"


def format_column(sheet: Any, index: int, number_format: str, *, first_row: int = 2) -> None:
    """Number format of column `index` (1-based) from `first_row` down."""
    for (cell,) in sheet.iter_rows(min_row=first_row, min_col=index, max_col=index):
        cell.number_format = number_format


def list_validation(
    sheet: Any, column: int, source: str, *, strict: bool = True, rows: int = 0
) -> None:
    """A drop-down of the values in `source` (e.g. `Lister!$A$2:$A$6`) on column `column`
    below the headings, for the sheet's rows and `ROOM` more (a spreadsheet program may write
    every row a validation covers); `strict` refuses other values as they are typed (a paste is
    checked by the import anyway)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    letter = get_column_letter(column)
    validation = DataValidation(
        type="list", formula1=source, allow_blank=True, showErrorMessage=strict
    )
    if strict:
        validation.error = _("Choose one of the values in the list.")
        validation.errorTitle = _("Not in the list")
    sheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{max(rows, sheet.max_row) + ROOM}")


def workbook_bytes(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Reading -------------------------------------------------------------------------------------


@dataclass
class Sheet:
    """A sheet's cells as text, rows numbered as a spreadsheet shows them (empty rows left
    out)."""

    title: str
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    def cell(self, row: int, column: int) -> str:
        for number, cells in self.rows:
            if number == row:
                return cells[column] if column < len(cells) else ""
        return ""


@dataclass(frozen=True)
class Table:
    """A data sheet read by its headings: each row as a mapping of field name to text."""

    title: str
    rows: list[tuple[int, dict[str, str]]]
    headings: dict[str, str]  # field name → heading, for messages


def read_sheets(data: bytes) -> dict[str, Sheet]:
    """Every sheet of the workbook `data`, by title; `WorkbookErrors` when it is not one."""
    if len(data) > MAX_BYTES:
        raise WorkbookErrors(
            [SheetError(None, None, None, _("The file is larger than %(mib)s MiB.") % {
                "mib": MAX_BYTES // (1024 * 1024)})]
        )  # fmt: skip
    if not data.startswith(XLSX_MAGIC):
        raise WorkbookErrors([SheetError(None, None, None, not_a_workbook())])
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of error for a broken file
        raise WorkbookErrors([SheetError(None, None, None, not_a_workbook())]) from None
    sheets: dict[str, Sheet] = {}
    count = 0
    try:
        for worksheet in workbook.worksheets:
            sheet = Sheet(worksheet.title)
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                cells = [cell_text(v) for v in values]
                if not any(cells):
                    continue
                count += 1
                if count > WORKBOOK_MAX_ROWS:
                    raise WorkbookErrors(
                        [SheetError(sheet.title, number, None, _("More than %(max)s rows.") % {
                            "max": f"{WORKBOOK_MAX_ROWS:,}".replace(",", ".")})]
                    )  # fmt: skip
                sheet.rows.append((number, cells))
            sheets[sheet.title] = sheet
    finally:
        workbook.close()
    return sheets


def not_a_workbook() -> str:
    return _("The file is not an XLSX workbook (save it as .xlsx from the spreadsheet program).")


def read_table(
    sheet: Sheet, columns: Sequence[Column], *, header_row: int = 1, stop_at_gap: bool = False
) -> tuple[Table, list[SheetError]]:
    """The sheet's rows below its heading row (`header_row`), by the columns' headings in any
    order; with `stop_at_gap`, only up to the first empty row. A missing heading (the key's may
    be missing) or an unknown one is an error."""
    errors: list[SheetError] = []
    by_heading = {c.heading.strip().lower(): c for c in columns}
    header: list[tuple[int, Column]] = []
    above = [cells for number, cells in sheet.rows if number == header_row]
    for index, text in enumerate(above[0] if above else []):
        if not text:
            continue
        column = by_heading.get(text.strip().lower())
        if column is None:
            errors.append(SheetError(sheet.title, header_row, text, _("Unknown column heading.")))
        elif any(c is column for _i, c in header):
            errors.append(
                SheetError(sheet.title, header_row, text, _("The heading appears twice."))
            )
        else:
            header.append((index, column))
    found = {c.name for _i, c in header}
    for column in columns:
        if column.name not in found and column.heading != KEY_HEADING:
            errors.append(
                SheetError(sheet.title, header_row, column.heading, _("The column is missing."))
            )
    rows: list[tuple[int, dict[str, str]]] = []
    width = max((i for i, _c in header), default=-1)
    expected = header_row + 1
    for number, cells in sheet.rows:
        if number <= header_row:
            continue
        if stop_at_gap and number != expected:
            break
        expected = number + 1
        if header and any(text and i > width for i, text in enumerate(cells)):
            errors.append(
                SheetError(sheet.title, number, None, _("A cell to the right of the last column."))
            )
            continue
        row = {c.name: (cells[i] if i < len(cells) else "") for i, c in header}
        if any(row.values()):
            rows.append((number, row))
    table = Table(sheet.title, rows, {c.name: c.heading for c in columns})
    return table, errors


def row_of(sheet: Sheet, first_cell: str) -> int | None:
    """The number of the first row whose first cell is `first_cell`."""
    for number, cells in sheet.rows:
        if cells and cells[0].strip() == first_cell:
            return number
    return None


def labelled_values(sheet: Sheet) -> Iterator[tuple[str, str]]:
    """(label, value) of each row of a summary sheet's first two columns."""
    for _number, cells in sheet.rows:
        if len(cells) >= 2 and cells[0]:
            yield cells[0].strip(), cells[1].strip()
