"""Yearly reports are shown with their history and their lines; they are written through the
plan's accounts pages and the API, whose services keep the rules (who edits, when, LBF's
decisions). The one thing changed here is a report's due date: an administrator records a
postponement LBF granted (docs/decisions/0029)."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from boligsocial.accounts.selectors import readable_plan_ids, scopes_for
from boligsocial.core.admin import year_column
from boligsocial.reporting.models import AccountLine, GoalResult, Milestone, YearlyReport


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AccountLineInline(_ReadOnlyInline):
    model = AccountLine
    fields = readonly_fields = ("line_key", "category", "focus_area", "text", "amount")


class GoalResultInline(_ReadOnlyInline):
    model = GoalResult
    fields = readonly_fields = ("focus_area", "goal", "indicator", "baseline", "target", "result")


class MilestoneInline(_ReadOnlyInline):
    model = Milestone
    fields = readonly_fields = ("due_on", "text", "focus_area")


@admin.register(YearlyReport)
class YearlyReportAdmin(SimpleHistoryAdmin):
    list_display = ("plan", "report_year", "status", "due_date", "submitted_on", "decided_on")
    list_filter = ("status",)
    search_fields = ("plan__name",)
    fields = (
        "plan",
        "year",
        "due_date",
        "status",
        "submitted_on",
        "decided_on",
        "decision_capacity",
        "remarks",
        "lbf_received",
        "local_received",
        "opening_balance",
        "note",
    )
    readonly_fields = tuple(name for name in fields if name != "due_date")
    inlines = [AccountLineInline, GoalResultInline, MilestoneInline]
    report_year = year_column("year", _("year"))

    def get_queryset(self, request: HttpRequest) -> QuerySet[YearlyReport]:
        # The reports of the plans the user may read (`accounts.selectors`).
        queryset = super().get_queryset(request).select_related("plan")
        ids = readable_plan_ids(request.user)
        return queryset if ids is None else queryset.filter(plan__in=ids)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Only the due date, and only the secretariat's administrators.
        return scopes_for(request.user).is_admin
