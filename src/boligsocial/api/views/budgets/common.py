"""What the budget API's views share: the path parameters and `If-Match`/`ETag` in the
schema, the plan of the URL with its readers and editors, and a version as the API answers it
(lines, totals, the co-financing check with the breach in words)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, cast

from django.http import Http404
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from boligsocial.accounts.selectors import can_edit_plan, plan_readable_or_404
from boligsocial.api.fields import POSITIVE_INT_MAX
from boligsocial.api.schema import (
    IF_MATCH,
    BoligsocialAutoSchema,
    precondition_failed_schema,
)
from boligsocial.api.serializers.budgets import BudgetSerializer
from boligsocial.api.views.base import ReadViewSet
from boligsocial.budgets.models import BudgetVersion
from boligsocial.budgets.selectors import budget_summary, version_of_plan
from boligsocial.budgets.wording import breach_text, in_kind_text
from boligsocial.core.concurrency import ConflictError, instance_version
from boligsocial.plans.models import Plan

NOT_BUDGET_EDITOR = _(
    "Only secretariat administrators and the plan's leader may change the budget."
)

SLUG = OpenApiParameter(
    "slug",
    str,
    OpenApiParameter.PATH,
    pattern=r"^[-a-zA-Z0-9_]+$",
    description="The plan's slug, as in its address, e.g. `bispehaven-2024-2028`.",
)
ORGANISATION = OpenApiParameter(
    "organisation",
    str,
    OpenApiParameter.PATH,
    pattern=r"^[-a-zA-Z0-9_]+$",
    description="The co-financer's slug, e.g. `aarhus-kommune`.",
)
ETAG_TEXT = (
    "The budget version's token as stored now (after a write: the new one). Send it back in "
    "`If-Match` to change the budget only if nobody else has changed it."
)


def _etag(*codes: int) -> OpenApiParameter:
    return OpenApiParameter(
        name="ETag",
        location=OpenApiParameter.HEADER,
        type=str,
        required=True,
        response=list(codes),
        description=ETAG_TEXT,
    )


WRITES = frozenset({"POST", "PATCH", "DELETE"})


def _number(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(
        name,
        {"type": "integer", "minimum": 0, "maximum": POSITIVE_INT_MAX},
        OpenApiParameter.PATH,
        description=description,
    )


class BudgetSchema(BoligsocialAutoSchema):
    """The path's parameters as the URL accepts them, `If-Match` and 412 on every write of a
    version, and the budget's token in `ETag`."""

    def _checked(self) -> bool:
        return "/versions/{number}/" in self.path and self.method in WRITES

    def get_override_parameters(self) -> list[Any]:
        parameters = [*super().get_override_parameters()]
        if "{slug}" in self.path:
            parameters.append(SLUG)
        if "{organisation}" in self.path:
            parameters.append(ORGANISATION)
        if "{number}" in self.path:
            parameters.append(_number("number", "The budget version's number."))
        if "{id}" in self.path:
            parameters.append(_number("id", "The line's id."))
        if self._checked():
            parameters.append(IF_MATCH)
        if self.path.endswith("/versions/{number}/") and self.method == "DELETE":
            parameters.append(_etag(412))  # a discarded draft has no version left
        elif "/budget/" in self.path and not self._is_list_view():
            parameters.append(_etag(200, 201, 204, 412))
        return parameters

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if self._checked():
            current = self.resolve_serializer(BudgetSerializer, "response").ref
            responses["412"] = self._error(
                "412",
                "PreconditionFailedBudget",
                precondition_failed_schema(current),
                "Precondition failed: the budget was changed after the version in `If-Match`; "
                "nothing was written. The body holds the budget now; its version is in `ETag`.",
            )
        return responses


def budget_data(version: BudgetVersion) -> dict[str, Any]:
    """The version with its lines, totals and check, for `BudgetSerializer`."""
    summary = budget_summary(version)
    check = summary.check
    codes = {line.category_id: line.category.code for line in summary.lines}
    return {
        **version_data(version),
        "plan": version.plan.slug,
        "lines": summary.lines,
        "totals": {
            "total": summary.total,
            "by_year": [{"year": y, "amount": a} for y, a in sorted(summary.by_year.items())],
            "by_source_kind": [
                {"source_kind": kind, "year": year, "amount": amount}
                for (year, kind), amount in sorted(summary.by_year_source_kind.items())
            ],
            "by_category": [
                {"category": codes[category], "year": year, "amount": amount}
                for (year, category), amount in sorted(summary.by_year_category.items())
            ],
            "by_focus_area": [
                {"focus_area": area, "year": year, "amount": amount}
                for (year, area), amount in sorted(
                    summary.by_year_focus_area.items(), key=lambda i: (i[0][0], i[0][1] or 0)
                )
            ],
        },
        "check": {
            "ok": check.ok,
            "explanation": breach_text(check),
            "in_kind": in_kind_text(check),
            "period": {**asdict(check.period), "explanation": breach_text(check.period)},
            "years": [
                {"year": year, **asdict(share), "explanation": breach_text(share)}
                for year, share in sorted(check.years.items())
            ],
        },
    }


def version_data(version: BudgetVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "kind": version.kind,
        "state": version.state,
        "approved_on": version.approved_on,
        "decision": version.decision,
        "body_id": version.body_id,
        "note": version.note,
        "created_at": version.created_at,
        "changed_at": version.changed_at,
        "version": instance_version(version),
    }


def token_of(version: BudgetVersion) -> str:
    return instance_version(BudgetVersion.objects.get(pk=version.pk))


class PlanBudgetMixin(ReadViewSet):
    """The plan of the URL, if the user may read it (404 as for a missing plan otherwise)."""

    schema = BudgetSchema()
    permission_classes = (IsAuthenticated,)
    filter_backends: list[Any] = []
    pagination_class: Any = None
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    _plan: Plan | None = None

    @property
    def plan(self) -> Plan:
        if self._plan is None:
            self._plan = plan_readable_or_404(
                self.request.user,
                Plan.objects.select_related("fund_round"),
                slug=self.kwargs["slug"],
            )
        return self._plan

    def check_editor(self) -> None:
        if not can_edit_plan(self.request.user, self.plan):
            raise PermissionDenied(NOT_BUDGET_EDITOR)

    def budget_version(self) -> BudgetVersion:
        version = version_of_plan(self.plan, int(self.kwargs["number"]))
        if version is None:
            raise Http404
        version.plan = self.plan
        return version

    def base_queryset(self) -> Any:
        return BudgetVersion.objects.filter(plan=self.plan)

    def answer(self, version: BudgetVersion, status_code: int = status.HTTP_200_OK) -> Response:
        """The version as stored now, with its token in `ETag`."""
        fresh = version_of_plan(self.plan, version.number)
        if fresh is None:  # discarded meanwhile
            raise Http404
        fresh.plan = self.plan
        data = BudgetSerializer(budget_data(fresh)).data
        response = Response(data, status=status_code)
        response["ETag"] = quote_etag(data["version"])
        return response

    def conflict(self, error: ConflictError) -> Response:
        """412: the budget changed after the version in `If-Match`; nothing written."""
        version = cast(BudgetVersion, error.instance)
        response = self.answer(version, status.HTTP_412_PRECONDITION_FAILED)
        response.data = {
            "detail": _(
                "The budget was changed after the version given in If-Match; nothing was "
                "written. `current` is the budget now and the ETag header its version: repeat "
                "the change on it if it still applies."
            ),
            "changed_fields": error.changed,
            "current": response.data,
        }
        return response
