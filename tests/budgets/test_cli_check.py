"""`boligsocial budget check FILE --round CODE [-o OUT]`: the result table on stdout or in OUT,
a breach explained on stderr, exit 0 / 1 / 2; first through `call_command`, then as a user runs
it (the console script, in a subprocess on a migrated temporary database)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from boligsocial.funding.models import FundRound

HEADER = "year,category,focus_area,source_kind,source,amount,in_kind\n"
AT_75 = HEADER + (
    "2024,salaries,Beskæftigelse,lbf,,75000.00,\n"
    "2024,activities,,municipality,Aarhus Kommune,20000.00,\n"
    "2024,activities,,afdeling,Afd. 7,5000.00,1\n"
)
ONE_ORE_OVER = AT_75.replace("75000.00", "75000.01")


def write(tmp_path: Path, text: str, name: str = "udkast.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def check(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("budget", "check", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def counted(db):
    FundRound.objects.filter(code="2019–26").update(in_kind_counts=True)


@override_settings(LANGUAGE_CODE="en")
def test_exactly_75_percent_exits_0_with_the_table_on_stdout(counted, tmp_path):
    code, out, err = check(str(write(tmp_path, AT_75)), "--round", "2019-26")
    assert (code, err) == (0, "5,000.00 kr. in kind is counted as local co-financing.\n")
    assert out == (
        "period,total,lbf_amount,local_amount,lbf_share,local_share,ok\n"
        "2024,100000.00,75000.00,25000.00,0.7500,0.2500,1\n"
        "total,100000.00,75000.00,25000.00,0.7500,0.2500,1\n"
    )


@override_settings(LANGUAGE_CODE="en")
def test_one_ore_over_exits_1_and_explains_the_breach(counted, tmp_path):
    code, out, err = check(str(write(tmp_path, ONE_ORE_OVER)), "--round", "2019–26")
    assert code == 1
    assert out.splitlines()[-1] == "total,100000.01,75000.01,25000.00,0.7500,0.2500,0"
    lines = err.splitlines()
    assert lines[0] == (
        "2024: LBF's share is 75.000002 %, 0.000002 pct.-point over the maximum; 0.01 kr. more "
        "local money is needed"
    )
    assert lines[-1].startswith(
        "2019–26: LBF's share is 75.000002 %, 0.000002 pct.-point over the maximum; 0.01 kr. "
        "more local money is needed (3 line(s), "
    )


def test_the_explanation_is_in_the_installations_language(counted, tmp_path):
    with override_settings(LANGUAGE_CODE="da"):
        code, _out, err = check(str(write(tmp_path, ONE_ORE_OVER)), "--round", "2019-26")
    assert code == 1
    assert "LBF's andel er 75,000002 %" in err


@override_settings(LANGUAGE_CODE="en")
def test_in_kind_not_known_is_left_out_and_said(db, tmp_path):
    assert FundRound.objects.get(code="2019–26").in_kind_counts is None
    code, out, err = check(str(write(tmp_path, AT_75)), "--round", "2019-26")
    assert code == 1  # without the 5,000 in kind LBF pays 78.9 %
    assert out.splitlines()[-1] == "total,95000.00,75000.00,20000.00,0.7895,0.2105,0"
    assert (
        "Whether in-kind contributions count as co-financing is not known for this fund round: "
        "5,000.00 kr. in kind is left out of the check." in err
    )


@override_settings(LANGUAGE_CODE="en")
def test_the_table_goes_to_the_output_file(counted, tmp_path):
    target = tmp_path / "resultat.csv"
    code, out, _err = check(str(write(tmp_path, AT_75)), "--round", "2019-26", "-o", str(target))
    assert code == 0
    assert out == ""
    assert target.read_text().splitlines()[-1] == (
        "total,100000.00,75000.00,25000.00,0.7500,0.2500,1"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["resultat.csv", "udkast.csv"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--round", "1999-2000"], "--round 1999-2000: no fund round has this code; the rounds "
         "are 2006–10, 2011–14, 2015–18, 2019–26"),
        (["--round", "2019-26", "-o", "mangler/ud.csv"], "the folder"),
    ],
)  # fmt: skip
def test_a_bad_round_or_folder_exits_2(db, tmp_path, args, message):
    args = [a if not a.startswith("mangler") else str(tmp_path / a) for a in args]
    with pytest.raises(CommandError, match=message) as raised:
        call_command("budget", "check", str(write(tmp_path, AT_75)), *args)
    assert raised.value.returncode == 2


def test_bad_rows_exit_2_naming_every_row_and_column(db, tmp_path):
    path = write(tmp_path, HEADER + "2024,salaries,,lbf,,-1,\n2024,salaries,,bank,,1x,\n")
    with pytest.raises(CommandError) as raised:
        call_command("budget", "check", str(path), "--round", "2019-26")
    assert raised.value.returncode == 2
    assert str(raised.value) == (
        "Nothing was checked; 3 problems:\n"
        f"{path}, row 2, column 'amount': '-1' is negative; an amount is 0 or more\n"
        f"{path}, row 3, column 'amount': '1x' is not a number\n"
        f"{path}, row 3, column 'source_kind': 'bank' is not a source kind; the kinds are lbf, "
        "municipality, housing_organisation, afdeling, foundation, other"
    )


def test_categories_and_focus_areas_come_from_the_database(db, tmp_path):
    path = write(tmp_path, HEADER + "2024,Løn,Sport,lbf,,1,\n2024,rejser,,lbf,,1,\n")
    with pytest.raises(CommandError) as raised:
        call_command("budget", "check", str(path), "--round", "2019-26")
    assert str(raised.value).splitlines()[1:] == [
        f"{path}, row 2, column 'focus_area': 'Sport' is not a focus area of the round (empty: "
        "across focus areas)",
        f"{path}, row 3, column 'category': 'rejser' is not a category; the categories are "
        "activities, administration, evaluation, other, salaries",
    ]


# --- as a user runs it --------------------------------------------------------------------------

BIN = Path(sys.executable).with_name("boligsocial")


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """A temporary installation with a migrated database (the fund rounds and categories)."""
    home = tmp_path_factory.mktemp("budget-cli")
    result = run(home, ["migrate", "--no-input"])
    assert result.returncode == 0, result.stderr
    return home


def run(home: Path, args: list[str]) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
           "BOLIGSOCIAL_HOME": str(home), "LANGUAGE_CODE": "en"}  # fmt: skip
    return subprocess.run(
        [str(BIN), *args], cwd=home, env=env, capture_output=True, text=True, timeout=300,
        check=False,
    )  # fmt: skip


def test_the_console_script_exits_0_1_and_2(home):
    (home / "at.csv").write_text(AT_75.replace(",1\n", ",0\n"), encoding="utf-8")
    (home / "over.csv").write_text(ONE_ORE_OVER.replace(",1\n", ",0\n"), encoding="utf-8")
    (home / "bad.csv").write_text(HEADER + "2024,salaries,,lbf,,1.234.5,\n", encoding="utf-8")
    (home / "empty.csv").write_text("", encoding="utf-8")
    at = run(home, ["budget", "check", "at.csv", "--round", "2019-26"])
    assert (at.returncode, at.stderr) == (0, "")
    assert at.stdout.endswith("total,100000.00,75000.00,25000.00,0.7500,0.2500,1\n")
    over = run(home, ["budget", "check", "over.csv", "--round", "2019-26"])
    assert over.returncode == 1
    assert "0.01 kr. more local money is needed" in over.stderr
    bad = run(home, ["budget", "check", "bad.csv", "--round", "2019-26"])
    assert bad.returncode == 2
    assert bad.stderr == (
        "CommandError: bad.csv, row 2, column 'amount': '1.234.5' is not a number in this "
        "file's format: write 1234.5 or 1,234.5 (a comma-separated file has a decimal point) "
        "(nothing was checked)\n"
    )
    empty = run(home, ["budget", "check", "empty.csv", "--round", "2019-26"])
    assert empty.returncode == 2
    assert "empty.csv, row 1: the header row is missing" in empty.stderr
    missing = run(home, ["budget", "check", "at.csv"])
    assert missing.returncode == 2
    assert "the following arguments are required: --round" in missing.stderr
