"""`/api/v1/plans/{slug}/reports/…` and `/api/v1/reports/`: the yearly reports to LBF with the
rules of their pages (docs/decisions/0029). Logged-in users who may read the plan read its
reports (anyone else 404, anonymous 403); the plan's editors write a report's contents and
submit it; only a user acting for LBF, or an administrator recording LBF's letter, approves or
returns it. The whole report is one object for conflicts: its `ETag` (answered with the
report) goes in `If-Match` on any write to it or its lines, and a write after someone else's
change answers 412 with the report as it is now. The first write to a year nobody has opened
opens its report."""

from boligsocial.api.views.reporting.due import ReportsDueViewSet
from boligsocial.api.views.reporting.lines import (
    AccountLineViewSet,
    GoalResultViewSet,
    MilestoneViewSet,
)
from boligsocial.api.views.reporting.plans import PlanReportViewSet

__all__ = [
    "AccountLineViewSet",
    "GoalResultViewSet",
    "MilestoneViewSet",
    "PlanReportViewSet",
    "ReportsDueViewSet",
]
