"""A plan's pre-qualification application (docs/decisions/0022):
`GET /api/v1/plans/{slug}/application.pdf` and `.../application.xlsx`, assembled from the data
when asked for, with the same permissions as the web page: logged-in users who may read the
plan (403 when not logged in, 404 for a plan they may not read, as for a missing one)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request

from boligsocial.accounts.selectors import plans_readable_by
from boligsocial.api.views.base import ReadViewSet
from boligsocial.applications.pdf import application_pdf
from boligsocial.applications.selectors import application_content, plan_for_application
from boligsocial.applications.xlsx import application_xlsx
from boligsocial.plans.models import Plan

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The path's slug as the URL accepts it (anything else never reaches the view).
SLUG = OpenApiParameter(
    "slug",
    str,
    OpenApiParameter.PATH,
    pattern=r"^[-a-zA-Z0-9_]+$",
    description="The plan's slug, as in its address (a former slug works too).",
)


class PlanApplicationViewSet(ReadViewSet):
    """The application as a file; the answer is the file whatever the client accepts."""

    permission_classes = (IsAuthenticated,)
    filter_backends: list[Any] = []

    def base_queryset(self) -> Any:
        return plans_readable_by(self.request.user)

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        return super().perform_content_negotiation(request, force=True)

    def _plan(self) -> Plan:
        plan = plan_for_application(self.kwargs["slug"], self.get_queryset())
        if plan is None:
            raise Http404("No such plan.")
        return plan

    def _file(self, fmt: str, content_type: str) -> HttpResponse:
        plan = self._plan()
        content = application_content(plan)
        data = application_pdf(content) if fmt == "pdf" else application_xlsx(content)
        response = HttpResponse(data, content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="praekvalifikationsansoegning-{plan.slug}.{fmt}"'
        )
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(
        operation_id="plans_application_pdf",
        parameters=[SLUG],
        responses={
            (200, PDF): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="The application as a tagged PDF (PDF/UA-1) in the language of "
                "`Accept-Language`, as an attachment; it lists what is missing before it can "
                "be submitted.",
            )
        },
    )
    def pdf(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        """The plan's pre-qualification application assembled from the data: afdelinger, the
        area's key figures and legal status (figures about fewer than five persons
        suppressed), the challenges, focus areas and goals, the budget estimate with the
        round's 75/25 check, the municipality's recommendation, and what is missing."""
        return self._file("pdf", PDF)

    @extend_schema(
        operation_id="plans_application_xlsx",
        parameters=[SLUG],
        responses={
            (200, XLSX): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="The application's tables as a spreadsheet, one sheet each, as "
                "an attachment.",
            )
        },
    )
    def xlsx(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        """The tables of the plan's pre-qualification application: the plan, what is missing,
        afdelinger, key figures, focus areas and goals, budget."""
        return self._file("xlsx", XLSX)
