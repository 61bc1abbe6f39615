from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from boligsocial.accounts.selectors import plans_readable_by
from boligsocial.core.admin import HTTPS_URL_FIELDS, ServiceOnlyAdminMixin, SlugHistoryInline
from boligsocial.plans.models import Plan, PlanSlugHistory


class PlanSlugHistoryInline(SlugHistoryInline):
    """The plan's former addresses, which redirect to its current one (read-only)."""

    model = PlanSlugHistory


@admin.register(Plan)
class PlanAdmin(ServiceOnlyAdminMixin, SimpleHistoryAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    """Shown with history; edited through the internal pages and the API, whose services check
    the fund round, the period and the afdelinger."""

    list_display = ("name", "fund_round", "start_date", "end_date", "status", "published")
    list_filter = ("status", "fund_round", "published")
    search_fields = ("name", "lbf_number")
    inlines = [PlanSlugHistoryInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Plan]:
        # The plans the user may read (`accounts.selectors`); others answer as missing ones.
        return plans_readable_by(request.user, super().get_queryset(request))
