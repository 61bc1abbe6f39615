"""`/api/v1/plans/{slug}/instalments/…` and `/api/v1/instalments/`: LBF's instalments with the
rules of their pages (docs/decisions/0030). Logged-in users who may read a plan read its
instalments (anyone else 404, anonymous 403); only a user acting for LBF, or an administrator
recording LBF's letter, plans them from the approved budget, changes an unpaid one and records
a payment (403 for anyone else). An instalment answers its version in `ETag` (and `version`);
a payment or change with `If-Match` is made only if nobody changed it since (412 otherwise).
Paying a held-back instalment answers 400 naming the late reports."""

from __future__ import annotations

from typing import Any, cast

from django.utils import timezone
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from boligsocial.accounts.selectors import plan_readable_or_404
from boligsocial.api.schema import IF_MATCH, BoligsocialAutoSchema, precondition_failed_schema
from boligsocial.api.serializers.payments import (
    InstalmentSerializer,
    PaySerializer,
    PlanEditSerializer,
    PlanInstalmentsSerializer,
)
from boligsocial.api.views.base import ReadViewSet, expected_version
from boligsocial.core.concurrency import ConflictError, expect_version
from boligsocial.payments import rules, selectors, services
from boligsocial.payments.models import YEAR_MAX, YEAR_MIN, Instalment, InstalmentState
from boligsocial.plans.models import Plan

SLUG = OpenApiParameter(
    "slug",
    str,
    OpenApiParameter.PATH,
    pattern=r"^[-a-zA-Z0-9_]+$",
    description="The plan's slug, as in its address, e.g. `bispehaven-2024-2028`.",
)
YEAR = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": 0, "maximum": 999_999_999},
    OpenApiParameter.PATH,
    description="The instalment's year.",
)


class InstalmentSchema(BoligsocialAutoSchema):
    """The path's parameters as the URL accepts them, and the payment's 412."""

    def get_override_parameters(self) -> list[Any]:
        parameters = list(super().get_override_parameters())
        if "{slug}" in self.path:
            parameters.append(SLUG)
        if "{year}" in self.path:
            parameters.append(YEAR)
        if self.path.endswith("/pay/"):
            parameters.append(IF_MATCH)
        return parameters

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if self.path.endswith("/pay/"):
            current = self.resolve_serializer(InstalmentSerializer, "response").ref
            responses["412"] = self._error(
                "412",
                "PreconditionFailedInstalment",
                precondition_failed_schema(current),
                "Precondition failed: the instalment was changed after the version in "
                "`If-Match`; nothing was written. The body names the changed fields and holds "
                "the instalment now; its version is in `ETag`.",
            )
        return responses


def _row(instalment: Instalment) -> selectors.InstalmentRow:
    """The instalment with its state as of today."""
    today = timezone.localdate()
    late = selectors.late_reports_of([instalment.plan_id], today)
    return selectors.rows_of([instalment], late)[0]


def _answer(instalment: Instalment, status_code: int = status.HTTP_200_OK) -> Response:
    """The instalment as stored now, with its version in `ETag`."""
    instalment.refresh_from_db()
    data = InstalmentSerializer(_row(instalment)).data
    response = Response(data, status=status_code)
    response["ETag"] = quote_etag(data["version"])
    return response


class PlanInstalmentViewSet(ReadViewSet):
    """A plan's instalments: one a year, planned from the plan's approved budget, with its
    state (`planned`, `held_back` while any report of the plan is late, `paid`)."""

    schema = InstalmentSchema()
    permission_classes = (IsAuthenticated,)
    filter_backends: list[Any] = []
    pagination_class: Any = None
    output_serializer_class = InstalmentSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
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

    def base_queryset(self) -> Any:
        return Instalment.objects.filter(plan=self.plan)

    def get_object(self) -> Instalment:
        return selectors.instalment_of_plan(self.plan, int(self.kwargs["year"]))

    def check_lbf(self) -> None:
        """403 unless the user holds LBF's capacities (after 404 for a plan they may not
        read, as for one that does not exist)."""
        if self.plan and not services.may_decide(self.request.user):
            raise PermissionDenied(
                _(
                    "Only a user acting for LBF, or a secretariat administrator recording "
                    "LBF's letter, may plan and record LBF's instalments."
                )
            )

    def precondition_failed(self, error: ConflictError) -> Response:
        """412: the instalment changed after the version in `If-Match`; nothing written."""
        instalment = cast(Instalment, error.instance)
        response = _answer(instalment, status.HTTP_412_PRECONDITION_FAILED)
        response.data = {
            "detail": _(
                "The object was changed after the version given in If-Match; nothing was "
                "written. `changed_fields` names what changed, `current` is the object now and "
                "the ETag header its version: repeat the change on it if it still applies."
            ),
            "changed_fields": error.changed,
            "current": response.data,
        }
        return response

    def _overview(self, status_code: int = status.HTTP_200_OK) -> Response:
        data = selectors.plan_instalments(self.plan, timezone.localdate())
        return Response(PlanInstalmentsSerializer(data).data, status=status_code)

    @extend_schema(operation_id="plans_instalments_list", responses=PlanInstalmentsSerializer)
    def overview(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The plan's instalments in the years' order, its late reports and its totals per
        year (planned, held back, paid)."""
        return self._overview()

    @extend_schema(operation_id="plans_instalments_retrieve")
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One instalment of the plan, by its year; its version in `ETag`."""
        return _answer(self.get_object())

    @extend_schema(operation_id="plans_instalments_partial_update", request=PlanEditSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change the planned date and amount (and the note) of an unpaid instalment; only
        LBF's capacities. Planning again from the budget sets the budget's date and amount."""
        self.check_lbf()
        instalment = self.get_object()
        serializer = PlanEditSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            with expect_version(instalment, expected_version(request)):
                services.instalment_plan_edit(
                    instalment=instalment,
                    user=request.user,
                    planned_on=data.get("planned_on", instalment.planned_on),
                    planned_amount=data.get("planned_amount", instalment.planned_amount),
                    note=data.get("note"),
                )
        except ConflictError as error:
            return self.precondition_failed(error)
        return _answer(instalment)

    @extend_schema(
        operation_id="plans_instalments_schedule",
        request=None,
        responses=PlanInstalmentsSerializer,
    )
    def schedule(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Plan the instalments from the plan's current approved budget: one a year with LBF
        money, on 1 January (the plan's start date in its first year). Paid instalments are
        kept; unpaid ones take the budget's date and amount again, and an unpaid one of a
        year without LBF money is removed. 400 when the plan has no approved budget."""
        self.check_lbf()
        services.instalments_schedule(plan=self.plan, user=request.user)
        return self._overview()

    @extend_schema(
        operation_id="plans_instalments_pay",
        request=PaySerializer,
        responses=InstalmentSerializer,
    )
    def pay(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Record LBF's payment of the instalment of the year: the date (not after today) and
        the amount. 400 naming the late reports while the instalment is held back, or when it
        is paid already."""
        self.check_lbf()
        instalment = self.get_object()
        serializer = PaySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            with expect_version(instalment, expected_version(request)):
                services.instalment_pay(
                    instalment=instalment,
                    user=request.user,
                    paid_on=data["paid_on"],
                    amount=data["amount"],
                    note=data.get("note"),
                )
        except ConflictError as error:
            return self.precondition_failed(error)
        return _answer(instalment)


STATE = OpenApiParameter(
    "state",
    {"type": "string", "enum": list(InstalmentState.values)},
    description="Only the instalments in this state, e.g. `held_back`.",
)
YEAR_FILTER = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX},
    description="Only the instalments of this year.",
)


class InstalmentListViewSet(ReadViewSet):
    """Every instalment of the plans the user may read: held back first (each with the late
    reports that hold it), then planned, then paid, each by plan and year."""

    permission_classes = (IsAuthenticated,)
    filter_backends: list[Any] = []
    output_serializer_class = InstalmentSerializer

    def base_queryset(self) -> Any:
        return Instalment.objects.none()

    @extend_schema(operation_id="instalments_list", parameters=[STATE, YEAR_FILTER])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        errors: dict[str, list[str]] = {}
        state = request.query_params.get("state") or None
        if state is not None and state not in rules.STATES:
            errors["state"] = [
                _("Choose one of: %(states)s.") % {"states": ", ".join(rules.STATES)}
            ]
        raw_year = request.query_params.get("year") or None
        year = None
        if raw_year is not None:
            text = raw_year.strip()
            if text.isdigit() and YEAR_MIN <= int(text) <= YEAR_MAX:
                year = int(text)
            else:
                errors["year"] = [
                    _("Give a year from %(first)s to %(last)s.")
                    % {"first": YEAR_MIN, "last": YEAR_MAX}
                ]
        if errors:
            raise ValidationError(errors)
        rows = selectors.instalment_rows(request.user, timezone.localdate(), state=state, year=year)
        page: list[Any] | None = self.paginate_queryset(rows)  # type: ignore[arg-type]
        data = InstalmentSerializer(page if page is not None else rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)
