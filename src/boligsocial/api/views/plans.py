from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from boligsocial.accounts.rules import can_publish_plan
from boligsocial.accounts.selectors import plans_readable_by, scopes_for
from boligsocial.api.permissions import PlanPermission
from boligsocial.api.serializers.plans import PlanSerializer, PlanWriteSerializer
from boligsocial.api.views.base import CreateMixin, ReadViewSet, UpdateMixin
from boligsocial.governance.selectors import plan_list
from boligsocial.governance.services import plan_update
from boligsocial.lifecycle.services import plan_create_idea
from boligsocial.plans.filters import PlanFilterSet
from boligsocial.plans.models import Plan


class PlanViewSet(CreateMixin, UpdateMixin, ReadViewSet):
    """Boligsociale helhedsplaner. Anonymous users read the published plans; logged-in users
    also the plans their role lets them read. Secretariat administrators create plans;
    administrators and the plan's leader change them; only administrators change `published`.
    `leader` and `staff` are the roles in office today."""

    output_serializer_class = PlanSerializer
    create_serializer_class = PlanWriteSerializer
    update_serializer_class = PlanWriteSerializer
    permission_classes = (PlanPermission,)
    filterset_class = PlanFilterSet
    ordering_fields = ("name", "start_date", "end_date", "status", "lbf_number")

    def base_queryset(self) -> QuerySet[Any]:
        return plan_list()

    def visible(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return plans_readable_by(self.request.user, queryset)

    def perform_service_create(self, data: dict[str, Any]) -> Plan:
        # A new plan starts as an idea, the first entry of its timeline (decision 0020).
        return plan_create_idea(user=self.request.user, **data)

    def perform_service_update(self, instance: Plan, data: dict[str, Any]) -> Plan:
        afdelinger = data.pop("afdelinger", None)
        focus_areas = data.pop("focus_areas", None)
        # Only the secretariat changes `published` (decision 0025): a leader's change answers 400.
        return plan_update(
            plan=instance,
            data=data,
            afdelinger=afdelinger,
            focus_areas=focus_areas,
            may_publish=can_publish_plan(scopes_for(self.request.user)),
        )
