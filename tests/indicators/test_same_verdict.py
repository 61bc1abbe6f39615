"""`criteria classify` and `lists import` read the cells of the criteria format by one function
(`criteria.rows`), so on the same file they give the same verdict and the same messages
(docs/decisions/0016)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from boligsocial.indicators.models import OfficialListEntry

pytestmark = pytest.mark.django_db

HEADER = (
    "area,municipality,year,residents,pct_outside_labour,pct_non_western,pct_convicted,"
    "conviction_ratio,pct_basic_education,income_pct_of_region,official_ghetto\n"
)
GOOD = "Blågården,København,2010,2440,36.8,65.5,2.83,,,,1\n"

BAD = {
    "a letter for a number": (
        HEADER + GOOD.replace("65.5", "x"),
        "row 2, column 'pct_non_western': 'x' is not a number",
    ),
    "negative residents": (
        HEADER + GOOD.replace("2440", "-5"),
        "row 2, column 'residents': -5 is negative",
    ),
    "a share over 100": (
        HEADER + GOOD.replace("36.8", "136.8"),
        "row 2, column 'pct_outside_labour': 136.8 is a percentage outside 0–100",
    ),
    "a ratio no area can have": (
        HEADER + GOOD.replace("2.83,,", "2.83,99999999999,"),
        "row 2, column 'conviction_ratio': 99999999999 is implausible (at most 100)",
    ),
    "a flag that is not 1 or 0": (
        HEADER + GOOD.replace(",1\n", ",ja\n"),
        "row 2, column 'official_ghetto': 'ja' is not 1 (on the list) or 0 (left it)",
    ),
    "the same area and year twice, in other case": (
        HEADER + GOOD + GOOD.replace("Blågården", "BLÅGÅRDEN"),
        "row 3, column 'area/municipality/year': duplicate row: BLÅGÅRDEN (København) 2010 "
        "is also in row 2",
    ),
    "an unknown column": (
        HEADER.replace("\n", ",pct_outside_labor\n") + GOOD.replace("\n", ",40\n"),
        "row 1, column 'pct_outside_labor': unknown column; the columns are area, "
        "conviction_ratio, income_pct_of_region, municipality, official_forebyggelse, "
        "official_ghetto, official_haardt_ghetto, official_omdannelse, "
        "official_parallelsamfund, official_udsat, pct_basic_education, pct_convicted, "
        "pct_non_western, pct_outside_labour, residents, year",
    ),
    "a column named twice": (
        HEADER.replace("\n", ",Area\n") + GOOD.replace("\n", ",X\n"),
        "row 1, column 'area': the column appears twice in the header",
    ),
    "a year before the first list": (
        HEADER + GOOD.replace(",2010,", ",2009,"),
        "row 2, column 'year': no rule set for the list of 2009; the first list is 2010",
    ),
    "a list the year's law does not have": (
        HEADER.replace("official_ghetto", "official_udsat") + GOOD,
        "row 2, column 'official_udsat': rule set 2010 has no udsat boligområde to compare with",
    ),
}


def _verdicts(path) -> tuple[str, str]:
    """What each command says about the file: "ok", or its message without the file name."""
    said = []
    for command in (["criteria", "classify"], ["lists", "import"]):
        extra = ["--source", "test"] if command[0] == "lists" else []
        error: CommandError | None = None
        try:
            call_command(*command, str(path), *extra, stdout=io.StringIO(), stderr=io.StringIO())
        except CommandError as exc:
            error = exc
        if error is None:
            said.append("ok")
            continue
        assert error.returncode == 2
        message = str(error).removeprefix(f"{path}, ").removesuffix(" (nothing was imported)")
        said.append(message)
    return said[0], said[1]


def test_both_accept_a_good_file(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text(HEADER + GOOD, encoding="utf-8")
    assert _verdicts(path) == ("ok", "ok")
    assert OfficialListEntry.objects.count() == 1


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_both_refuse_a_bad_file_with_the_same_message(tmp_path, case):
    text, message = BAD[case]
    path = tmp_path / "liste.csv"
    path.write_text(text, encoding="utf-8")
    assert _verdicts(path) == (message, message)
    assert OfficialListEntry.objects.count() == 0


def test_both_refuse_a_cell_right_of_the_last_column_in_xlsx(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Liste"
    sheet.append(HEADER.strip().split(","))
    sheet.append([*GOOD.strip().split(","), "glemt"])
    path = tmp_path / "liste.xlsx"
    workbook.save(path)
    message = f"{path} (sheet Liste), row 2: a cell to the right of the last column"
    assert _verdicts(path) == (message, message)
