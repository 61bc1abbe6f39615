from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from boligsocial.areas.models import Afdeling, Area


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ("name", "municipality", "residents", "illustrative")
    list_filter = ("municipality__region", "illustrative")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Afdeling)
class AfdelingAdmin(SimpleHistoryAdmin):
    list_display = ("name", "organisation", "number", "area", "dwellings")
    list_filter = ("organisation",)
    search_fields = ("name", "number", "lbf_number")
    list_select_related = ("organisation", "area")
