"""Budget categories are reference data: an administrator adds or ends one here (ends, never
deletes: lines refer to them). Budget versions are shown with their history; they are written
through the budget pages, the API and the CLI, whose services keep the rules."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from boligsocial.accounts.selectors import readable_plan_ids
from boligsocial.budgets.models import BudgetCategory, BudgetLine, BudgetVersion
from boligsocial.core.admin import ServiceOnlyAdminMixin


@admin.register(BudgetCategory)
class BudgetCategoryAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_da", "name_en", "valid_from", "valid_to", "position")
    ordering = ("position", "code")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    fields = readonly_fields = (
        "year",
        "category",
        "focus_area",
        "text",
        "source_kind",
        "source_organisation",
        "source_afdeling",
        "source_name",
        "in_kind",
        "amount",
    )
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(BudgetVersion)
class BudgetVersionAdmin(ServiceOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("plan", "number", "kind", "state", "approved_on")
    list_filter = ("kind", "state")
    search_fields = ("plan__name",)
    inlines = [BudgetLineInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[BudgetVersion]:
        # The budgets of the plans the user may read (`accounts.selectors`).
        queryset = super().get_queryset(request).select_related("plan")
        ids = readable_plan_ids(request.user)
        return queryset if ids is None else queryset.filter(plan__in=ids)
