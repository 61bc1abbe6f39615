from __future__ import annotations

from django.db.models import QuerySet

from boligsocial.organisations.models import Municipality, Organisation, OrganisationKind


def organisation_list() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("municipality__region").order_by("name")


def housing_organisations() -> QuerySet[Organisation]:
    return organisation_list().filter(kind=OrganisationKind.HOUSING)


def municipality_list() -> QuerySet[Municipality]:
    return Municipality.objects.select_related("region").order_by("name")
