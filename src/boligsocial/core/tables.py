"""Read a table from CSV or XLSX: the one reader of every import (`criteria classify`,
`criteria compute --areas`, `lists import`, `indicators import`). No Django imports, so the pure
`criteria` package uses it too (docs/decisions/0016).

CSV: comma or semicolon separated (told apart by the header row), UTF-8 with or without BOM.
XLSX: the first sheet, recognised by its content, not its name, so stdin works too. The
separator decides the number format (`core.numbers`, docs/decisions/0011): a semicolon file is
Danish (1.234,5), a comma file English (1,234.5), an XLSX plain.

Every problem is a `TableError` naming the file, the row (as a spreadsheet shows it: the header
is row 1) and the column, so an import can list them all and write nothing. A column named
twice, a cell right of the last column and (with `check_columns`) a column the import does not
know are errors, not silently dropped values. A file is read only up to the limits below
(docs/decisions/0011): past them the import is refused with one message."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from boligsocial.core.numbers import (
    NumberFormat,
    format_for_delimiter,
    parse_number,
    parse_whole,
    quoted,
)

MAX_BYTES = 50 * 1024 * 1024  # a file larger than 50 MiB is refused before it is read
MAX_ROWS = 250_000  # data rows; a national list of 600 areas × 30 figures × 10 years fits
MAX_CELL_CHARS = 131_072  # characters in one cell (Python's csv default field limit)
ERROR_LIMIT = 50  # problems printed; the rest are counted
XLSX_MAGIC = b"PK\x03\x04"


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
        if self.column is not None:
            where.append(f"column {quoted(self.column)}")
        return f"{', '.join(where)}: {self.message}"


def errors_text(errors: list[Any], limit: int = ERROR_LIMIT) -> str:
    """The first `limit` problems, one a line, and a count of the rest."""
    shown = [str(e) for e in errors[:limit]]
    if len(errors) > limit:
        shown.append(f"... and {len(errors) - limit} more problems")
    return "\n".join(shown)


class TableErrors(Exception):
    """Every problem found in an input; nothing is written when this is raised."""

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
    columns: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]  # (spreadsheet row number, cells by column)
    number_format: NumberFormat = NumberFormat.PLAIN

    def number(self, text: str) -> Decimal:
        """`text` read in this file's number format; ValueError with a message otherwise."""
        return parse_number(text, self.number_format)

    def whole(self, text: str) -> int:
        return parse_whole(text, self.number_format)


def check_columns(table: Table, *, known: Iterable[str], required: Iterable[str] = ()) -> None:
    """Raise `TableErrors` for every required column the header lacks and every column the
    import does not know (a misspelt `pct_outside_labor` would otherwise be ignored without a
    word)."""
    known = set(known)
    errors = [
        TableError(table.file, 1, c, "required column is missing")
        for c in required
        if c not in table.columns
    ]
    errors += [
        TableError(table.file, 1, c, "unknown column; the columns are " + ", ".join(sorted(known)))
        for c in table.columns
        if c and c not in known
    ]
    if errors:
        raise TableErrors(errors)


def read_table(path: str | Path, *, name: str | None = None) -> Table:
    """The table in the file at `path`, called `name` (default: the file's name) in messages."""
    path = Path(path)
    label = name or path.name
    if not path.is_file():
        raise TableErrors([TableError(label, None, None, "file not found")])
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise TableErrors([TableError(label, None, None, too_large_message(size))])
    return read_table_data(path.read_bytes(), label)


def read_table_data(data: bytes, file: str) -> Table:
    """Parse `data` (the bytes of a CSV or XLSX file called `file` in messages)."""
    if len(data) > MAX_BYTES:
        raise TableErrors([TableError(file, None, None, too_large_message(len(data)))])
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data, file)
    return _read_csv(data, file)


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


def _check_header(columns: list[str], file: str) -> tuple[str, ...]:
    """A header names each column once: a second column of the same name would silently
    replace the first one's values."""
    errors = []
    if not any(columns):
        errors.append(TableError(file, 1, None, "the header row is empty"))
    seen: set[str] = set()
    for column in columns:
        if column and column in seen:
            errors.append(TableError(file, 1, column, "the column appears twice in the header"))
        seen.add(column)
    if errors:
        raise TableErrors(errors)
    return tuple(columns)


def _long_cells(file: str, number: int, row: dict[str, str]) -> list[TableError]:
    return [
        TableError(file, number, column, too_long_message(len(value)))
        for column, value in row.items()
        if len(value) > MAX_CELL_CHARS
    ]


def _read_csv(data: bytes, file: str) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableErrors(
            [TableError(file, None, None, f"not UTF-8 text (byte {exc.start}); save it as UTF-8")]
        ) from None
    header_line = text.split("\n", 1)[0]
    if not header_line.strip():
        raise TableErrors([TableError(file, 1, None, "the header row is missing")])
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    with csv_field_limit(MAX_BYTES + 1):
        return _read_csv_rows(text, file, delimiter)


def _read_csv_rows(text: str, file: str, delimiter: str) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise TableErrors([TableError(file, 1, None, f"not readable as CSV: {exc}")]) from None
    columns = _check_header([c.strip().lower() for c in header], file)
    rows: list[tuple[int, dict[str, str]]] = []
    errors: list[TableError] = []
    number = 1
    try:
        for cells in reader:
            number += 1
            if number - 1 > MAX_ROWS:
                raise TableErrors([TableError(file, number, None, too_many_rows_message())])
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(columns):
                plural = "" if len(columns) == 1 else "s"
                message = f"{len(cells)} cells, but the header has {len(columns)} column{plural}"
                errors.append(TableError(file, number, None, message))
                continue
            cells = cells + [""] * (len(columns) - len(cells))
            row = {c: v.strip() for c, v in zip(columns, cells, strict=True)}
            long = _long_cells(file, number, row)
            errors.extend(long)
            if not long:
                rows.append((number, row))
    except csv.Error as exc:
        errors.append(TableError(file, number + 1, None, f"not readable as CSV: {exc}"))
    if errors:
        raise TableErrors(errors)
    return Table(file, columns, tuple(rows), format_for_delimiter(delimiter))


def _cell_text(value: Any) -> str:
    """An XLSX cell as text; a number cell as plain digits (never an exponent), so `1e30` is
    read as the huge number it is and refused by the range check, not the format check."""
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


def _read_xlsx(data: bytes, file: str) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of error for a broken file
        raise TableErrors(
            [TableError(file, None, None, f"not a readable XLSX file: {exc}")]
        ) from None
    try:
        sheet = workbook.worksheets[0]
        label = f"{file} (sheet {sheet.title})"
        values = sheet.iter_rows(values_only=True)
        header = next(values, None)
        if header is None:
            raise TableErrors([TableError(label, 1, None, "the header row is missing")])
        names = [_cell_text(c).lower() for c in header]
        while names and not names[-1]:
            names.pop()
        columns = _check_header(names, label)
        rows: list[tuple[int, dict[str, str]]] = []
        errors: list[TableError] = []
        for number, row in enumerate(values, start=2):
            if number - 1 > MAX_ROWS:
                raise TableErrors([TableError(label, number, None, too_many_rows_message())])
            cells = [_cell_text(v) for v in row]
            if not any(cells):
                continue
            if any(cells[len(columns) :]):
                errors.append(
                    TableError(label, number, None, "a cell to the right of the last column")
                )
                continue
            cells = (cells + [""] * len(columns))[: len(columns)]
            cells_by_column = dict(zip(columns, cells, strict=True))
            long = _long_cells(label, number, cells_by_column)
            errors.extend(long)
            if not long:
                rows.append((number, cells_by_column))
        if errors:
            raise TableErrors(errors)
        return Table(label, columns, tuple(rows), NumberFormat.PLAIN)
    finally:
        workbook.close()
