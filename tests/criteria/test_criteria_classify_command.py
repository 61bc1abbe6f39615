"""`boligsocial criteria classify`: the command-line contract of issue 3."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

# classify reads the official lists stored in the database as history.
pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
LISTS = [FIXTURES / f"ghetto_list_{year}.csv" for year in (2010, 2011, 2012)]
HEADER = (
    "area,municipality,year,rules,n_criteria_met,criteria_met,ghetto,haardt_ghetto,udsat,"
    "parallelsamfund,omdannelse,forebyggelse"
)
FIGURES_HEADER = (
    "area,municipality,year,residents,pct_outside_labour,pct_non_western,pct_convicted,"
    "conviction_ratio,pct_basic_education,income_pct_of_region"
)


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("criteria", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def fails(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("criteria", *args, stdout=out, stderr=err)
    assert raised.value.returncode == 2
    assert out.getvalue() == ""
    return str(raised.value)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# -- the published lists ---------------------------------------------------------------------


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.stem)
def test_reproduces_the_published_lists(path):
    out, err = run("classify", str(path))
    result = rows(out)
    official = rows(path.read_text(encoding="utf-8"))
    assert out.splitlines()[0] == HEADER + ",agrees_with_official"
    assert len(result) == len(official)
    disagreeing = []
    for ours, theirs in zip(result, official, strict=True):
        assert (ours["area"], ours["year"], ours["rules"]) == (
            theirs["area"],
            theirs["year"],
            "2010",
        )
        if ours["ghetto"] != theirs["official_ghetto"]:
            disagreeing.append((ours["area"], ours["year"]))
        assert ours["agrees_with_official"] == (
            "1" if ours["ghetto"] == theirs["official_ghetto"] else "0"
        )
    expected = [("Ringparken, Slagelse", "2012")] if "2012" in path.name else []
    assert disagreeing == expected
    assert err.splitlines()[0] == (
        f"{path}: compared {len(official)} rows with the official lists: "
        f"{len(official) - len(expected)} agree, {len(expected)} disagree."
    )


def test_the_one_disagreement_is_reported_with_its_reasons():
    out, err = run("classify", str(LISTS[2]))
    assert '"Ringparken, Slagelse",Slagelse,2012,2010,1,outside_labour,0,,,,,,0' in out.splitlines()
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[1].startswith(
        "  row 18: Ringparken, Slagelse (Slagelse) 2012: ghetto computed 0, official 1. "
        "Opfylder 1 af 3 kriterier: andelen af 18–64-årige uden for arbejdsmarked og uddannelse "
        "er 55 % (overstiger 40 %)."
    )


def test_all_three_lists_in_one_file(tmp_path):
    texts = [p.read_text(encoding="utf-8").splitlines() for p in LISTS]
    combined = write(
        tmp_path / "all.csv", "\n".join([texts[0][0]] + [line for t in texts for line in t[1:]])
    )
    out, err = run("classify", str(combined))
    assert len(rows(out)) == 29 + 29 + 38
    assert err.splitlines()[0].endswith(
        "compared 96 rows with the official lists: 95 agree, 1 disagree."
    )


def test_exact_output_rows():
    out, _ = run("classify", str(LISTS[0]))
    lines = out.splitlines()
    assert lines[1] == "Blågården,København,2010,2010,2,convicted;non_western,1,,,,,,1"
    assert (
        lines[2]
        == "Lundtoftegade,København,2010,2010,3,outside_labour;convicted;non_western,1,,,,,,1"
    )
    assert (
        lines[7] == "Gadelandet/Husumgård,København,2010,2010,2,outside_labour;non_western,1,,,,,,1"
    )


# -- dialects ---------------------------------------------------------------------------------

SMALL = f"""{FIGURES_HEADER}
Nordparken,Aarhus,2019,1500,45.5,62.25,,3,30,70
Sydparken,Aarhus,2019,999,45.5,62.25,,3,30,70
Østparken,Aarhus,2022,2100,35,41,,2.5,20,60
"""
SMALL_OUT = f"""{HEADER}
Nordparken,Aarhus,2019,2018,2,outside_labour;convicted,1,0,1,,,
Sydparken,Aarhus,2019,2018,2,outside_labour;convicted,0,0,0,,,
Østparken,Aarhus,2022,2021,0,,,,0,0,0,1
"""


def test_comma_separated_decimal_point(tmp_path):
    out, err = run("classify", str(write(tmp_path / "in.csv", SMALL)))
    assert out == SMALL_OUT
    assert err == ""


def test_semicolon_separated_decimal_comma_with_bom(tmp_path):
    danish = "\ufeff" + SMALL.replace(",", ";").replace(".", ",")
    out, _ = run("classify", str(write(tmp_path / "in.csv", danish)))
    assert out == SMALL_OUT


def test_a_decimal_comma_in_a_comma_separated_file_is_an_error_not_a_guess(tmp_path):
    # docs/decisions/0011: a comma-separated file has a decimal point; '45,5' could be 45.5 or
    # (with a thousands comma) nothing sensible, and '1,500' is one thousand five hundred.
    text = SMALL.replace("45.5,62.25", '"45,5","1,500"', 1)
    path = write(tmp_path / "in.csv", text)
    assert fails("classify", str(path)).splitlines() == [
        f"{path}, row 2, column 'pct_outside_labour': '45,5' is not a number in this file's "
        "format: write 1234.5 or 1,234.5 (a comma-separated file has a decimal point)",
        f"{path}, row 2, column 'pct_non_western': 1,500 is a percentage outside 0–100",
    ]


def test_thousands_separators_follow_the_file_format(tmp_path):
    danish = SMALL.replace(",", ";").replace(".", ",").replace(";2100;", ";2.100;")
    out, _ = run("classify", str(write(tmp_path / "in.csv", danish)))
    assert out == SMALL_OUT
    english = SMALL.replace(",2100,", ',"2,100",')
    out, _ = run("classify", str(write(tmp_path / "in.csv", english)))
    assert out == SMALL_OUT


def test_2000_residents_written_the_danish_way_in_a_comma_file_is_an_error(tmp_path):
    path = write(tmp_path / "in.csv", SMALL.replace(",2100,", ",2.100,"))
    assert fails("classify", str(path)) == (
        f"{path}, row 4, column 'residents': '2.100' is not a whole number"
    )


def test_a_huge_cell_is_named_by_row_and_column(tmp_path):
    path = write(tmp_path / "in.csv", SMALL.replace("Sydparken", "S" * 131_073))
    assert fails("classify", str(path)) == (
        f"{path}, row 3, column 'area': the cell has 131,073 characters; "
        "at most 131,072 are allowed"
    )


def test_huge_figures_are_refused(tmp_path):
    path = write(tmp_path / "in.csv", SMALL.replace(",999,", ",99999999999,"))
    assert fails("classify", str(path)) == (
        f"{path}, row 3, column 'residents': 99999999999 is too large (at most 2,147,483,647)"
    )


def test_xlsx(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    for line in csv.reader(io.StringIO(SMALL)):
        sheet.append([_cell(v) for v in line])
    workbook.save(tmp_path / "in.xlsx")
    out, _ = run("classify", str(tmp_path / "in.xlsx"))
    assert out == SMALL_OUT


def _cell(value: str) -> object:
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value or None


def test_columns_in_any_order_and_unused_columns_absent(tmp_path):
    text = "year,area,residents,municipality,pct_non_western,pct_convicted,pct_outside_labour\n"
    text += "2010,Vestparken,1200,Odense,51,2.71,12\n"
    out, _ = run("classify", str(write(tmp_path / "in.csv", text)))
    assert out == f"{HEADER}\nVestparken,Odense,2010,2010,2,convicted;non_western,1,,,,,\n"


def test_output_file(tmp_path):
    target = tmp_path / "out.csv"
    out, err = run("classify", str(write(tmp_path / "in.csv", SMALL)), "-o", str(target))
    assert (out, err) == ("", "")
    assert target.read_text(encoding="utf-8") == SMALL_OUT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv"]


def test_json_gives_thresholds_margins_and_explanation(tmp_path):
    out, _ = run("classify", str(write(tmp_path / "in.csv", SMALL)), "--format", "json")
    data = json.loads(out)
    assert [(r["area"], r["udsat"], r["ghetto"], r["parallelsamfund"]) for r in data] == [
        ("Nordparken", 1, 1, None),
        ("Sydparken", 0, 0, None),
        ("Østparken", 0, None, 0),
    ]
    first = data[0]
    assert first["criteria_met"] == ["outside_labour", "convicted"]
    assert first["n_criteria_met"] == 2
    assert first["criteria"][0] == {
        "group": "udsat",
        "key": "outside_labour",
        "field": "pct_outside_labour",
        "value": 45.5,
        "comparator": ">",
        "threshold": 40,
        "met": True,
        "margin": 5.5,
        "margin_unit": "pp",
        "at_risk": False,
        "unit": "percent",
        "years_averaged": 2,
        "citation": (
            "almenboligloven § 61 a, stk. 1, nr. 1 (L 38 (2018/19), fremsat 3. oktober 2018)"
        ),
    }
    assert first["criteria"][1]["margin"] == 1  # conviction ratio 3 ÷ threshold 3
    assert first["criteria"][1]["at_risk"] is True
    assert first["at_risk"] == [{"group": "udsat", "key": "convicted"}]
    assert first["streaks"] == {
        "haardt_ghetto": {
            "years_required": 5,
            "confirmed": [],
            "denied": [],
            "missing": [2015, 2016, 2017, 2018],
        }
    }
    assert first["explanation"].startswith("Opfylder 2 af 4 kriterier: andelen af 18–64-årige")
    assert "agrees_with_official" not in first


def test_forced_rule_set(tmp_path):
    out, _ = run("classify", str(write(tmp_path / "in.csv", SMALL)), "--rules", "2021")
    assert rows(out)[0]["rules"] == "2021"
    assert rows(out)[0]["parallelsamfund"] == "1"


def test_at_risk_option(tmp_path):
    path = write(tmp_path / "in.csv", SMALL)
    out, _ = run("classify", str(path), "--format", "json", "--at-risk", "0")
    assert json.loads(out)[0]["at_risk"] == [{"group": "udsat", "key": "convicted"}]  # exactly at 3
    out, _ = run("classify", str(path), "--format", "json", "--at-risk", "0.2")
    assert json.loads(out)[0]["at_risk"] == [
        {"group": "udsat", "key": "outside_labour"},  # 45.5 is within 8 of 40
        {"group": "udsat", "key": "convicted"},
    ]


# -- history ------------------------------------------------------------------------------------

HISTORY = f"""{FIGURES_HEADER},official_ghetto,official_haardt_ghetto
Vestparken,Odense,2014,2000,45,60,3,,55,50,,
Vestparken,Odense,2015,2000,45,60,3,,55,50,,
Vestparken,Odense,2016,2000,45,60,3,,55,50,,
Vestparken,Odense,2017,2000,45,60,2,,40,60,1,
Vestparken,Odense,2018,2000,45,60,,3.5,55,50,1,1
Nørreparken,Odense,2018,2000,45,60,,3.5,55,50,1,0
"""


def test_earlier_rows_are_the_history_and_official_values_win(tmp_path):
    out, err = run("classify", str(write(tmp_path / "in.csv", HISTORY)))
    result = [
        (r["year"], r["rules"], r["ghetto"], r["haardt_ghetto"], r["agrees_with_official"])
        for r in rows(out)
    ]
    assert result == [
        ("2014", "2014", "1", "", ""),
        ("2015", "2014", "1", "", ""),
        ("2016", "2014", "1", "", ""),
        # computed: 2 of 5 criteria, not a ghettoområde; the official list says it was
        ("2017", "2014", "0", "", "0"),
        # 2014–2017 count by the lists then in force (2017 official), so 5 lists in a row
        ("2018", "2018", "1", "1", "1"),
        ("2018", "2018", "1", "0", "1"),  # no history: not hårdt
    ]
    assert "2 rows" not in err
    assert err.splitlines()[0].endswith(
        "compared 3 rows with the official lists: 2 agree, 1 disagree."
    )


# -- bad input: exit 2, a message naming file, row and column, nothing written ------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "area,municipality,year,pct_outside_labour\nA,B,2010,50\n",
            "{f}, row 1, column 'residents': required column is missing",
        ),
        (
            f"{FIGURES_HEADER}\nA,B,2010,1500,abc,60,3,,,\n",
            "{f}, row 2, column 'pct_outside_labour': 'abc' is not a number",
        ),
        (
            f"{FIGURES_HEADER}\nA,B,2010,1500,45,60,3,,,\nC,D,2010,1500,45,100.5,3,,,\n",
            "{f}, row 3, column 'pct_non_western': 100.5 is a percentage outside 0–100",
        ),
        (
            f"{FIGURES_HEADER}\nA,B,2010,1500,-1,60,3,,,\n",
            "{f}, row 2, column 'pct_outside_labour': -1 is a percentage outside 0–100",
        ),
        (
            f"{FIGURES_HEADER}\nA,B,2010,-5,45,60,3,,,\n",
            "{f}, row 2, column 'residents': -5 is negative",
        ),
        (
            f"{FIGURES_HEADER}\nA,B,2010,1.907,45,60,3,,,\n",
            "{f}, row 2, column 'residents': '1.907' is not a whole number",
        ),
        (
            f"{FIGURES_HEADER}\nA,B,2010,1500,45,60,3,,,\nX,Y,2010,1500,45,60,3,,,\nA,B,2010,1600,45,60,3,,,\n",
            "{f}, row 4, column 'area/municipality/year': duplicate row: A (B) 2010 is also in "
            "row 2",
        ),
        (
            f"{FIGURES_HEADER}\nA,B,2009,1500,45,60,3,,,\n",
            "{f}, row 2, column 'year': no rule set for the list of 2009; the first list is 2010",
        ),
        (
            f"{FIGURES_HEADER}\nA,B,2014,1500,45,60,3,,,\n",
            "{f}, row 2, column 'pct_basic_education': empty, but rule set 2014 needs it\n"
            "{f}, row 2, column 'income_pct_of_region': empty, but rule set 2014 needs it",
        ),
        (
            "area,municipality,year,residents,pct_outside_labour,pct_non_western\nA,B,2010,1500,45,60\n",
            "{f}, row 1, column 'pct_convicted': column is missing; rule set 2010 needs it "
            "(rows 2)",
        ),
        (
            f"{FIGURES_HEADER},official_ghetto\nA,B,2010,1500,45,60,3,,,,ja\n",
            "{f}, row 2, column 'official_ghetto': 'ja' is not 1 (on the list) or 0 (left it)",
        ),
        (
            f"{FIGURES_HEADER},official_udsat\nA,B,2010,1500,45,60,3,,,,1\n",
            "{f}, row 2, column 'official_udsat': "
            "rule set 2010 has no udsat boligområde to compare with",
        ),
        (
            f"{FIGURES_HEADER}\n,B,2010,1500,45,60,3,,,\n",
            "{f}, row 2, column 'area': empty",
        ),
        (
            f"{FIGURES_HEADER},area\nA,B,2010,1500,45,60,3,,,,A\n",
            "{f}, row 1, column 'area': the column appears twice in the header",
        ),
        (
            f"{FIGURES_HEADER}\nA,B,2010,1500,45,60,3,,,,,\n",
            "{f}, row 2: 12 cells, but the header has 10 columns",
        ),
    ],
    ids=[
        "missing-column",
        "non-number",
        "percentage-over-100",
        "percentage-negative",
        "negative-residents",
        "thousands-separator",
        "duplicate-area-year",
        "no-rule-set",
        "empty-needed-figure",
        "missing-needed-column",
        "bad-official-flag",
        "official-designation-undefined",
        "empty-area",
        "duplicate-header",
        "too-many-cells",
    ],
)
def test_bad_input_exits_2_and_writes_nothing(tmp_path, text, message):
    path = write(tmp_path / "bad.csv", text)
    target = tmp_path / "out.csv"
    assert fails("classify", str(path), "-o", str(target)) == message.format(f=path)
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_every_problem_is_listed(tmp_path):
    text = f"{FIGURES_HEADER}\nA,B,2010,x,45,60,3,,,\nC,D,2010,1500,45,160,y,,,\n"
    path = write(tmp_path / "bad.csv", text)
    assert fails("classify", str(path)).splitlines() == [
        f"{path}, row 2, column 'residents': 'x' is not a number",
        f"{path}, row 3, column 'pct_non_western': 160 is a percentage outside 0–100",
        f"{path}, row 3, column 'pct_convicted': 'y' is not a number",
    ]


def test_not_utf8(tmp_path):
    path = write(tmp_path / "bad.csv", SMALL, encoding="cp1252")
    assert fails("classify", str(path)) == f"{path}: not UTF-8 text (byte 234); save it as UTF-8"


def test_missing_input_file(tmp_path):
    assert (
        fails("classify", str(tmp_path / "nope.csv")) == f"{tmp_path / 'nope.csv'}: file not found"
    )


def test_xlsx_errors_name_the_sheet(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Ark1"
    sheet.append(FIGURES_HEADER.split(","))
    sheet.append(["A", "B", 2010, 1500, 45, "n/a", 3])
    workbook.save(tmp_path / "in.xlsx")
    assert fails("classify", str(tmp_path / "in.xlsx")) == (
        f"{tmp_path / 'in.xlsx'} (sheet Ark1), row 2, column 'pct_non_western': "
        "'n/a' is not a number"
    )


def test_unknown_rule_set_option_exits_2(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="invalid choice: '2019'"):
        call_command(
            "criteria", "classify", str(LISTS[0]), "--rules", "2019", stdout=out, stderr=err
        )


# -- through the real console script -----------------------------------------------------------


def _script() -> str:
    return str(Path(sys.executable).with_name("boligsocial"))


def test_console_script(tmp_path):
    env = {"DEBUG": "1", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [_script(), "criteria", "classify", str(LISTS[2])],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == HEADER + ",agrees_with_official"
    assert "compared 38 rows with the official lists: 37 agree, 1 disagree." in done.stderr

    bad = write(tmp_path / "bad.csv", f"{FIGURES_HEADER}\nA,B,2010,-5,45,60,3,,,\n")
    done = subprocess.run(
        [_script(), "criteria", "classify", str(bad), "-o", str(tmp_path / "out.csv")],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == f"CommandError: {bad}, row 2, column 'residents': -5 is negative"
    assert not (tmp_path / "out.csv").exists()

    done = subprocess.run(
        [_script(), "criteria", "classify", "-", "--rules", "2019"],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "invalid choice: '2019'" in done.stderr


def test_json_with_official_columns(tmp_path):
    out, _ = run("classify", str(LISTS[2]), "--format", "json")
    ringparken = next(r for r in json.loads(out) if r["area"] == "Ringparken, Slagelse")
    assert (ringparken["ghetto"], ringparken["agrees_with_official"], ringparken["official"]) == (
        0,
        0,
        {"ghetto": 1},
    )


def test_history_from_elsewhere_joins_the_input_rows():
    """The seam for the official lists stored in the database: `history` per (area,
    municipality) adds to the earlier rows of the input."""
    from boligsocial.core.tables import read_table_data
    from boligsocial.criteria.batch import classify_table
    from boligsocial.criteria.rules import HistoryEntry

    text = f"{FIGURES_HEADER}\nVestparken,Odense,2018,2000,45,60,,3.5,55,50\n"
    table = read_table_data(text.encode(), "in.csv")
    stored = [HistoryEntry(y, "ghetto", True, "official") for y in (2014, 2015, 2016, 2017)]
    with_history = classify_table(table, history={("Vestparken", "Odense"): stored})
    without = classify_table(table)
    assert with_history.results[0].classification.designations["haardt_ghetto"] is True
    assert without.results[0].classification.designations["haardt_ghetto"] is False
