"""FilterSets for areas and afdelinger, shared by the list pages and the API."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from boligsocial.areas.models import Afdeling, Area
from boligsocial.organisations.filters import IdFilter, search


class AreaFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    municipality = IdFilter(field_name="municipality__code", label=_("Municipality code"))
    municipality_id = IdFilter(field_name="municipality", label=_("Municipality id"))
    region = IdFilter(field_name="municipality__region__code", label=_("Region code"))
    region_id = IdFilter(field_name="municipality__region", label=_("Region id"))

    class Meta:
        model = Area
        fields = ("q", "municipality", "municipality_id", "region", "region_id")

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search(queryset, ("name", "description"), value)


class AfdelingFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    number = django_filters.CharFilter(label=_("Afdeling number"))
    organisation_id = IdFilter(field_name="organisation", label=_("Housing organisation id"))
    area_id = IdFilter(field_name="area", label=_("Housing area id"))
    municipality = IdFilter(field_name="area__municipality__code", label=_("Municipality code"))
    municipality_id = IdFilter(field_name="area__municipality", label=_("Municipality id"))

    class Meta:
        model = Afdeling
        fields = ("q", "number", "organisation_id", "area_id", "municipality", "municipality_id")

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search(queryset, ("name", "number", "address", "organisation__name"), value)
