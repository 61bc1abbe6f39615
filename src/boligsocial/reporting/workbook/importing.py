"""Importing an accounts workbook: every year's figures and account lines through the
reporting services (`report_update`, `account_lines_replace`), all years or none, every problem
listed with its sheet, row and column (docs/decisions/0027).

A year whose figures and lines are as stored is left alone (no write, no history row), so an
unchanged workbook re-imports unchanged. A year that differs is written with the version token
its report had at the export: changed since, it is an edit conflict; a report started since the
export is one too. A report LBF has (or that was submitted) does not change: a difference
there is refused with the report's status."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from boligsocial.budgets.workbook.sheets import SheetError, WorkbookErrors
from boligsocial.core.concurrency import ConflictError
from boligsocial.plans.models import Plan
from boligsocial.reporting import rules
from boligsocial.reporting.models import AccountLine, YearlyReport
from boligsocial.reporting.services import (
    account_lines_replace,
    report_open,
    report_update,
    status_problem,
)
from boligsocial.reporting.workbook import layout
from boligsocial.reporting.workbook.reading import (
    HEADINGS,
    AccountsRows,
    YearRows,
    read_accounts_rows,
)

FIGURES = ("opening_balance", "lbf_received", "local_received", "note")


@dataclass
class AccountsOutcome:
    years_changed: list[int] = field(default_factory=list)
    lines_written: int = 0
    applied: bool = False

    @property
    def summary(self) -> str:
        if not self.years_changed:
            return _("nothing differs from the stored accounts")
        return _("the accounts of %(years)s change (%(lines)s account lines written)") % {
            "years": ", ".join(str(y) for y in self.years_changed),
            "lines": self.lines_written,
        }


def _effective(row: dict[str, Any], year: int, rows: AccountsRows) -> tuple:
    """A row as it would be stored: a line on a budget line takes that line's category, focus
    area and text where the row gives none (as the service does)."""
    budget = rows.budget_lines.get((year, row["line_key"])) if row["line_key"] else None
    category = row["category"].pk if row.get("category") else None
    category = category or (budget.category_id if budget else None)
    focus = row["focus_area"].pk if row.get("focus_area") else None
    if "focus_area" not in row:
        focus = budget.focus_area_id if budget else None
    text = row["text"] or (budget.text if budget else "")
    return (row["line_key"], category, focus, text, Decimal(row.get("amount") or 0))


def _stored(report: YearlyReport | None) -> list[tuple]:
    if report is None:
        return []
    return [
        (x.line_key, x.category_id, x.focus_area_id, x.text, x.amount)
        for x in AccountLine.objects.filter(report=report).order_by("position", "pk")
    ]


def _figures_of(report: YearlyReport | None) -> dict[str, Any]:
    if report is None:
        return {"opening_balance": None, "lbf_received": 0, "local_received": 0, "note": ""}
    return {name: getattr(report, name) for name in FIGURES}


def _where(entry: YearRows, error: ValidationError) -> list[SheetError]:
    """A service's refusal where the workbook shows it: a line's field by its row and column,
    a figure in the summary's row of the year."""
    found: list[SheetError] = []
    sheet = str(entry.year)
    for problem in error.error_list if not hasattr(error, "error_dict") else []:
        params = problem.params or {}
        if problem.code == "row" and "row" in params and entry.rows:
            column = "budget_line" if params["field"] == "line_key" else params["field"]
            found.append(
                SheetError(
                    sheet, entry.rows[params["row"]], HEADINGS.get(column), str(params["message"])
                )
            )
        else:
            found.append(SheetError(sheet, None, None, " ".join(problem.messages)))
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            column = HEADINGS.get(name)
            row = entry.figures_row if name in FIGURES else None
            where = layout.SUMMARY if name in FIGURES else sheet
            found += [SheetError(where, row, column, m) for m in messages]
    return found


def _year(plan: Plan, entry: YearRows, rows: AccountsRows, user: Any) -> tuple[bool, int]:
    """Write one year if it differs: (written, account lines written). Raises on a refusal."""
    report = YearlyReport.objects.filter(plan=plan, year=entry.year).first()
    figures = entry.figures if entry.figures is not None else _figures_of(report)
    lines = (
        [_effective(r, entry.year, rows) for r in entry.lines] if entry.lines is not None else None
    )
    figures_differ = {k: figures[k] for k in FIGURES} != _figures_of(report)
    lines_differ = lines is not None and lines != _stored(report)
    if not (figures_differ or lines_differ):
        return False, 0
    if report is not None and not entry.token:
        raise ConflictError(instance=report, current={}, version="", changed=None)
    expected: str | None = entry.token or None
    if report is None:
        report = report_open(plan=plan, year=entry.year, user=user)
    elif not rules.can_edit(report.status):
        raise ValidationError(status_problem(report))
    if figures_differ:
        report_update(report=report, data=figures, user=user, expected=expected)
        expected = None  # the lock is held: the lines are written in the same transaction
    written = 0
    if lines_differ:
        account_lines_replace(report=report, rows=entry.lines or [], user=user, expected=expected)
        written = len(entry.lines or [])
    return True, written


def _conflict(year: int) -> str:
    return _(
        "The report for %(year)s has been changed since this workbook was exported; export "
        "the accounts again and make your changes in the new workbook."
    ) % {"year": year}


def accounts_workbook_import(
    *, plan: Plan, data: bytes, user: Any, dry_run: bool
) -> AccountsOutcome:
    """Import the accounts workbook `data` into the plan's reports: every year or none.
    WorkbookErrors with every problem (sheet, row, column); nothing is written then."""
    rows, problems = read_accounts_rows(data, plan)
    outcome = AccountsOutcome()
    summary_rows: dict[tuple[str | None, int | None], int] = {
        (layout.SUMMARY, e.figures_row): y for y, e in rows.years.items()
    }
    # A year with a problem in its cells is not checked by the services too (they would name
    # the same cells again); the others are, so every problem is listed at once.
    unread = {p.sheet for p in problems} | {
        str(summary_rows[(p.sheet, p.row)]) for p in problems if (p.sheet, p.row) in summary_rows
    }
    with transaction.atomic():
        for year in sorted(rows.years):
            entry = rows.years[year]
            if str(year) in unread:
                continue
            try:
                with transaction.atomic():
                    changed, written = _year(plan, entry, rows, user)
            except ConflictError:
                problems.append(SheetError(str(year), None, None, _conflict(year)))
                continue
            except PermissionDenied as exc:
                problems.append(SheetError(None, None, None, str(exc)))
                break
            except ValidationError as exc:
                problems += _where(entry, exc)
                continue
            if changed:
                outcome.years_changed.append(year)
                outcome.lines_written += written
        if problems or dry_run:
            transaction.set_rollback(True)
    if problems:
        raise WorkbookErrors(problems)
    outcome.applied = not dry_run
    return outcome
