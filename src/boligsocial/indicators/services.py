"""Imports of area figures and official list history. All-or-nothing: every row is checked
first, every problem is reported with file, row and column, and nothing is written unless the
whole file is good. Export layouts equal import layouts, so a spreadsheet round-trips."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from boligsocial.areas.models import Area
from boligsocial.areas.services import area_create
from boligsocial.core.numbers import count_problem, figure_problem, quoted
from boligsocial.core.tabular import Table, TableError, TableErrors
from boligsocial.indicators.models import (
    Designation,
    Indicator,
    IndicatorValue,
    OfficialListEntry,
    Unit,
)
from boligsocial.indicators.rules import counts_problem
from boligsocial.organisations.models import Municipality

# The columns of the criteria format (shared with `boligsocial criteria classify`) that are
# indicators, and the official list columns with the designation each records.
CRITERIA_INDICATOR_COLUMNS = (
    "residents",
    "pct_outside_labour",
    "pct_non_western",
    "pct_convicted",
    "conviction_ratio",
    "pct_basic_education",
    "income_pct_of_region",
)
PERCENT_COLUMNS = {"pct_outside_labour", "pct_non_western", "pct_convicted", "pct_basic_education"}
OFFICIAL_COLUMNS = {f"official_{d.value}": d.value for d in Designation}
LONG_COLUMNS = ("area", "municipality", "year", "indicator", "value", "persons", "population")
AREA_NAME_MAX = Area._meta.get_field("name").max_length or 200


@dataclass(frozen=True)
class ImportResult:
    rows: int
    areas_created: int
    values_written: int
    list_entries_written: int


def _require_columns(table: Table, required: Iterable[str]) -> None:
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise TableErrors(
            [TableError(table.file, 1, c, "required column is missing") for c in missing]
        )


def _municipalities() -> dict[str, Municipality]:
    by_name = {m.name.lower(): m for m in Municipality.objects.all()}
    by_name.update({f"{name} kommune": m for name, m in list(by_name.items())})
    by_name.update({str(m.code): m for m in Municipality.objects.all()})
    return by_name


def _areas_by_name() -> dict[tuple[str, int], Area]:
    """Areas by (lower-case name, municipality id), under their name and every alias (the
    lists publish some areas under other names, e.g. Gellerupparken/Toveshøj)."""
    areas: dict[tuple[str, int], Area] = {}
    for area in Area.objects.all():
        for name in [*area.aliases, area.name]:
            areas[(name.strip().lower(), area.municipality_id)] = area
    return areas


def _year(table: Table, number: int, cells: dict[str, str], errors: list[TableError]) -> int | None:
    try:
        year = table.whole(cells.get("year", ""))
    except ValueError as exc:
        errors.append(TableError(table.file, number, "year", str(exc)))
        return None
    if not 2000 <= year <= 2100:
        errors.append(TableError(table.file, number, "year", f"{year} is not a plausible year"))
        return None
    return year


@transaction.atomic
def official_lists_import(*, table: Table, source: str) -> ImportResult:
    """Import rows in the criteria format: the figures become indicator values and the
    `official_*` columns (1 on the list, 0 published as having left it, empty unknown) become
    official list entries. Areas not yet known are created in their municipality."""
    _require_columns(table, ("area", "municipality", "year"))
    if not source.strip():
        raise TableErrors([TableError(table.file, None, None, "a source must be given")])
    official_columns = [c for c in table.columns if c in OFFICIAL_COLUMNS]
    if not official_columns and not any(c in table.columns for c in CRITERIA_INDICATOR_COLUMNS):
        raise TableErrors(
            [TableError(table.file, 1, None, "no figure or official_* column to import")]
        )
    municipalities = _municipalities()
    indicators = {i.key: i for i in Indicator.objects.filter(key__in=CRITERIA_INDICATOR_COLUMNS)}
    errors: list[TableError] = []
    parsed: list[tuple[str, Municipality, int, dict[str, Decimal], dict[str, bool]]] = []
    numbers: list[int] = []
    seen: dict[tuple[str, int, int], int] = {}
    for number, cells in table.rows:
        row_errors: list[TableError] = []
        name = cells.get("area", "").strip()
        if not name:
            row_errors.append(TableError(table.file, number, "area", "the area name is empty"))
        elif len(name) > AREA_NAME_MAX:
            row_errors.append(
                TableError(
                    table.file,
                    number,
                    "area",
                    f"the area name has {len(name)} characters; at most {AREA_NAME_MAX}",
                )
            )
        municipality = municipalities.get(cells.get("municipality", "").strip().lower())
        if municipality is None:
            row_errors.append(
                TableError(
                    table.file,
                    number,
                    "municipality",
                    f"unknown municipality {quoted(cells.get('municipality'))}",
                )
            )
        year = _year(table, number, cells, row_errors)
        figures: dict[str, Decimal] = {}
        for column in CRITERIA_INDICATOR_COLUMNS:
            text = cells.get(column, "")
            if not text:
                continue
            try:
                value = Decimal(table.whole(text)) if column == "residents" else table.number(text)
            except ValueError as exc:
                row_errors.append(TableError(table.file, number, column, str(exc)))
                continue
            problem = figure_problem(value) or (
                count_problem(int(value)) if column == "residents" else None
            )
            if value < 0:
                row_errors.append(TableError(table.file, number, column, "must not be negative"))
            elif problem:
                row_errors.append(TableError(table.file, number, column, problem))
            elif column in PERCENT_COLUMNS and value > 100:
                row_errors.append(
                    TableError(
                        table.file, number, column, f"{text} is not a percentage from 0 to 100"
                    )
                )
            else:
                figures[column] = value
        flags: dict[str, bool] = {}
        for column in official_columns:
            text = cells.get(column, "")
            if text == "":
                continue
            if text not in {"0", "1"}:
                row_errors.append(
                    TableError(
                        table.file,
                        number,
                        column,
                        f"{quoted(text)} must be 1 (on the list) or 0 (left it)",
                    )
                )
            else:
                flags[OFFICIAL_COLUMNS[column]] = text == "1"
        if municipality is not None and year is not None and name:
            key = (name.lower(), municipality.pk, year)
            if key in seen:
                row_errors.append(
                    TableError(
                        table.file,
                        number,
                        "area",
                        f"duplicate of row {seen[key]} (same area and year)",
                    )
                )
            seen[key] = number
        errors.extend(row_errors)
        if not row_errors and municipality is not None and year is not None:
            parsed.append((name, municipality, year, figures, flags))
            numbers.append(number)
    if errors:
        raise TableErrors(errors)
    areas = _areas_by_name()
    areas_created = values_written = entries_written = 0
    for (name, municipality, year, figures, flags), number in zip(parsed, numbers, strict=True):
        area = areas.get((name.lower(), municipality.pk))
        if area is None:
            try:
                area = area_create(name=name, municipality=municipality)
            except ValidationError as exc:
                # Checked above; a rule of the area service that the rows cannot break today
                # still ends as a message on the row, not a traceback.
                raise TableErrors(
                    [
                        TableError(table.file, number, "area", message)
                        for messages in exc.message_dict.values()
                        for message in messages
                    ]
                ) from None
            areas[(name.lower(), municipality.pk)] = area
            areas_created += 1
        for column, value in figures.items():
            IndicatorValue.objects.update_or_create(
                area=area,
                indicator=indicators[column],
                year=year,
                defaults={"value": value, "source": source},
            )
            values_written += 1
        for designation, on_list in flags.items():
            OfficialListEntry.objects.update_or_create(
                area=area,
                year=year,
                designation=designation,
                defaults={"on_list": on_list, "source": source},
            )
            entries_written += 1
    return ImportResult(len(parsed), areas_created, values_written, entries_written)


@transaction.atomic
def indicator_values_import(*, table: Table, source: str) -> ImportResult:
    """Import figures in the long layout: area, municipality, year, indicator, value,
    persons, population (the last two optional: the counts behind the figure)."""
    _require_columns(table, LONG_COLUMNS[:5])
    if not source.strip():
        raise TableErrors([TableError(table.file, None, None, "a source must be given")])
    municipalities = _municipalities()
    indicators = {i.key: i for i in Indicator.objects.all()}
    areas = _areas_by_name()
    errors: list[TableError] = []
    parsed: list[tuple[Area, Indicator, int, Decimal, int | None, int | None]] = []
    seen: dict[tuple[int, int, int], int] = {}
    for number, cells in table.rows:
        row_errors: list[TableError] = []
        municipality = municipalities.get(cells.get("municipality", "").strip().lower())
        area = None
        if municipality is None:
            row_errors.append(
                TableError(
                    table.file,
                    number,
                    "municipality",
                    f"unknown municipality {quoted(cells.get('municipality'))}",
                )
            )
        else:
            area = areas.get((cells.get("area", "").strip().lower(), municipality.pk))
            if area is None:
                row_errors.append(
                    TableError(
                        table.file,
                        number,
                        "area",
                        f"no area {quoted(cells.get('area'))} in {municipality.name}",
                    )
                )
        year = _year(table, number, cells, row_errors)
        indicator = indicators.get(cells.get("indicator", "").strip())
        if indicator is None:
            row_errors.append(
                TableError(
                    table.file,
                    number,
                    "indicator",
                    f"unknown indicator {quoted(cells.get('indicator'))}; see "
                    "the data dictionary for the keys",
                )
            )
        value = None
        try:
            value = table.number(cells.get("value", ""))
        except ValueError as exc:
            row_errors.append(TableError(table.file, number, "value", str(exc)))
        else:
            problem = figure_problem(value)
            if problem:
                row_errors.append(TableError(table.file, number, "value", problem))
                value = None
        if (
            value is not None
            and indicator is not None
            and indicator.unit == Unit.PERCENT
            and not (0 <= value <= 100)
        ):
            row_errors.append(
                TableError(
                    table.file, number, "value", f"{value} is not a percentage from 0 to 100"
                )
            )
        counts: dict[str, int | None] = {"persons": None, "population": None}
        for column in counts:
            text = cells.get(column, "")
            if text:
                try:
                    count = table.whole(text)
                except ValueError as exc:
                    row_errors.append(TableError(table.file, number, column, str(exc)))
                    continue
                problem = count_problem(count)
                if problem:
                    row_errors.append(TableError(table.file, number, column, problem))
                else:
                    counts[column] = count
        problem = counts_problem(counts["persons"], counts["population"])
        if problem:
            row_errors.append(TableError(table.file, number, "persons", problem))
        if area and indicator and year:
            key = (area.pk, indicator.pk, year)
            if key in seen:
                row_errors.append(
                    TableError(table.file, number, "indicator", f"duplicate of row {seen[key]}")
                )
            seen[key] = number
        errors.extend(row_errors)
        if not row_errors and area and indicator and year and value is not None:
            parsed.append((area, indicator, year, value, counts["persons"], counts["population"]))
    if errors:
        raise TableErrors(errors)
    for area, indicator, year, value, persons, population in parsed:
        IndicatorValue.objects.update_or_create(
            area=area,
            indicator=indicator,
            year=year,
            defaults={
                "value": value,
                "persons": persons,
                "population": population,
                "source": source,
            },
        )
    return ImportResult(len(parsed), 0, len(parsed), 0)
