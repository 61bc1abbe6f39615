"""FilterSets for fund rounds, shared by the list pages and the API."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from boligsocial.funding.models import FundRound
from boligsocial.organisations.filters import IdFilter


class FundRoundFilterSet(django_filters.FilterSet):
    code = django_filters.CharFilter(label=_("Code, e.g. 2019–26"))
    active = django_filters.BooleanFilter(label=_("Active"))
    year = IdFilter(method="filter_year", label=_("Covers the year"))

    class Meta:
        model = FundRound
        fields = ("code", "active", "year")

    def filter_year(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(first_year__lte=value, last_year__gte=value)
