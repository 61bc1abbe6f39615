"""Classify a table of area-years: validate every row, classify each under its rule set with the
area's earlier rows (and any stored official lists) as history, compare with the official
columns, and render CSV or JSON. No Django imports: the `criteria classify` command wires it."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from boligsocial.core.numbers import (
    FIGURE_LIMIT,
    NumberFormat,
    count_problem,
    parse_number,
    parse_whole,
    quoted,
)
from boligsocial.criteria.rules import (
    DEFAULT_RISK_MARGIN,
    DESIGNATION_KEYS,
    DESIGNATION_LABELS,
    FIGURE_FIELDS,
    PERCENT_FIELDS,
    AreaFigures,
    Classification,
    DesignationKey,
    HistoryEntry,
    NoRuleSetError,
    RuleSet,
    classify,
    get_rule_set,
    history_entries,
    rule_set_for_year,
)
from boligsocial.criteria.tables import InputError, InputErrors, RawTable

REQUIRED_COLUMNS = ("area", "municipality", "year", "residents")
INPUT_COLUMNS: tuple[str, ...] = REQUIRED_COLUMNS + FIGURE_FIELDS
OFFICIAL_COLUMNS: dict[DesignationKey, str] = {k: f"official_{k}" for k in DESIGNATION_KEYS}
OUTPUT_COLUMNS = (
    "area",
    "municipality",
    "year",
    "rules",
    "n_criteria_met",
    "criteria_met",
    *DESIGNATION_KEYS,
)
AGREEMENT_COLUMN = "agrees_with_official"

AreaKey = tuple[str, str]  # (area, municipality)


@dataclass(frozen=True)
class InputRow:
    number: int
    figures: AreaFigures
    rule_set: RuleSet
    official: Mapping[DesignationKey, bool]

    @property
    def key(self) -> AreaKey:
        return (self.figures.area, self.figures.municipality)


@dataclass(frozen=True)
class Disagreement:
    designation: DesignationKey
    computed: bool
    official: bool


@dataclass(frozen=True)
class RowResult:
    row: InputRow
    classification: Classification
    disagreements: tuple[Disagreement, ...]

    @property
    def agrees(self) -> bool | None:
        """None when the row has no official values to compare with."""
        if not self.row.official:
            return None
        return not self.disagreements


@dataclass(frozen=True)
class BatchResult:
    file: str
    results: tuple[RowResult, ...]
    has_official: bool

    @property
    def compared(self) -> tuple[RowResult, ...]:
        return tuple(r for r in self.results if r.agrees is not None)

    @property
    def disagreeing(self) -> tuple[RowResult, ...]:
        return tuple(r for r in self.results if r.agrees is False)


def _number(text: str, fmt: NumberFormat) -> Decimal:
    """`text` in the file's number format (docs/decisions/0011): '44.6' in a comma-separated
    file, '44,6' in a semicolon-separated one; below 10**12 in size."""
    number = parse_number(text, fmt)
    if abs(number) >= FIGURE_LIMIT:
        raise ValueError(f"{text} is too large")
    return number


def _whole(text: str, fmt: NumberFormat) -> int:
    """A whole number, with no decimal mark: '1.907' residents in a comma-separated file is
    an error rather than 1.907 or 1907."""
    return parse_whole(text, fmt)


def _flag(text: str) -> bool:
    if text in {"1", "1.0", "1,0"}:
        return True
    if text in {"0", "0.0", "0,0"}:
        return False
    raise ValueError(f"{quoted(text)} is not 1 or 0")


def parse_rows(table: RawTable, *, rules: str | None = None) -> list[InputRow]:
    """Validate every row of `table`; raise `InputErrors` listing every problem."""
    file = table.file
    fmt = table.number_format
    errors: list[InputError] = []
    columns = set(table.columns)
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            errors.append(InputError(file, 1, column, "required column is missing"))
    if errors:
        raise InputErrors(errors)
    forced = get_rule_set(rules) if rules else None

    parsed: list[InputRow] = []
    missing_columns: dict[str, list[tuple[int, str]]] = defaultdict(list)
    seen: dict[tuple[str, str, int], int] = {}
    for number, cells in table.rows:
        row_errors: list[InputError] = []

        def problem(
            column: str, message: str, number: int = number, sink: list[InputError] = row_errors
        ) -> None:
            sink.append(InputError(file, number, column, message))

        area, municipality = cells["area"], cells["municipality"]
        if not area:
            problem("area", "empty")
        if not municipality:
            problem("municipality", "empty")
        year: int | None = None
        rule_set: RuleSet | None = forced
        try:
            year = _whole(cells["year"], fmt)
            if forced is None:
                rule_set = rule_set_for_year(year)
        except ValueError as exc:
            problem("year", str(exc) if cells["year"] else "empty")
        except NoRuleSetError as exc:
            problem("year", str(exc))
        residents: int | None = None
        try:
            residents = _whole(cells["residents"], fmt)
            if residents < 0:
                problem("residents", f"{residents} is negative")
            elif count_problem(residents):
                problem("residents", f"{count_problem(residents)}")
        except ValueError as exc:
            problem("residents", str(exc) if cells["residents"] else "empty")

        figures: dict[str, Decimal | None] = {}
        for name in FIGURE_FIELDS:
            text = cells.get(name, "")
            if not text:
                figures[name] = None
                continue
            try:
                value = _number(text, fmt)
            except ValueError as exc:
                problem(name, str(exc))
                continue
            if name in PERCENT_FIELDS and not (0 <= value <= 100):
                problem(name, f"{text} is a percentage outside 0–100")
            elif value < 0:
                problem(name, f"{text} is negative")
            figures[name] = value
        if rule_set is not None:
            for name in rule_set.fields:
                if name not in columns:
                    missing_columns[name].append((number, rule_set.code))
                elif not cells[name]:
                    problem(name, f"empty, but rule set {rule_set.code} needs it")

        official: dict[DesignationKey, bool] = {}
        for key, column in OFFICIAL_COLUMNS.items():
            text = cells.get(column, "")
            if not text:
                continue
            try:
                official[key] = _flag(text)
            except ValueError as exc:
                problem(column, str(exc))
                continue
            if rule_set is not None and rule_set.designation(key) is None:
                problem(
                    column,
                    f"rule set {rule_set.code} has no {DESIGNATION_LABELS[key]} to compare with",
                )

        if year is not None and area and municipality:
            duplicate_of = seen.get((area, municipality, year))
            if duplicate_of is not None:
                row_errors.append(
                    InputError(
                        file,
                        number,
                        "area/municipality/year",
                        f"duplicate row: {area} ({municipality}) {year} is also in row "
                        f"{duplicate_of}",
                    )
                )
            else:
                seen[(area, municipality, year)] = number

        if row_errors:
            errors.extend(row_errors)
            continue
        if rule_set is None or year is None or residents is None:
            raise RuntimeError(f"row {number}: incomplete without an error")
        parsed.append(
            InputRow(
                number=number,
                figures=AreaFigures(area, municipality, year, residents, **figures),
                rule_set=rule_set,
                official=official,
            )
        )
    for column, needs in reversed(missing_columns.items()):
        codes = " and ".join(sorted({code for _, code in needs}))
        numbers = [n for n, _ in needs]
        errors.insert(
            0,
            InputError(
                file,
                1,
                column,
                f"column is missing; rule set {codes} needs it (rows {_ranges(numbers)})",
            ),
        )
    if errors:
        raise InputErrors(errors)
    return parsed


def _ranges(numbers: Sequence[int]) -> str:
    spans: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        spans.append(str(start) if start == prev else f"{start}–{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(spans)


def official_history(row: InputRow) -> tuple[HistoryEntry, ...]:
    return tuple(HistoryEntry(row.figures.year, k, v, "official") for k, v in row.official.items())


def classify_rows(
    rows: Iterable[InputRow],
    *,
    history: Mapping[AreaKey, Sequence[HistoryEntry]] | None = None,
    risk_margin: Decimal = DEFAULT_RISK_MARGIN,
) -> list[RowResult]:
    """Classify every row, in input order. Each area's history is its earlier rows (their
    computed designations and any official values) plus `history[(area, municipality)]`, e.g.
    the official lists stored in the database; official entries win over computed ones."""
    rows = list(rows)
    by_area: dict[AreaKey, list[InputRow]] = defaultdict(list)
    for row in rows:
        by_area[row.key].append(row)
    results: dict[int, RowResult] = {}
    for key, area_rows in by_area.items():
        known: list[HistoryEntry] = list((history or {}).get(key, ()))
        for row in sorted(area_rows, key=lambda r: r.figures.year):
            year = row.figures.year
            earlier = [e for e in known if e.year < year]
            classification = classify(
                row.figures, row.rule_set, history=earlier, risk_margin=risk_margin
            )
            disagreements = tuple(
                Disagreement(k, bool(classification.designations[k]), v)
                for k, v in row.official.items()
                if classification.designations[k] != v
            )
            results[row.number] = RowResult(row, classification, disagreements)
            known.extend(history_entries(classification))
            known.extend(official_history(row))
    return [results[row.number] for row in rows]


def classify_table(
    table: RawTable,
    *,
    rules: str | None = None,
    history: Mapping[AreaKey, Sequence[HistoryEntry]] | None = None,
    risk_margin: Decimal = DEFAULT_RISK_MARGIN,
) -> BatchResult:
    rows = parse_rows(table, rules=rules)
    has_official = any(c in table.columns for c in OFFICIAL_COLUMNS.values())
    results = classify_rows(rows, history=history, risk_margin=risk_margin)
    return BatchResult(table.file, tuple(results), has_official)


# -- rendering -----------------------------------------------------------------------------


def _flag_text(value: bool | None) -> str:
    return "" if value is None else "1" if value else "0"


def _flag_json(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def output_columns(batch: BatchResult) -> tuple[str, ...]:
    return OUTPUT_COLUMNS + ((AGREEMENT_COLUMN,) if batch.has_official else ())


def render_csv(batch: BatchResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(output_columns(batch))
    for result in batch.results:
        c = result.classification
        row: list[Any] = [
            c.figures.area,
            c.figures.municipality,
            c.figures.year,
            c.rules,
            c.n_criteria_met,
            ";".join(c.criteria_met),
            *(_flag_text(c.designations[k]) for k in DESIGNATION_KEYS),
        ]
        if batch.has_official:
            row.append(_flag_text(result.agrees))
        writer.writerow(row)
    return buffer.getvalue()


def row_json(result: RowResult, *, has_official: bool) -> dict[str, Any]:
    c = result.classification
    data: dict[str, Any] = {
        "area": c.figures.area,
        "municipality": c.figures.municipality,
        "year": c.figures.year,
        "rules": c.rules,
        "n_criteria_met": c.n_criteria_met,
        "criteria_met": list(c.criteria_met),
        **{k: _flag_json(c.designations[k]) for k in DESIGNATION_KEYS},
    }
    if has_official:
        data[AGREEMENT_COLUMN] = _flag_json(result.agrees)
        data["official"] = {k: int(v) for k, v in result.row.official.items()}
    data.update(
        {
            "residents": c.figures.residents,
            "min_residents": c.min_residents,
            "n_criteria": c.n_criteria,
            "min_criteria": c.min_criteria,
            "criteria": [
                {
                    "group": r.group,
                    "key": r.key,
                    "field": r.field,
                    "value": _json_number(r.value),
                    "comparator": str(r.comparator),
                    "threshold": _json_number(r.threshold),
                    "met": r.met,
                    "margin": _json_number(r.margin),
                    "margin_unit": str(r.margin_unit),
                    "at_risk": r.at_risk,
                }
                for r in c.criteria
            ],
            "at_risk": [{"group": r.group, "key": r.key} for r in c.at_risk],
            "streaks": {
                key: {
                    "years_required": s.years_required,
                    "confirmed": list(s.confirmed),
                    "denied": list(s.denied),
                    "missing": list(s.missing),
                }
                for key, s in c.streaks.items()
            },
            "explanation": c.explanation,
        }
    )
    return data


def render_json(batch: BatchResult) -> str:
    rows = [row_json(r, has_official=batch.has_official) for r in batch.results]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def summary(batch: BatchResult) -> str:
    """The comparison with the official columns, for stderr."""
    compared, disagreeing = batch.compared, batch.disagreeing
    lines = [
        f"{batch.file}: compared {len(compared)} rows with the official lists: "
        f"{len(compared) - len(disagreeing)} agree, {len(disagreeing)} disagree."
    ]
    for result in disagreeing:
        f = result.classification.figures
        details = ", ".join(
            f"{d.designation} computed {int(d.computed)}, official {int(d.official)}"
            for d in result.disagreements
        )
        lines.append(
            f"  row {result.row.number}: {f.area} ({f.municipality}) {f.year}: {details}. "
            f"{result.classification.explanation}"
        )
    return "\n".join(lines) + "\n"
