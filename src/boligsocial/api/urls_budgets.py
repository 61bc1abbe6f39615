"""API addresses of budgets (included by api/urls.py): a plan's budget, its versions and
lines, omplaceringer and their approval, and a co-financer's commitments
(api/views/budgets.py, docs/decisions/0028)."""

from django.urls import URLPattern, path

from boligsocial.api.views.budgets import (
    BudgetLineViewSet,
    BudgetVersionViewSet,
    BudgetViewSet,
    CofinancerViewSet,
)

BUDGET = "v1/plans/<slug:slug>/budget/"
VERSION = f"{BUDGET}versions/<int:number>/"

urlpatterns: list[URLPattern] = [
    path(BUDGET, BudgetViewSet.as_view({"get": "retrieve"}), name="budget"),
    path(
        f"{BUDGET}revisions/",
        BudgetViewSet.as_view({"post": "revisions"}),
        name="budget-revisions",
    ),
    path(
        f"{BUDGET}versions/",
        BudgetVersionViewSet.as_view({"get": "list"}),
        name="budget-version-list",
    ),
    path(
        VERSION,
        BudgetVersionViewSet.as_view({"get": "retrieve", "delete": "destroy"}),
        name="budget-version-detail",
    ),
    path(
        f"{VERSION}approve/",
        BudgetVersionViewSet.as_view({"post": "approve"}),
        name="budget-version-approve",
    ),
    path(
        f"{VERSION}lines/",
        BudgetLineViewSet.as_view({"get": "list", "post": "create"}),
        name="budget-line-list",
    ),
    path(
        f"{VERSION}lines/<int:pk>/",
        BudgetLineViewSet.as_view(
            {"get": "retrieve", "patch": "partial_update", "delete": "destroy"}
        ),
        name="budget-line-detail",
    ),
    path(
        "v1/cofinancers/<slug:organisation>/commitments/",
        CofinancerViewSet.as_view({"get": "retrieve"}),
        name="cofinancer-commitments",
    ),
]
