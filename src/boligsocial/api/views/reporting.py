"""`/api/v1/plans/{slug}/reports/…` and `/api/v1/reports/`: the yearly reports to LBF with the
rules of their pages (docs/decisions/0029). Logged-in users who may read the plan read its
reports (anyone else 404, anonymous 403); the plan's editors write a report's contents and
submit it; only a user acting for LBF, or an administrator recording LBF's letter, approves or
returns it. The whole report is one object for conflicts: its `ETag` (answered with the
report) goes in `If-Match` on any write to it or its lines, and a write after someone else's
change answers 412 with the report as it is now. The first write to a year nobody has opened
opens its report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from boligsocial.accounts.selectors import plan_readable_or_404, plans_readable_by
from boligsocial.api.fields import POSITIVE_INT_MAX
from boligsocial.api.schema import BoligsocialAutoSchema, precondition_failed_schema
from boligsocial.api.serializers.reporting import (
    AccountLineInputSerializer,
    AccountLineUpdateSerializer,
    DecisionInputSerializer,
    FiguresInputSerializer,
    GoalResultInputSerializer,
    GoalResultUpdateSerializer,
    MilestoneInputSerializer,
    MilestoneUpdateSerializer,
    PlanYearSerializer,
    ReportDueSerializer,
    ReportSerializer,
    SubmitInputSerializer,
)
from boligsocial.api.views.base import Pagination, ReadViewSet, expected_version
from boligsocial.core.concurrency import ConflictError, instance_version
from boligsocial.plans.models import Plan
from boligsocial.reporting import rules, services
from boligsocial.reporting.models import AccountLine, GoalResult, Milestone, YearlyReport
from boligsocial.reporting.selectors import reports_due
from boligsocial.reporting.statements import plan_accounts, report_detail

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


class _LineViewSet(ReportViewMixin):
    """A kind of line of a year's report: POST adds one, PATCH changes one, DELETE removes
    one; each answers the whole report (201, 200, 200) with its new version."""

    output_serializer_class = ReportSerializer
    model: type[Any]
    create_input: type[serializers.Serializer]
    update_input: type[serializers.Serializer]

    def save(self, report: YearlyReport, data: dict[str, Any], row: Any, expected: Any) -> Any:
        raise NotImplementedError

    def remove(self, row: Any, expected: Any) -> None:
        raise NotImplementedError

    def row(self) -> Any:
        report = self.stored()
        found = (
            self.model.objects.filter(report=report, pk=self.kwargs["pk"]).first()
            if report is not None
            else None
        )
        if found is None:
            raise Http404(_("The report has no such line."))
        return found

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self.year()
        data = self.parsed(self.create_input, request)
        return self.write(
            request,
            lambda report, expected: self.save(report, data, None, expected),
            code=status.HTTP_201_CREATED,
        )

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        row = self.row()
        data = self.parsed(self.update_input, request)
        return self.write(request, lambda report, expected: self.save(report, data, row, expected))

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        row = self.row()
        return self.write(request, lambda report, expected: self.remove(row, expected))


LineViewSetT = TypeVar("LineViewSetT", bound=type[_LineViewSet])


def _line_schema(name: str, create: type, update: type) -> Callable[[LineViewSetT], LineViewSetT]:
    """Each kind of line's operations, named and described in the schema."""

    def decorate(cls: LineViewSetT) -> LineViewSetT:
        documented = {
            "create": extend_schema(
                operation_id=f"plans_reports_{name}_create",
                request=create,
                responses={201: ReportSerializer},
            ),
            "partial_update": extend_schema(
                operation_id=f"plans_reports_{name}_partial_update",
                request=update,
                responses=ReportSerializer,
            ),
            "destroy": extend_schema(
                operation_id=f"plans_reports_{name}_destroy",
                request=None,
                responses=ReportSerializer,
            ),
        }
        for method, schema in documented.items():
            # a copy of the method on the class itself, so the base class stays undocumented
            base = getattr(_LineViewSet, method)

            def own(self: Any, *args: Any, _base: Any = base, **kwargs: Any) -> Response:
                return _base(self, *args, **kwargs)

            own.__doc__ = base.__doc__
            setattr(cls, method, schema(own))
        return cls

    return decorate


@_line_schema("account_lines", AccountLineInputSerializer, AccountLineUpdateSerializer)
class AccountLineViewSet(_LineViewSet):
    """The accounts: what was spent, each on a budget line (`line_key`) or none."""

    model = AccountLine
    create_input = AccountLineInputSerializer
    update_input = AccountLineUpdateSerializer

    def save(self, report: YearlyReport, data: dict[str, Any], row: Any, expected: Any) -> Any:
        return services.account_line_save(
            report=report, line=row, data=data, user=self.request.user, expected=expected
        )

    def remove(self, row: Any, expected: Any) -> None:
        services.account_line_delete(line=row, user=self.request.user, expected=expected)


@_line_schema("goal_results", GoalResultInputSerializer, GoalResultUpdateSerializer)
class GoalResultViewSet(_LineViewSet):
    """The goals' results per focus area: goal, indicator, baseline, target, result."""

    model = GoalResult
    create_input = GoalResultInputSerializer
    update_input = GoalResultUpdateSerializer

    def save(self, report: YearlyReport, data: dict[str, Any], row: Any, expected: Any) -> Any:
        return services.goal_result_save(
            report=report, goal=row, data=data, user=self.request.user, expected=expected
        )

    def remove(self, row: Any, expected: Any) -> None:
        services.goal_result_delete(goal=row, user=self.request.user, expected=expected)


@_line_schema("milestones", MilestoneInputSerializer, MilestoneUpdateSerializer)
class MilestoneViewSet(_LineViewSet):
    """The milestone plan for the year after the report's year."""

    model = Milestone
    create_input = MilestoneInputSerializer
    update_input = MilestoneUpdateSerializer

    def save(self, report: YearlyReport, data: dict[str, Any], row: Any, expected: Any) -> Any:
        return services.milestone_save(
            report=report, milestone=row, data=data, user=self.request.user, expected=expected
        )

    def remove(self, row: Any, expected: Any) -> None:
        services.milestone_delete(milestone=row, user=self.request.user, expected=expected)


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
