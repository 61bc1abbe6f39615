"""FilterSets for plans, shared by the list pages and the API. They narrow a queryset that is
already limited to the plans the user may read (`accounts.selectors.plans_readable_by`)."""

from __future__ import annotations

from datetime import date
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from boligsocial.organisations.filters import IdFilter, search
from boligsocial.plans.models import LEGACY_STATUS_VALUES, Plan, PlanStatus

PlanAfdeling = Plan.afdelinger.through
PlanFocusArea = Plan.focus_areas.through


class StatusField(forms.MultipleChoiceField):
    """The plan statuses, also under their deprecated Danish keys of before decision 0020
    (`?status=igang` is `?status=running`), so existing links and scripts keep working."""

    def to_python(self, value: Any) -> list[str]:
        return [LEGACY_STATUS_VALUES.get(v, v) for v in super().to_python(value)]


class StatusFilter(django_filters.MultipleChoiceFilter):
    field_class = StatusField


class PlanFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    status = StatusFilter(choices=PlanStatus.choices, label=_("Status"))
    published = django_filters.BooleanFilter(label=_("Published"))
    fund_round = django_filters.CharFilter(
        field_name="fund_round__code", label=_("Fund round code, e.g. 2019–26")
    )
    fund_round_id = IdFilter(field_name="fund_round", label=_("Fund round id"))
    active_on = django_filters.DateFilter(
        method="filter_active_on", label=_("Running on the date (start ≤ date ≤ end)")
    )
    organisation_id = IdFilter(
        method="filter_organisation_id", label=_("Covers an afdeling of the housing organisation")
    )
    afdeling_id = IdFilter(method="filter_afdeling_id", label=_("Covers the afdeling"))
    area_id = IdFilter(method="filter_area_id", label=_("Covers an afdeling in the area"))
    municipality = IdFilter(
        method="filter_municipality", label=_("Covers an afdeling in the municipality (code)")
    )
    focus_area_id = IdFilter(method="filter_focus_area_id", label=_("Has the focus area"))

    class Meta:
        model = Plan
        fields = (
            "q",
            "status",
            "published",
            "fund_round",
            "fund_round_id",
            "active_on",
            "organisation_id",
            "afdeling_id",
            "area_id",
            "municipality",
            "focus_area_id",
        )

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search(queryset, ("name", "lbf_number", "description"), value)

    def filter_active_on(self, queryset: QuerySet, name: str, value: date) -> QuerySet:
        return queryset.filter(start_date__lte=value, end_date__gte=value)

    def _covering(self, queryset: QuerySet, **lookup: object) -> QuerySet:
        return queryset.filter(pk__in=PlanAfdeling.objects.filter(**lookup).values("plan_id"))

    def filter_organisation_id(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return self._covering(queryset, afdeling__organisation_id=value)

    def filter_afdeling_id(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return self._covering(queryset, afdeling_id=value)

    def filter_area_id(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return self._covering(queryset, afdeling__area_id=value)

    def filter_municipality(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return self._covering(queryset, afdeling__area__municipality__code=value)

    def filter_focus_area_id(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(
            pk__in=PlanFocusArea.objects.filter(focusarea_id=value).values("plan_id")
        )
