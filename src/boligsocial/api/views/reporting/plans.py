"""A plan's reports: its years, one year's report, its figures, submitting, LBF's decision."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from boligsocial.api.serializers.reporting import (
    DecisionInputSerializer,
    FiguresInputSerializer,
    PlanYearSerializer,
    ReportSerializer,
    SubmitInputSerializer,
)
from boligsocial.api.views.reporting.common import ReportViewMixin
from boligsocial.reporting import services
from boligsocial.reporting.statements import plan_accounts


class PlanReportViewSet(ReportViewMixin):
    """A plan's reports to LBF: every year of its period with its report's status, due date
    and lateness, its line of the reguleringskonto and budget against actual in all; one
    year's report in full; the report's figures (PATCH)."""

    output_serializer_class = PlanYearSerializer

    @extend_schema(operation_id="plans_reports_list", responses=PlanYearSerializer(many=True))
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        accounts = plan_accounts(self.plan, timezone.localdate())
        return Response(PlanYearSerializer(accounts.years, many=True).data)

    @extend_schema(operation_id="plans_reports_retrieve", responses=ReportSerializer)
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.answer()

    @extend_schema(
        operation_id="plans_reports_partial_update",
        request=FiguresInputSerializer,
        responses=ReportSerializer,
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The report's figures: received from LBF and locally, the opening balance (null:
        carried forward), the note."""
        self.year()
        data = self.parsed(FiguresInputSerializer, request)
        return self.write(
            request,
            lambda report, expected: services.report_update(
                report=report, data=data, user=request.user, expected=expected
            ),
        )

    @extend_schema(
        operation_id="plans_reports_submit",
        request=SubmitInputSerializer,
        responses=ReportSerializer,
    )
    def submit(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Send the report to LBF: it needs the accounts, a goal result and a milestone
        (400 naming what it lacks); it then no longer changes unless LBF returns it."""
        self.year()
        data = self.parsed(SubmitInputSerializer, request)
        return self.write(
            request,
            lambda report, expected: services.report_submit(
                report=report,
                user=request.user,
                submitted_on=data.get("submitted_on"),
                expected=expected,
            ),
        )

    def _decide(self, request: Request, *, approve: bool) -> Response:
        self.year()
        if not services.decision_capacities(request.user):
            raise PermissionDenied(
                _(
                    "Only a user acting for LBF, or a secretariat administrator recording LBF's "
                    "letter, may record LBF's decision on a report."
                )
            )
        data = self.parsed(DecisionInputSerializer, request)
        if self.stored() is None:
            raise ValidationError(
                {"non_field_errors": [_("Only a report submitted to LBF can be decided on.")]}
            )
        service = services.report_approve if approve else services.report_return
        return self.write(
            request,
            lambda report, expected: service(
                report=report,
                user=request.user,
                decided_on=data["decided_on"],
                remarks=data.get("remarks", ""),
                capacity=data.get("decision_capacity"),
                expected=expected,
            ),
        )

    @extend_schema(
        operation_id="plans_reports_approve",
        request=DecisionInputSerializer,
        responses=ReportSerializer,
    )
    def approve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Record LBF's approval of a submitted report (only in LBF's capacities: 403 for
        anyone else)."""
        return self._decide(request, approve=True)

    @extend_schema(
        operation_id="plans_reports_return",
        request=DecisionInputSerializer,
        responses=ReportSerializer,
    )
    def return_(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Record that LBF returned a submitted report with remarks (required): it can be
        changed and submitted again."""
        return self._decide(request, approve=False)
