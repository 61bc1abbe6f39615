from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from boligsocial.core.models import SiteProfile


class ServiceOnlyAdminMixin:
    """For models whose rules span several objects (plans, roles, bodies, memberships): the
    admin shows them and their history, but writes go through the internal pages and the API,
    which call the services that check those rules."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(SiteProfile)
class SiteProfileAdmin(admin.ModelAdmin):
    list_display = ("title_da", "secretariat", "demo_notice")
    filter_horizontal = ("municipalities",)
