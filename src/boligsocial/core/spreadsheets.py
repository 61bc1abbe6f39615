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
