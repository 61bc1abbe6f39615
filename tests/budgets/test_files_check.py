"""The draft budget file check without a database: amounts in each file's number format, every
bad cell named by row and column, the result table exactly as the issue words it, and the rule's
boundary (exactly 75 % keeps it, one øre over does not)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import Workbook

from boligsocial.budgets.filecheck import (
    Category,
    category_lookup,
    check_lines,
    parse_amount,
    read_budget_file,
    result_csv,
)
from boligsocial.core.numbers import NumberFormat
from boligsocial.core.tables import TableErrors
from boligsocial.funding.rules import RoundRules

R2019 = RoundRules(
    code="2019–26",
    first_year=2019,
    last_year=2026,
    normal_plan_years=4,
    lbf_max_share=Decimal("0.75"),
    local_min_share=Decimal("0.25"),
)
CATEGORIES = category_lookup(
    [
        (Category("salaries", 2006), ("Løn", "Salaries")),
        (Category("activities", 2006), ("Aktiviteter", "Activities")),
        (Category("other", 2006, 2024), ("Andet", "Other")),
    ]
)
FOCUS = ("Beskæftigelse", "Employment")
HEADER = "year,category,focus_area,source_kind,source,amount,in_kind\n"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def write(tmp_path: Path, text: str, name: str = "budget.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def read(path: Path):
    return read_budget_file(path, categories=CATEGORIES, focus_areas=FOCUS)


def problems(path: Path) -> list[str]:
    with pytest.raises(TableErrors) as raised:
        read(path)
    return [str(e) for e in raised.value.errors]


# --- amounts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fmt", "value"),
    [
        ("1.234,50", NumberFormat.DANISH, "1234.50"),
        ("1234,5", NumberFormat.DANISH, "1234.50"),
        ("2.000", NumberFormat.DANISH, "2000.00"),
        ("1,234.50", NumberFormat.ENGLISH, "1234.50"),
        ("2.5", NumberFormat.ENGLISH, "2.50"),
        ("0", NumberFormat.ENGLISH, "0.00"),
        ("999999999.99", NumberFormat.ENGLISH, "999999999.99"),
        # XLSX: a number cell arrives as plain digits; a text cell is read as Danish
        ("1234.5", NumberFormat.PLAIN, "1234.50"),
        ("1.234,50", NumberFormat.PLAIN, "1234.50"),
        ("1234,5", NumberFormat.PLAIN, "1234.50"),
        ("12.345.678", NumberFormat.PLAIN, "12345678.00"),
        ("0.30000000000000004", NumberFormat.PLAIN, "0.30"),  # a calculation's 0.1 + 0.2
    ],
)
def test_amounts_in_each_format(text, fmt, value):
    assert parse_amount(text, fmt) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "fmt", "message"),
    [
        ("", NumberFormat.DANISH, "an amount is required"),
        ("-1", NumberFormat.ENGLISH, "'-1' is negative; an amount is 0 or more"),
        ("-0,01", NumberFormat.DANISH, "'-0,01' is negative"),
        ("1000000000", NumberFormat.ENGLISH, "more than the largest amount, 999.999.999,99 kr."),
        ("999.999.999,991", NumberFormat.DANISH, "more than the largest amount"),
        ("1.005", NumberFormat.ENGLISH, "'1.005' has more than two decimals"),
        ("mange", NumberFormat.DANISH, "'mange' is not a number"),
        ("2.5", NumberFormat.DANISH, "is not a number in this file's format"),
        ("1e30", NumberFormat.PLAIN, "'1e30' is not a number"),
        ("1.234", NumberFormat.PLAIN, "'1.234' is ambiguous (1.234 or 1234 kr.)"),
        ("1,234", NumberFormat.PLAIN, "'1,234' is ambiguous"),
        ("1,234.50", NumberFormat.PLAIN, "'1,234.50' is not a number: make it a number cell"),
        ("1000000000", NumberFormat.PLAIN, "more than the largest amount"),
        ("1.2345", NumberFormat.PLAIN, "has more than two decimals"),
    ],
)
def test_bad_amounts_say_why(text, fmt, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_amount(text, fmt)


# --- reading a file -----------------------------------------------------------------------------


def test_a_semicolon_file_is_danish_and_a_comma_file_english(tmp_path):
    danish = write(
        tmp_path,
        "year;category;focus_area;source_kind;source;amount\n"
        "2024;Løn;Beskæftigelse;lbf;;1.500,00\n"
        "2024;activities;;municipality;Aarhus Kommune;500\n",
        "da.csv",
    )
    english = write(
        tmp_path,
        "year,category,focus_area,source_kind,source,amount\n"
        '2024,salaries,employment,lbf,,"1,500.00"\n'
        "2024,ACTIVITIES,Fælles,municipality,Aarhus Kommune,500\n",
        "en.csv",
    )
    for path in (danish, english):
        lines = read(path)
        assert [(x.row, x.year, x.category, x.source_kind, x.amount) for x in lines] == [
            (2, 2024, "salaries", "lbf", Decimal("1500.00")),
            (3, 2024, "activities", "municipality", Decimal("500.00")),
        ]
        assert lines[1].focus_area == ""
        assert lines[1].in_kind is False


def test_every_bad_cell_is_named_by_row_and_column_at_once(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "2024,salaries,,lbf,,-5,\n"  # negative
        + "2024,salaries,,bank,,5,\n"  # unknown source kind
        + "2024,salaries,,lbf,,fem,\n"  # text in an amount
        + "20x4,løn,,lbf,,5,\n"  # not a year
        + "2024,travel,,lbf,,5,\n"  # unknown category
        + "2025,other,,lbf,,5,\n"  # category no longer valid
        + "2024,salaries,Sport,lbf,,5,\n"  # not a focus area of the round
        + "2024,salaries,,municipality,,5,ja\n"  # in_kind not 1/0
        + "1899,salaries,,,,,\n",  # year out of range, kind and amount missing
    )
    assert problems(path) == [
        "budget.csv, row 2, column 'amount': '-5' is negative; an amount is 0 or more",
        "budget.csv, row 3, column 'source_kind': 'bank' is not a source kind; the kinds are "
        "lbf, municipality, housing_organisation, afdeling, foundation, other",
        "budget.csv, row 4, column 'amount': 'fem' is not a number",
        "budget.csv, row 5, column 'year': '20x4' is not a number",
        "budget.csv, row 6, column 'category': 'travel' is not a category; the categories are "
        "activities, other, salaries",
        "budget.csv, row 7, column 'category': 'other' is not a category in 2025",
        "budget.csv, row 8, column 'focus_area': 'Sport' is not a focus area of the round "
        "(empty: across focus areas)",
        "budget.csv, row 9, column 'in_kind': 'ja': write 1 (in kind) or 0 (money)",
        "budget.csv, row 10, column 'year': '1899' is not a year (1900–2999)",
        "budget.csv, row 10, column 'amount': an amount is required",
        "budget.csv, row 10, column 'source_kind': required; the kinds are lbf, municipality, "
        "housing_organisation, afdeling, foundation, other",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ["budget.csv, row 1: the header row is missing"]),
        (HEADER, ["budget.csv, row 2: no budget lines below the header"]),
        (
            "year,category,source_kind,source,amount,colour\n2024,salaries,lbf,,1,red\n",
            [
                "budget.csv, row 1, column 'focus_area': required column is missing",
                "budget.csv, row 1, column 'colour': unknown column; the columns are amount, "
                "category, focus_area, in_kind, source, source_kind, year",
            ],
        ),
    ],
    ids=["empty", "header only", "columns"],
)
def test_an_empty_file_or_wrong_columns_are_refused(tmp_path, text, expected):
    assert problems(write(tmp_path, text)) == expected


def test_an_xlsx_file_reads_number_cells_and_danish_text(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["year", "category", "focus_area", "source_kind", "source", "amount", "in_kind"])
    sheet.append([2024, "salaries", None, "lbf", None, 7500.5, None])
    sheet.append([2024, "salaries", None, "afdeling", "Afd. 7", "2.500,00", True])
    sheet.append([2024, "salaries", None, "afdeling", "Afd. 7", "1.234", 0])
    path = tmp_path / "budget.xlsx"
    workbook.save(path)
    assert problems(path) == [
        "budget.xlsx (sheet Sheet), row 4, column 'amount': '1.234' is ambiguous (1.234 or 1234 "
        "kr.): make it a number cell, or write the øre after a decimal comma (1.234,00)"
    ]
    sheet.delete_rows(4)
    workbook.save(path)
    lines = read(path)
    assert [(x.amount, x.in_kind) for x in lines] == [
        (Decimal("7500.50"), False),
        (Decimal("2500.00"), True),
    ]


# --- the check and its table --------------------------------------------------------------------


def lines_of(tmp_path: Path, rows: str):
    return read(write(tmp_path, HEADER + rows))


def test_exactly_75_percent_keeps_the_rule_and_one_ore_over_does_not(tmp_path):
    at = lines_of(
        tmp_path,
        "2024,salaries,,lbf,,75000.00,\n2024,salaries,,municipality,Aarhus,25000.00,\n",
    )
    check = check_lines(at, R2019, in_kind_counts=True)
    assert check.ok
    assert result_csv(check) == (
        "period,total,lbf_amount,local_amount,lbf_share,local_share,ok\n"
        "2024,100000.00,75000.00,25000.00,0.7500,0.2500,1\n"
        "total,100000.00,75000.00,25000.00,0.7500,0.2500,1\n"
    )
    over = lines_of(
        tmp_path,
        "2024,salaries,,lbf,,75000.01,\n2024,salaries,,municipality,Aarhus,25000.00,\n",
    )
    check = check_lines(over, R2019, in_kind_counts=True)
    assert not check.ok
    assert result_csv(check).splitlines()[-1] == "total,100000.01,75000.01,25000.00,0.7500,0.2500,0"


def test_one_row_per_year_then_the_period_and_in_kind_as_the_round_says(tmp_path):
    lines = lines_of(
        tmp_path,
        "2025,salaries,,lbf,,80000,\n"
        "2025,salaries,,afdeling,Afd. 1,20000,1\n"
        "2024,salaries,,lbf,,60000,\n"
        "2024,activities,,housing_organisation,Boligforeningen,40000,0\n",
    )
    counted = result_csv(check_lines(lines, R2019, in_kind_counts=True)).splitlines()
    assert counted[1:] == [
        "2024,100000.00,60000.00,40000.00,0.6000,0.4000,1",
        "2025,100000.00,80000.00,20000.00,0.8000,0.2000,0",
        "total,200000.00,140000.00,60000.00,0.7000,0.3000,1",
    ]
    # Not counted, or not known (the safe reading): the in-kind 20,000 is left out.
    for counts in (False, None):
        rows = result_csv(check_lines(lines, R2019, in_kind_counts=counts)).splitlines()
        assert rows[2:] == [
            "2025,80000.00,80000.00,0.00,1.0000,0.0000,0",
            "total,180000.00,140000.00,40000.00,0.7778,0.2222,0",
        ]
