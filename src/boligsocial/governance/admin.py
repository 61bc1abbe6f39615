from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from boligsocial.core.admin import ServiceOnlyAdminMixin
from boligsocial.governance.models import Body, Membership, Person, PlanRole


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("name", "title", "employer")
    search_fields = ("name", "email")
    list_select_related = ("employer",)


@admin.register(PlanRole)
class PlanRoleAdmin(ServiceOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("person", "plan", "kind", "fte", "valid_from", "valid_to")
    list_filter = ("kind", "plan")
    list_select_related = ("person", "plan")


@admin.register(Body)
class BodyAdmin(ServiceOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("name", "plan", "kind", "active")
    list_filter = ("kind", "active")


@admin.register(Membership)
class MembershipAdmin(ServiceOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ("person", "body", "role", "represents", "valid_from", "valid_to")
    list_filter = ("role", "body__kind")
    list_select_related = ("person", "body__plan", "represents")
