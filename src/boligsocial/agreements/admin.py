from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from boligsocial.accounts.selectors import readable_plan_ids
from boligsocial.agreements.models import AgreementVersion, SubAgreement
from boligsocial.core.admin import ServiceOnlyAdminMixin


class SubAgreementInline(admin.StackedInline):
    model = SubAgreement
    fields = readonly_fields = ("focus_area", "goals", "target_groups", "activities", "indicators")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ServiceOnlyAdminMixin, SimpleHistoryAdmin):
    """Shown with history; written through the plan's agreement page and the API, whose
    services keep one version open, approved versions unchanged and LBF's approval to LBF."""

    list_display = ("agreement", "number", "status", "approved_on", "approval_capacity")
    list_filter = ("status", "approval_capacity")
    search_fields = ("agreement__plan__name",)
    inlines = [SubAgreementInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AgreementVersion]:
        # The versions of the plans the user may read (`accounts.selectors`).
        queryset = super().get_queryset(request).select_related("agreement__plan")
        ids = readable_plan_ids(request.user)
        return queryset if ids is None else queryset.filter(agreement__plan__in=ids)
