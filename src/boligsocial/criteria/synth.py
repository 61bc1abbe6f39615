"""A deterministic synthetic national person register, for tests, demos and benchmarks.

DuckDB generates and writes it in one streaming query (no person is a Python object):
`persons.parquet` with the columns `compute` reads (the consecutive years that the rule set in
force for the list year averages over, at least two, the same persons a year older each year),
and `areas.csv` naming each area. Nobody in it is real: persons are
numbers with random attributes, and areas are called "Syntetisk område 001" etc. in real
municipalities of the right region.

Rows are ordered by year, then area (persons outside areas last), then person, as an extract
made for area statistics would be: the row groups hold one year each (but the one at the
boundary) and DuckDB stores the area and region columns as runs. `compute` gives the same
figures in any order.

Randomness is DuckDB's `hash()` of one integer packing (seed, attribute, person or area), so
the same seed gives the same register with the same DuckDB version (pinned in
requirements.lock), whatever the number of threads. Each area gets a deprivation level, skewed
so that most areas are ordinary and a few meet the criteria; the persons' attributes follow it.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb

# Share of the country's persons per region (1081 Nordjylland … 1085 Sjælland), roughly
# Statistics Denmark's population figures.
REGION_WEIGHTS = {1081: 0.10, 1082: 0.23, 1083: 0.21, 1084: 0.32, 1085: 0.14}
# Bumped whenever the same arguments would give a different register (cached copies expire).
VERSION = 2
MAX_AREAS = 65_535  # area ids are stored as USMALLINT
MAX_SEED = 2**23  # packed into the hash key beside the id (32 bits) and the stream (8 bits)
PERSON_TYPES = {
    "person_id": "UINTEGER",
    "year": "USMALLINT",
    "age": "UTINYINT",
    "area_id": "USMALLINT",
    "region": "USMALLINT",
    "attached": "BOOLEAN",
    "convicted": "BOOLEAN",
    "education": "UTINYINT",
    "gross_income": "INTEGER",
    "student": "BOOLEAN",
    "origin": "UTINYINT",
}


@dataclass(frozen=True)
class SynthResult:
    persons_path: Path
    areas_path: Path
    persons: int
    areas: int
    years: tuple[int, int]  # the first and the last year
    persons_in_areas: int


def register_years(year: int) -> tuple[int, ...]:
    """The years a register for the list of `year` holds: as many as the rule set in force
    averages a figure over (4 for the lists of 2010–2013, decision 0102), at least 2."""
    from boligsocial.criteria.rules import NoRuleSetError, rule_set_for_year

    try:
        rule_set = rule_set_for_year(year)
        span = max(rule_set.years_averaged(f) for f in rule_set.fields)
    except NoRuleSetError:
        span = 2
    span = max(span, 2)
    return tuple(range(year - span + 1, year + 1))


def _municipalities_csv() -> str:
    data = resources.files("boligsocial.organisations") / "data" / "municipalities.csv"
    return str(data)


def _coprime_step(n: int) -> int:
    """A large step coprime with n: position = id × step mod n is then a permutation."""
    from math import gcd

    step = 2_654_435_761 % max(n, 2) or 1
    while gcd(step, n) != 1:
        step += 1
    return step


def _region_case(u: str) -> str:
    """SQL: a region code drawn from `REGION_WEIGHTS` with the uniform `u`."""
    parts, cumulative = [], 0.0
    for code, weight in list(REGION_WEIGHTS.items())[:-1]:
        cumulative += weight
        parts.append(f"WHEN {u} < {cumulative!r} THEN {code}")
    return f"CASE {' '.join(parts)} ELSE {list(REGION_WEIGHTS)[-1]} END"


def synth_sql(*, persons: int, areas: int, seed: int, year: int, out: Path) -> list[str]:
    """The statements that write DIR/persons.parquet and DIR/areas.csv."""
    seed = int(seed)
    step = _coprime_step(persons)
    years = register_years(int(year))
    first = years[0]
    year_values = ", ".join(f"({y})" for y in years)

    def u(entity: str, stream: int | str) -> str:
        """SQL: a uniform number in [0, 1) for an entity (person or area id < 2^32) and a
        stream (< 256): 53 bits of DuckDB's 64-bit hash of one packed integer, so that every
        stream is independent (hashing several arguments combines them too weakly)."""
        key = f"({entity} + (({stream})::BIGINT << 32) + ({seed}::BIGINT << 40))"
        return f"((hash({key}) >> 11)::DOUBLE / 9007199254740992.0)"

    def ua(k: int, alias: str = "a") -> str:
        return u(f"{alias}.area_id::BIGINT", 200 + k)

    def up(k: int, *, per_year: bool = False) -> str:
        stream = f"{k} + 16 * (y.year - {first} + 1)" if per_year else str(k)
        return u("p.person_id::BIGINT", stream)

    def normal(u1: str, u2: str) -> str:
        return f"(sqrt(-2 * ln(1 - {u1})) * cos(2 * pi() * {u2}))"

    persons_path = out / "persons.parquet"
    areas_path = out / "areas.csv"
    municipalities = _municipalities_csv().replace("'", "''")
    return [
        f"CREATE TEMP TABLE municipality AS SELECT code, name, region_code, "
        f"row_number() OVER (PARTITION BY region_code ORDER BY code) - 1 AS idx, "
        f"count(*) OVER (PARTITION BY region_code) AS n "
        f"FROM read_csv('{municipalities}', header = true)",
        # Areas: region, municipality, size and deprivation (most areas low, a few high).
        f"""CREATE TEMP TABLE area_raw AS
        SELECT a.area_id,
          {_region_case(ua(1))} AS region,
          {ua(2)} AS u_municipality,
          greatest(300, least(12000, exp(ln(1500) + 0.55 * {normal(ua(3), ua(4))})))
            AS raw_size,
          pow({ua(5)}, 4) AS d
        FROM (SELECT range + 1 AS area_id FROM range({int(areas)})) a""",
        f"""CREATE TEMP TABLE area AS
        WITH scaled AS (
          SELECT *, sum(raw_size) OVER () AS total FROM area_raw
        ), sized AS (
          SELECT *, greatest(1, floor(raw_size * least(1, {int(persons)} * 0.5 / total)))::BIGINT
            AS size
          FROM scaled
        )
        SELECT s.area_id, s.region, m.name AS municipality, s.size,
          sum(s.size) OVER (ORDER BY s.area_id) - s.size AS start,
          least(1, greatest(0, s.d + 0.25 * ({ua(6, "s")} - 0.5))) AS d_labour,
          least(1, greatest(0, s.d + 0.25 * ({ua(7, "s")} - 0.5))) AS d_crime,
          least(1, greatest(0, s.d + 0.35 * ({ua(8, "s")} - 0.5))) AS d_origin,
          least(1, greatest(0, s.d + 0.25 * ({ua(9, "s")} - 0.5))) AS d_education,
          least(1, greatest(0, s.d + 0.25 * ({ua(10, "s")} - 0.5))) AS d_income
        FROM sized s
        JOIN municipality m ON m.region_code = s.region
          AND m.idx = least(m.n - 1, floor(s.u_municipality * m.n))""",
        f"""COPY (
          SELECT area_id, printf('Syntetisk område %03d', area_id) AS area, municipality
          FROM area ORDER BY area_id
        ) TO '{str(areas_path).replace("'", "''")}' (HEADER, DELIMITER ',')""",
        # Persons: a fixed permutation of ids over positions; the first positions live in areas.
        f"""CREATE TEMP TABLE person AS
        WITH placed AS (
          SELECT p.person_id,
            CASE WHEN p.position < a.start + a.size THEN a.area_id END AS area_id
          FROM (
            SELECT range::BIGINT AS person_id, (range * {step}) % {int(persons)} AS position
            FROM range({int(persons)})
          ) p
          ASOF LEFT JOIN area a ON p.position >= a.start
        )
        SELECT p.person_id, a.area_id, coalesce(a.region, {_region_case(up(1))}) AS region,
          coalesce(a.d_labour, 0.0) AS d_labour, coalesce(a.d_crime, 0.0) AS d_crime,
          coalesce(a.d_origin, 0.0) AS d_origin, coalesce(a.d_education, 0.0) AS d_education,
          coalesce(a.d_income, 0.0) AS d_income,
          floor(80 * {up(2)} + 16 * {up(3)})::INTEGER AS age0,
          {up(4)} AS u_origin, {up(5)} AS u_education, {up(6)} AS u_level
        FROM placed p LEFT JOIN area a USING (area_id)""",
        f"""COPY (
          WITH py AS (
            SELECT p.*, y.year, p.age0 + (y.year - {first}) AS age,
              {up(10, per_year=True)} AS u_attached,
              {up(11, per_year=True)} AS u_convicted,
              {up(12, per_year=True)} AS u_student,
              {up(13, per_year=True)} AS u_income1,
              {up(14, per_year=True)} AS u_income2
            FROM person p CROSS JOIN (VALUES {year_values}) y(year)
          ), attrs AS (
            SELECT *,
              CASE WHEN u_origin < 0.07 + 0.85 * d_origin THEN 2
                   WHEN u_origin < 0.12 + 0.85 * d_origin THEN 1 ELSE 0 END AS origin,
              CASE WHEN age BETWEEN 15 AND 19 THEN u_student < 0.75
                   WHEN age BETWEEN 20 AND 24 THEN u_student < 0.45
                   WHEN age BETWEEN 25 AND 29 THEN u_student < 0.15
                   WHEN age BETWEEN 30 AND 64 THEN u_student < 0.02
                   ELSE false END AS student
            FROM py
          ), attrs2 AS (
            SELECT *,
              student OR NOT (age BETWEEN 16 AND 66)
                OR u_attached >= 0.16 + 0.45 * d_labour + 0.05 * (origin = 2)::INTEGER
                AS attached
            FROM attrs
          )
          SELECT person_id::UINTEGER AS person_id, year::USMALLINT AS year,
            least(age, 255)::UTINYINT AS age, area_id::USMALLINT AS area_id,
            region::USMALLINT AS region, attached,
            age >= 15 AND u_convicted < 0.011 * (1 + 5 * d_crime)
              * (CASE WHEN age BETWEEN 15 AND 29 THEN 2.0 ELSE 0.7 END) AS convicted,
            CASE WHEN age < 16 THEN 1
                 WHEN u_education < 0.20 + 0.55 * d_education
                   THEN CASE WHEN u_level < 0.15 AND origin = 2 THEN NULL ELSE 2 END
                 ELSE 3 + floor(u_level * 6)::INTEGER END::UTINYINT AS education,
            CASE WHEN age < 15 THEN 0
                 ELSE round(
                   (CASE WHEN age >= 65 THEN 230000
                         WHEN student THEN 95000
                         WHEN NOT attached THEN 190000
                         ELSE 420000 * (1 - 0.6 * d_income) END)
                   * (CASE region WHEN 1084 THEN 1.12 ELSE 0.95 END)
                   * (-ln(1 - u_income1) - ln(1 - u_income2)) / 2)
                 END::INTEGER AS gross_income,
            student, origin::UTINYINT AS origin
          FROM attrs2
          ORDER BY year, area_id NULLS LAST, person_id
        ) TO '{str(persons_path).replace("'", "''")}'
          (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)""",
    ]


def synth(
    *, persons: int, areas: int, seed: int, out: Path, year: int = 2024, threads: int | None = None
) -> SynthResult:
    """Write `out`/persons.parquet (`persons` persons × the years of `register_years(year)`)
    and `out`/areas.csv (`areas` areas)."""
    if persons < 1:
        raise ValueError("--persons must be at least 1")
    if not 0 <= seed < MAX_SEED:
        raise ValueError(f"--seed must be between 0 and {MAX_SEED - 1}")
    if persons >= 2**32:
        raise ValueError("--persons must be less than 2^32")
    if not 1 <= areas <= MAX_AREAS:
        raise ValueError(f"--areas must be between 1 and {MAX_AREAS}")
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(":memory:")
    try:
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        for statement in synth_sql(persons=persons, areas=areas, seed=seed, year=year, out=out):
            con.execute(statement)
        in_areas = con.execute("SELECT count(*) FROM person WHERE area_id IS NOT NULL").fetchone()
    finally:
        con.close()
    return SynthResult(
        persons_path=out / "persons.parquet",
        areas_path=out / "areas.csv",
        persons=persons,
        areas=areas,
        years=(register_years(year)[0], year),
        persons_in_areas=int(in_areas[0]) if in_areas else 0,
    )
