"""Web addresses of budget_files (included by web/urls.py in the `web` namespace): a plan's
budget and accounts as spreadsheets, downloaded and uploaded (web/views/budget_files.py,
docs/decisions/0027)."""

from django.urls import URLPattern, path

from boligsocial.web.views import budget_files

BUDGET = "intern/planer/<slug:slug>/budget/"
ACCOUNTS = "intern/planer/<slug:slug>/regnskab/"

urlpatterns: list[URLPattern] = [
    path(BUDGET + "eksport.xlsx", budget_files.budget_export, name="budget_export"),
    path(BUDGET + "import/", budget_files.budget_import, name="budget_import"),
    path(ACCOUNTS + "eksport.xlsx", budget_files.accounts_export, name="accounts_export"),
    path(ACCOUNTS + "import/", budget_files.accounts_import, name="accounts_import"),
]
