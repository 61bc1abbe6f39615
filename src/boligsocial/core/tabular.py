"""Read a table from CSV or XLSX for imports, with the dialects Danish users send: comma or
semicolon separated, UTF-8 with or without BOM. The separator decides the number format
(`core.numbers`): a semicolon file is Danish (1.234,5), a comma file English (1,234.5).

Every problem is reported as `TableError`s naming the file, the row (as a spreadsheet shows it:
the header is row 1) and the column, so an import can list them all and write nothing. A file
is read only up to the limits below (docs/decisions/0011): past them the import is refused with
one message instead of reading (and reporting on) millions of rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from boligsocial.core.numbers import NumberFormat, format_for_delimiter, parse_number, parse_whole

MAX_BYTES = 50 * 1024 * 1024  # a file larger than 50 MiB is refused before it is read
MAX_ROWS = 250_000  # data rows; a national list of 600 areas × 30 figures × 10 years fits
MAX_CELL_CHARS = 131_072  # characters in one cell (Python's csv default field limit)
ERROR_LIMIT = 50  # problems printed; the rest are counted


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


def errors_text(errors: list[Any], limit: int = ERROR_LIMIT) -> str:
    """The first `limit` problems, one a line, and a count of the rest."""
    shown = [str(e) for e in errors[:limit]]
    if len(errors) > limit:
        shown.append(f"... and {len(errors) - limit} more problems")
    return "\n".join(shown)


class TableErrors(Exception):
    def __init__(self, errors: list[TableError]) -> None:
        super().__init__(errors_text(errors))
        self.errors = errors


def nothing_imported(exc: TableErrors) -> str:
    """What an import command prints: one problem on one line, or a count and the list."""
    if len(exc.errors) == 1:
        return f"{exc.errors[0]} (nothing was imported)"
    return f"Nothing was imported; {len(exc.errors)} problems:\n{exc}"


@dataclass(frozen=True)
class Table:
    file: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (spreadsheet row number, cells by column)
    number_format: NumberFormat = field(default=NumberFormat.PLAIN)

    def number(self, text: str) -> Decimal:
        """`text` read in this file's number format; ValueError with a message otherwise."""
        return parse_number(text, self.number_format)

    def whole(self, text: str) -> int:
        return parse_whole(text, self.number_format)


def _check_header(columns: list[str], label: str) -> list[str]:
    """A header names each column once (as `criteria classify` has always required): a second
    column of the same name would silently replace the first one's values."""
    errors = []
    if not any(columns):
        errors.append(TableError(label, 1, None, "the header row is empty"))
    seen: set[str] = set()
    for column in columns:
        if column and column in seen:
            errors.append(TableError(label, 1, column, "the column appears twice in the header"))
        seen.add(column)
    if errors:
        raise TableErrors(errors)
    return columns


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return _float_text(value)
    return str(value).strip()


def _float_text(value: float) -> str:
    """A number cell as plain digits (never an exponent), so `1e30` is read as the huge number
    it is and refused by the range check instead of by the format check."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format(Decimal(repr(value)).normalize(), "f")


def read_table(path: str | Path, *, name: str | None = None) -> Table:
    path = Path(path)
    label = name or path.name
    if not path.is_file():
        raise TableErrors([TableError(label, None, None, "file not found")])
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise TableErrors([TableError(label, None, None, too_large_message(size))])
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _read_xlsx(path, label)
    return _read_csv(path.read_bytes(), label)


def too_large_message(size: int) -> str:
    return (
        f"the file has {size:,} bytes; at most {MAX_BYTES:,} are read in one import: "
        "split it into smaller files"
    )


def too_many_rows_message() -> str:
    return f"more than {MAX_ROWS:,} rows; split the file into smaller files"


def too_long_message(length: int) -> str:
    return f"the cell has {length:,} characters; at most {MAX_CELL_CHARS:,} are allowed"


@contextmanager
def csv_field_limit(limit: int) -> Iterator[None]:
    """Let the csv module read a cell up to `limit` characters, so a long cell is reported by
    row and column (the module's own error names neither)."""
    old = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _read_csv(data: bytes, label: str) -> Table:
    if len(data) > MAX_BYTES:
        raise TableErrors([TableError(label, None, None, too_large_message(len(data)))])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableErrors(
            [TableError(label, None, None, f"not UTF-8 text (byte {exc.start}); save as UTF-8")]
        ) from None
    header = text.split("\n", 1)[0]
    if not header.strip():
        raise TableErrors([TableError(label, 1, None, "the header row is missing")])
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows: list[tuple[int, dict[str, str]]] = []
    errors: list[TableError] = []
    number = 1
    with csv_field_limit(MAX_BYTES + 1):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            columns = _check_header([c.strip().lower() for c in next(reader)], label)
            for cells in reader:
                number += 1
                if number - 1 > MAX_ROWS:
                    raise TableErrors([TableError(label, number, None, too_many_rows_message())])
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) > len(columns):
                    errors.append(
                        TableError(
                            label,
                            number,
                            None,
                            f"{len(cells)} cells but the header has {len(columns)}",
                        )
                    )
                    continue
                cells = cells + [""] * (len(columns) - len(cells))
                row = {c: v.strip() for c, v in zip(columns, cells, strict=True)}
                long = [(c, len(v)) for c, v in row.items() if len(v) > MAX_CELL_CHARS]
                errors.extend(TableError(label, number, c, too_long_message(n)) for c, n in long)
                if not long:
                    rows.append((number, row))
        except csv.Error as exc:
            errors.append(TableError(label, number + 1, None, f"not readable as CSV: {exc}"))
    if errors:
        raise TableErrors(errors)
    return Table(label, columns, rows, format_for_delimiter(delimiter))


def _read_xlsx(path: Path, label: str) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise TableErrors(
            [TableError(label, None, None, f"not a readable XLSX file: {exc}")]
        ) from None
    try:
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
        _check_header(columns, label)
        rows: list[tuple[int, dict[str, str]]] = []
        errors: list[TableError] = []
        for number, values in enumerate(rows_iter, start=2):
            if number - 1 > MAX_ROWS:
                raise TableErrors([TableError(label, number, None, too_many_rows_message())])
            cells = [_cell_text(v) for v in values]
            if not any(cells):
                continue
            if any(cells[len(columns) :]):
                errors.append(
                    TableError(label, number, None, "a cell to the right of the last column")
                )
                continue
            cells = cells[: len(columns)]
            cells += [""] * (len(columns) - len(cells))
            row = dict(zip(columns, cells, strict=True))
            long = [(c, len(v)) for c, v in row.items() if len(v) > MAX_CELL_CHARS]
            errors.extend(TableError(label, number, c, too_long_message(n)) for c, n in long)
            if not long:
                rows.append((number, row))
        if errors:
            raise TableErrors(errors)
        return Table(label, columns, rows, NumberFormat.PLAIN)
    finally:
        workbook.close()
