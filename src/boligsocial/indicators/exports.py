"""Write indicator values in the same long layout the import reads, as CSV or XLSX."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.conf import settings

from boligsocial.core.spreadsheets import text_row
from boligsocial.indicators.rules import suppression_label
from boligsocial.indicators.selectors import ShownValue
from boligsocial.indicators.services import LONG_COLUMNS


def _row(v: ShownValue) -> list[str]:
    value = (
        suppression_label(settings.DISCLOSURE_MIN_COUNT)
        if v.suppressed or v.value is None
        else format(v.value.normalize(), "f")
    )
    return [
        v.area_name,
        v.municipality,
        str(v.year),
        v.indicator_key,
        value,
        "" if v.persons is None else str(v.persons),
        "" if v.population is None else str(v.population),
    ]


def values_to_csv(values: Iterable[ShownValue]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LONG_COLUMNS)
    writer.writerows(_row(v) for v in values)
    return out.getvalue()


def values_to_xlsx(values: Iterable[ShownValue]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("indicators")
    sheet.append(list(LONG_COLUMNS))
    for v in values:
        row: list[object] = list(_row(v))
        if not v.suppressed and v.value is not None:
            row[4] = float(v.value)
        sheet.append(text_row(sheet, row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
