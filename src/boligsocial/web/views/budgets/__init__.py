"""A plan's budget on the internal pages (docs/decisions/0028): `pages` shows the budget, a
version, two versions compared and the history; `edit` writes drafts through
`budgets.services`; `cofinancing` is the co-financers' overview and its XLSX export."""

from boligsocial.web.views.budgets.cofinancing import cofinancer_overview
from boligsocial.web.views.budgets.edit import (
    budget_open,
    line_add,
    line_delete,
    line_edit,
    revision_start,
    version_approve,
    version_discard,
)
from boligsocial.web.views.budgets.pages import (
    budget,
    budget_compare,
    budget_history,
    budget_version,
)

__all__ = [
    "budget",
    "budget_compare",
    "budget_history",
    "budget_open",
    "budget_version",
    "cofinancer_overview",
    "line_add",
    "line_delete",
    "line_edit",
    "revision_start",
    "version_approve",
    "version_discard",
]
