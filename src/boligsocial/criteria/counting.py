"""The person-level pass of `criteria compute`: DuckDB counts persons per (year, area id,
region, age band) in one streaming read of Parquet or CSV, and sums the bands into the counts
each criterion needs. No person becomes a Python object. No Django imports.

The persons' columns are documented in `docs/criteria.md` and in `PERSON_COLUMNS` below.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from boligsocial.core.tables import TableError, TableErrors
from boligsocial.criteria.populations import FIGURE_POPULATIONS, POPULATIONS, band_sql, bands_of
from boligsocial.criteria.rules import FIGURE_FIELDS, FigureField, RuleSet

# name → (meaning, the types it may have)
PERSON_COLUMNS: dict[str, tuple[str, str]] = {
    "person_id": ("a pseudonymous person id (not read by compute)", "integer or text"),
    "year": ("the register year (the list year the figures are for)", "integer"),
    "age": ("age in whole years at the end of the year", "integer"),
    "area_id": (
        "the id of the area or afdeling the person lives in; empty outside every area",
        "integer or text",
    ),
    "region": ("the person's region code, 1081–1085", "integer"),
    "attached": (
        "true when attached to the labour market or in education during the year",
        "boolean",
    ),
    "convicted": (
        "true when convicted under the penal code, the weapons act or the drugs act in the year",
        "boolean",
    ),
    "education": (
        "highest completed education as an ISCED 2011 level 0–8; 0–2 is grundskole, "
        "empty is unknown (counted as grundskole)",
        "integer",
    ),
    "gross_income": ("gross income in the year, kr.", "integer or decimal"),
    "student": ("true when in education (excluded from the income criterion)", "boolean"),
    "origin": (
        "0 = Danish origin, 1 = immigrant or descendant from a Western country, "
        "2 = from a non-Western country",
        "integer",
    ),
}
COMPUTE_COLUMNS = ("year", "age", "area_id", "region", "attached", "convicted", "education",
                   "gross_income", "student", "origin")  # fmt: skip
AREA_COLUMNS = ("area_id", "area", "municipality")


BASIC_EDUCATION = "coalesce(education, 0) <= 2"  # grundskole, or unknown
# The income criterion's population: persons in education left out when the law says so
# ("eksklusive uddannelsessøgende").
_INCOME_PERSONS = (
    "NOT student" if FIGURE_POPULATIONS["income_pct_of_region"].excludes_students else "true"
)
_INCOME_LOW, _INCOME_HIGH = POPULATIONS["income_pct_of_region"]
_INCOME_AGES = f"age >= {_INCOME_LOW}" + (
    f" AND age <= {_INCOME_HIGH}" if _INCOME_HIGH is not None else ""
)
BAND_COUNTS = {
    "persons": "count(*)",
    "not_attached": "count_if(NOT attached)",
    "convicted": "count_if(convicted)",
    "non_western": "count_if(origin = 2)",
    "basic": f"count_if({BASIC_EDUCATION})",
    "not_student": f"count_if({_INCOME_PERSONS})",
    "income": f"sum(CASE WHEN {_INCOME_PERSONS} THEN gross_income ELSE 0 END)",
}
# Each count of `Counts`: (the band count it sums, over the bands of the population of which
# figure; None: every band).
ROLLUP: dict[str, tuple[str, str | None]] = {
    "residents": ("persons", None),
    "n_18_64": ("persons", "pct_outside_labour"),
    "n_outside": ("not_attached", "pct_outside_labour"),
    "n_adults": ("persons", "pct_convicted"),
    "n_convicted": ("convicted", "pct_convicted"),
    "n_non_western": ("non_western", "pct_non_western"),
    "n_30_59": ("persons", "pct_basic_education"),
    "n_basic": ("basic", "pct_basic_education"),
    "n_income": ("not_student", "income_pct_of_region"),
    "sum_income": ("income", "income_pct_of_region"),
}
# The counts each figure is made of.
FIGURE_COUNTS: dict[FigureField, tuple[str, ...]] = {
    "pct_outside_labour": ("n_18_64", "n_outside"),
    "pct_non_western": ("residents", "n_non_western"),
    "pct_convicted": ("n_adults", "n_convicted"),
    "conviction_ratio": ("n_adults", "n_convicted"),
    "pct_basic_education": ("n_30_59", "n_basic"),
    "income_pct_of_region": ("n_income", "sum_income"),
}
# Rows that break the schema; any of these stops the computation with a clear message.
CHECK_COUNTS = {
    "bad_age": "count_if(age IS NULL OR age < 0 OR age > 130)",
    "bad_origin": "count_if(origin IS NULL OR origin NOT IN (0, 1, 2))",
    "bad_flags": "count_if(attached IS NULL OR convicted IS NULL OR student IS NULL)",
    "bad_income": f"count_if({_INCOME_AGES} AND {_INCOME_PERSONS} AND gross_income IS NULL)",
    "bad_region": "count_if(region IS NULL)",
}

CHECKS = {  # check → (column, what is wrong)
    "bad_age": ("age", "empty or outside 0–130"),
    "bad_origin": ("origin", "empty or not 0, 1 or 2"),
    "bad_flags": ("attached/convicted/student", "empty"),
    "bad_income": (
        "gross_income",
        f"empty for a person in the income criterion's population "
        f"({FIGURE_POPULATIONS['income_pct_of_region'].words})",
    ),
    "bad_region": ("region", "empty"),
}


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


CSV_TYPES = {
    "year": "INTEGER",
    "age": "INTEGER",
    "area_id": "VARCHAR",
    "region": "INTEGER",
    "attached": "BOOLEAN",
    "convicted": "BOOLEAN",
    "education": "INTEGER",
    "gross_income": "DECIMAL(18, 2)",
    "student": "BOOLEAN",
    "origin": "INTEGER",
}


def is_parquet(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"PAR1"


def source_sql(path: Path, columns: Iterable[str] | None = None) -> str:
    """A DuckDB table function reading `path`: Parquet, or CSV with a header row, whose
    `columns` (those present) are read with the types of `CSV_TYPES`."""
    if is_parquet(path):
        return f"read_parquet({_sql_string(str(path))})"
    types = ", ".join(
        f"{_sql_string(c)}: {_sql_string(t)}"
        for c, t in CSV_TYPES.items()
        if columns is None or c in columns
    )
    return f"read_csv({_sql_string(str(path))}, header = true, types = {{{types}}})"


def connect(threads: int | None = None, memory_limit: str | None = None) -> Any:
    con = duckdb.connect(":memory:")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    if memory_limit:
        con.execute(f"SET memory_limit = {_sql_string(memory_limit)}")
    con.execute("SET preserve_insertion_order = false")
    # Group keys of small integers (year, area id, region, age band) then fit a perfect hash
    # table (direct indexing, no hashing) of at most 2^20 groups.
    con.execute("SET perfect_ht_threshold = 20")
    # The footer read for the checks is then not read again by the scan.
    con.execute("SET parquet_metadata_cache = true")
    return con


def band_columns_needed(rule_set: RuleSet, list_year: int, year: int) -> frozenset[str]:
    """The band counts `year` contributes to the figures of `list_year`: all of them for the
    list year, and for an earlier year only those of the figures the rule set averages over
    that many years (the labour and conviction shares under 2018/2021)."""
    if year == list_year:
        return frozenset(BAND_COUNTS)
    figures = [f for f in FIGURE_FIELDS if rule_set.years_averaged(f) > list_year - year]
    return frozenset({"persons"} | {ROLLUP[c][0] for f in figures for c in FIGURE_COUNTS[f]})


def aggregate_sql(
    source: str,
    years: Sequence[int],
    *,
    checks: bool = True,
    needs: Mapping[int, frozenset[str]] | None = None,
) -> str:
    """The one pass: counts per (year, area_id, region, age band), with the schema checks of
    `CHECK_COUNTS` unless the file's statistics have already proved them; then the bands are
    summed into the counts of `Counts` per (year, area_id, region), by `ROLLUP`.

    With `needs` (year → band counts), each year is its own SELECT computing only what that
    year contributes (UNION ALL): for a file whose row groups each hold one year, every row is
    still read once, and the earlier years cost a few counts instead of all of them."""
    year_list = ", ".join(str(int(y)) for y in years)
    check_columns = CHECK_COUNTS if checks else {}

    def select(year: str, where: str, wanted: frozenset[str]) -> str:
        aggregates = [
            f"{expr if name in wanted else '0'} AS {name}" for name, expr in BAND_COUNTS.items()
        ] + [f"{expr} AS {name}" for name, expr in check_columns.items()]
        joined = ",\n    ".join(aggregates)
        keys = "area_id, region, band" if year != "year" else "year, area_id, region, band"
        return (
            f"  SELECT {year} AS year, area_id, region, {band_sql()} AS band,\n    {joined}\n"
            f"  FROM {source}\n  WHERE {where}\n  GROUP BY {keys}"
        )

    if needs is None:
        inner = select("year", f"year IN ({year_list})", frozenset(BAND_COUNTS))
    else:
        # One year per SELECT: the year is a constant, not a group key (a smaller table).
        inner = "\n  UNION ALL\n".join(
            select(str(int(y)), f"year = {int(y)}", needs[y]) for y in years
        )
    every_band = bands_of(None)
    sums = []
    for name, (column, population) in ROLLUP.items():
        bands = bands_of(population)
        where = (
            ""
            if bands == every_band
            else f" FILTER (band IN ({', '.join(map(str, sorted(bands)))}))"
        )
        sums.append(f"coalesce(sum({column}){where}, 0) AS {name}")
    sums += [f"sum({name}) AS {name}" for name in check_columns]
    rolled = ",\n  ".join(sums)
    return (
        f"SELECT year, area_id, region,\n  {rolled}\nFROM (\n{inner}\n)\n"
        f"GROUP BY year, area_id, region"
    )


def duckdb_message(exc: Exception) -> str:
    """DuckDB's first paragraph (it names the line and column of a CSV), without its dump of
    the reader's settings."""
    return str(exc).strip().split("\n\n", 1)[0]


# Parquet statistics that prove the checks of `CHECKS` pass without reading the data:
# column → (smallest allowed, largest allowed) for min/max, None for "no nulls" only.
STATS_CHECKS: dict[str, tuple[int, int] | None] = {
    "age": (0, 130),
    "origin": (0, 2),
    "attached": None,
    "convicted": None,
    "student": None,
    "region": None,
    "gross_income": None,
}


# Split the pass by year (see `aggregate_sql`) when at most this share of the row groups hold
# more than one year: those few are the only ones read twice.
SPLIT_MAX_MIXED = 0.1


@dataclass(frozen=True)
class ParquetFacts:
    """What a Parquet file's footer tells without reading the data."""

    columns: frozenset[str]
    clean: bool  # the statistics prove every check of `CHECKS`
    latest_year: int | None
    mixed_year_share: float  # the share of row groups holding more than one year


def parquet_facts(con: Any, path: Path) -> ParquetFacts:
    rows = con.execute(
        "SELECT path_in_schema, stats_null_count, stats_min_value, stats_max_value "
        "FROM parquet_metadata(?)",
        [str(path)],
    ).fetchall()
    columns = frozenset(r[0] for r in rows)
    clean = set(STATS_CHECKS) <= columns
    years: list[tuple[Any, Any]] = []
    for column, nulls, low, high in rows:
        if column == "year":
            years.append((low, high))
        if column not in STATS_CHECKS:
            continue
        bounds = STATS_CHECKS[column]
        if nulls is None or nulls > 0:
            clean = False
        elif bounds is not None:
            try:
                clean = clean and bounds[0] <= int(low) and int(high) <= bounds[1]
            except (TypeError, ValueError):
                clean = False
    try:
        latest = max(int(high) for _, high in years) if years else None
        mixed = sum(int(low) != int(high) for low, high in years) / len(years) if years else 1.0
    except (TypeError, ValueError):
        latest, mixed = None, 1.0
    return ParquetFacts(columns, clean, latest, mixed)


def count_persons(
    con: Any, persons: Path, year: int | None, rule_set: RuleSet | None
) -> tuple[list[dict[str, Any]], int, RuleSet, list[int]]:
    """The one pass over the persons: counts per (year, area_id, region)."""
    from boligsocial.criteria.rules import NoRuleSetError, rule_set_for_year

    file = str(persons)
    facts = parquet_facts(con, persons) if is_parquet(persons) else None
    if facts is not None:
        present: frozenset[str] = facts.columns
    else:
        untyped = f"read_csv({_sql_string(file)}, header = true, all_varchar = true)"
        described = con.execute(f"DESCRIBE SELECT * FROM {untyped}").fetchall()
        present = frozenset(r[0] for r in described)
    missing = [c for c in COMPUTE_COLUMNS if c not in present]
    if missing:
        raise TableErrors([TableError(file, 1, c, "required column is missing") for c in missing])
    source = source_sql(persons, present)
    if year is None:
        year = facts.latest_year if facts is not None else None
    if year is None:
        latest = con.execute(f"SELECT max(year) FROM {source}").fetchone()
        if latest is None or latest[0] is None:
            raise TableErrors([TableError(file, None, "year", "no rows")])
        year = int(latest[0])
    try:
        rule_set = rule_set or rule_set_for_year(year)
    except NoRuleSetError as exc:
        raise TableErrors([TableError(file, None, "year", str(exc))]) from None
    span = max(rule_set.years_averaged(f) for f in rule_set.fields)
    years = list(range(year - span + 1, year + 1))
    needs = None
    if facts is not None and facts.mixed_year_share <= SPLIT_MAX_MIXED:
        needs = {y: band_columns_needed(rule_set, year, y) for y in years}
    checks = facts is None or not facts.clean
    cursor = con.execute(aggregate_sql(source, years, checks=checks, needs=needs))
    columns = [d[0] for d in cursor.description]
    raw = [dict(zip(columns, r, strict=True)) for r in cursor.fetchall()]
    return raw, year, rule_set, years
