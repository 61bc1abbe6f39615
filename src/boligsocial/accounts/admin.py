from django.contrib import admin

from boligsocial.accounts.models import RoleAssignment


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "plan", "organisation", "municipality")
    list_filter = ("role",)
    list_select_related = ("user", "plan", "organisation", "municipality")
