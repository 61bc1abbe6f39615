"""What the area pages show, as text in the reader's language: numbers and units in Danish or
English formats, criterion and threshold labels (`text`), the overview's lines, the same strings
on the page and in the CSV (`overview`) and XLSX (`xlsx`) exports, and each criterion's chart
and table from one series (`area_page`). No queries: the views read through the selectors and
hand the results here."""

from boligsocial.web.area_tables.area_page import SeriesRow, SeriesView, criteria_rows, series_view
from boligsocial.web.area_tables.overview import (
    EXPORT_FORMATS,
    SORT_LABELS,
    STATUS_LABELS,
    OverviewLine,
    export_csv,
    export_rows,
    overview_line,
)
from boligsocial.web.area_tables.text import criterion_label, name_of, number
from boligsocial.web.area_tables.xlsx import export_xlsx

__all__ = [
    "EXPORT_FORMATS",
    "SORT_LABELS",
    "STATUS_LABELS",
    "OverviewLine",
    "SeriesRow",
    "SeriesView",
    "criteria_rows",
    "criterion_label",
    "export_csv",
    "export_rows",
    "export_xlsx",
    "name_of",
    "number",
    "overview_line",
    "series_view",
]
