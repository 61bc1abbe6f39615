"""`/api/v1/plans/{slug}/budget/…` and `/api/v1/cofinancers/{organisation}/commitments/`: a
plan's budget with the rules of its pages (docs/decisions/0028). Logged-in users who may read
the plan read its budget (anyone else 404, anonymous 403); the plan's editors (secretariat
administrators, its leader) write a draft's lines, start an omplacering, approve it with the
board's decision and discard a draft (403 for anyone else, nothing written).

A budget version answers its version token in `ETag` (and `version`); every write of its lines
takes that token in `If-Match` and is made only if nobody changed the budget since (412 with
the budget as it is now otherwise), and answers the budget's new token in `ETag`. A change to
an omplacering that would raise LBF's share over the maximum is refused (400) with the breach
in kroner and percentage points."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, cast

from django.http import Http404
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from boligsocial.accounts.selectors import (
    can_edit_plan,
    plan_readable_or_404,
    readable_plan_ids,
    scopes_for,
)
from boligsocial.api.fields import POSITIVE_INT_MAX
from boligsocial.api.schema import (
    IF_MATCH,
    BoligsocialAutoSchema,
    precondition_failed_schema,
)
from boligsocial.api.serializers.budgets import (
    ApproveInputSerializer,
    BudgetLineSerializer,
    BudgetSerializer,
    BudgetVersionSerializer,
    CommitmentsSerializer,
    LineInputSerializer,
    RevisionInputSerializer,
)
from boligsocial.api.views.base import ReadViewSet, expected_version
from boligsocial.budgets import services
from boligsocial.budgets.lines import LINE_FIELDS
from boligsocial.budgets.models import BudgetLine, BudgetVersion
from boligsocial.budgets.selectors import (
    budget_summary,
    cofinancer_commitments,
    current_budget,
    version_of_plan,
    versions_of,
)
from boligsocial.budgets.wording import breach_text, in_kind_text
from boligsocial.core.concurrency import ConflictError, instance_version
from boligsocial.organisations.models import Organisation, OrganisationKind
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


def _token(version: BudgetVersion) -> str:
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


class BudgetViewSet(PlanBudgetMixin):
    """The plan's current budget: the latest approved version, else the draft original (the
    application's budget, not granted yet). 404 while the plan has no budget."""

    output_serializer_class = BudgetSerializer

    @extend_schema(operation_id="plans_budget_retrieve")
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        current = current_budget(self.plan)
        if current is None:
            raise Http404
        return self.answer(current)

    @extend_schema(
        request=RevisionInputSerializer,
        responses={201: BudgetSerializer},
        operation_id="plans_budget_revisions_create",
    )
    @action(detail=False, methods=["post"])
    def revisions(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Start an omplacering: a draft copied from the latest approved version, every line
        with its key. Refused (400) before the grant and while another draft exists."""
        self.check_editor()
        serializer = RevisionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.budget_revision_start(
            plan=self.plan, user=request.user, note=serializer.validated_data.get("note", "")
        )
        return self.answer(version, status.HTTP_201_CREATED)


class BudgetVersionViewSet(PlanBudgetMixin):
    """Every version of the budget, oldest first (without lines); one version with its lines,
    totals and check; DELETE discards a draft; `approve` records the plan's board's approval of
    an omplacering (the date, the decision, the board)."""

    output_serializer_class = BudgetSerializer

    @extend_schema(
        responses=BudgetVersionSerializer(many=True), operation_id="plans_budget_versions_list"
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rows = [version_data(v) for v in versions_of(self.plan)]
        return Response(BudgetVersionSerializer(rows, many=True).data)

    @extend_schema(operation_id="plans_budget_versions_retrieve")
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.answer(self.budget_version())

    @extend_schema(responses={204: None}, operation_id="plans_budget_versions_destroy")
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Discard a draft with its lines (the history keeps them)."""
        self.check_editor()
        version = self.budget_version()
        try:
            services.budget_draft_discard(
                version=version, user=request.user, expected=expected_version(request)
            )
        except ConflictError as error:
            return self.conflict(error)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=ApproveInputSerializer, operation_id="plans_budget_versions_approve")
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The plan's board approves a draft omplacering: it becomes the budget in force and
        never changes again. The original budget is approved by LBF's grant instead (400)."""
        self.check_editor()
        version = self.budget_version()
        serializer = ApproveInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            services.budget_revision_approve(
                version=version,
                user=request.user,
                approved_on=data["approved_on"],
                decision=data["decision"],
                body=data.get("body"),
                expected=expected_version(request),
            )
        except ConflictError as error:
            return self.conflict(error)
        return self.answer(version)


class BudgetLineViewSet(PlanBudgetMixin):
    """The lines of one version. A draft's lines change (POST adds one, PATCH changes the
    fields given, DELETE removes one); an approved version's never do (400)."""

    output_serializer_class = BudgetLineSerializer
    lookup_value_regex = r"[0-9]{1,18}"

    def base_queryset(self) -> Any:
        return BudgetLine.objects.filter(version=self.budget_version())

    @extend_schema(operation_id="plans_budget_lines_list")
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        lines = budget_summary(self.budget_version()).lines
        return Response(BudgetLineSerializer(lines, many=True).data)

    def get_object(self) -> BudgetLine:
        line = (
            BudgetLine.objects.select_related("category")
            .filter(version=self.budget_version(), pk=self.kwargs["pk"])
            .first()
        )
        if line is None:
            raise Http404
        return line

    @extend_schema(operation_id="plans_budget_lines_retrieve")
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        line = self.get_object()
        response = Response(BudgetLineSerializer(line).data)
        response["ETag"] = quote_etag(_token(line.version))
        return response

    def _save(self, request: Request, line: BudgetLine | None) -> Response:
        self.check_editor()
        version = self.budget_version()
        serializer = LineInputSerializer(data=request.data, partial=line is not None)
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if k in LINE_FIELDS}
        try:
            saved = services.budget_line_save(
                version=version,
                line=line,
                data=data,
                user=request.user,
                expected=expected_version(request),
            )
        except ConflictError as error:
            return self.conflict(error)
        saved = BudgetLine.objects.select_related("category").get(pk=saved.pk)
        code = status.HTTP_200_OK if line is not None else status.HTTP_201_CREATED
        response = Response(BudgetLineSerializer(saved).data, status=code)
        response["ETag"] = quote_etag(_token(version))
        return response

    @extend_schema(
        request=LineInputSerializer,
        responses={201: BudgetLineSerializer},
        operation_id="plans_budget_lines_create",
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._save(request, None)

    @extend_schema(request=LineInputSerializer, operation_id="plans_budget_lines_partial_update")
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._save(request, self.get_object())

    @extend_schema(responses={204: None}, operation_id="plans_budget_lines_destroy")
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.check_editor()
        line = self.get_object()
        try:
            services.budget_line_delete(
                line=line, user=request.user, expected=expected_version(request)
            )
        except ConflictError as error:
            return self.conflict(error)
        response = Response(status=status.HTTP_204_NO_CONTENT)
        response["ETag"] = quote_etag(_token(line.version))
        return response


def _commitment_rows(rows: Any) -> list[dict[str, Any]]:
    return [
        {
            "slug": row.slug,
            "name": row.name,
            "status": row.status,
            "by_year": [{"year": y, "amount": a} for y, a in row.by_year.items()],
            "total": row.total,
            "in_kind_total": row.in_kind_total,
        }
        for row in rows
    ]


class CofinancerViewSet(ReadViewSet):
    """What a co-financer (a municipality, a housing organisation with its afdelinger, a
    foundation) has committed per plan and year, from each plan's budget in force; plans whose
    budget is not granted yet apart, as proposed. A municipality user reads their
    municipality's, a housing-organisation user their organisation's; administrators and LBF
    any (404 for anything else)."""

    schema = BudgetSchema()
    permission_classes = (IsAuthenticated,)
    filter_backends: list[Any] = []
    pagination_class: Any = None
    output_serializer_class = CommitmentsSerializer

    def base_queryset(self) -> Any:
        return Organisation.objects.none()

    def _organisation(self) -> Organisation:
        organisation = Organisation.objects.filter(slug=self.kwargs["organisation"]).first()
        scopes = scopes_for(self.request.user)
        if organisation is None:
            raise Http404
        if scopes.is_admin or scopes.acts_for_lbf:
            return organisation
        if organisation.pk in scopes.organisation_ids or (
            organisation.kind == OrganisationKind.MUNICIPALITY
            and organisation.municipality_id in scopes.municipality_ids
        ):
            return organisation
        raise Http404

    @extend_schema(operation_id="cofinancers_commitments_retrieve")
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        organisation = self._organisation()
        overview = cofinancer_commitments(
            organisation=organisation, plan_ids=readable_plan_ids(request.user)
        )
        data = {
            "organisation": organisation.slug,
            "name": organisation.name,
            "kind": organisation.kind,
            "years": overview.years,
            "committed": _commitment_rows(overview.committed),
            "proposed": _commitment_rows(overview.proposed),
            "totals_by_year": [
                {"year": y, "amount": a} for y, a in overview.totals_by_year.items()
            ],
            "total": overview.total,
            "proposed_total": overview.proposed_total,
        }
        return Response(CommitmentsSerializer(data).data)
