from decimal import Decimal

import pytest
from openpyxl import Workbook

from boligsocial.core.tabular import TableErrors, parse_decimal, read_table


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1234.5", "1234.5"),
        ("1234,5", "1234.5"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        (" 40 ", "40"),
        ("-2,7", "-2.7"),
    ],
)
def test_parse_decimal_accepts_point_and_danish_comma(text, value):
    assert parse_decimal(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "4o", "nan", "inf"])
def test_parse_decimal_rejects_non_numbers(text):
    with pytest.raises(ValueError, match="is not a number"):
        parse_decimal(text)


def test_semicolon_csv_with_bom_and_decimal_comma(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_bytes("\ufeffArea;Municipality;pct\nGellerup;Aarhus;45,3\n\n".encode())
    table = read_table(path)
    assert table.columns == ["area", "municipality", "pct"]
    assert table.rows == [(2, {"area": "Gellerup", "municipality": "Aarhus", "pct": "45,3"})]


def test_comma_csv_with_quoted_names(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text('area,municipality\n"Ringparken, Slagelse",Slagelse\n', encoding="utf-8")
    assert read_table(path).rows == [
        (2, {"area": "Ringparken, Slagelse", "municipality": "Slagelse"})
    ]


def test_xlsx_rows_are_numbered_as_the_spreadsheet_shows_them(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Liste"
    sheet.append(["area", "residents"])
    sheet.append(["A", 1200])
    sheet.append([None, None])
    sheet.append(["B", 45.5])
    workbook.save(tmp_path / "liste.xlsx")
    table = read_table(tmp_path / "liste.xlsx")
    assert table.file == "liste.xlsx (sheet Liste)"
    assert table.rows == [
        (2, {"area": "A", "residents": "1200"}),
        (4, {"area": "B", "residents": "45.5"}),
    ]


def test_bad_files_are_named(tmp_path):
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("area\nGellerup Sø\xf8\n".encode("latin-1"))
    with pytest.raises(TableErrors, match=r"latin1\.csv: not UTF-8"):
        read_table(latin1)
    with pytest.raises(TableErrors, match=r"missing\.csv: file not found"):
        read_table(tmp_path / "missing.csv")
    too_many = tmp_path / "wide.csv"
    too_many.write_text("a,b\n1,2,3\n", encoding="utf-8")
    with pytest.raises(TableErrors, match=r"wide\.csv, row 2: 3 cells but the header has 2"):
        read_table(too_many)
