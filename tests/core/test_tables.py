from decimal import Decimal

import pytest
from openpyxl import Workbook

from boligsocial.core import tables
from boligsocial.core.numbers import NumberFormat
from boligsocial.core.tables import TableErrors, read_table


def test_semicolon_csv_with_bom_and_decimal_comma(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_bytes("\ufeffArea;Municipality;pct\nGellerup;Aarhus;45,3\n\n".encode())
    table = read_table(path)
    assert table.columns == ("area", "municipality", "pct")
    assert table.rows == ((2, {"area": "Gellerup", "municipality": "Aarhus", "pct": "45,3"}),)
    assert table.number_format is NumberFormat.DANISH
    assert table.number("45,3") == Decimal("45.3")
    assert table.number("2.000") == Decimal(2000)


def test_comma_csv_with_quoted_names(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text('area,municipality\n"Ringparken, Slagelse",Slagelse\n', encoding="utf-8")
    assert read_table(path).rows == (
        (2, {"area": "Ringparken, Slagelse", "municipality": "Slagelse"}),
    )


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
    assert table.rows == (
        (2, {"area": "A", "residents": "1200"}),
        (4, {"area": "B", "residents": "45.5"}),
    )


def test_bad_files_are_named(tmp_path):
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("area\nGellerup Sø\xf8\n".encode("latin-1"))
    with pytest.raises(TableErrors, match=r"latin1\.csv: not UTF-8"):
        read_table(latin1)
    with pytest.raises(TableErrors, match=r"missing\.csv: file not found"):
        read_table(tmp_path / "missing.csv")
    too_many = tmp_path / "wide.csv"
    too_many.write_text("a,b\n1,2,3\n", encoding="utf-8")
    with pytest.raises(TableErrors, match=r"wide\.csv, row 2: 3 cells, but the header has 2 col"):
        read_table(too_many)


def test_a_comma_csv_reads_english_numbers(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text('area,value\nA,"1,234.5"\n', encoding="utf-8")
    table = read_table(path)
    assert table.number_format is NumberFormat.ENGLISH
    assert table.number(table.rows[0][1]["value"]) == Decimal("1234.5")
    assert table.number("2.000") == Decimal(2)
    with pytest.raises(ValueError, match="is not a whole number"):
        table.whole("2.000")


def test_xlsx_number_cells_are_numbers_and_never_exponents(tmp_path):
    workbook = Workbook()
    workbook.active.append(["area", "value", "small"])
    workbook.active.append(["A", 1e30, 0.00001])
    workbook.save(tmp_path / "liste.xlsx")
    table = read_table(tmp_path / "liste.xlsx")
    assert table.number_format is NumberFormat.PLAIN
    assert table.rows == ((2, {"area": "A", "value": "1" + "0" * 30, "small": "0.00001"}),)


def test_a_cell_longer_than_the_csv_field_limit_is_named_by_row_and_column(tmp_path):
    path = tmp_path / "lang.csv"
    path.write_text("area,municipality\nA,Aarhus\n" + "B," + "x" * 131_073 + "\n", "utf-8")
    with pytest.raises(TableErrors) as raised:
        read_table(path)
    assert str(raised.value) == (
        "lang.csv, row 3, column 'municipality': the cell has 131,073 characters; "
        "at most 131,072 are allowed"
    )


def test_too_many_rows_stop_the_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_ROWS", 3)
    path = tmp_path / "lang.csv"
    path.write_text("area\n" + "".join(f"A{n}\n" for n in range(10)), "utf-8")
    with pytest.raises(TableErrors) as raised:
        read_table(path)
    assert str(raised.value) == (
        "lang.csv, row 5: more than 3 rows; split the file into smaller files"
    )


def test_a_file_over_the_byte_limit_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_BYTES", 10)
    path = tmp_path / "stor.csv"
    path.write_text("area\nAbcdefghij\n", "utf-8")
    with pytest.raises(TableErrors) as raised:
        read_table(path)
    assert str(raised.value) == (
        "stor.csv: the file has 16 bytes; at most 10 are read in one import: "
        "split it into smaller files"
    )


def test_only_the_first_50_problems_are_printed(tmp_path):
    path = tmp_path / "bred.csv"
    path.write_text("a\n" + "1,2\n" * 120, "utf-8")
    with pytest.raises(TableErrors) as raised:
        read_table(path)
    lines = str(raised.value).splitlines()
    assert len(raised.value.errors) == 120
    assert len(lines) == 51
    assert lines[0] == "bred.csv, row 2: 2 cells, but the header has 1 column"
    assert lines[-1] == "... and 70 more problems"


def test_a_column_named_twice_is_an_error_not_a_silent_overwrite(tmp_path):
    path = tmp_path / "dobbelt.csv"
    path.write_text("area,value,Value\nA,1,2\n", "utf-8")
    with pytest.raises(TableErrors) as raised:
        read_table(path)
    assert str(raised.value) == (
        "dobbelt.csv, row 1, column 'value': the column appears twice in the header"
    )


def test_an_xlsx_cell_right_of_the_last_column_is_an_error(tmp_path):
    workbook = Workbook()
    workbook.active.append(["area", "value"])
    workbook.active.append(["A", 1, "glemt"])
    workbook.save(tmp_path / "bred.xlsx")
    with pytest.raises(TableErrors) as raised:
        read_table(tmp_path / "bred.xlsx")
    assert (
        str(raised.value)
        == "bred.xlsx (sheet Sheet), row 2: a cell to the right of the last column"
    )
