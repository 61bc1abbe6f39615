"""Read the rows of a CSV or XLSX table (no Django imports).

CSV: comma or semicolon separated (told apart by the header row), UTF-8 with or without BOM.
XLSX: the first sheet, recognised by its content, not its name, so stdin works too.
Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is 2.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

XLSX_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class InputError:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


class InputErrors(Exception):
    """Every problem found in an input; nothing is written when this is raised."""

    LIMIT = 50

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        shown = [str(e) for e in errors[: self.LIMIT]]
        if len(errors) > self.LIMIT:
            shown.append(f"... and {len(errors) - self.LIMIT} more problems")
        super().__init__("\n".join(shown))


@dataclass(frozen=True)
class RawTable:
    file: str
    columns: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]  # (row number, text by column)


def read_table(data: bytes, file: str) -> RawTable:
    """Parse `data` (the bytes of a CSV or XLSX file called `file` in messages)."""
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data, file)
    return _read_csv(data, file)


def _check_header(columns: list[str], file: str) -> tuple[str, ...]:
    errors = []
    if not any(columns):
        errors.append(InputError(file, 1, None, "the header row is empty"))
    seen: set[str] = set()
    for column in columns:
        if column and column in seen:
            errors.append(InputError(file, 1, column, "the column appears twice in the header"))
        seen.add(column)
    if errors:
        raise InputErrors(errors)
    return tuple(columns)


def _read_csv(data: bytes, file: str) -> RawTable:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputErrors(
            [InputError(file, None, None, f"not UTF-8 text (byte {exc.start}); save it as UTF-8")]
        ) from None
    header_line = text.split("\n", 1)[0]
    if not header_line.strip():
        raise InputErrors([InputError(file, 1, None, "the header row is missing")])
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise InputErrors([InputError(file, 1, None, f"not readable as CSV: {exc}")]) from None
    columns = _check_header([c.strip().lower() for c in header], file)
    rows: list[tuple[int, dict[str, str]]] = []
    errors: list[InputError] = []
    number = 1
    try:
        for cells in reader:
            number += 1
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(columns):
                errors.append(
                    InputError(
                        file,
                        number,
                        None,
                        f"{len(cells)} cells, but the header has {len(columns)} columns",
                    )
                )
                continue
            cells = cells + [""] * (len(columns) - len(cells))
            rows.append((number, {c: v.strip() for c, v in zip(columns, cells, strict=True)}))
    except csv.Error as exc:
        errors.append(InputError(file, number + 1, None, f"not readable as CSV: {exc}"))
    if errors:
        raise InputErrors(errors)
    return RawTable(file, columns, tuple(rows))


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def _read_xlsx(data: bytes, file: str) -> RawTable:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of error for a broken file
        raise InputErrors(
            [InputError(file, None, None, f"not a readable XLSX file: {exc}")]
        ) from None
    try:
        sheet = workbook.worksheets[0]
        label = f"{file} (sheet {sheet.title})"
        values = sheet.iter_rows(values_only=True)
        header = next(values, None)
        if header is None:
            raise InputErrors([InputError(label, 1, None, "the header row is missing")])
        names = [_cell_text(c).lower() for c in header]
        while names and not names[-1]:
            names.pop()
        columns = _check_header(names, label)
        rows: list[tuple[int, dict[str, str]]] = []
        errors: list[InputError] = []
        for number, row in enumerate(values, start=2):
            cells = [_cell_text(v) for v in row]
            if not any(cells):
                continue
            if any(cells[len(columns) :]):
                errors.append(
                    InputError(label, number, None, "a cell to the right of the last column")
                )
                continue
            cells = (cells + [""] * len(columns))[: len(columns)]
            rows.append((number, dict(zip(columns, cells, strict=True))))
        if errors:
            raise InputErrors(errors)
        return RawTable(label, columns, tuple(rows))
    finally:
        workbook.close()
