from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from boligsocial.core.admin import year_column
from boligsocial.indicators.models import Indicator, IndicatorValue, OfficialListEntry


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("key", "name_da", "unit", "criterion", "active")
    list_filter = ("criterion", "unit", "active")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ("area", "indicator", "year_shown", "value", "persons", "population")
    list_filter = ("indicator", "year")
    list_select_related = ("area", "indicator")
    year_shown = year_column("year", _("year"))


@admin.register(OfficialListEntry)
class OfficialListEntryAdmin(admin.ModelAdmin):
    list_display = ("area", "year_shown", "designation", "on_list", "source")
    list_filter = ("designation", "year", "on_list")
    list_select_related = ("area",)
    year_shown = year_column("year", _("list year"))
