"""`/api/v1/plans/{slug}/budget/…` and `/api/v1/cofinancers/{organisation}/commitments/`: a
plan's budget with the rules of its pages (docs/decisions/0028). Logged-in users who may read
the plan read its budget (anyone else 404, anonymous 403); the plan's editors (secretariat
administrators, its leader) write a draft's lines, start an omplacering, approve it with the
board's decision and discard a draft (403 for anyone else, nothing written).

A budget version answers its version token in `ETag` (and `version`); every write of its lines
takes that token in `If-Match` and is made only if nobody changed the budget since (412 with
the budget as it is now otherwise), and answers the budget's new token in `ETag`. A change to
an omplacering that would raise LBF's share over the maximum is refused (400) with the breach
in kroner and percentage points."""

from boligsocial.api.views.budgets.cofinancers import CofinancerViewSet
from boligsocial.api.views.budgets.versions import (
    BudgetLineViewSet,
    BudgetVersionViewSet,
    BudgetViewSet,
)

__all__ = ["BudgetLineViewSet", "BudgetVersionViewSet", "BudgetViewSet", "CofinancerViewSet"]
