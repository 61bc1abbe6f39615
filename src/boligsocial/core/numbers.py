"""Numbers typed into import files, read by one rule (docs/decisions/0011). No Django imports.

The file's separator decides the number format, so a value never means two things:

- a semicolon-separated file is Danish: decimal comma, dot (or space) between thousands:
  ``1.234,5``, ``1234,5``, ``2.000`` (two thousand);
- a comma-separated file is English: decimal point, comma (or space) between thousands:
  ``1,234.5`` (quoted), ``1234.5``, ``2.000`` (two);
- an XLSX number cell is a number already; a text cell must be a plain ``1234.5``.

A thousands separator stands between groups of exactly three digits, so ``2.5`` in a Danish file
or ``2,5`` in an English one is an error (it would mean 25 or 2.5 depending on who wrote it),
never a guess. Exponents (``1e30``), ``nan`` and ``inf`` are not numbers here. A whole number
(a count, a year) has no decimal mark at all: ``2.000`` in an English file is not silently 2."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from enum import Enum

# Figures are stored in a DecimalField(max_digits=16, decimal_places=4). SQLite keeps them as
# floating point and Django reads them back with 15 significant digits, so a figure must stay
# below 10**11 to be read back exactly on every supported database. Counts are stored in
# PositiveIntegerFields, whose range on every supported database ends at COUNT_MAX.
FIGURE_LIMIT = Decimal(10) ** 11
FIGURE_DECIMALS = 4
COUNT_MAX = 2_147_483_647
ID_MAX = 2**63 - 1  # a BigAutoField's range

_SPACES = (" ", "\u00a0", "\u202f")


class NumberFormat(Enum):
    DANISH = (",", ".")  # (decimal mark, thousands separator)
    ENGLISH = (".", ",")
    PLAIN = (".", None)  # XLSX text cells and numbers written by the program itself

    @property
    def decimal_mark(self) -> str:
        return self.value[0]

    @property
    def thousands(self) -> str | None:
        return self.value[1]

    @property
    def example(self) -> str:
        return {
            NumberFormat.DANISH: "1234,5 or 1.234,5 (a semicolon-separated file has a "
            "decimal comma)",
            NumberFormat.ENGLISH: "1234.5 or 1,234.5 (a comma-separated file has a decimal point)",
            NumberFormat.PLAIN: "1234.5 (or make it a number cell)",
        }[self]


QUOTED_CHARS = 40


def quoted(text: str | None) -> str:
    """`text` in quotes for a message, cut after QUOTED_CHARS characters: a problem with a
    100,000-character cell is still reported on one short line."""
    text = text or ""
    if len(text) > QUOTED_CHARS:
        return repr(text[:QUOTED_CHARS] + "…")
    return repr(text)


def format_for_delimiter(delimiter: str) -> NumberFormat:
    return NumberFormat.DANISH if delimiter == ";" else NumberFormat.ENGLISH


def _pattern(fmt: NumberFormat) -> re.Pattern[str]:
    decimal = re.escape(fmt.decimal_mark)
    if fmt.thousands is None:
        integer = r"\d+"
    else:
        integer = rf"(?:\d{{1,3}}(?:{re.escape(fmt.thousands)}\d{{3}})+|\d+)"
    return re.compile(rf"[-+]?(?:{integer}(?:{decimal}\d+)?|{decimal}\d+)")


_PATTERNS = {fmt: _pattern(fmt) for fmt in NumberFormat}
_NUMBERISH = re.compile(r"[-+]?[\d.,]+")


def parse_number(text: str, fmt: NumberFormat) -> Decimal:
    """The number `text` means in format `fmt`. Raises ValueError with a message for the user."""
    value = text.strip()
    if fmt.thousands is not None:
        for space in _SPACES:
            value = value.replace(space, fmt.thousands)
    if not _PATTERNS[fmt].fullmatch(value):
        if _NUMBERISH.fullmatch(value):
            raise ValueError(
                f"{quoted(text)} is not a number in this file's format: write {fmt.example}"
            )
        raise ValueError(f"{quoted(text)} is not a number")
    if fmt.thousands is not None:
        value = value.replace(fmt.thousands, "")
    value = value.replace(fmt.decimal_mark, ".")
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise ValueError(f"{quoted(text)} is not a number") from None


def parse_whole(text: str, fmt: NumberFormat) -> int:
    """A whole number: no decimal mark at all (``1.907`` in an English file is an error, not
    1.907 or 1907)."""
    number = parse_number(text, fmt)
    if fmt.decimal_mark in text:
        raise ValueError(f"{quoted(text)} is not a whole number")
    return int(number)


def figure_problem(value: Decimal) -> str | None:
    """Why `value` cannot be stored as a figure, or None."""
    if abs(value) >= FIGURE_LIMIT:
        return f"{format(value, 'f')} is too large (a figure is below 100,000,000,000)"
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > FIGURE_DECIMALS:
        return f"{format(value, 'f')} has more than {FIGURE_DECIMALS} decimals"
    return None


def count_problem(value: int) -> str | None:
    """Why `value` cannot be stored as a count of persons, dwellings and the like, or None."""
    if value < 0:
        return "must not be negative"
    if value > COUNT_MAX:
        return f"{value} is too large (at most {COUNT_MAX:,})"
    return None
