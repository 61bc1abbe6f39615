"""Writes of the yearly reports to LBF (docs/decisions/0029).

Every write to a report or one of its lines runs inside `core.concurrency.expect_version` on
the report's row (the whole report is one object for edit conflicts: `expected` is the
report's version token, None for no check) and bumps the report's `changed_at`. The contents
change only while the report is due or returned by LBF, and only by the plan's editors
(secretariat administrators, the plan's leader); LBF's decisions (approve, return with
remarks) only in the accounts' LBF decision capacities. Every service validates first and
writes nothing when it refuses (ValidationError keyed by field, PermissionDenied)."""

from boligsocial.reporting.services.common import require_editor, status_problem
from boligsocial.reporting.services.contents import (
    account_line_delete,
    account_line_save,
    account_lines_replace,
    goal_result_delete,
    goal_result_save,
    milestone_delete,
    milestone_save,
    report_open,
    report_update,
)
from boligsocial.reporting.services.decisions import (
    decision_capacities,
    missing_parts,
    report_approve,
    report_return,
    report_submit,
)

__all__ = [
    "account_line_delete",
    "account_line_save",
    "account_lines_replace",
    "decision_capacities",
    "goal_result_delete",
    "goal_result_save",
    "milestone_delete",
    "milestone_save",
    "missing_parts",
    "report_approve",
    "report_open",
    "report_return",
    "report_submit",
    "report_update",
    "require_editor",
    "status_problem",
]
