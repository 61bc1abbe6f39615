"""`boligsocial budget …`: a plan's budget in spreadsheets (issue 10, docs/decisions/0027).

- `budget check FILE --round CODE [-o OUT]`: a draft budget in a CSV or XLSX file checked
  against the fund round's co-financing rule before anything is entered. Writes one row per
  year and one for the whole period (`period,total,lbf_amount,local_amount,lbf_share,
  local_share,ok`) to OUT or standard output, explains a breach on standard error. Exit 0 when
  the whole period keeps the rule, 1 when it does not, 2 on bad input (row and column named).
- `budget export --plan SLUG -o FILE.xlsx`: the plan's current budget as a workbook, one sheet
  per year and a summary; `budget import FILE.xlsx --plan SLUG [--dry-run]`: such a workbook
  into the plan's draft, all lines or none (exit 2 listing every problem with sheet, row and
  column).
- The same for a plan's yearly accounts: `boligsocial accounts export|import` (reporting's
  command: budgets, below reporting in the layers, cannot import the accounts).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from boligsocial.budgets import filecheck
from boligsocial.budgets.management.files import (
    budget_export,
    budget_import,
    write_atomically,
)
from boligsocial.core.tables import TableErrors


class Command(BaseCommand):
    help = (
        "A plan's budget in spreadsheets: check a draft budget file against a fund round's "
        "co-financing rule, export a plan's budget as XLSX, import it again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser(
            "check",
            help="Check a draft budget (CSV or XLSX with the columns year, category, "
            "focus_area, source_kind, source, amount and optionally in_kind) against the fund "
            "round's co-financing rule. Exit 0: the whole period keeps the rule; 1: it does "
            "not; 2: bad input.",
        )
        check.add_argument("file", help="CSV (comma or semicolon, UTF-8) or XLSX file")
        check.add_argument(
            "--round", required=True, metavar="CODE", help="the fund round's code, e.g. 2019-26"
        )
        check.add_argument(
            "-o", "--output", metavar="OUT", help="write the result table here (default stdout)"
        )
        export = sub.add_parser(
            "export", help="Write the plan's current budget as XLSX (a sheet per year)."
        )
        export.add_argument("--plan", required=True, metavar="SLUG", help="the plan's slug")
        export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx")
        imp = sub.add_parser(
            "import",
            help="Read an exported (and edited) budget workbook into the plan's draft budget: "
            "every line or none.",
        )
        imp.add_argument("file", metavar="FILE.xlsx")
        imp.add_argument("--plan", required=True, metavar="SLUG", help="the plan's slug")
        imp.add_argument("--dry-run", action="store_true", help="check every row, write nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            action = options["action"]
            if action == "check":
                self._check(options)
            elif action == "export":
                self.stdout.write(budget_export(options["plan"], Path(options["output"])))
            else:
                path, plan = Path(options["file"]), options["plan"]
                self.stdout.write(budget_import(path, plan, dry_run=options["dry_run"]))

    def _check(self, options: dict[str, Any]) -> None:
        from boligsocial.budgets.management.files import check_context
        from boligsocial.budgets.wording import breach_text, in_kind_text, year_warning_text

        output = Path(options["output"]) if options.get("output") else None
        if output is not None and not output.parent.is_dir():
            raise CommandError(
                f"-o {output}: the folder {output.parent} does not exist", returncode=2
            )
        context = check_context(options["round"])
        try:
            # The file's problems in English, as core.tables words its own.
            with translation.override("en"):
                lines = filecheck.read_budget_file(
                    options["file"],
                    categories=context.categories,
                    focus_areas=context.focus_areas,
                    name=options["file"],
                )
        except TableErrors as exc:
            raise CommandError(nothing_checked(exc), returncode=2) from None
        check = filecheck.check_lines(lines, context.rules, context.in_kind_counts)
        table = filecheck.result_csv(check)
        if output is None:
            self.stdout.write(table, ending="")
        else:
            write_atomically(output, table.encode("utf-8"))
        notes = [year_warning_text(year, check.years[year]) for year in check.years_in_breach]
        notes.append(in_kind_text(check))
        if not check.ok:
            notes.append(
                f"{context.rules.code}: {breach_text(check)} "
                f"({len(lines)} line(s), {options['file']})"
            )
        for note in notes:
            if note:
                self.stderr.write(note)
        if not check.ok:
            sys.exit(1)


def nothing_checked(exc: TableErrors) -> str:
    if len(exc.errors) == 1:
        return f"{exc.errors[0]} (nothing was checked)"
    return f"Nothing was checked; {len(exc.errors)} problems:\n{exc}"
