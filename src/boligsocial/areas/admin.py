from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from boligsocial.areas.models import Afdeling, Area, AreaSlugHistory
from boligsocial.areas.services import AREA_FIELDS, area_create, area_update
from boligsocial.core.admin import SlugHistoryInline


class AreaSlugHistoryInline(SlugHistoryInline):
    """The area's former addresses, which redirect to its current one (read-only)."""

    model = AreaSlugHistory


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    """The slug is made from the name by the services, which keep the old one when an area is
    renamed so that its old address redirects (docs/decisions/0012)."""

    list_display = ("name", "municipality", "residents", "illustrative")
    list_filter = ("municipality__region", "illustrative")
    search_fields = ("name",)
    readonly_fields = ("slug",)
    inlines = [AreaSlugHistoryInline]

    def save_model(self, request: HttpRequest, obj: Area, form: Any, change: bool) -> None:
        data = {name: form.cleaned_data[name] for name in AREA_FIELDS if name in form.cleaned_data}
        if change:
            area_update(area=Area.objects.get(pk=obj.pk), data=data)
            obj.refresh_from_db()
        else:
            created = area_create(**data)
            obj.pk, obj.slug = created.pk, created.slug
            obj._state.adding = False


@admin.register(Afdeling)
class AfdelingAdmin(SimpleHistoryAdmin):
    list_display = ("name", "organisation", "number", "area", "dwellings")
    list_filter = ("organisation",)
    search_fields = ("name", "number", "lbf_number")
    list_select_related = ("organisation", "area")
