"""Read a table from CSV or XLSX for imports, with the dialects Danish users send: comma or
semicolon separated, decimal point or decimal comma, UTF-8 with or without BOM.

Every problem is reported as `TableError`s naming the file, the row (as a spreadsheet shows it:
the header is row 1) and the column, so an import can list them all and write nothing."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class TableError:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message}"


class TableErrors(Exception):
    def __init__(self, errors: list[TableError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class Table:
    file: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (spreadsheet row number, cells by column)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(path: str | Path, *, name: str | None = None) -> Table:
    path = Path(path)
    label = name or path.name
    if not path.exists():
        raise TableErrors([TableError(label, None, None, "file not found")])
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _read_xlsx(path, label)
    return _read_csv(path.read_bytes(), label)


def _read_csv(data: bytes, label: str) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableErrors(
            [TableError(label, None, None, f"not UTF-8 text (byte {exc.start}); save as UTF-8")]
        ) from None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise TableErrors([TableError(label, 1, None, "the header row is missing")])
    header = lines[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows_iter = iter(reader)
    columns = [c.strip().lower() for c in next(rows_iter)]
    rows: list[tuple[int, dict[str, str]]] = []
    errors: list[TableError] = []
    for number, cells in enumerate(rows_iter, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(columns):
            errors.append(
                TableError(
                    label, number, None, f"{len(cells)} cells but the header has {len(columns)}"
                )
            )
            continue
        cells = cells + [""] * (len(columns) - len(cells))
        rows.append((number, {c: v.strip() for c, v in zip(columns, cells, strict=True)}))
    if errors:
        raise TableErrors(errors)
    return Table(label, columns, rows)


def _read_xlsx(path: Path, label: str) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise TableErrors(
            [TableError(label, None, None, f"not a readable XLSX file: {exc}")]
        ) from None
    sheet = workbook.worksheets[0]
    label = f"{label} (sheet {sheet.title})"
    rows_iter = sheet.iter_rows(values_only=True)
    try:
        header = next(rows_iter)
    except StopIteration:
        raise TableErrors([TableError(label, 1, None, "the header row is missing")]) from None
    columns = [_cell_text(c).lower() for c in header]
    while columns and not columns[-1]:
        columns.pop()
    rows: list[tuple[int, dict[str, str]]] = []
    for number, values in enumerate(rows_iter, start=2):
        cells = [_cell_text(v) for v in values[: len(columns)]]
        if not any(cells):
            continue
        cells += [""] * (len(columns) - len(cells))
        rows.append((number, dict(zip(columns, cells, strict=True))))
    workbook.close()
    return Table(label, columns, rows)


def parse_decimal(text: str) -> Decimal:
    """'1234.5', '1234,5', '1.234,5' and '1,234.5' are all 1234.5. Raises ValueError."""
    value = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in value and "." in value:
        if value.rfind(",") > value.rfind("."):
            value = value.replace(".", "").replace(",", ".")
        else:
            value = value.replace(",", "")
    else:
        value = value.replace(",", ".")
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number") from None
    if not result.is_finite():
        raise ValueError(f"{text!r} is not a number")
    return result


def parse_int(text: str) -> int:
    number = parse_decimal(text)
    if number != number.to_integral_value():
        raise ValueError(f"{text!r} is not a whole number")
    return int(number)
