"""Web addresses of the yearly accounts and reports to LBF (included by web/urls.py in the
`web` namespace): web/views/reporting, docs/decisions/0029."""

from django.urls import URLPattern, path

from boligsocial.web.views.reporting import decisions, pages, writes

ACCOUNTS = "intern/planer/<slug:slug>/regnskab/"
YEAR = f"{ACCOUNTS}<int:year>/"

urlpatterns: list[URLPattern] = [
    path("intern/rapporter/", pages.reports_due, name="reports_due"),
    path(ACCOUNTS, pages.accounts, name="accounts"),
    path(YEAR, pages.report, name="report"),
    path(f"{YEAR}rapport.pdf", pages.report_pdf_download, name="report_pdf"),
    path(f"{YEAR}tal/", writes.report_figures, name="report_figures"),
    path(f"{YEAR}konto/ny/", writes.account_line_add, name="account_line_add"),
    path(f"{YEAR}konto/<int:pk>/", writes.account_line_edit, name="account_line_edit"),
    path(f"{YEAR}maal/ny/", writes.goal_result_add, name="goal_result_add"),
    path(f"{YEAR}maal/<int:pk>/", writes.goal_result_edit, name="goal_result_edit"),
    path(f"{YEAR}milepaele/ny/", writes.milestone_add, name="milestone_add"),
    path(f"{YEAR}milepaele/<int:pk>/", writes.milestone_edit, name="milestone_edit"),
    path(f"{YEAR}<slug:kind>/<int:pk>/slet/", writes.line_delete, name="report_line_delete"),
    path(f"{YEAR}indsend/", decisions.report_submit, name="report_submit"),
    path(f"{YEAR}godkend/", decisions.report_approve, name="report_approve"),
    path(f"{YEAR}returner/", decisions.report_return, name="report_return"),
]
