"""`GET /api/v1/reports/`: every report due across the plans the user may read."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from boligsocial.accounts.selectors import plans_readable_by
from boligsocial.api.serializers.reporting import (
    ReportDueSerializer,
)
from boligsocial.api.views.base import Pagination
from boligsocial.api.views.reporting.common import ReportViewMixin
from boligsocial.reporting import rules
from boligsocial.reporting.selectors import reports_due

STATUS = OpenApiParameter(
    "status",
    {"type": "string", "enum": list(rules.STATUSES)},
    description="Only the reports of this status (`due` includes the years nobody has opened).",
)
LATE = OpenApiParameter(
    "late",
    {"type": "string", "enum": ["true", "false"]},
    description="`true`: only the late reports; `false`: only those not late.",
)


class ReportsDueViewSet(ReportViewMixin):
    """Every report owed by the plans the user may read (every ended year of a granted,
    running or ended plan), the late ones first, then by due date."""

    output_serializer_class = ReportDueSerializer
    pagination_class = Pagination

    @extend_schema(operation_id="reports_list", parameters=[STATUS, LATE])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        errors: dict[str, list[str]] = {}
        wanted = request.query_params.get("status")
        if wanted is not None and wanted not in rules.STATUSES:
            errors["status"] = [
                _("Give one of %(choices)s.") % {"choices": ", ".join(rules.STATUSES)}
            ]
        late_text = request.query_params.get("late")
        if late_text is not None and late_text not in ("true", "false"):
            errors["late"] = [_("Give true or false.")]
        if errors:
            raise ValidationError(errors)
        rows = reports_due(
            plans_readable_by(request.user),
            timezone.localdate(),
            statuses=[wanted] if wanted else None,
            late=None if late_text is None else late_text == "true",
        )
        page: list[Any] | None = self.paginate_queryset(rows)  # type: ignore[arg-type]
        data = ReportDueSerializer(page if page is not None else rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)
