"""API addresses of the yearly reports to LBF (included by api/urls.py):
api/views/reporting.py, docs/decisions/0029."""

from typing import Any

from django.urls import URLPattern, path

from boligsocial.api.views.reporting import (
    AccountLineViewSet,
    GoalResultViewSet,
    MilestoneViewSet,
    PlanReportViewSet,
    ReportsDueViewSet,
)

REPORTS = "v1/plans/<slug:slug>/reports/"
YEAR = f"{REPORTS}<int:year>/"


def _lines(segment: str, viewset: Any, name: str) -> list[URLPattern]:
    return [
        path(f"{YEAR}{segment}/", viewset.as_view({"post": "create"}), name=f"{name}-list"),
        path(
            f"{YEAR}{segment}/<int:pk>/",
            viewset.as_view({"patch": "partial_update", "delete": "destroy"}),
            name=f"{name}-detail",
        ),
    ]


urlpatterns: list[URLPattern] = [
    path("v1/reports/", ReportsDueViewSet.as_view({"get": "list"}), name="reports-due"),
    path(REPORTS, PlanReportViewSet.as_view({"get": "list"}), name="plan-reports"),
    path(
        YEAR,
        PlanReportViewSet.as_view({"get": "retrieve", "patch": "partial_update"}),
        name="plan-report",
    ),
    path(
        f"{YEAR}submit/", PlanReportViewSet.as_view({"post": "submit"}), name="plan-report-submit"
    ),
    path(
        f"{YEAR}approve/",
        PlanReportViewSet.as_view({"post": "approve"}),
        name="plan-report-approve",
    ),
    path(
        f"{YEAR}return/", PlanReportViewSet.as_view({"post": "return_"}), name="plan-report-return"
    ),
    *_lines("account-lines", AccountLineViewSet, "report-account-line"),
    *_lines("goal-results", GoalResultViewSet, "report-goal-result"),
    *_lines("milestones", MilestoneViewSet, "report-milestone"),
]
