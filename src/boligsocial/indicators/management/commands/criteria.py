"""`boligsocial criteria classify|compute|synth`: the official area criteria on the command line.

classify INPUT [--rules 2010|2014|2018|2021] [--format csv|json] [-o OUTPUT]
    Classify area figures (CSV or XLSX; `-` reads stdin) under the rule set in force for each
    row's year, or the one given. Writes one row per input row; with official columns, adds
    `agrees_with_official` and prints the comparison on stderr.
compute PERSONS [--year Y] [--rules R] [--areas AREAS] [-o OUTPUT]
    Compute every area's figures from person-level data (Parquet or CSV) with DuckDB, in the
    input format of classify, so `compute ... | classify -` works.
synth --persons N --areas M --seed S -o DIR [--year Y]
    Write a deterministic synthetic national register (DIR/persons.parquet, DIR/areas.csv).

Bad input exits with status 2 and a message naming the file, row and column; nothing is written.

The command lives in `indicators` (not in the pure `criteria` package) because it reads the
official lists stored in the database and passes them to `criteria` as history
(docs/decisions/0016): `criteria` imports nothing from `indicators`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from boligsocial.core.tables import MAX_BYTES, TableErrors, read_table_data, too_large_message
from boligsocial.criteria.batch import classify_parsed, parse_rows, render_csv, render_json, summary
from boligsocial.criteria.rules import DEFAULT_RISK_MARGIN, RULE_SET_CODES, get_rule_set
from boligsocial.indicators.history import official_history_for

BAD_INPUT = 2


def _bad(message: str) -> CommandError:
    return CommandError(message, returncode=BAD_INPUT)


def fraction(text: str) -> Decimal:
    """A number from 0 up to (not including) 1; argparse names it in its error message."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not (0 <= value < 1):
        raise ValueError(text)
    return value


def write_output(text: str, output: str | None, stdout: Any) -> None:
    """Write all of `text` to `output` (atomically: a temporary file renamed into place, so a
    failure leaves no partial file) or to stdout."""
    if not output or output == "-":
        stdout.write(text, ending="")
        return
    target = Path(output)
    if not target.parent.is_dir():
        raise _bad(f"{output}: the folder {target.parent} does not exist")
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Command(BaseCommand):
    help = (
        "The official area criteria: classify area figures (classify), compute them from "
        "person-level register data (compute), or write a synthetic register (synth)."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

        classify = actions.add_parser(
            "classify",
            help="classify area figures under the official rule sets",
            description=(
                "Classify each row of INPUT (CSV, comma or semicolon separated, decimal point "
                "or comma, UTF-8 with or without BOM; or XLSX; '-' reads stdin) under the rule "
                "set in force for its year, or under --rules."
            ),
        )
        classify.add_argument("input", metavar="INPUT", help="CSV or XLSX file, or - for stdin")
        classify.add_argument(
            "--rules", choices=RULE_SET_CODES, help="apply this rule set to every row"
        )
        classify.add_argument(
            "--format",
            choices=("csv", "json"),
            default="csv",
            help="csv (default), or json with thresholds, margins and the explanation",
        )
        classify.add_argument("-o", "--output", metavar="OUTPUT", help="file (default stdout)")
        classify.add_argument(
            "--at-risk",
            type=fraction,
            default=DEFAULT_RISK_MARGIN,
            metavar="FRACTION",
            help="a criterion is at risk within this fraction of its threshold (default 0.10)",
        )

        compute = actions.add_parser(
            "compute",
            help="compute area figures from person-level data with DuckDB",
            description=(
                "Compute every area's criterion figures for a list year from person-level "
                "records (Parquet or CSV; a folder written by `criteria synth` works too). The "
                "output is the input of `criteria classify`."
            ),
        )
        compute.add_argument("persons", metavar="PERSONS", help="Parquet or CSV file, or folder")
        compute.add_argument("--year", type=int, help="list year (default: the latest in PERSONS)")
        compute.add_argument(
            "--rules", choices=RULE_SET_CODES, help="average as this rule set does (default: "
            "the one in force for the year)"
        )  # fmt: skip
        compute.add_argument(
            "--areas",
            metavar="AREAS",
            help="CSV/XLSX with area_id, area, municipality (default: areas.csv beside PERSONS)",
        )
        compute.add_argument("-o", "--output", metavar="OUTPUT", help="file (default stdout)")
        compute.add_argument("--threads", type=int, help="DuckDB threads (default: all cores)")
        compute.add_argument("--memory-limit", help="DuckDB memory limit, e.g. 1GB")

        synth = actions.add_parser(
            "synth",
            help="write a deterministic synthetic national person register",
            description=(
                "Write DIR/persons.parquet (N persons in the list year and the year before) and "
                "DIR/areas.csv (M areas). The same seed gives the same register."
            ),
        )
        synth.add_argument("--persons", type=int, required=True, metavar="N")
        synth.add_argument("--areas", type=int, required=True, metavar="M")
        synth.add_argument("--seed", type=int, required=True, metavar="S")
        synth.add_argument("--year", type=int, default=2024, help="list year (default 2024)")
        synth.add_argument("-o", "--output", required=True, metavar="DIR")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "classify":
            self.classify(options)
        elif action == "compute":
            self.compute(options)
        else:
            self.synth(options)

    def classify(self, options: dict[str, Any]) -> None:
        name = options["input"]
        if name == "-":
            # One byte past the limit is enough to tell the reader that the input is too large.
            data, file = sys.stdin.buffer.read(MAX_BYTES + 1), "<stdin>"
        else:
            path = Path(name)
            if not path.is_file():
                raise _bad(f"{name}: file not found")
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise _bad(f"{name}: {too_large_message(size)}")
            data, file = path.read_bytes(), name
        try:
            table = read_table_data(data, file)
            rows = parse_rows(table, rules=options["rules"])
            batch = classify_parsed(
                table,
                rows,
                risk_margin=options["at_risk"],
                history=official_history_for({row.key for row in rows}),
            )
        except TableErrors as exc:
            raise _bad(str(exc)) from None
        text = render_json(batch) if options["format"] == "json" else render_csv(batch)
        write_output(text, options["output"], self.stdout)
        if batch.has_official:
            self.stderr.write(summary(batch), ending="")

    def compute(self, options: dict[str, Any]) -> None:
        from boligsocial.criteria.compute import compute, render_figures_csv

        try:
            result = compute(
                Path(options["persons"]),
                year=options["year"],
                rule_set=get_rule_set(options["rules"]) if options["rules"] else None,
                areas=Path(options["areas"]) if options["areas"] else None,
                threads=options["threads"],
                memory_limit=options["memory_limit"],
            )
        except TableErrors as exc:
            raise _bad(str(exc)) from None
        write_output(render_figures_csv(result.rows), options["output"], self.stdout)
        if result.unknown_area_ids:
            shown = ", ".join(result.unknown_area_ids[:10])
            more = len(result.unknown_area_ids) - 10
            self.stderr.write(
                f"{options['persons']}: {len(result.unknown_area_ids)} area ids are not in the "
                f"areas file and were counted outside every area: {shown}"
                + (f" and {more} more" if more > 0 else "")
            )

    def synth(self, options: dict[str, Any]) -> None:
        from boligsocial.criteria.synth import synth

        try:
            result = synth(
                persons=options["persons"],
                areas=options["areas"],
                seed=options["seed"],
                year=options["year"],
                out=Path(options["output"]),
            )
        except ValueError as exc:
            raise _bad(str(exc)) from None
        self.stdout.write(
            f"Wrote {result.persons_path} ({result.persons} persons × years "
            f"{result.years[0]}–{result.years[1]}, {result.persons_in_areas} in areas) and "
            f"{result.areas_path} ({result.areas} areas)."
        )
