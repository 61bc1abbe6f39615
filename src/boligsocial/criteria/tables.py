"""Read the rows of a CSV or XLSX table (no Django imports).

CSV: comma or semicolon separated (told apart by the header row), UTF-8 with or without BOM.
XLSX: the first sheet, recognised by its content, not its name, so stdin works too.
Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is 2.
The separator decides the number format (`core.numbers`, docs/decisions/0011), and a file is
read only up to the limits of `core.tabular` (bytes, rows, characters in a cell).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from boligsocial.core.numbers import NumberFormat, format_for_delimiter
from boligsocial.core.tabular import (
    MAX_BYTES,
    MAX_CELL_CHARS,
    MAX_ROWS,
    csv_field_limit,
    errors_text,
    too_large_message,
    too_long_message,
    too_many_rows_message,
)

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

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        super().__init__(errors_text(errors))


@dataclass(frozen=True)
class RawTable:
    file: str
    columns: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]  # (row number, text by column)
    number_format: NumberFormat = NumberFormat.PLAIN


def read_table(data: bytes, file: str) -> RawTable:
    """Parse `data` (the bytes of a CSV or XLSX file called `file` in messages)."""
    if len(data) > MAX_BYTES:
        raise InputErrors([InputError(file, None, None, too_large_message(len(data)))])
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
    with csv_field_limit(MAX_BYTES + 1):
        return _read_csv_rows(text, file, delimiter)


def _long_cells(file: str, number: int, row: dict[str, str]) -> list[InputError]:
    return [
        InputError(file, number, column, too_long_message(len(value)))
        for column, value in row.items()
        if len(value) > MAX_CELL_CHARS
    ]


def _read_csv_rows(text: str, file: str, delimiter: str) -> RawTable:
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
            if number - 1 > MAX_ROWS:
                raise InputErrors([InputError(file, number, None, too_many_rows_message())])
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
            row = {c: v.strip() for c, v in zip(columns, cells, strict=True)}
            long = _long_cells(file, number, row)
            errors.extend(long)
            if not long:
                rows.append((number, row))
    except csv.Error as exc:
        errors.append(InputError(file, number + 1, None, f"not readable as CSV: {exc}"))
    if errors:
        raise InputErrors(errors)
    return RawTable(file, columns, tuple(rows), format_for_delimiter(delimiter))


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(Decimal(repr(value)).normalize(), "f")
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
            if number - 1 > MAX_ROWS:
                raise InputErrors([InputError(label, number, None, too_many_rows_message())])
            cells = [_cell_text(v) for v in row]
            if not any(cells):
                continue
            if any(cells[len(columns) :]):
                errors.append(
                    InputError(label, number, None, "a cell to the right of the last column")
                )
                continue
            cells = (cells + [""] * len(columns))[: len(columns)]
            cells_by_column = dict(zip(columns, cells, strict=True))
            long = _long_cells(label, number, cells_by_column)
            errors.extend(long)
            if not long:
                rows.append((number, cells_by_column))
        if errors:
            raise InputErrors(errors)
        return RawTable(label, columns, tuple(rows), NumberFormat.PLAIN)
    finally:
        workbook.close()
