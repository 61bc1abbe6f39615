"""The indicators export writes text from the data as text: an area named like a formula is
never a live formula in the downloaded XLSX (docs/decisions/0012)."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

from boligsocial.indicators.exports import values_to_xlsx
from boligsocial.indicators.selectors import ShownValue


def test_xlsx_export_writes_formula_like_text_as_text() -> None:
    hostile = '=HYPERLINK("http://example.invalid","klik")'
    value = ShownValue(
        area_name=hostile,
        municipality="=1+1",
        year=2024,
        indicator_key="pct_outside",
        value=Decimal("41.5"),
        persons=None,
        population=None,
        suppressed=False,
    )
    sheet = load_workbook(io.BytesIO(values_to_xlsx([value]))).active
    name, municipality, year = sheet.cell(2, 1), sheet.cell(2, 2), sheet.cell(2, 3)
    assert (name.value, name.data_type) == (hostile, "s")
    assert (municipality.value, municipality.data_type) == ("=1+1", "s")
    assert year.value == "2024"
    assert sheet.cell(2, 5).value == 41.5
