from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.utils.formats import number_format

# A web address typed without a scheme means https (Django 6.0's default, chosen now).
HTTPS_URL_FIELDS: dict[type[models.Field], dict[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


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


class SlugHistoryInline(admin.TabularInline):
    """An object's former addresses (`core.models.SlugHistory`), which redirect to its current
    one: read-only, kept by the services. A subclass names the `model`."""

    fields = readonly_fields = ("slug", "replaced_at")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def year_column(field: str, description: Any) -> Callable[[Any, Any], str]:
    """A list column showing a year as a year ("2006"), not as a number with a thousands
    separator ("2.006")."""

    @admin.display(description=description, ordering=field)
    def column(self: Any, obj: Any) -> str:
        value = getattr(obj, field)
        return "" if value is None else str(value)

    return column


def share_column(field: str, description: Any) -> Callable[[Any, Any], str]:
    """A list column showing a share (0.7500) as a percentage in the active language's
    format ("75 %", "12,5 %")."""

    @admin.display(description=description, ordering=field)
    def column(self: Any, obj: Any) -> str:
        value = getattr(obj, field)
        if value is None:
            return ""
        pct = (Decimal(value) * 100).normalize()
        places = max(0, -int(pct.as_tuple().exponent))
        return f"{number_format(pct, places, use_l10n=True)} %"

    return column
