"""Fund rounds and focus areas are reference data: an administrator adds a future round here
without code changes, and deactivates instead of deleting."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from boligsocial.core.admin import HTTPS_URL_FIELDS, share_column, year_column
from boligsocial.funding.models import FocusArea, FundRound


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    extra = 0
    fields = ("position", "name_da", "name_en", "active")


@admin.register(FundRound)
class FundRoundAdmin(SimpleHistoryAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = (
        "code",
        "first_year_column",
        "last_year_column",
        "lbf_max_share_column",
        "local_min_share_column",
        "normal_plan_years",
        "annual_frame",
        "active",
    )
    list_filter = ("active",)
    inlines = [FocusAreaInline]

    first_year_column = year_column("first_year", _("first year"))
    last_year_column = year_column("last_year", _("last year"))
    lbf_max_share_column = share_column("lbf_max_share", _("LBF maximum share"))
    local_min_share_column = share_column("local_min_share", _("local co-financing minimum share"))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ("name_da", "name_en", "fund_round", "position", "active")
    list_filter = ("fund_round", "active")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
