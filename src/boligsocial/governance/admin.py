from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from boligsocial.accounts.selectors import (
    can_edit_person,
    people_readable_by,
    restrict_to_readable_plans,
)
from boligsocial.core.admin import ServiceOnlyAdminMixin
from boligsocial.governance.models import Body, Membership, Person, PlanRole


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    """People the user may read (`accounts.selectors`); changed only by those who may edit
    them. A person outside the list answers as one that does not exist."""

    list_display = ("name", "title", "employer")
    search_fields = ("name", "email")
    list_select_related = ("employer",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Person]:
        return people_readable_by(request.user, super().get_queryset(request))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or can_edit_person(request.user, obj))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or can_edit_person(request.user, obj))


class ReadablePlansAdminMixin:
    """Rows of the plans the user may read (`accounts.selectors`)."""

    plan_field = "plan"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        return restrict_to_readable_plans(queryset, request.user, plan_field=self.plan_field)


@admin.register(PlanRole)
class PlanRoleAdmin(ReadablePlansAdminMixin, ServiceOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("person", "plan", "kind", "fte", "valid_from", "valid_to")
    list_filter = ("kind", "plan")
    list_select_related = ("person", "plan")


@admin.register(Body)
class BodyAdmin(ReadablePlansAdminMixin, ServiceOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("name", "plan", "kind", "active")
    list_filter = ("kind", "active")


@admin.register(Membership)
class MembershipAdmin(ReadablePlansAdminMixin, ServiceOnlyAdminMixin, SimpleHistoryAdmin):
    plan_field = "body__plan"
    list_display = ("person", "body", "role", "represents", "valid_from", "valid_to")
    list_filter = ("role", "body__kind")
    list_select_related = ("person", "body__plan", "represents")
