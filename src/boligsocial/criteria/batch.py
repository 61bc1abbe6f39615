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

from boligsocial.core.tables import Table, TableError, TableErrors
from boligsocial.criteria.assessment import (
    Disagreement,
    YearInput,
    assess_years,
    explicit_statuses,
)
from boligsocial.criteria.rows import OFFICIAL_COLUMNS, in_row_order, read_area_rows
from boligsocial.criteria.rules import (
    DEFAULT_RISK_MARGIN,
    DESIGNATION_KEYS,
    FIGURE_FIELDS,
    AreaFigures,
    Classification,
    DesignationKey,
    HistoryEntry,
    RuleSet,
    get_rule_set,
)

REQUIRED_COLUMNS = ("area", "municipality", "year", "residents")
INPUT_COLUMNS: tuple[str, ...] = REQUIRED_COLUMNS + FIGURE_FIELDS
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


def parse_rows(table: Table, *, rules: str | None = None) -> list[InputRow]:
    """Validate every row of `table` (the cells by `rows.read_area_rows`, as `lists import`
    does; then the residents and every figure the row's rule set reads); raise `TableErrors`
    listing every problem."""
    file = table.file
    good, errors = read_area_rows(table, required=REQUIRED_COLUMNS, rules=rules)
    columns = set(table.columns)
    parsed: list[InputRow] = []
    missing_columns: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in good:
        row_errors: list[TableError] = []
        if row.residents is None:
            row_errors.append(TableError(file, row.number, "residents", "empty"))
        for name in row.rule_set.fields:
            if name not in columns:
                missing_columns[name].append((row.number, row.rule_set.code))
            elif name not in row.figures:
                message = f"empty, but rule set {row.rule_set.code} needs it"
                row_errors.append(TableError(file, row.number, name, message))
        errors.extend(row_errors)
        if row_errors or row.residents is None:
            continue
        given = {str(name): value for name, value in row.figures.items()}
        figures = AreaFigures(row.area, row.municipality, row.year, row.residents, **given)
        parsed.append(InputRow(row.number, figures, row.rule_set, row.official))
    errors = in_row_order(errors)
    for column, needs in reversed(missing_columns.items()):
        codes = " and ".join(sorted({code for _, code in needs}))
        numbers = [n for n, _ in needs]
        errors.insert(
            0,
            TableError(
                file,
                1,
                column,
                f"column is missing; rule set {codes} needs it (rows {_ranges(numbers)})",
            ),
        )
    if errors:
        raise TableErrors(errors)
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


def classify_rows(
    rows: Iterable[InputRow],
    *,
    history: Mapping[AreaKey, Sequence[HistoryEntry]] | None = None,
    risk_margin: Decimal = DEFAULT_RISK_MARGIN,
) -> list[RowResult]:
    """Classify every row, in input order, by the one assessment walk (`assessment.py`): each
    area's history is its earlier rows (their computed designations and any official values)
    plus `history[(area, municipality)]`, e.g. the official lists stored in the database."""
    rows = list(rows)
    by_area: dict[AreaKey, list[InputRow]] = defaultdict(list)
    for row in rows:
        by_area[row.key].append(row)
    results: dict[int, RowResult] = {}
    for key, area_rows in by_area.items():
        ordered = sorted(area_rows, key=lambda r: r.figures.year)
        years = [
            YearInput(
                r.figures.year,
                r.rule_set,
                r.figures,
                explicit_statuses(tuple(r.official.items())),
            )
            for r in ordered
        ]
        assessed = assess_years(
            years, history=(history or {}).get(key, ()), risk_margin=risk_margin
        )
        for row, result in zip(ordered, assessed, strict=True):
            if result.classification is None:  # pragma: no cover - every row has its figures
                raise ValueError(f"row {row.number} was not classified")
            results[row.number] = RowResult(row, result.classification, result.disagreements)
    return [results[row.number] for row in rows]


def classify_table(
    table: Table,
    *,
    rules: str | None = None,
    history: Mapping[AreaKey, Sequence[HistoryEntry]] | None = None,
    risk_margin: Decimal = DEFAULT_RISK_MARGIN,
) -> BatchResult:
    rows = parse_rows(table, rules=rules)
    return classify_parsed(table, rows, history=history, risk_margin=risk_margin)


def classify_parsed(
    table: Table,
    rows: Sequence[InputRow],
    *,
    history: Mapping[AreaKey, Sequence[HistoryEntry]] | None = None,
    risk_margin: Decimal = DEFAULT_RISK_MARGIN,
) -> BatchResult:
    """Classify the parsed rows of `table`; `history` may be read for the rows' areas only
    (the `criteria classify` command reads the stored lists of `{row.key for row in rows}`)."""
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
    # Each criterion as the law declares it: its unit, averaging and place in the law.
    law = {(g.key, k.key): k for g in get_rule_set(c.rules).groups for k in g.criteria}
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
                    "unit": str(law[(r.group, r.key)].unit),
                    "years_averaged": law[(r.group, r.key)].years_averaged,
                    "citation": str(law[(r.group, r.key)].citation),
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
            f"{d.designation} computed {_flag_text(d.computed) or 'undefined'}, "
            f"official {int(d.official.on_list)}"
            for d in result.disagreements
        )
        lines.append(
            f"  row {result.row.number}: {f.area} ({f.municipality}) {f.year}: {details}. "
            f"{result.classification.explanation}"
        )
    return "\n".join(lines) + "\n"
