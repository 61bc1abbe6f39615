"""`criteria compute`: figures from person-level data, checked against hand-computed values."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import duckdb
import pytest
from django.core.management import CommandError, call_command

from boligsocial.criteria.compute import THRESHOLDS, figure_text

COLUMNS = (
    "person_id,year,age,area_id,region,attached,convicted,education,gross_income,student,origin"
)
# Area 1 (Nordparken, region 1082) has 10 persons in 2024 and 4 in 2023; area 2 (Sydparken,
# region 1084) only 3 in 2024; 4 persons live outside every area in both years.
PERSONS = f"""{COLUMNS}
1,2024,30,1,1082,false,true,2,100000,false,2
2,2024,30,1,1082,true,false,5,300000,false,2
3,2024,40,1,1082,true,false,,200000,false,0
4,2024,50,1,1082,false,false,1,50000,false,1
5,2024,20,1,1082,true,false,3,40000,true,2
6,2024,70,1,1082,true,true,2,150000,false,0
7,2024,10,1,1082,true,false,1,0,false,2
8,2024,64,1,1082,false,false,6,250000,false,0
9,2024,65,1,1082,false,false,2,200000,false,0
10,2024,17,1,1082,true,true,2,10000,false,2
11,2023,29,1,1082,false,false,3,100000,false,0
12,2023,39,1,1082,true,true,3,100000,false,0
13,2023,49,1,1082,true,false,3,100000,false,0
14,2023,63,1,1082,true,false,3,100000,false,0
21,2024,25,2,1084,true,false,3,200000,false,0
22,2024,35,2,1084,true,false,7,600000,false,1
23,2024,45,2,1084,false,false,2,100000,false,2
31,2024,40,,1082,true,false,5,400000,false,0
32,2024,30,,1084,true,false,6,500000,false,0
33,2024,50,,1084,true,false,4,300000,false,0
34,2024,80,,1082,true,false,2,100000,false,0
31,2023,39,,1082,true,false,5,400000,false,0
32,2023,29,,1084,true,false,6,500000,false,0
33,2023,49,,1084,true,false,4,300000,false,0
34,2023,79,,1082,true,false,2,100000,false,0
"""
AREAS = "area_id,area,municipality\n1,Nordparken,Aarhus\n2,Sydparken,København\n"
HEADER = (
    "area,municipality,year,residents,pct_outside_labour,pct_non_western,pct_convicted,"
    "conviction_ratio,pct_basic_education,income_pct_of_region"
)
# By hand, for 2024 under rule set 2021 (outside labour and conviction averaged over 2023–24):
# Nordparken 2024: 10 residents; 18–64: persons 1,2,3,4,5,8, outside 1,4,8 → 50 %; 2023: 4 aged
#   18–64, 1 outside → 25 %; mean 37.5. Non-Western 1,2,5,7,10 → 50 %. Adults 1–6,8,9, convicted
#   1,6 → 25 % (person 10 is 17); 2023: 1 of 4 → 25 %; mean 25. Nation: 2024 2 of 15 adults
#   = 40/3 %, 2023 1 of 8 = 12.5 %, mean 155/12 %; ratio 25 ÷ 155/12 = 60/31 = 1.935484.
#   30–59: 1,2,3,4, basic (≤ 2 or unknown) 1,3,4 → 75 %. Income 15–64 excl. students: 1,2,3,4,8,10
#   = 910,000 / 6; region 1082 adds person 31: 1,310,000 / 7; 100 × (910000/6)/(1310000/7)
#   = 81.043257.
# Sydparken 2024 only: 18–64: 3, outside 1 → 33.333333; non-Western 1 of 3; convicted 0 → 0;
#   30–59: 22, 23, basic 23 → 50 %; income 900,000/3 vs region 1084 1,700,000/5 → 88.235294.
EXPECTED_2024 = f"""{HEADER}
Nordparken,Aarhus,2024,10,37.5,50,25,1.935484,75,81.043257
Sydparken,København,2024,3,33.333333,33.333333,0,0,50,88.235294
"""


@pytest.fixture
def register(tmp_path: Path) -> Path:
    (tmp_path / "persons.csv").write_text(PERSONS, encoding="utf-8")
    (tmp_path / "areas.csv").write_text(AREAS, encoding="utf-8")
    return tmp_path / "persons.csv"


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("criteria", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fails(*args: str) -> str:
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("criteria", *args, stdout=out, stderr=io.StringIO())
    assert raised.value.returncode == 2
    assert out.getvalue() == ""
    return str(raised.value)


def test_hand_computed_figures_from_csv(register):
    out, err = run("compute", str(register))
    assert out == EXPECTED_2024
    assert err == ""


def test_parquet_gives_the_same_figures(register, tmp_path):
    parquet = tmp_path / "persons.parquet"
    source = f"read_csv('{register}', header = true)"
    duckdb.execute(f"COPY (SELECT * FROM {source}) TO '{parquet}' (FORMAT parquet)")
    out, _ = run("compute", str(parquet))
    assert out == EXPECTED_2024
    out, _ = run("compute", str(tmp_path))  # a folder means its persons.parquet
    assert out == EXPECTED_2024


def _register_2007_2010(folder: Path) -> Path:
    """Vestparken: 4 persons aged 30 each year 2007–2010. In 2010, 3 are outside the labour
    market and 1 is convicted; in 2007–2009 nobody is either."""
    rows = [COLUMNS]
    for year in range(2007, 2011):
        for n in range(4):
            outside = year == 2010 and n < 3
            convicted = year == 2010 and n == 0
            rows.append(f"{year * 10 + n},{year},30,1,1082,{str(not outside).lower()},"
                        f"{str(convicted).lower()},3,200000,false,0")  # fmt: skip
    (folder / "persons.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "areas.csv").write_text("area_id,area,municipality\n1,Vestparken,Aarhus\n",
                                      encoding="utf-8")  # fmt: skip
    return folder / "persons.csv"


def test_2010_averages_labour_and_convictions_over_the_latest_4_years(tmp_path):
    # Decision 0102: the 2010 criteria are 4-year averages. 2010 alone would be 75 % outside
    # the labour market (over 40: met) and 25 % convicted; over 2007–2010 they are 18.75 % and
    # 6.25 %, and the labour criterion is not met.
    register = _register_2007_2010(tmp_path)
    out, _ = run("compute", str(register))
    assert out.splitlines()[1] == "Vestparken,Aarhus,2010,4,18.75,0,6.25,1,0,100"
    # The 2014 rules on the same data: 2-year averages (2009–2010).
    out, _ = run("compute", str(register), "--rules", "2014")
    assert out.splitlines()[1] == "Vestparken,Aarhus,2010,4,37.5,0,12.5,1,0,100"


@pytest.mark.django_db  # classify reads the stored official lists
def test_the_4_year_average_decides_the_2010_verdict(tmp_path):
    register = _register_2007_2010(tmp_path)
    figures_csv = tmp_path / "figures.csv"
    run("compute", str(register), "-o", str(figures_csv))
    out, _ = run("classify", str(figures_csv), "--format", "json")
    [row] = json.loads(out)
    labour = next(c for c in row["criteria"] if c["key"] == "outside_labour")
    assert (labour["value"], labour["threshold"], labour["met"]) == (18.75, 40, False)
    # Convicted: 6.25 % over 4 years, over 2.7 % either way.
    assert [c["key"] for c in row["criteria"] if c["met"]] == ["convicted"]


def test_2010_needs_the_4_years_of_its_averages(register):
    assert fails("compute", str(register), "--year", "2024", "--rules", "2010") == (
        f"{register}, column 'year': no persons in 2021, needed for the 4-year averages of 2010"
        f"\n{register}, column 'year': no persons in 2022, needed for the 4-year averages of 2010"
    )


def test_the_year_before_is_required_for_2_year_averages(register):
    assert fails("compute", str(register), "--year", "2023") == (
        f"{register}, column 'year': no persons in 2022, needed for the 2-year averages of 2021"
    )


@pytest.mark.django_db  # classify reads the stored official lists
def test_output_feeds_classify(register, tmp_path):
    figures = tmp_path / "figures.csv"
    run("compute", str(register), "-o", str(figures))
    out, _ = run("classify", str(figures))
    assert out.splitlines()[1:] == [
        # 10 residents: under the 1,000-resident floor, so no designation
        "Nordparken,Aarhus,2024,2021,1,basic_education,,,0,0,0,0",
        "Sydparken,København,2024,2021,0,,,,0,0,0,0",
    ]


def test_several_ids_can_form_one_area(register, tmp_path):
    (tmp_path / "areas.csv").write_text(
        "area_id,area,municipality\n1,Midtparken,Aarhus\n2,Midtparken,Aarhus\n", encoding="utf-8"
    )
    out, _ = run("compute", str(register))
    line = out.splitlines()[1]
    # 13 residents; 18–64: 9, outside 4 (1, 4, 8, 23) = 4/9, averaged with 2023's 1 of 4:
    # (4/9 + 1/4) / 2 = 25/72; non-Western 6 of 13.
    assert line.startswith("Midtparken,Aarhus,2024,13,34.722222,46.153846,")


def test_unknown_area_ids_are_counted_outside_areas_with_a_warning(register, tmp_path):
    (tmp_path / "areas.csv").write_text("area_id,area,municipality\n1,Nordparken,Aarhus\n",
                                        encoding="utf-8")  # fmt: skip
    out, err = run("compute", str(register))
    assert out.splitlines()[1:] == ["Nordparken,Aarhus,2024,10,37.5,50,25,1.935484,75,81.043257"]
    assert err == (
        f"{register}: 1 area ids are not in the areas file and were counted outside every area: 2\n"
    )


FIRST = "1,2024,30,1,1082,false,true,2,100000,false,2"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (",origin\n", ",origin_code\n", "{f}, row 1, column 'origin': required column is missing"),
        (
            FIRST,
            FIRST[:-1] + "7",
            "{f}, column 'origin': 1 rows with origin empty or not 0, 1 or 2",
        ),
        (
            FIRST,
            FIRST.replace(",30,", ",,"),
            "{f}, column 'age': 1 rows with age empty or outside 0–130",
        ),
        (FIRST, FIRST.replace(",30,", ",thirty,"), "{f}: not readable: "),
    ],
    ids=["missing-column", "bad-origin", "empty-age", "not-a-number"],
)
def test_bad_persons_exit_2(register, old, new, message):
    register.write_text(PERSONS.replace(old, new), encoding="utf-8")
    assert fails("compute", str(register)).startswith(message.format(f=register))


def test_missing_areas_file(register, tmp_path):
    (tmp_path / "areas.csv").unlink()
    assert fails("compute", str(register)) == f"{tmp_path / 'areas.csv'}: file not found"


def test_missing_persons_file(tmp_path):
    assert fails("compute", str(tmp_path / "nope.parquet")) == (
        f"{tmp_path / 'nope.parquet'}: file not found"
    )


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(40), "40"),
        (Fraction(75, 2), "37.5"),
        (Fraction(1, 3), "0.333333"),
        (Fraction(40) + Fraction(1, 10**8), "40.00000001"),  # stays over the threshold
        (Fraction(40) - Fraction(1, 10**9), "39.999999999"),  # stays under it
        (Fraction(27, 10) + Fraction(3, 10**10), "2.7000000003"),
        (None, ""),
    ],
)
def test_figures_are_rounded_only_as_far_as_no_threshold_is_crossed(value, text):
    assert figure_text(value) == text
    if value is not None:
        rounded = Fraction(text)
        assert all(
            (rounded > t) == (value > t) and (rounded == t) == (value == t) for t in THRESHOLDS
        )


def test_compute_pipes_into_classify_through_the_console_script(register, tmp_path):
    script = str(Path(sys.executable).with_name("boligsocial"))
    env = {"DEBUG": "1", "PATH": "/usr/bin:/bin"}
    compute = subprocess.run([script, "criteria", "compute", str(register)], capture_output=True,
                             env=env, cwd=tmp_path, check=True)  # fmt: skip
    classify = subprocess.run([script, "criteria", "classify", "-"], input=compute.stdout,
                              capture_output=True, env=env, cwd=tmp_path, check=True)  # fmt: skip
    assert (
        classify.stdout.decode().splitlines()[1]
        == "Nordparken,Aarhus,2024,2021,1,basic_education,,,0,0,0,0"
    )


def test_parquet_statistics_spare_the_checks_only_when_they_prove_them(register, tmp_path):
    from boligsocial.criteria.counting import connect, parquet_facts

    clean, dirty = tmp_path / "clean.parquet", tmp_path / "dirty.parquet"
    duckdb.execute(f"COPY (SELECT * FROM read_csv('{register}')) TO '{clean}' (FORMAT parquet)")
    bad = PERSONS.replace(FIRST, FIRST[:-1] + "3")
    register.write_text(bad, encoding="utf-8")
    duckdb.execute(f"COPY (SELECT * FROM read_csv('{register}')) TO '{dirty}' (FORMAT parquet)")
    con = connect()
    assert parquet_facts(con, clean).clean is True
    assert parquet_facts(con, dirty).clean is False
    assert fails("compute", str(dirty)) == (
        f"{dirty}, column 'origin': 1 rows with origin empty or not 0, 1 or 2"
    )


def test_every_population_is_a_union_of_whole_age_bands():
    from boligsocial.criteria.populations import BAND_STARTS, POPULATIONS, band_sql, bands_of

    # The age bands come from the populations the rule sets declare.
    assert BAND_STARTS == (0, 15, 18, 30, 60, 65)
    assert {p: sorted(bands_of(p)) for p in POPULATIONS} == {
        "pct_outside_labour": [2, 3, 4],  # 18–64
        "pct_non_western": [0, 1, 2, 3, 4, 5],  # every resident
        "pct_convicted": [2, 3, 4, 5],  # 18+
        "conviction_ratio": [2, 3, 4, 5],
        "pct_basic_education": [3],  # 30–59
        "income_pct_of_region": [1, 2, 3, 4],  # 15–64
    }
    for age in range(0, 131):
        band = duckdb.execute(f"SELECT {band_sql()} FROM (SELECT {age} AS age)").fetchone()[0]
        for population, (lo, hi) in POPULATIONS.items():
            inside = lo <= age and (hi is None or age <= hi)
            assert (band in bands_of(population)) is inside, (age, population)
