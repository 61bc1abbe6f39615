"""Compute every area's criterion figures for a list year from person-level register data.

`counting.count_persons` reads the persons with DuckDB in one streaming pass into a few thousand
counts per (year, area id, region). Here those counts become figures with exact rational
arithmetic (`fractions.Fraction`), so a share that is exactly 40 % is written as exactly 40 and
is not "over 40 %". The result is the input of `classify` (area, municipality, year, residents
and the six figures). No Django imports.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import duckdb

from boligsocial.core.tables import TableError, TableErrors
from boligsocial.criteria.batch import INPUT_COLUMNS
from boligsocial.criteria.counting import (
    AREA_COLUMNS,
    CHECKS,
    connect,
    count_persons,
    duckdb_message,
)
from boligsocial.criteria.rules import FIGURE_FIELDS, RULE_SETS, FigureField, RuleSet

# The thresholds of every rule set: a figure is rounded for output only as far as it stays on
# the same side of each of them.
THRESHOLDS: frozenset[Fraction] = frozenset(
    Fraction(c.threshold) for r in RULE_SETS for g in r.groups for c in g.criteria
)
_THRESHOLD_FLOATS = tuple(float(t) for t in THRESHOLDS)


@dataclass
class Counts:
    residents: int = 0
    n_18_64: int = 0
    n_outside: int = 0
    n_adults: int = 0
    n_convicted: int = 0
    n_non_western: int = 0
    n_30_59: int = 0
    n_basic: int = 0
    n_income: int = 0
    sum_income: int | Fraction = 0

    def add(self, other: Mapping[str, Any]) -> None:
        for name in COUNT_FIELDS:
            value = other[name] or 0
            if type(value) is not int:  # a DOUBLE or DECIMAL income sum
                value = Fraction(value)
            setattr(self, name, getattr(self, name) + value)


COUNT_FIELDS = tuple(Counts.__dataclass_fields__)


@dataclass(frozen=True)
class AreaName:
    area: str
    municipality: str


@dataclass
class Aggregate:
    """The counts of one pass: per (year, area id), per (year, region), per year, and the
    residents of each area by region (to place the area in its region)."""

    areas: dict[tuple[int, str], Counts] = field(default_factory=lambda: defaultdict(Counts))
    regions: dict[tuple[int, int], Counts] = field(default_factory=lambda: defaultdict(Counts))
    nation: dict[int, Counts] = field(default_factory=lambda: defaultdict(Counts))
    area_regions: dict[tuple[int, str], dict[int, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]]) -> Aggregate:
        """`rows` are the per (year, area_id, region) counts, area_id None outside areas."""
        aggregate = cls()
        for row in rows:
            year, region = int(row["year"]), int(row["region"])
            aggregate.nation[year].add(row)
            aggregate.regions[(year, region)].add(row)
            if row["area_id"] is not None:
                key = (year, str(row["area_id"]))
                aggregate.areas[key].add(row)
                aggregate.area_regions[key][region] += int(row["residents"])
        return aggregate


# A figure on its way: (numerator, denominator), denominator > 0. Kept as a pair of integers
# (or Fractions, for a decimal income sum) and made a Fraction once, at the end: exact, and
# without a gcd at every step.
Ratio = tuple[Any, Any]


def _share(counts: Counts | None, part: str, whole: str) -> Ratio | None:
    """`part` as a percentage of `whole` (None when there is no one in `whole`)."""
    if counts is None:
        return None
    denominator = getattr(counts, whole)
    return None if denominator == 0 else (100 * getattr(counts, part), denominator)


def _mean(values: Sequence[Ratio | None]) -> Ratio | None:
    known = [v for v in values if v is not None]
    if not known:
        return None
    numerator, denominator = known[0]
    for n, d in known[1:]:
        numerator, denominator = numerator * d + n * denominator, denominator * d
    return numerator, denominator * len(known)


def _fraction(value: Ratio | None) -> Fraction | None:
    return None if value is None else Fraction(value[0], value[1])


def _round_half_even(value: Fraction, digits: int) -> int:
    """`value` × 10^digits rounded to an integer, half to even."""
    quotient, remainder = divmod(value.numerator * 10**digits, value.denominator)
    twice = 2 * remainder
    if twice > value.denominator or (twice == value.denominator and quotient % 2):
        quotient += 1
    return quotient


def figure_text(value: Fraction | None, places: int = 6) -> str:
    """`value` with `places` decimals (trailing zeros dropped), or more decimals when rounding
    would move it onto or across a rule-set threshold."""
    if value is None:
        return ""
    digits = places
    # Rounding moves a figure by at most half a unit of the last decimal; only a figure that
    # close to a threshold needs the exact check (the float test is a cheap, generous filter).
    approximate = float(value)
    near = any(abs(approximate - t) < 1e-3 for t in _THRESHOLD_FLOATS)
    while True:
        scaled = _round_half_even(value, digits)
        if not near:
            break
        rounded = Fraction(scaled, 10**digits)
        if rounded == value or all(
            (rounded > t) == (value > t) and (rounded == t) == (value == t) for t in THRESHOLDS
        ):
            break
        digits += 1
    whole, fraction = divmod(abs(scaled), 10**digits)
    text = f"{whole}.{fraction:0{digits}d}".rstrip("0").rstrip(".")
    return f"-{text}" if scaled < 0 else text


@dataclass(frozen=True)
class AreaFigureRow:
    area: str
    municipality: str
    year: int
    residents: int
    figures: Mapping[FigureField, Fraction | None]

    def as_csv_row(self) -> list[str]:
        return [
            self.area,
            self.municipality,
            str(self.year),
            str(self.residents),
            *(figure_text(self.figures[f]) for f in FIGURE_FIELDS),
        ]


def figures_from_aggregate(
    aggregate: Aggregate,
    *,
    year: int,
    rule_set: RuleSet,
    names: Mapping[str, AreaName],
) -> list[AreaFigureRow]:
    """Each area's figures for `year`. Figures the rule set averages over 2 years are the mean
    of the yearly shares (of the years the area has); the conviction ratio divides the area's
    (averaged) share by the nation's (averaged) share; the income is the area's mean income as a
    percentage of its region's. Areas are merged by name when several ids map to one area."""
    merged: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for (y, area_id), _counts in aggregate.areas.items():
        name = names[area_id]
        merged[(name.area, name.municipality)].append((y, area_id))

    def years_for(figure: FigureField) -> list[int]:
        return list(range(year - rule_set.years_averaged(figure) + 1, year + 1))

    rows: list[AreaFigureRow] = []
    for (area, municipality), keys in sorted(merged.items()):
        by_year: dict[int, Counts] = {}
        region_residents: dict[int, int] = defaultdict(int)
        for y, area_id in keys:
            by_year.setdefault(y, Counts()).add(vars(aggregate.areas[(y, area_id)]))
            if y == year:
                for region, n in aggregate.area_regions[(y, area_id)].items():
                    region_residents[region] += n
        current = by_year.get(year)
        if current is None:
            continue  # the area has no residents in the list year
        region = max(region_residents, key=lambda r: (region_residents[r], -r))

        def averaged(
            figure: FigureField, part: str, whole: str, counts: Mapping[int, Counts]
        ) -> Ratio | None:
            return _mean([_share(counts.get(y), part, whole) for y in years_for(figure)])

        area_conviction = averaged("conviction_ratio", "n_convicted", "n_adults", by_year)
        national = averaged("conviction_ratio", "n_convicted", "n_adults", aggregate.nation)
        conviction_ratio: Ratio | None = None
        if area_conviction is not None and national is not None and national[0]:
            conviction_ratio = (
                area_conviction[0] * national[1],
                area_conviction[1] * national[0],
            )
        regional = aggregate.regions[(year, region)]
        income: Ratio | None = None
        if current.n_income and regional.n_income and regional.sum_income:
            # 100 × (area sum / area persons) ÷ (region sum / region persons)
            income = (
                100 * current.sum_income * regional.n_income,
                current.n_income * regional.sum_income,
            )
        ratios: dict[FigureField, Ratio | None] = {
            "pct_outside_labour": averaged("pct_outside_labour", "n_outside", "n_18_64", by_year),
            "pct_non_western": _share(current, "n_non_western", "residents"),
            "pct_convicted": averaged("pct_convicted", "n_convicted", "n_adults", by_year),
            "conviction_ratio": conviction_ratio,
            "pct_basic_education": _share(current, "n_basic", "n_30_59"),
            "income_pct_of_region": income,
        }
        figures = {name: _fraction(ratio) for name, ratio in ratios.items()}
        rows.append(AreaFigureRow(area, municipality, year, current.residents, figures))
    return rows


def render_figures_csv(rows: Iterable[AreaFigureRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(INPUT_COLUMNS)
    for row in rows:
        writer.writerow(row.as_csv_row())
    return buffer.getvalue()


# -- DuckDB ----------------------------------------------------------------------------------


def resolve_persons(path: Path) -> Path:
    """A directory (as `criteria synth` writes it) means its persons.parquet."""
    if path.is_dir():
        return path / "persons.parquet"
    return path


def read_area_names(path: Path) -> dict[str, AreaName]:
    from boligsocial.core.tables import read_table_data

    file = str(path)
    if not path.exists():
        raise TableErrors([TableError(file, None, None, "file not found")])
    table = read_table_data(path.read_bytes(), file)
    missing = [c for c in AREA_COLUMNS if c not in table.columns]
    if missing:
        raise TableErrors(
            [TableError(table.file, 1, c, "required column is missing") for c in missing]
        )
    names: dict[str, AreaName] = {}
    errors: list[TableError] = []
    for number, cells in table.rows:
        for column in AREA_COLUMNS:
            if not cells[column]:
                errors.append(TableError(table.file, number, column, "empty"))
        if cells["area_id"] in names:
            errors.append(TableError(table.file, number, "area_id", "the id appears twice"))
        names[cells["area_id"]] = AreaName(cells["area"], cells["municipality"])
    if errors:
        raise TableErrors(errors)
    return names


@dataclass(frozen=True)
class ComputeResult:
    rows: list[AreaFigureRow]
    year: int
    rule_set: RuleSet
    unknown_area_ids: tuple[str, ...]


def _not_readable(file: str, exc: Exception) -> TableErrors:
    return TableErrors([TableError(file, None, None, f"not readable: {duckdb_message(exc)}")])


def compute(
    persons: Path,
    *,
    year: int | None = None,
    rule_set: RuleSet | None = None,
    areas: Path | None = None,
    threads: int | None = None,
    memory_limit: str | None = None,
) -> ComputeResult:
    """Compute the figures of every area for `year` (default: the latest year in the data)
    under `rule_set` (default: the rule set in force for that year). Raises `TableErrors`."""
    persons = resolve_persons(persons)
    file = str(persons)
    if not persons.exists():
        raise TableErrors([TableError(file, None, None, "file not found")])
    names = read_area_names(areas if areas is not None else persons.parent / "areas.csv")
    con = connect(threads, memory_limit)
    try:
        raw, year, rule_set, years = count_persons(con, persons, year, rule_set)
    except duckdb.Error as exc:
        raise _not_readable(file, exc) from None
    finally:
        con.close()

    errors: list[TableError] = []
    for check, (column, message) in CHECKS.items():
        bad = sum(int(r.get(check) or 0) for r in raw)
        if bad:
            errors.append(TableError(file, None, column, f"{bad} rows with {column} {message}"))
    found_years = {int(r["year"]) for r in raw}
    for y in years:
        if y not in found_years:
            need = (
                "the list year"
                if y == year
                else f"the {len(years)}-year averages of {rule_set.code}"
            )
            errors.append(TableError(file, None, "year", f"no persons in {y}, needed for {need}"))
    if errors:
        raise TableErrors(errors)
    unknown: set[str] = set()
    for r in raw:
        if r["area_id"] is not None:
            r["area_id"] = str(r["area_id"])
            if r["area_id"] not in names:
                unknown.add(r["area_id"])
                r["area_id"] = None  # counted in its region and the nation, not as an area
    aggregate = Aggregate.from_rows(raw)
    rows = figures_from_aggregate(aggregate, year=year, rule_set=rule_set, names=names)
    return ComputeResult(rows, year, rule_set, tuple(sorted(unknown)))
