"""Web addresses of budgets (included by web/urls.py in the `web` namespace): a plan's budget,
its versions, lines, omplaceringer, comparison and history (web/views/budgets/), and the
co-financers' overview. The workbook's export and import are in `urls_budget_files`."""

from django.urls import URLPattern, path

from boligsocial.web.views import budgets

BUDGET = "intern/planer/<slug:slug>/budget/"
VERSION = BUDGET + "versioner/<int:number>/"

urlpatterns: list[URLPattern] = [
    path(BUDGET, budgets.budget, name="budget"),
    path(BUDGET + "opret/", budgets.budget_open, name="budget_open"),
    path(BUDGET + "omplacering/ny/", budgets.revision_start, name="budget_revision_start"),
    path(BUDGET + "sammenlign/", budgets.budget_compare, name="budget_compare"),
    path(BUDGET + "historik/", budgets.budget_history, name="budget_history"),
    path(VERSION, budgets.budget_version, name="budget_version"),
    path(VERSION + "linjer/ny/", budgets.line_add, name="budget_line_add"),
    path(VERSION + "linjer/<int:pk>/", budgets.line_edit, name="budget_line_edit"),
    path(VERSION + "linjer/<int:pk>/slet/", budgets.line_delete, name="budget_line_delete"),
    path(VERSION + "godkend/", budgets.version_approve, name="budget_version_approve"),
    path(VERSION + "kasser/", budgets.version_discard, name="budget_version_discard"),
    path("intern/medfinansiering/", budgets.cofinancer_overview, name="cofinancer_overview"),
]
