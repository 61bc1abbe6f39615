"""`/api/v1/plans/{slug}/transitions/`: a plan's timeline and its next step, with the rules of
`lifecycle.services` (decision 0020). Whoever may read the plan reads its timeline (anonymous
users a published plan's); the plan's participants (the secretariat, its applicants, LBF) see
who recorded each step and the internal notes. A step is made by a logged-in user holding a
capacity in the plan (403 otherwise); the service's refusals (out of order, a capacity the
step does not allow, missing parts, bad input) answer 400 naming the field, nothing written."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from boligsocial.accounts.selectors import plans_readable_by
from boligsocial.api.schema import BoligsocialAutoSchema
from boligsocial.api.serializers.lifecycle import (
    ApplicationDataSerializer,
    ApplicationDataUpdateSerializer,
    TransitionCreateSerializer,
    TransitionSerializer,
)
from boligsocial.api.views.base import ReadViewSet
from boligsocial.lifecycle import rules
from boligsocial.lifecycle.selectors import capacities_of, missing_parts, plan_timeline
from boligsocial.lifecycle.services import plan_transition_make
from boligsocial.plans.models import Plan
from boligsocial.plans.services import (
    BudgetEstimateInput,
    plan_application_update,
    plan_budget_estimates_set,
    plan_goals_set,
)

SLUG = OpenApiParameter(
    "slug",
    str,
    OpenApiParameter.PATH,
    pattern=r"^[-a-zA-Z0-9_]+$",
    description="The plan's slug, as in its address, e.g. `bispehaven-2024-2028`.",
)


class TransitionSchema(BoligsocialAutoSchema):
    def get_override_parameters(self) -> list[Any]:
        return [*super().get_override_parameters(), SLUG]


class TransitionViewSet(ReadViewSet):
    """A plan's timeline, oldest first, and its next step."""

    schema = TransitionSchema()
    output_serializer_class: type[serializers.BaseSerializer] = TransitionSerializer
    permission_classes = (AllowAny,)
    filter_backends: list[Any] = []
    pagination_class: Any = None
    _plan: Plan | None = None

    @property
    def plan(self) -> Plan:
        if self._plan is None:
            found = (
                plans_readable_by(self.request.user, Plan.objects.select_related("fund_round"))
                .filter(slug=self.kwargs["slug"])
                .first()
            )
            if found is None:
                raise Http404("No such plan.")
            self._plan = found
        return self._plan

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if "slug" in self.kwargs:
            context["plan"] = self.plan
        return context

    def _entries(self) -> list[Any]:
        internal = bool(capacities_of(self.request.user, self.plan))
        return plan_timeline(self.plan, public=not internal)

    @extend_schema(
        operation_id="plans_transitions_list", responses={200: TransitionSerializer(many=True)}
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Every step of the plan, oldest first."""
        return Response(TransitionSerializer(self._entries(), many=True).data)

    @extend_schema(
        operation_id="plans_transitions_create",
        request=TransitionCreateSerializer,
        responses={201: TransitionSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Make the plan's next step: submit, record LBF's decision (only a user acting for
        LBF or an administrator recording LBF's letter), start the dialogue, start, end,
        withdraw, prepare again, extend or move to another round's rules. Answers the step as
        recorded (201); a refusal answers 400 naming the field and the reason."""
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        plan = self.plan
        if not capacities_of(request.user, plan):
            raise PermissionDenied(
                _("Only the secretariat, the plan's applicants and LBF make its steps.")
            )
        serializer = TransitionCreateSerializer(data=request.data, context={"plan": plan})
        serializer.is_valid(raise_exception=True)
        record = plan_transition_make(plan=plan, user=request.user, **serializer.validated_data)
        entry = next(e for e in plan_timeline(plan, public=False) if e.id == record.pk)
        return Response(TransitionSerializer(entry).data, status=status.HTTP_201_CREATED)


class ApplicationDataViewSet(TransitionViewSet):
    """The application's data on the plan: the texts, the goals per focus area, the budget
    estimate per year and source, the municipality's recommendation, and what is missing."""

    output_serializer_class = ApplicationDataSerializer

    def _check(self, *, write: bool) -> Plan:
        if not self.request.user.is_authenticated:
            raise NotAuthenticated()
        plan = self.plan
        held = capacities_of(self.request.user, plan)
        allowed = rules.PREPARERS if write else rules.PREPARERS | rules.LBF_DECIDERS
        if not held & allowed:
            raise PermissionDenied(
                _("Only the secretariat and the plan's applicants prepare its application.")
            )
        return plan

    def _body(self, plan: Plan) -> dict[str, Any]:
        plan.refresh_from_db()
        data = {
            "challenges": plan.challenges,
            "challenges_max_chars": plan.fund_round.challenges_max_chars,
            "purpose": plan.purpose,
            "municipality_recommendation_date": plan.municipality_recommendation_date,
            "municipality_recommendation_note": plan.municipality_recommendation_note,
            "goals": list(plan.focus_area_goals.values("focus_area", "goals")),
            "budget_estimates": list(plan.budget_estimates.values("year", "source", "amount")),
            "missing_for_prequalification": missing_parts(plan, rules.PREQUALIFICATION),
            "missing_for_full_plan": missing_parts(plan, rules.FULL_PLAN),
        }
        return dict(ApplicationDataSerializer(data).data)

    @extend_schema(operation_id="plans_application_data_retrieve")
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The application's data and the missing parts: for the plan's participants (the
        secretariat, its applicants, LBF)."""
        return Response(self._body(self._check(write=False)))

    @extend_schema(
        operation_id="plans_application_data_partial_update",
        request=ApplicationDataUpdateSerializer,
        responses={200: ApplicationDataSerializer},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change the application's data (the secretariat and the plan's applicants). The
        challenges may not exceed the fund round's limit; a refused value answers 400 naming
        the field, and nothing is written."""
        plan = self._check(write=True)
        serializer = ApplicationDataUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        goals = data.pop("goals", None)
        budget = data.pop("budget_estimates", None)
        with transaction.atomic():
            if data:
                plan_application_update(plan=plan, data=data)
            if goals is not None:
                plan_goals_set(plan=plan, goals={g["focus_area"]: g["goals"] for g in goals})
            if budget is not None:
                plan_budget_estimates_set(
                    plan=plan,
                    estimates=[
                        BudgetEstimateInput(row["year"], row["source"], row["amount"])
                        for row in budget
                    ],
                )
        return Response(self._body(plan))
