"""A draft budget in a spreadsheet, checked against a fund round's co-financing rule before
anything is entered (`boligsocial budget check FILE --round CODE`, issue 10,
docs/decisions/0027).

The file is read by the project's one reader (`core.tables`): CSV (comma or semicolon) or XLSX,
with the columns `year, category, focus_area, source_kind, source, amount` and an optional
`in_kind` (1/0). Every problem is a `TableError` naming the row and the column, all of them at
once. No database: the caller gives the round's rules, the categories and the focus areas.

Amounts (`parse_amount`): a semicolon file is Danish (`1.234,50`), a comma file English
(`1,234.50`), an XLSX number cell a number. A text cell of an XLSX sheet is read as Danish
when it is not a plain number (`1.234,50`, `1234,5`); a text that means two amounts
(`1.234`: 1,234 kroner or 1.234 kroner?) is an error, never a guess."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.utils.translation import gettext as _

from boligsocial.budgets.rules import AMOUNT_MAX, BudgetCheck, LineFacts, budget_check
from boligsocial.core.numbers import NumberFormat, parse_number, quoted
from boligsocial.core.tables import Table, TableError, TableErrors, check_columns, read_table
from boligsocial.funding.rules import ORE, RoundRules

REQUIRED = ("year", "category", "focus_area", "source_kind", "source", "amount")
OPTIONAL = ("in_kind",)
SOURCE_KINDS = ("lbf", "municipality", "housing_organisation", "afdeling", "foundation", "other")
YEAR_MIN, YEAR_MAX = 1900, 2999
TEXT_MAX = 200
# The words of an empty focus area: the line is shared, across the plan's focus areas.
SHARED_FOCUS = ("", "fælles", "faelles", "shared")
IN_KIND = {"": False, "0": False, "1": True}
# A number cell's value from a calculation (0.1 + 0.2) can be a hair off the øre.
FLOAT_NOISE = Decimal("0.000001")
SHARE_PLACES = Decimal("0.0001")
# Digits with at most two decimals after a point: one meaning only (1.234 has three).
_PLAIN_ORE = re.compile(r"\d+(?:\.\d{1,2})?")
OUTPUT_COLUMNS = ("period", "total", "lbf_amount", "local_amount", "lbf_share", "local_share", "ok")


@dataclass(frozen=True)
class Category:
    """A budget category as the check needs it: its code and the years it is valid."""

    code: str
    first_year: int
    last_year: int | None = None

    def valid_in(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


@dataclass(frozen=True)
class FileLine:
    row: int
    year: int
    category: str
    focus_area: str
    source_kind: str
    source: str
    in_kind: bool
    amount: Decimal

    @property
    def facts(self) -> LineFacts:
        return LineFacts(self.year, self.source_kind, self.in_kind, self.amount)


def _too_many_decimals(value: Decimal) -> bool:
    exponent = value.as_tuple().exponent
    return isinstance(exponent, int) and exponent < -2 and value != value.quantize(ORE)


def _spreadsheet_amount(text: str) -> Decimal:
    """An XLSX cell: a number cell (plain digits) or a text, read as Danish when not plain."""
    if _PLAIN_ORE.fullmatch(text):  # a number cell's usual value: nothing to tell apart
        return Decimal(text)
    try:
        plain: Decimal | None = parse_number(text, NumberFormat.PLAIN)
    except ValueError:
        plain = None
    try:
        danish: Decimal | None = parse_number(text, NumberFormat.DANISH)
    except ValueError:
        danish = None
    if plain is not None and danish is not None and plain != danish:
        raise ValueError(
            _(
                "%(text)s is ambiguous (%(plain)s or %(danish)s kr.): make it a number cell, "
                "or write the øre after a decimal comma (1.234,00)"
            )
            % {"text": quoted(text), "plain": format(plain, "f"), "danish": format(danish, "f")}
        )
    if plain is not None:
        if _too_many_decimals(plain) and abs(plain - plain.quantize(ORE)) < FLOAT_NOISE:
            return plain.quantize(ORE, ROUND_HALF_UP)  # a calculation's binary fraction
        return plain
    if danish is not None:
        mark, _sep, decimals = text.strip().partition(",")
        if "." not in mark and len(decimals) == 3:
            raise ValueError(
                _(
                    "%(text)s is ambiguous (%(danish)s kr. with a decimal comma, %(whole)s kr. "
                    "with a thousands comma): make it a number cell, or write it without the "
                    "comma"
                )
                % {"text": quoted(text), "danish": format(danish, "f"), "whole": mark + decimals}
            )
        return danish
    if any(c.isdigit() for c in text):
        raise ValueError(
            _(
                "%(text)s is not a number: make it a number cell, or write 1234,50 or 1.234,50 "
                "(decimal comma)"
            )
            % {"text": quoted(text)}
        )
    raise ValueError(_("%(text)s is not a number") % {"text": quoted(text)})


def parse_amount(text: str, number_format: NumberFormat) -> Decimal:
    """An amount in kroner from a cell of a file in `number_format` (XLSX: PLAIN): at least 0,
    at most 999.999.999,99, to the øre. ValueError with a message for the user otherwise (in
    the active language; a CSV file's number format problems in `core.numbers`' English)."""
    if not text.strip():
        raise ValueError(_("an amount is required"))
    if number_format is NumberFormat.PLAIN:
        value = _spreadsheet_amount(text)
    else:
        value = parse_number(text, number_format)
    if value < 0:
        raise ValueError(_("%(text)s is negative; an amount is 0 or more") % {"text": quoted(text)})
    if value > AMOUNT_MAX:
        raise ValueError(
            _("%(text)s is more than the largest amount, 999.999.999,99 kr.")
            % {"text": quoted(text)}
        )
    if _too_many_decimals(value):
        raise ValueError(
            _("%(text)s has more than two decimals (an amount is to the øre)")
            % {"text": quoted(text)}
        )
    return value.quantize(ORE)


def parse_year(text: str, table: Table) -> int:
    if not text.strip():
        raise ValueError("a year is required")
    year = table.whole(text)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError(f"{quoted(text)} is not a year ({YEAR_MIN}–{YEAR_MAX})")
    return year


def category_lookup(categories: Iterable[tuple[Category, Iterable[str]]]) -> dict[str, Category]:
    """Each category by its code and its names, in lower case (`Løn`, `salaries`)."""
    found: dict[str, Category] = {}
    for category, names in categories:
        for name in (category.code, *names):
            if name.strip():
                found[name.strip().lower()] = category
    return found


def _line(
    table: Table,
    row: int,
    cells: dict[str, str],
    categories: Mapping[str, Category],
    focus_areas: Collection[str],
) -> tuple[FileLine | None, list[TableError]]:
    errors: list[TableError] = []

    def problem(column: str, message: str) -> None:
        errors.append(TableError(table.file, row, column, message))

    year = amount = None
    try:
        year = parse_year(cells["year"], table)
    except ValueError as exc:
        problem("year", str(exc))
    try:
        amount = parse_amount(cells["amount"], table.number_format)
    except ValueError as exc:
        problem("amount", str(exc))
    kind = cells["source_kind"].strip().lower()
    if kind not in SOURCE_KINDS:
        what = f"{quoted(cells['source_kind'])} is not a source kind" if kind else "required"
        problem("source_kind", f"{what}; the kinds are {', '.join(SOURCE_KINDS)}")
    category = categories.get(cells["category"].strip().lower())
    if category is None:
        codes = sorted({c.code for c in categories.values()})
        what = f"{quoted(cells['category'])} is not a category" if cells["category"] else "required"
        problem("category", f"{what}; the categories are {', '.join(codes)}")
    elif year is not None and not category.valid_in(year):
        problem("category", f"{quoted(cells['category'])} is not a category in {year}")
    focus = cells["focus_area"].strip()
    if focus.lower() not in SHARED_FOCUS and focus_areas and focus.lower() not in focus_areas:
        problem(
            "focus_area",
            f"{quoted(focus)} is not a focus area of the round (empty: across focus areas)",
        )
    if len(cells["source"]) > TEXT_MAX:
        problem("source", f"at most {TEXT_MAX} characters")
    in_kind = IN_KIND.get(cells.get("in_kind", "").strip())
    if in_kind is None:
        problem("in_kind", f"{quoted(cells.get('in_kind'))}: write 1 (in kind) or 0 (money)")
    if errors or year is None or amount is None or category is None or in_kind is None:
        return None, errors
    line = FileLine(
        row=row,
        year=year,
        category=category.code,
        focus_area="" if focus.lower() in SHARED_FOCUS else focus,
        source_kind=kind,
        source=cells["source"].strip(),
        in_kind=in_kind,
        amount=amount,
    )
    return line, []


def read_budget_file(
    path: str | Path,
    *,
    categories: Mapping[str, Category],
    focus_areas: Collection[str] = (),
    name: str | None = None,
) -> list[FileLine]:
    """The budget lines of the file at `path`; `TableErrors` with every problem otherwise.
    `categories` by code and name in lower case (`category_lookup`); `focus_areas` the round's
    names in lower case (none: any focus area is accepted)."""
    table = read_table(path, name=name)
    check_columns(table, known=REQUIRED + OPTIONAL, required=REQUIRED)
    focus = {f.strip().lower() for f in focus_areas}
    lines: list[FileLine] = []
    errors: list[TableError] = []
    for row, cells in table.rows:
        line, problems = _line(table, row, cells, categories, focus)
        errors += problems
        if line is not None:
            lines.append(line)
    if not table.rows:
        errors.append(TableError(table.file, 2, None, "no budget lines below the header"))
    if errors:
        raise TableErrors(errors)
    return lines


def check_lines(
    lines: Iterable[FileLine], rules: RoundRules, in_kind_counts: bool | None
) -> BudgetCheck:
    return budget_check([line.facts for line in lines], rules, in_kind_counts)


def _share(value: Decimal) -> str:
    return str(value.quantize(SHARE_PLACES, ROUND_HALF_UP))


def result_rows(check: BudgetCheck) -> list[tuple[str, ...]]:
    """The output table: one row per year, then `total` for the whole period."""
    rows: list[tuple[str, ...]] = [OUTPUT_COLUMNS]
    for period, share in [*((str(y), c) for y, c in sorted(check.years.items())),
                          ("total", check.period)]:  # fmt: skip
        rows.append(
            (
                period,
                f"{share.total:.2f}",
                f"{share.lbf_amount:.2f}",
                f"{share.local_amount:.2f}",
                _share(share.lbf_share),
                _share(share.local_share),
                "1" if share.ok else "0",
            )
        )
    return rows


def result_csv(check: BudgetCheck) -> str:
    return "".join(",".join(row) + "\n" for row in result_rows(check))
