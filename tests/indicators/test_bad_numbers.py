"""Numbers out of range and text too long in the imports: one message naming file, row and
column, exit 2 on the command line, nothing written (issue 6)."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from tests import kit
from tests.factories import AreaFactory, municipality

from boligsocial.areas.models import Area
from boligsocial.core.tables import TableErrors, read_table
from boligsocial.indicators.models import Indicator, IndicatorValue, OfficialListEntry
from boligsocial.indicators.services import indicator_values_import, official_lists_import

pytestmark = pytest.mark.django_db

LONG_HEADER = "area,municipality,year,indicator,value,persons,population\n"


def _write(tmp_path: Path, text: str, name: str = "tal.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _errors(tmp_path: Path, text: str) -> list[str]:
    AreaFactory(name="Testparken", municipality=municipality("Aarhus"))
    with kit.nothing_written(), pytest.raises(TableErrors) as raised:
        indicator_values_import(table=read_table(_write(tmp_path, text)), source="s")
    return [str(e) for e in raised.value.errors]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("residents,1e30,,", "column 'value': '1e30' is not a number"),
        (
            "pct_convicted,99999999999999,,",
            "column 'value': 99999999999999 is too large (a figure is below 100,000,000,000)",
        ),
        # residents is a count: a whole number from 0, never "2.000" read as 2.
        ("residents,2.000,,", "column 'value': '2.000' is not a whole number"),
        ("residents,-2000,,", "column 'value': must not be negative"),
        (
            "residents,99999999999,,",
            "column 'value': 99999999999 is too large (at most 2,147,483,647)",
        ),
        ("pct_convicted,0.12345,,", "column 'value': 0.12345 has more than 4 decimals"),
        ("pct_convicted,1,-3,100", "column 'persons': must not be negative"),
        (
            "pct_convicted,1,3,99999999999",
            "column 'population': 99999999999 is too large (at most 2,147,483,647)",
        ),
        (
            "pct_convicted,50,300,200",
            "column 'persons': 300 persons counted, but the population is only 200",
        ),
        ("pct_convicted,50,2.000,4000", "column 'persons': '2.000' is not a whole number"),
        (
            'pct_convicted,"2,5",,',
            "column 'value': '2,5' is not a number in this file's format:"
            " write 1234.5 or 1,234.5 (a comma-separated file has a decimal point)",
        ),
    ],
)
def test_figures_out_of_range_are_refused_on_their_column(tmp_path, row, message):
    text = LONG_HEADER + f"Testparken,Aarhus,2023,{row}\n"
    assert _errors(tmp_path, text) == [f"tal.csv, row 2, {message}"]


def test_a_semicolon_file_reads_danish_thousands(tmp_path):
    area = AreaFactory(name="Testparken", municipality=municipality("Aarhus"))
    text = (
        "area;municipality;year;indicator;value;persons;population\n"
        "Testparken;Aarhus;2023;residents;2.000;;\n"
        "Testparken;Aarhus;2023;pct_outside_labour;38,5;1.300;2.779\n"
    )
    indicator_values_import(table=read_table(_write(tmp_path, text)), source="s")
    values = {v.indicator.key: v for v in IndicatorValue.objects.filter(area=area)}
    assert values["residents"].value == Decimal(2000)
    assert (values["pct_outside_labour"].persons, values["pct_outside_labour"].population) == (
        1300,
        2779,
    )


def test_a_dot_decimal_in_a_semicolon_file_is_an_error(tmp_path):
    text = "area;municipality;year;indicator;value\nTestparken;Aarhus;2023;pct_convicted;2.5\n"
    assert _errors(tmp_path, text) == [
        "tal.csv, row 2, column 'value': '2.5' is not a number in this file's format: write "
        "1234,5 or 1.234,5 (a semicolon-separated file has a decimal comma)"
    ]


def test_list_import_refuses_huge_figures_and_long_names(tmp_path):
    text = (
        "area,municipality,year,residents,pct_convicted,official_udsat\n"
        f"{'A' * 500},Aarhus,2018,1000,2,1\n"
        "B,Aarhus,2018,99999999999,2,1\n"
        "C,Aarhus,2018,1000,99999999999999,1\n"
    )
    with pytest.raises(TableErrors) as raised:
        official_lists_import(table=read_table(_write(tmp_path, text)), source="s")
    assert [str(e) for e in raised.value.errors] == [
        "tal.csv, row 2, column 'area': the area name has 500 characters; at most 200",
        "tal.csv, row 3, column 'residents': 99999999999 is too large (at most 2,147,483,647)",
        "tal.csv, row 4, column 'pct_convicted': 99999999999999 is too large (a figure is below "
        "100,000,000,000)",
    ]
    assert (Area.objects.count(), OfficialListEntry.objects.count()) == (0, 0)


def test_lists_import_with_a_500_character_name_is_one_line_and_exit_2(tmp_path):
    path = _write(tmp_path, f"area,municipality,year,official_udsat\n{'A' * 500},Aarhus,2018,1\n")
    with pytest.raises(CommandError) as raised:
        call_command("lists", "import", str(path), "--source", "test")
    assert raised.value.returncode == 2
    assert str(raised.value) == (
        f"{path}, row 2, column 'area': the area name has 500 characters; at most 200 "
        "(nothing was imported)"
    )
    assert (Area.objects.count(), OfficialListEntry.objects.count()) == (0, 0)


def _script() -> str:
    return str(Path(sys.executable).with_name("boligsocial"))


@pytest.mark.parametrize("command", ["lists", "indicators"])
def test_a_field_over_the_csv_limit_is_one_line_without_a_traceback(tmp_path, command):
    header = "area,municipality,year,official_udsat" if command == "lists" else LONG_HEADER.strip()
    path = _write(tmp_path, f"{header}\nA,{'x' * 131_073},2010,1\n")
    done = subprocess.run(
        [_script(), command, "import", str(path), "--source", "test"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"},
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        f"CommandError: {path}, row 2, column 'municipality': the cell has 131,073 characters; "
        "at most 131,072 are allowed (nothing was imported)"
    ]


def test_a_huge_unknown_name_is_quoted_short(tmp_path):
    text = "area,municipality,year,official_udsat\nA," + "x" * 100_000 + ",2018,1\n"
    with pytest.raises(TableErrors) as raised:
        official_lists_import(table=read_table(_write(tmp_path, text)), source="s")
    assert [str(e) for e in raised.value.errors] == [
        f"tal.csv, row 2, column 'municipality': unknown municipality '{'x' * 40}…'"
    ]


def test_the_model_refuses_more_persons_than_population_and_huge_counts():
    area = AreaFactory(name="Testparken", municipality=municipality("Aarhus"))
    value = IndicatorValue(
        area=area,
        indicator=Indicator.objects.get(key="pct_convicted"),
        year=2023,
        value=Decimal(50),
        persons=300,
        population=200,
    )
    with pytest.raises(ValidationError) as raised:
        value.full_clean()
    assert raised.value.message_dict == {
        "persons": ["300 personer talt, men populationen er kun 200."]
    }
    value.persons, value.population = 3, 99_999_999_999
    with pytest.raises(ValidationError) as raised:
        value.full_clean()
    assert list(raised.value.message_dict) == ["population"]
    area.residents = 99_999_999_999
    with pytest.raises(ValidationError) as raised:
        area.full_clean()
    assert list(raised.value.message_dict) == ["residents"]


def test_the_model_refuses_a_figure_it_could_not_read_back():
    area = AreaFactory(name="Testparken", municipality=municipality("Aarhus"))
    value = IndicatorValue(
        area=area,
        indicator=Indicator.objects.get(key="residents"),
        year=2023,
        value=Decimal("999999999999.9999"),  # fits the column, but SQLite reads it back as 10**12
    )
    with pytest.raises(ValidationError) as raised:
        value.full_clean()
    assert raised.value.message_dict == {"value": ["Et tal skal være under 100.000.000.000."]}
    value.value = Decimal("99999999999.9999")
    value.full_clean()
