"""Fund rounds and focus areas are reference data: an administrator adds a future round here
without code changes, and deactivates instead of deleting."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from boligsocial.funding.models import FocusArea, FundRound


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    extra = 0
    fields = ("position", "name_da", "name_en", "active")


@admin.register(FundRound)
class FundRoundAdmin(SimpleHistoryAdmin):
    list_display = (
        "code",
        "first_year",
        "last_year",
        "lbf_max_share",
        "local_min_share",
        "normal_plan_years",
        "annual_frame",
        "active",
    )
    list_filter = ("active",)
    inlines = [FocusAreaInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ("name_da", "name_en", "fund_round", "position", "active")
    list_filter = ("fund_round", "active")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
