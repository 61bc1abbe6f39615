"""Imports of area figures and official list history. All-or-nothing: every row is checked
first, every problem is reported with file, row and column, and nothing is written unless the
whole file is good. Export layouts equal import layouts, so a spreadsheet round-trips."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from boligsocial.areas.models import Area
from boligsocial.areas.services import area_create
from boligsocial.core.numbers import count_problem, figure_problem, quoted
from boligsocial.core.tables import Table, TableError, TableErrors, check_columns
from boligsocial.criteria.rows import FIGURE_COLUMNS, in_row_order, read_area_rows
from boligsocial.indicators.matching import areas_by_name, municipalities_by_name
from boligsocial.indicators.models import Indicator, IndicatorValue, OfficialListEntry, Unit
from boligsocial.indicators.rules import counts_problem
from boligsocial.organisations.models import Municipality

# The columns of the criteria format (shared with `boligsocial criteria classify`) that are
# indicators, and the official list columns with the designation each records.
CRITERIA_INDICATOR_COLUMNS: tuple[str, ...] = FIGURE_COLUMNS
LONG_COLUMNS = ("area", "municipality", "year", "indicator", "value", "persons", "population")
AREA_NAME_MAX = Area._meta.get_field("name").max_length or 200


@dataclass(frozen=True)
class ImportResult:
    rows: int
    areas_created: int
    values_written: int
    list_entries_written: int


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
    official list entries. Areas not yet known are created in their municipality. The cells
    are read as `criteria classify` reads them (`criteria.rows`), so both commands give the
    same verdict on them; this import adds what storing needs."""
    if not source.strip():
        raise TableErrors([TableError(table.file, None, None, "a source must be given")])
    good, errors = read_area_rows(table)
    if not any(c.startswith("official_") for c in table.columns) and not any(
        c in table.columns for c in CRITERIA_INDICATOR_COLUMNS
    ):
        raise TableErrors(
            [TableError(table.file, 1, None, "no figure or official_* column to import")]
        )
    municipalities = municipalities_by_name()
    indicators = {i.key: i for i in Indicator.objects.filter(key__in=CRITERIA_INDICATOR_COLUMNS)}
    parsed: list[tuple[str, Municipality, int, dict[str, Decimal], dict[str, bool]]] = []
    numbers: list[int] = []
    for row in good:
        number = row.number
        row_errors: list[TableError] = []
        name = row.area
        if len(name) > AREA_NAME_MAX:
            row_errors.append(
                TableError(
                    table.file,
                    number,
                    "area",
                    f"the area name has {len(name)} characters; at most {AREA_NAME_MAX}",
                )
            )
        municipality = municipalities.get(row.municipality.lower())
        if municipality is None:
            row_errors.append(
                TableError(
                    table.file,
                    number,
                    "municipality",
                    f"unknown municipality {quoted(row.municipality)}",
                )
            )
        figures: dict[str, Decimal] = {}
        if row.residents is not None:
            figures["residents"] = Decimal(row.residents)
        for field, value in row.figures.items():
            problem = figure_problem(value)
            if problem:
                row_errors.append(TableError(table.file, number, field, problem))
            else:
                figures[field] = value
        errors.extend(row_errors)
        if not row_errors and municipality is not None:
            flags = {str(key): on_list for key, on_list in row.official.items()}
            parsed.append((name, municipality, row.year, figures, flags))
            numbers.append(number)
    if errors:
        raise TableErrors(in_row_order(errors))
    areas = areas_by_name()
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
    check_columns(table, known=LONG_COLUMNS, required=LONG_COLUMNS[:5])
    if not source.strip():
        raise TableErrors([TableError(table.file, None, None, "a source must be given")])
    municipalities = municipalities_by_name()
    indicators = {i.key: i for i in Indicator.objects.all()}
    areas = areas_by_name()
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
        is_count = indicator is not None and indicator.unit == Unit.COUNT
        try:
            # A count is a whole number of at least 0: "2.000" is 2000 in a Danish file and an
            # error in an English one, never 2 (decision 0011).
            text = cells.get("value", "")
            value = Decimal(table.whole(text)) if is_count else table.number(text)
        except ValueError as exc:
            row_errors.append(TableError(table.file, number, "value", str(exc)))
        else:
            problem = count_problem(int(value)) if is_count else figure_problem(value)
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
