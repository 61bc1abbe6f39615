from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from boligsocial.api.permissions import ReferenceDataPermission
from boligsocial.api.serializers.organisations import (
    MunicipalitySerializer,
    OrganisationSerializer,
    OrganisationWriteSerializer,
    RegionSerializer,
)
from boligsocial.api.views.base import CreateMixin, ReadViewSet, UpdateMixin
from boligsocial.organisations.filters import (
    MunicipalityFilterSet,
    OrganisationFilterSet,
    RegionFilterSet,
)
from boligsocial.organisations.models import Organisation, Region
from boligsocial.organisations.selectors import municipality_list, organisation_list
from boligsocial.organisations.services import organisation_create, organisation_update


class RegionViewSet(ReadViewSet):
    """Denmark's five regions (reference data)."""

    output_serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    ordering_fields = ("code", "name")

    def base_queryset(self) -> QuerySet[Region]:
        return Region.objects.order_by("code")


class MunicipalityViewSet(ReadViewSet):
    """The 98 kommuner with their region (reference data)."""

    output_serializer_class = MunicipalitySerializer
    filterset_class = MunicipalityFilterSet
    ordering_fields = ("code", "name")

    def base_queryset(self) -> QuerySet[Any]:
        return municipality_list()


class OrganisationViewSet(CreateMixin, UpdateMixin, ReadViewSet):
    """Housing organisations, municipalities, LBF, the joint secretariat and other partners.
    Everyone reads; secretariat administrators create and change."""

    output_serializer_class = OrganisationSerializer
    create_serializer_class = OrganisationWriteSerializer
    update_serializer_class = OrganisationWriteSerializer
    permission_classes = (ReferenceDataPermission,)
    filterset_class = OrganisationFilterSet
    ordering_fields = ("name", "kind", "cvr")

    def base_queryset(self) -> QuerySet[Any]:
        return organisation_list()

    def perform_service_create(self, data: dict[str, Any]) -> Organisation:
        return organisation_create(**data)

    def perform_service_update(self, instance: Organisation, data: dict[str, Any]) -> Organisation:
        return organisation_update(organisation=instance, data=data)
