"""FilterSets for regions, municipalities and organisations, shared by the list pages and the
API (NetBox's `filtersets.py`). Conventions used by every app's filters: `q` searches the
names, `<relation>_id` filters by database id, and regions, municipalities and fund rounds are
also filtered by their official code (`municipality=751`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from boligsocial.organisations.models import (
    FORMER_ORGANISATION_KINDS,
    Municipality,
    Organisation,
    OrganisationKind,
    Region,
)


class IdFilter(django_filters.NumberFilter):
    """A whole-number filter (a database id or an official code), 0 to 2**63 - 1."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class AliasedChoiceField(forms.MultipleChoiceField):
    """A multiple-choice field that also takes each choice under a deprecated alias."""

    def __init__(self, *args: Any, aliases: Mapping[str, str], **kwargs: Any) -> None:
        self.aliases = dict(aliases)
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> list[str]:
        return [self.aliases.get(v, v) for v in super().to_python(value)]


class AliasedChoiceFilter(django_filters.MultipleChoiceFilter):
    """A filter over a `TextChoices` field (one or more values, `?kind=a&kind=b`) that also
    accepts the Danish keys stored before decision 0019 as deprecated aliases of the English
    ones, until 1 July 2027 (docs/api.md). The schema's enum lists the current keys only."""

    field_class = AliasedChoiceField

    def __init__(self, *args: Any, aliases: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(*args, aliases=aliases, **kwargs)


def search(queryset: QuerySet, fields: tuple[str, ...], value: str) -> QuerySet:
    """Rows where any of `fields` contains every word of `value` (case-insensitive)."""
    for word in value.split():
        q = Q()
        for field in fields:
            q |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(q)
    return queryset


class RegionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    code = IdFilter(label=_("Region code"))

    class Meta:
        model = Region
        fields = ("q", "code")

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search(queryset, ("name",), value)


class MunicipalityFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    code = IdFilter(label=_("Municipality code"))
    region = IdFilter(field_name="region__code", label=_("Region code"))
    region_id = IdFilter(field_name="region", label=_("Region id"))

    class Meta:
        model = Municipality
        fields = ("q", "code", "region", "region_id")

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search(queryset, ("name",), value)


class OrganisationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    kind = AliasedChoiceFilter(
        choices=OrganisationKind.choices, aliases=FORMER_ORGANISATION_KINDS, label=_("Kind")
    )
    cvr = django_filters.CharFilter(label=_("CVR number"))
    municipality = IdFilter(field_name="municipality__code", label=_("Municipality code"))
    municipality_id = IdFilter(field_name="municipality", label=_("Municipality id"))
    active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = Organisation
        fields = ("q", "kind", "cvr", "municipality", "municipality_id", "active")

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search(queryset, ("name", "cvr", "address"), value)
