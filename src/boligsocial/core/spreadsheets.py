"""Writing rows of XLSX sheets for people (openpyxl): text is always written as text, so a name
or a text from the data that begins with "=" (e.g. =HYPERLINK(...)) is never a live formula in
a downloaded spreadsheet (docs/decisions/0012)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def append_row(sheet: Any, values: Sequence[Any]) -> None:
    """Append `values` as a row of `sheet`, every string cell as text, never a formula."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def text_row(sheet: Any, values: Sequence[Any]) -> list[Any]:
    """`values` as cells for a write-only sheet (`Workbook(write_only=True)`), where
    `append_row` cannot reach the cells after they are written: every string is a text cell."""
    from openpyxl.cell import WriteOnlyCell

    cells: list[Any] = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cells.append(cell)
        else:
            cells.append(value)
    return cells


# The most characters a spreadsheet program keeps in one cell (Excel's limit; openpyxl writes
# more, and Excel then calls the file damaged).
CELL_MAX = 32_767


def cell_chunks(text: str, size: int = CELL_MAX) -> list[str]:
    """`text` cut into pieces that each fit in a cell, in order (one piece when it fits)."""
    return [text[i : i + size] for i in range(0, len(text), size)] or [text]
