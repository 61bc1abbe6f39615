"""The frame years are reference data an administrator enters (LBF's indexed figures, a new
round's frame); the contributions to LBF and its renovation support are entered here too.
Bookings are shown with their history and written through the frame page and the API, whose
services check the frame."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from boligsocial.core.admin import ServiceOnlyAdminMixin, year_column
from boligsocial.frames.models import FrameBooking, FrameYear, LbfContribution, RenovationSupport


@admin.register(FrameYear)
class FrameYearAdmin(SimpleHistoryAdmin):
    list_display = (
        "fund_round",
        "year_shown",
        "base_amount",
        "index_factor",
        "rent_support_max",
    )
    list_filter = ("fund_round",)
    year_shown = year_column("year", _("year"))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A year with bookings keeps its frame; one entered by mistake is set to 0.
        return False


@admin.register(FrameBooking)
class FrameBookingAdmin(ServiceOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = (
        "fund_round",
        "year_shown",
        "kind",
        "plan",
        "afdeling",
        "amount",
        "booked_on",
        "exceeds_frame",
    )
    list_filter = ("fund_round", "kind", "exceeds_frame")
    search_fields = ("plan__name", "afdeling__name")
    year_shown = year_column("year", _("year"))


class FlowAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "afdeling", "year_shown", "amount", "illustrative")
    list_filter = ("illustrative",)
    search_fields = ("organisation__name", "afdeling__name")
    autocomplete_fields = ("organisation", "afdeling")
    year_shown = year_column("year", _("year"))


admin.site.register(LbfContribution, FlowAdmin)
admin.site.register(RenovationSupport, FlowAdmin)
