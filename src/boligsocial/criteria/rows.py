"""The rows of a table in the criteria format (area, municipality, year, residents, the figure
fields, `official_*` flags), checked cell by cell by one function for every command that reads
the format: `criteria classify` and `lists import` give the same verdict on the same cells
(docs/decisions/0016). No Django imports.

What each command adds is what only it needs: `classify` needs the residents and every figure
its rule set reads (it classifies the row); `lists import` needs a municipality it knows, an
area name it can store and figures with at most 4 decimals (it stores them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from boligsocial.core.numbers import FIGURE_LIMIT, count_problem, figure_problem, quoted
from boligsocial.core.tables import Table, TableError, check_columns
from boligsocial.criteria.rules import (
    DESIGNATION_KEYS,
    DESIGNATION_LABELS,
    FIGURE_FIELDS,
    FIGURE_MAXIMA,
    PERCENT_FIELDS,
    DesignationKey,
    FigureField,
    NoRuleSetError,
    RuleSet,
    get_rule_set,
    rule_set_for_year,
)

AREA_COLUMNS = ("area", "municipality", "year")
FIGURE_COLUMNS: tuple[str, ...] = ("residents", *FIGURE_FIELDS)
OFFICIAL_COLUMNS: dict[DesignationKey, str] = {k: f"official_{k}" for k in DESIGNATION_KEYS}
KNOWN_COLUMNS: tuple[str, ...] = AREA_COLUMNS + FIGURE_COLUMNS + tuple(OFFICIAL_COLUMNS.values())
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class AreaRow:
    """One good row: the cells given, read (an empty cell is absent)."""

    number: int
    area: str
    municipality: str
    year: int
    rule_set: RuleSet
    residents: int | None
    figures: Mapping[FigureField, Decimal]
    official: Mapping[DesignationKey, bool]
    cells: Mapping[str, str]


def flag(text: str) -> bool:
    if text in {"1", "1.0", "1,0"}:
        return True
    if text in {"0", "0.0", "0,0"}:
        return False
    raise ValueError(f"{quoted(text)} is not 1 (on the list) or 0 (left it)")


def _figure(table: Table, name: str, text: str) -> Decimal:
    value = table.number(text)
    if abs(value) >= FIGURE_LIMIT:
        raise ValueError(figure_problem(value))
    if name in PERCENT_FIELDS and not (0 <= value <= 100):
        raise ValueError(f"{text} is a percentage outside 0–100")
    if value < 0:
        raise ValueError(f"{text} is negative")
    if name in FIGURE_MAXIMA and value > FIGURE_MAXIMA[name]:
        raise ValueError(f"{text} is implausible (at most {FIGURE_MAXIMA[name]})")
    return value


def read_area_rows(
    table: Table, *, required: tuple[str, ...] = AREA_COLUMNS, rules: str | None = None
) -> tuple[list[AreaRow], list[TableError]]:
    """Every good row of `table`, and every problem of the others. Raises `TableErrors` when a
    required column is missing or a column is not one of the format's. `rules` forces a rule
    set for every row instead of the one in force in its year."""
    check_columns(table, known=KNOWN_COLUMNS, required=required)
    file = table.file
    forced = get_rule_set(rules) if rules else None
    good: list[AreaRow] = []
    errors: list[TableError] = []
    seen: dict[tuple[str, str, int], int] = {}
    for number, cells in table.rows:
        row_errors: list[TableError] = []

        def problem(
            column: str, message: str, n: int = number, out: list[TableError] = row_errors
        ) -> None:
            out.append(TableError(file, n, column, message))

        area, municipality = cells["area"], cells["municipality"]
        if not area:
            problem("area", "empty")
        if not municipality:
            problem("municipality", "empty")
        year: int | None = None
        rule_set = forced
        try:
            year = table.whole(cells["year"])
        except ValueError as exc:
            problem("year", str(exc) if cells["year"] else "empty")
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            problem("year", f"{year} is not a plausible year")
            year = None
        if year is not None and forced is None:
            try:
                rule_set = rule_set_for_year(year)
            except NoRuleSetError as exc:
                problem("year", str(exc))
        residents: int | None = None
        if cells.get("residents"):
            try:
                residents = table.whole(cells["residents"])
            except ValueError as exc:
                problem("residents", str(exc))
            else:
                if residents < 0:
                    problem("residents", f"{residents} is negative")
                elif count_problem(residents):
                    problem("residents", f"{count_problem(residents)}")
        figures: dict[FigureField, Decimal] = {}
        for name in FIGURE_FIELDS:
            text = cells.get(name, "")
            if text:
                try:
                    figures[name] = _figure(table, name, text)
                except ValueError as exc:
                    problem(name, str(exc))
        official: dict[DesignationKey, bool] = {}
        for key, column in OFFICIAL_COLUMNS.items():
            text = cells.get(column, "")
            if not text:
                continue
            try:
                official[key] = flag(text)
            except ValueError as exc:
                problem(column, str(exc))
                continue
            if rule_set is not None and rule_set.designation(key) is None:
                label = DESIGNATION_LABELS[key]
                problem(column, f"rule set {rule_set.code} has no {label} to compare with")
        if year is not None and area and municipality:
            key3 = (area.lower(), municipality.lower(), year)
            if key3 in seen:
                problem(
                    "area/municipality/year",
                    f"duplicate row: {area} ({municipality}) {year} is also in row {seen[key3]}",
                )
            else:
                seen[key3] = number
        errors.extend(row_errors)
        if not row_errors and year is not None and rule_set is not None:
            row = AreaRow(
                number, area, municipality, year, rule_set, residents, figures, official, cells
            )
            good.append(row)
    return good, errors


def in_row_order(errors: list[TableError]) -> list[TableError]:
    """Problems by row (the header's first), each row's in the order they were found."""
    return sorted(errors, key=lambda e: e.row or 0)
