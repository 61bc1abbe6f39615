"""Importing a budget workbook into the plan's draft, all of it or nothing
(docs/decisions/0027). The cells are read (`reading`), then the rows are checked by
`budgets.services.budget_lines_replace` (dry run), and every problem of both is listed with
sheet, row and column. The workbook carries the version token of the draft it was exported
from: when the draft has changed since, the import is refused as an edit conflict, never a
silent overwrite of someone else's changes."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from boligsocial.budgets.bulk import ReplaceResult, RowErrors
from boligsocial.budgets.models import BudgetVersion
from boligsocial.budgets.rules import BudgetCheck
from boligsocial.budgets.selectors import check_lines, draft_of
from boligsocial.budgets.services import budget_lines_replace
from boligsocial.budgets.workbook import layout
from boligsocial.budgets.workbook.reading import (
    FIELD_COLUMN,
    HEADINGS,
    BudgetRows,
    Place,
    read_budget_rows,
)
from boligsocial.budgets.workbook.sheets import SheetError, WorkbookErrors
from boligsocial.core.concurrency import ConflictError
from boligsocial.plans.models import Plan


@dataclass
class ImportOutcome:
    """What an import did (or, in a dry run, would do)."""

    version: BudgetVersion
    rows: BudgetRows
    result: ReplaceResult
    check: BudgetCheck
    applied: bool

    @property
    def summary(self) -> str:
        r = self.result
        counts = ngettext("%(n)s line", "%(n)s lines", len(self.rows.rows)) % {
            "n": len(self.rows.rows)
        }
        return _("%(lines)s: %(created)s new, %(updated)s changed, %(deleted)s removed, "
                 "%(unchanged)s unchanged") % {
            "lines": counts,
            "created": r.created,
            "updated": r.updated,
            "deleted": r.deleted,
            "unchanged": r.unchanged,
        }  # fmt: skip


def _one(message: str, sheet: str | None = None, column: str | None = None) -> WorkbookErrors:
    return WorkbookErrors([SheetError(sheet, None, column, message)])


def target_draft(plan: Plan, rows: BudgetRows | None = None) -> BudgetVersion:
    """The draft an import goes into: the plan's draft, and the one the workbook was exported
    from."""
    draft = draft_of(plan)
    if draft is None:
        raise _one(
            _(
                "The plan has no draft budget to import into: start a revision (omplacering) "
                "on the budget page, export it and import the workbook."
            )
        )
    if rows is not None and rows.version_number != draft.number:
        raise _one(
            _(
                "The workbook holds budget version %(workbook)s, but the draft is version "
                "%(draft)s: export the draft, make the changes in that workbook and import it."
            )
            % {"workbook": rows.version_number or "?", "draft": draft.number},
            layout.SUMMARY,
            layout.LABEL_VERSION,
        )
    return draft


def row_problems(error: RowErrors, places: list[Place], flagged: set[tuple]) -> list[SheetError]:
    """The service's problems of the rows where the workbook shows them; a field whose cell
    already has a problem is not named twice, and a year outside the period once per sheet."""
    found: list[SheetError] = []
    seen: set[SheetError] = set()
    for index, problems in sorted(error.rows.items()):
        place = places[index]
        for name, message in problems.items():
            if name == "year":
                problem = SheetError(place.sheet, None, None, message)
            else:
                column = FIELD_COLUMN.get(name)
                heading = HEADINGS[column] if column else None
                if (place.sheet, place.row, heading) in flagged:
                    continue
                problem = SheetError(place.sheet, place.row, heading, message)
            if problem not in seen:
                seen.add(problem)
                found.append(problem)
    return found


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [str(m) for messages in error.message_dict.values() for m in messages]
    return [str(m) for m in error.messages]


def apply_rows(
    *,
    plan: Plan,
    rows: BudgetRows,
    user: Any,
    dry_run: bool,
    cell_problems: list[SheetError] = (),  # type: ignore[assignment]
) -> ImportOutcome:
    """Check `rows` with the service and, unless `dry_run` or there are problems, write them.
    WorkbookErrors lists `cell_problems` and the service's problems together."""
    version = target_draft(plan, rows)
    flagged = {(p.sheet, p.row, p.column) for p in cell_problems}
    problems = list(cell_problems)
    try:
        result = budget_lines_replace(
            version=version,
            rows=rows.rows,
            user=user,
            expected=rows.token or None,
            dry_run=dry_run or bool(problems),
        )
    except ConflictError:
        problems.append(
            SheetError(
                None,
                None,
                None,
                _(
                    "Budget version %(number)s has been changed since this workbook was "
                    "exported; nothing was imported. Export it again and make your changes in "
                    "the new workbook."
                )
                % {"number": version.number},
            )
        )
    except RowErrors as error:
        problems += row_problems(error, rows.places, flagged)
    except ValidationError as error:
        problems += [SheetError(None, None, None, m) for m in _messages(error)]
    else:
        if not problems:
            version.refresh_from_db()
            check = check_lines(plan.fund_round, result.facts)
            return ImportOutcome(version, rows, result, check, applied=not dry_run)
    raise WorkbookErrors(_ordered(problems, rows))


def _ordered(problems: list[SheetError], rows: BudgetRows) -> list[SheetError]:
    """Workbook-wide problems first, then by sheet (in the workbook's order), row, column."""
    sheets = {place.sheet: i for i, place in reversed(list(enumerate(rows.places)))}
    columns = {c.heading: i for i, c in enumerate(layout.COLUMNS)}
    return sorted(
        problems,
        key=lambda p: (
            p.sheet is not None,
            sheets.get(p.sheet or "", -1),
            p.sheet or "",
            p.row or 0,
            columns.get(p.column or "", -1),
        ),
    )


def budget_workbook_import(*, plan: Plan, data: bytes, user: Any, dry_run: bool) -> ImportOutcome:
    """Import the workbook `data` into the plan's draft: every row or none. WorkbookErrors
    with every problem (sheet, row, column) otherwise; nothing is written then."""
    draft = target_draft(plan)
    rows, problems = read_budget_rows(data, plan, draft)
    return apply_rows(plan=plan, rows=rows, user=user, dry_run=dry_run, cell_problems=problems)


# A dry run's rows carried to the apply step (the web's preview → apply) -------------------------


def rows_payload(rows: BudgetRows) -> dict[str, Any]:
    """`rows` as JSON-able values (amounts as text) for a signed form field."""
    return {
        "number": rows.version_number,
        "token": rows.token,
        "rows": [
            {k: (str(v) if isinstance(v, Decimal) else v) for k, v in row.items()}
            for row in rows.rows
        ],
        "places": [[p.sheet, p.row] for p in rows.places],
    }


def rows_from_payload(payload: dict[str, Any]) -> BudgetRows:
    return BudgetRows(
        version_number=payload["number"],
        token=payload["token"],
        rows=[dict(row) for row in payload["rows"]],
        places=[Place(sheet, row) for sheet, row in payload["places"]],
    )
