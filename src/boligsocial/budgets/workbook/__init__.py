"""A plan's budget as an XLSX workbook and back (issue 10, docs/decisions/0027): one sheet per
year of lines plus a summary, Danish headings, amounts as numbers; an exported workbook
re-imports unchanged, also after LibreOffice or Excel saved it again. Used by the `budget`
command and the budget page's download and upload."""

from __future__ import annotations

from boligsocial.budgets.models import BudgetVersion
from boligsocial.budgets.selectors import current_budget, draft_of
from boligsocial.budgets.workbook.export import budget_workbook
from boligsocial.budgets.workbook.importing import (
    ImportOutcome,
    apply_rows,
    budget_workbook_import,
    rows_from_payload,
    rows_payload,
)
from boligsocial.budgets.workbook.sheets import SheetError, WorkbookErrors
from boligsocial.plans.models import Plan

__all__ = [
    "ImportOutcome",
    "SheetError",
    "WorkbookErrors",
    "apply_rows",
    "budget_workbook",
    "budget_workbook_import",
    "export_version",
    "rows_from_payload",
    "rows_payload",
    "workbook_name",
]


def export_version(plan: Plan) -> BudgetVersion | None:
    """The version a download gives: the draft (the one to edit), else the current budget."""
    return draft_of(plan) or current_budget(plan)


def workbook_name(plan: Plan, version: BudgetVersion) -> str:
    return f"budget-{plan.slug}-v{version.number}.xlsx"
