"""A plan's yearly accounts as an XLSX workbook and back (issue 10, docs/decisions/0027): the
reguleringskonto per year in a summary, one sheet of account lines per year, Danish headings,
amounts as numbers; an exported workbook re-imports unchanged. The `budget accounts-export` and
`budget accounts-import` commands use it. Built on `budgets.workbook`'s sheets."""

from __future__ import annotations

from boligsocial.reporting.workbook.export import accounts_workbook
from boligsocial.reporting.workbook.importing import AccountsOutcome, accounts_workbook_import

__all__ = ["AccountsOutcome", "accounts_workbook", "accounts_workbook_import"]
