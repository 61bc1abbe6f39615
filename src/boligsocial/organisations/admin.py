from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from boligsocial.core.admin import HTTPS_URL_FIELDS
from boligsocial.organisations.models import Municipality, Organisation, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name")


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "region")
    list_filter = ("region",)
    search_fields = ("name", "code")


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = ("name", "kind", "cvr", "municipality", "active")
    list_filter = ("kind", "active")
    search_fields = ("name", "cvr")
    prepopulated_fields = {"slug": ("name",)}
