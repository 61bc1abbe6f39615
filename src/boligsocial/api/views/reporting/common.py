"""What the report views share: the path's parameters, the schema, the plan and year of
the URL, and the write cycle (the report opened if need be, checked against If-Match)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from boligsocial.accounts.selectors import plan_readable_or_404
from boligsocial.api.fields import POSITIVE_INT_MAX
from boligsocial.api.schema import BoligsocialAutoSchema, precondition_failed_schema
from boligsocial.api.serializers.reporting import (
    ReportSerializer,
)
from boligsocial.api.views.base import ReadViewSet, expected_version
from boligsocial.core.concurrency import ConflictError, instance_version
from boligsocial.plans.models import Plan
from boligsocial.reporting import services
from boligsocial.reporting.models import YearlyReport
from boligsocial.reporting.statements import report_detail

SLUG = OpenApiParameter(
    "slug",
    str,
    OpenApiParameter.PATH,
    pattern=r"^[-a-zA-Z0-9_]+$",
    description="The plan's slug, as in its address, e.g. `bispehaven-2024-2028`.",
)
YEAR = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": 0, "maximum": POSITIVE_INT_MAX},
    OpenApiParameter.PATH,
    description="A calendar year of the plan's period.",
)
ID = OpenApiParameter(
    "id",
    {"type": "integer", "minimum": 0, "maximum": POSITIVE_INT_MAX},
    OpenApiParameter.PATH,
    description="The line's id.",
)
IF_MATCH = OpenApiParameter(
    name="If-Match",
    location=OpenApiParameter.HEADER,
    required=False,
    type=str,
    description=(
        "The report's `ETag` from your last GET of it: the change is made only if nobody "
        "changed the report (its figures or any of its lines) since, else 412 and nothing is "
        "written. Optional: a write without it is not checked."
    ),
)
ETAG = OpenApiParameter(
    name="ETag",
    location=OpenApiParameter.HEADER,
    type=str,
    required=False,
    response=[200, 201, 412],
    description="The report's version (absent while nobody has opened the year's report).",
)


class ReportSchema(BoligsocialAutoSchema):
    """The path's parameters as the URL accepts them; every write to a report takes
    `If-Match` and may answer 412."""

    def get_override_parameters(self) -> list[Any]:
        parameters = list(super().get_override_parameters())
        if "{slug}" in self.path:
            parameters.append(SLUG)
        if "{year}" in self.path:
            parameters.append(YEAR)
            if self.method != "GET":
                parameters.append(IF_MATCH)
            if self.method != "DELETE":
                parameters.append(ETAG)
        if "{id}" in self.path:
            parameters.append(ID)
        return parameters

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if "{year}" in self.path and self.method != "GET":
            current = self.resolve_serializer(ReportSerializer, "response").ref
            responses["412"] = self._error(
                "412",
                "PreconditionFailedReport",
                precondition_failed_schema(current),
                "Precondition failed: the report was changed after the version in `If-Match`; "
                "nothing was written. The body names the changed fields and holds the report "
                "now; its version is in `ETag`.",
            )
        return responses


class ReportViewMixin(ReadViewSet):
    """The plan of the URL if the user may read it (404 as for a missing plan otherwise);
    logged-in users only."""

    schema = ReportSchema()
    permission_classes = (IsAuthenticated,)
    filter_backends: list[Any] = []
    pagination_class: Any = None
    _plan: Plan | None = None

    def base_queryset(self) -> Any:
        return YearlyReport.objects.none()

    @property
    def plan(self) -> Plan:
        if self._plan is None:
            self._plan = plan_readable_or_404(
                self.request.user,
                Plan.objects.select_related("fund_round"),
                slug=self.kwargs["slug"],
            )
        return self._plan

    def year(self) -> int:
        year = int(self.kwargs["year"])
        plan = self.plan
        if not plan.start_date.year <= year <= plan.end_date.year:
            raise Http404(_("The plan's period has no year %(year)s.") % {"year": year})
        return year

    def stored(self) -> YearlyReport | None:
        return YearlyReport.objects.filter(plan=self.plan, year=self.year()).first()

    def answer(self, code: int = status.HTTP_200_OK, body: Any = None) -> Response:
        """The year's report as it is now, with its version in `ETag`."""
        detail = report_detail(self.plan, self.year(), timezone.localdate())
        data = ReportSerializer(detail, context=self.get_serializer_context()).data
        if body is not None:
            body["current"] = data
            data = body
        response = Response(data, status=code)
        if detail.report is not None:
            response["ETag"] = quote_etag(instance_version(detail.report))
        return response

    def write(
        self, request: Request, action: Callable[[YearlyReport, Any], Any], **kw: Any
    ) -> Response:
        """Run `action` on the year's report (opened first if nobody has), checked against
        `If-Match`; the report as it is now, or 412."""
        try:
            with transaction.atomic():
                report = self.stored()
                if report is None:
                    report = services.report_open(
                        plan=self.plan, year=self.year(), user=request.user
                    )
                    expected = None  # nobody has seen a version of it
                else:
                    expected = expected_version(request)
                action(report, expected)
        except ConflictError as error:
            return self.answer(
                status.HTTP_412_PRECONDITION_FAILED,
                {
                    "detail": _(
                        "The report was changed after the version given in If-Match; nothing "
                        "was written. `changed_fields` names what changed, `current` is the "
                        "report now and the ETag header its version: repeat the change on it if "
                        "it still applies."
                    ),
                    "changed_fields": error.changed,
                },
            )
        return self.answer(**kw)

    def parsed(self, serializer_class: type[serializers.Serializer], request: Request) -> Any:
        serializer = serializer_class(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)
