from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from tests import kit
from tests.factories import AreaFactory, municipality

from boligsocial.areas.models import Area
from boligsocial.core.tables import TableErrors, read_table
from boligsocial.indicators.models import IndicatorValue, OfficialListEntry
from boligsocial.indicators.selectors import indicator_values, shown_values
from boligsocial.indicators.services import indicator_values_import, official_lists_import

pytestmark = pytest.mark.django_db

LIST = """area,municipality,year,residents,pct_outside_labour,pct_non_western,pct_convicted,\
conviction_ratio,pct_basic_education,income_pct_of_region,official_ghetto
Blågården,København,2010,2440,36.8,65.5,2.83,,,,1
"Ringparken, Slagelse",Slagelse,2010,1907,44.2,51.0,2.76,,,,1
Blågården,København,2011,2440,36.8,65.5,2.5,,,,0
"""


def _write(tmp_path, text, name="liste.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_official_list_import_stores_entries_figures_and_new_areas(tmp_path):
    result = official_lists_import(table=read_table(_write(tmp_path, LIST)), source="Liste 2010")
    assert (result.rows, result.areas_created, result.list_entries_written) == (3, 2, 3)
    assert result.values_written == 3 * 4
    entries = OfficialListEntry.objects.order_by("area__name", "year")
    assert [(e.area.name, e.year, e.designation, e.on_list) for e in entries] == [
        ("Blågården", 2010, "ghetto", True),
        ("Blågården", 2011, "ghetto", False),
        ("Ringparken, Slagelse", 2010, "ghetto", True),
    ]
    ringparken = Area.objects.get(name="Ringparken, Slagelse")
    assert ringparken.municipality.name == "Slagelse"
    assert IndicatorValue.objects.get(area=ringparken, indicator__key="pct_convicted").value == (
        Decimal("2.76")
    )
    # Importing again updates in place: nothing is duplicated.
    official_lists_import(table=read_table(_write(tmp_path, LIST)), source="Liste 2010")
    assert (OfficialListEntry.objects.count(), IndicatorValue.objects.count()) == (3, 12)


def test_official_list_import_is_all_or_nothing_and_names_every_problem(tmp_path):
    bad = LIST + (
        "Nyby,Atlantis,2010,1000,40,50,2,,,,1\n"
        "Blågården,København,2010,2440,36.8,65.5,2.83,,,,1\n"
        "Solbakken,Aarhus,2010,-5,140,x,2,,,,ja\n"
    )
    with kit.nothing_written(), pytest.raises(TableErrors) as excinfo:
        official_lists_import(table=read_table(_write(tmp_path, bad)), source="Liste")
    assert [str(e) for e in excinfo.value.errors] == [
        "liste.csv, row 5, column 'municipality': unknown municipality 'Atlantis'",
        "liste.csv, row 6, column 'area/municipality/year': duplicate row: Blågården "
        "(København) 2010 is also in row 2",
        "liste.csv, row 7, column 'residents': -5 is negative",
        "liste.csv, row 7, column 'pct_outside_labour': 140 is a percentage outside 0–100",
        "liste.csv, row 7, column 'pct_non_western': 'x' is not a number",
        "liste.csv, row 7, column 'official_ghetto': 'ja' is not 1 (on the list) or 0 (left it)",
    ]


def test_missing_columns_are_reported(tmp_path):
    with pytest.raises(TableErrors) as excinfo:
        official_lists_import(table=read_table(_write(tmp_path, "area,year\nX,2010\n")), source="s")
    assert [str(e) for e in excinfo.value.errors] == [
        "liste.csv, row 1, column 'municipality': required column is missing"
    ]


def test_lists_import_command_exits_2_naming_the_row(tmp_path):
    path = _write(tmp_path, "area,municipality,year,official_udsat\nX,Aarhus,20x0,1\n")
    with kit.nothing_written(), pytest.raises(CommandError) as excinfo:
        call_command("lists", "import", str(path), "--source", "test")
    assert excinfo.value.returncode == 2
    assert "row 2, column 'year'" in str(excinfo.value)


def test_indicator_values_round_trip_through_export_with_disclosure(tmp_path):
    area = AreaFactory(name="Testparken", municipality=municipality("Aarhus"))
    text = (
        "area;municipality;year;indicator;value;persons;population\n"
        "Testparken;Aarhus;2023;pct_convicted;0,3;4;1320\n"
        "Testparken;Aarhus;2023;residents;1500;;\n"
        "Testparken;Aarhus;2023;pct_outside_labour;38,5;300;779\n"
    )
    indicator_values_import(table=read_table(_write(tmp_path, text)), source="Kommunens tal")
    assert IndicatorValue.objects.filter(area=area).count() == 3
    public = list(shown_values(indicator_values(), analyst=False))
    assert [(v.indicator_key, v.value, v.suppressed) for v in public] == [
        ("residents", Decimal("1500"), False),
        ("pct_outside_labour", Decimal("38.5"), False),
        ("pct_convicted", None, True),
    ]
    out = tmp_path / "export.csv"
    call_command("indicators", "export", "-o", str(out), "--unsuppressed")
    assert out.read_text(encoding="utf-8").splitlines() == [
        "area,municipality,year,indicator,value,persons,population",
        "Testparken,Aarhus,2023,residents,1500,,",
        "Testparken,Aarhus,2023,pct_outside_labour,38.5,300,779",
        "Testparken,Aarhus,2023,pct_convicted,0.3,4,1320",
    ]
    IndicatorValue.objects.all().delete()
    call_command("indicators", "import", str(out), "--source", "round trip")
    assert IndicatorValue.objects.get(indicator__key="pct_convicted").persons == 4
    public_out = tmp_path / "public.csv"
    call_command("indicators", "export", "-o", str(public_out))
    assert "Testparken,Aarhus,2023,pct_convicted,<5,," in public_out.read_text(encoding="utf-8")


def test_indicator_import_reports_unknown_area_and_indicator(tmp_path):
    text = "area,municipality,year,indicator,value\nIngensteds,Aarhus,2023,nonsense,1\n"
    with pytest.raises(TableErrors) as excinfo:
        indicator_values_import(table=read_table(_write(tmp_path, text)), source="s")
    assert [(e.row, e.column) for e in excinfo.value.errors] == [(2, "area"), (2, "indicator")]


def test_an_unknown_column_in_the_long_layout_is_an_error_not_ignored(tmp_path):
    text = "area,municipality,year,indicator,value,persns\nX,Aarhus,2010,pct_convicted,2,3\n"
    with kit.nothing_written(), pytest.raises(TableErrors) as excinfo:
        indicator_values_import(table=read_table(_write(tmp_path, text)), source="s")
    assert [str(e) for e in excinfo.value.errors] == [
        "liste.csv, row 1, column 'persns': unknown column; the columns are area, indicator, "
        "municipality, persons, population, value, year"
    ]
