"""A plan's budget, its versions and a version's lines (see the package's docstring)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.http import quote_etag
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from boligsocial.api.serializers.budgets import (
    ApproveInputSerializer,
    BudgetLineSerializer,
    BudgetSerializer,
    BudgetVersionSerializer,
    LineInputSerializer,
    RevisionInputSerializer,
)
from boligsocial.api.views.base import expected_version
from boligsocial.api.views.budgets.common import PlanBudgetMixin, token_of, version_data
from boligsocial.budgets import services
from boligsocial.budgets.lines import LINE_FIELDS
from boligsocial.budgets.models import BudgetLine
from boligsocial.budgets.selectors import budget_summary, current_budget, versions_of
from boligsocial.core.concurrency import ConflictError


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
        response["ETag"] = quote_etag(token_of(line.version))
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
        response["ETag"] = quote_etag(token_of(version))
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
        response["ETag"] = quote_etag(token_of(line.version))
        return response
