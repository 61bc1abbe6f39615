"""Transitions are shown, never written, in the admin: they are recorded only by
`lifecycle.services`, which check the order, the capacity and the completeness (0020)."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from boligsocial.accounts.selectors import plans_readable_by
from boligsocial.core.admin import ServiceOnlyAdminMixin
from boligsocial.lifecycle.models import PlanTransition
from boligsocial.plans.models import Plan


@admin.register(PlanTransition)
class PlanTransitionAdmin(ServiceOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("plan", "date", "kind", "from_status", "to_status", "capacity", "actor_name")
    list_filter = ("kind", "to_status", "capacity")
    search_fields = ("plan__name",)
    list_select_related = ("plan",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[PlanTransition]:
        readable = plans_readable_by(request.user, Plan.objects.all())
        return super().get_queryset(request).filter(plan__in=readable)
