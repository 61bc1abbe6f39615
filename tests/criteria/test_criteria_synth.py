"""`criteria synth`: a deterministic synthetic register that compute and classify can use."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import pytest
from django.core.management import CommandError, call_command

from boligsocial.core.tables import read_table_data
from boligsocial.criteria.batch import classify_table
from boligsocial.criteria.compute import compute, render_figures_csv
from boligsocial.criteria.synth import PERSON_TYPES, synth


def _contents(path: Path) -> list[tuple]:
    return duckdb.execute(f"SELECT * FROM '{path}' ORDER BY year, person_id").fetchall()


@pytest.fixture(scope="module")
def register(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("register")
    call_command("criteria", "synth", "--persons", "60000", "--areas", "30", "--seed", "7",
                 "-o", str(out), stdout=io.StringIO())  # fmt: skip
    return out


def test_writes_persons_and_areas(register):
    columns = duckdb.execute(f"DESCRIBE SELECT * FROM '{register / 'persons.parquet'}'").fetchall()
    assert [(c[0], c[1]) for c in columns] == list(PERSON_TYPES.items())
    stats = duckdb.execute(
        f"""SELECT count(*), count(DISTINCT person_id), min(year), max(year),
                   count(DISTINCT area_id), min(area_id), max(area_id),
                   list(DISTINCT region ORDER BY region), min(age), max(age),
                   list(DISTINCT origin ORDER BY origin)
            FROM '{register / "persons.parquet"}'"""
    ).fetchone()
    assert stats == (
        120000,
        60000,
        2023,
        2024,
        30,
        1,
        30,
        [1081, 1082, 1083, 1084, 1085],
        0,
        96,
        [0, 1, 2],
    )
    areas = (register / "areas.csv").read_text(encoding="utf-8").splitlines()
    assert areas[0] == "area_id,area,municipality"
    assert len(areas) == 31
    assert areas[1].startswith("1,Syntetisk område 001,")


def test_the_same_person_is_a_year_older_the_next_year(register):
    changed = duckdb.execute(
        f"""SELECT count(*) FROM '{register / "persons.parquet"}' a
            JOIN '{register / "persons.parquet"}' b USING (person_id)
            WHERE a.year = 2023 AND b.year = 2024
              AND (b.age <> a.age + 1 OR a.area_id IS DISTINCT FROM b.area_id
                   OR a.origin <> b.origin OR a.region <> b.region)"""
    ).fetchone()
    assert changed == (0,)


def test_same_seed_same_register_other_seed_other_register(register, tmp_path):
    again = synth(persons=60000, areas=30, seed=7, out=tmp_path / "again")
    assert _contents(again.persons_path) == _contents(register / "persons.parquet")
    assert (tmp_path / "again" / "areas.csv").read_bytes() == (register / "areas.csv").read_bytes()
    other = synth(persons=60000, areas=30, seed=8, out=tmp_path / "other")
    assert _contents(other.persons_path) != _contents(register / "persons.parquet")


def test_some_areas_meet_criteria_and_most_do_not(register):
    figures = render_figures_csv(compute(register).rows)
    batch = classify_table(read_table_data(figures.encode(), "figures.csv"))
    results = [r.classification for r in batch.results]
    assert len(results) == 30
    udsat = [c for c in results if c.designations["udsat"]]
    none = [c for c in results if c.n_criteria_met == 0]
    assert 1 <= len(udsat) <= 8
    assert len(none) >= 18
    assert sum(c.meets_residents_floor for c in results) >= 10


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--persons", "0", "--areas", "3", "--seed", "1"], "--persons must be at least 1"),
        (["--persons", "10", "--areas", "0", "--seed", "1"], "--areas must be between 1 and 65535"),
        (
            ["--persons", "10", "--areas", "3", "--seed", "-1"],
            "--seed must be between 0 and 8388607",
        ),
    ],
)
def test_bad_arguments_exit_2(tmp_path, args, message):
    with pytest.raises(CommandError) as raised:
        call_command("criteria", "synth", *args, "-o", str(tmp_path / "out"), stdout=io.StringIO())
    assert raised.value.returncode == 2
    assert str(raised.value) == message
    assert not (tmp_path / "out").exists()


def test_splitting_the_pass_by_year_gives_the_same_figures(register, tmp_path):
    """A file whose row groups each hold one year is read with one SELECT per year that
    counts, for the year before, only what the 2-year averages need."""
    from boligsocial.criteria.counting import connect, parquet_facts

    split = tmp_path / "split"
    split.mkdir()
    source = register / "persons.parquet"
    duckdb.execute(
        f"COPY (SELECT * FROM '{source}' ORDER BY year, person_id) TO '{split / 'persons.parquet'}'"
        " (FORMAT parquet, ROW_GROUP_SIZE 2048)"
    )
    (split / "areas.csv").write_bytes((register / "areas.csv").read_bytes())
    con = connect()
    assert parquet_facts(con, source).mixed_year_share == 1.0  # one row group: one pass
    assert parquet_facts(con, split / "persons.parquet").mixed_year_share < 0.1
    one_pass = render_figures_csv(compute(register).rows)
    by_year = render_figures_csv(compute(split).rows)
    assert by_year == one_pass
    assert len(one_pass.splitlines()) == 31


def test_a_register_for_a_2010_list_holds_the_4_years_of_its_averages(tmp_path):
    """The lists of 2010–2013 average labour and convictions over 4 years (decision 0102), so
    a register for them holds 4 years, which compute needs and uses, also split by year."""
    result = synth(persons=3000, areas=3, seed=3, year=2012, out=tmp_path / "reg")
    assert result.years == (2009, 2012)
    years = duckdb.execute(
        f"SELECT list(DISTINCT year ORDER BY year) FROM '{result.persons_path}'"
    ).fetchone()
    assert years == ([2009, 2010, 2011, 2012],)
    computed = compute(tmp_path / "reg")
    assert (computed.year, computed.rule_set.code) == (2012, "2010")
    from boligsocial.criteria.counting import band_columns_needed

    # The years before the list year count only what the 4-year averages need.
    assert band_columns_needed(computed.rule_set, 2012, 2009) == frozenset(
        {"persons", "not_attached", "convicted"}
    )
    split = tmp_path / "split"
    split.mkdir()
    duckdb.execute(
        f"COPY (SELECT * FROM '{result.persons_path}' ORDER BY year, person_id) "
        f"TO '{split / 'persons.parquet'}' (FORMAT parquet, ROW_GROUP_SIZE 2048)"
    )
    (split / "areas.csv").write_bytes(result.areas_path.read_bytes())
    assert render_figures_csv(compute(split).rows) == render_figures_csv(computed.rows)
