"""Web addresses of budget_files (included by web/urls.py in the `web` namespace): a plan's
budget as a spreadsheet, downloaded and uploaded on the budget page (web/views/budget_files.py,
docs/decisions/0027)."""

from django.urls import URLPattern, path

from boligsocial.web.views import budget_files

BUDGET = "intern/planer/<slug:slug>/budget/"

urlpatterns: list[URLPattern] = [
    path(BUDGET + "eksport.xlsx", budget_files.budget_export, name="budget_export"),
    path(BUDGET + "import/", budget_files.budget_import, name="budget_import"),
]
