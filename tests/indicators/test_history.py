"""`criteria classify` counts the official lists stored in the database as history."""

import csv
import io

import pytest
from django.core.management import call_command
from tests.factories import AreaFactory, municipality

from boligsocial.indicators.models import OfficialListEntry

pytestmark = pytest.mark.django_db

ROW_2018 = (
    "area,municipality,year,residents,pct_outside_labour,pct_non_western,pct_convicted,"
    "conviction_ratio,pct_basic_education,income_pct_of_region\n"
    "Testparken,Aarhus,2018,2500,45.0,70.0,,3.5,65.0,50.0\n"
)


def _classify(tmp_path) -> dict[str, str]:
    path = tmp_path / "in.csv"
    path.write_text(ROW_2018, encoding="utf-8")
    out = io.StringIO()
    call_command("criteria", "classify", str(path), stdout=out, stderr=io.StringIO())
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    return row


def test_stored_lists_complete_the_five_years_for_haardt_ghetto(tmp_path):
    area = AreaFactory(
        name="Testparken Nord", aliases=["Testparken"], municipality=municipality("Aarhus")
    )
    # Without history the area is a ghettoområde in 2018 but cannot be a hårdt ghettoområde.
    assert (_classify(tmp_path)["ghetto"], _classify(tmp_path)["haardt_ghetto"]) == ("1", "0")
    for year in (2014, 2015, 2016, 2017):
        OfficialListEntry.objects.create(
            area=area, year=year, designation="ghetto", on_list=True, source="test"
        )
    row = _classify(tmp_path)
    assert (row["ghetto"], row["haardt_ghetto"]) == ("1", "1")


def test_a_year_off_the_list_breaks_the_streak(tmp_path):
    area = AreaFactory(name="Testparken", municipality=municipality("Aarhus"))
    for year in (2014, 2015, 2016, 2017):
        OfficialListEntry.objects.create(
            area=area, year=year, designation="ghetto", on_list=year != 2016, source="test"
        )
    assert _classify(tmp_path)["haardt_ghetto"] == "0"


def test_the_input_is_matched_to_the_area_once_and_its_history_read_by_id(tmp_path):
    """An input row names its area as the imports do (any case, an alias, "X Kommune"); the
    stored lists are then read by the area's id."""
    from boligsocial.indicators.history import matched_area_ids, official_history

    area = AreaFactory(
        name="Testparken Nord", aliases=["Testparken"], municipality=municipality("Aarhus")
    )
    for year in (2014, 2015, 2016, 2017):
        OfficialListEntry.objects.create(
            area=area, year=year, designation="ghetto", on_list=True, source="test"
        )
    keys = [("TESTPARKEN ", "Aarhus Kommune"), ("Testparken", "Odense"), ("Andetsted", "Aarhus")]
    assert matched_area_ids(keys) == {("TESTPARKEN ", "Aarhus Kommune"): area.pk}
    assert [(e.year, e.designation, e.value) for e in official_history([area.pk])[area.pk]] == [
        (2014, "ghetto", True),
        (2015, "ghetto", True),
        (2016, "ghetto", True),
        (2017, "ghetto", True),
    ]
    path = tmp_path / "in.csv"
    path.write_text(ROW_2018.replace("Testparken,Aarhus", "testparken,Aarhus Kommune"), "utf-8")
    out = io.StringIO()
    call_command("criteria", "classify", str(path), stdout=out, stderr=io.StringIO())
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["area"], row["ghetto"], row["haardt_ghetto"]) == ("testparken", "1", "1")
