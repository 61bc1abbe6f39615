from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from boligsocial.accounts.selectors import readable_plan_ids
from boligsocial.core.admin import ServiceOnlyAdminMixin
from boligsocial.payments.models import Instalment


@admin.register(Instalment)
class InstalmentAdmin(ServiceOnlyAdminMixin, SimpleHistoryAdmin):
    """Shown with history; written through the plan's instalments page and the API, whose
    services plan them from the approved budget, keep paid ones unchanged and refuse to pay
    one that is held back."""

    list_display = ("plan", "year", "planned_on", "planned_amount", "paid_on", "paid_amount")
    list_filter = ("year",)
    search_fields = ("plan__name",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Instalment]:
        # The instalments of the plans the user may read (`accounts.selectors`).
        queryset = super().get_queryset(request).select_related("plan")
        ids = readable_plan_ids(request.user)
        return queryset if ids is None else queryset.filter(plan__in=ids)
