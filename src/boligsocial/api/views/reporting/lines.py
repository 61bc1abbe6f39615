"""The lines of a year's report: account lines, goal results, milestones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from boligsocial.api.serializers.reporting import (
    AccountLineInputSerializer,
    AccountLineUpdateSerializer,
    GoalResultInputSerializer,
    GoalResultUpdateSerializer,
    MilestoneInputSerializer,
    MilestoneUpdateSerializer,
    ReportSerializer,
)
from boligsocial.api.views.reporting.common import ReportViewMixin
from boligsocial.reporting import services
from boligsocial.reporting.models import AccountLine, GoalResult, Milestone, YearlyReport


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
