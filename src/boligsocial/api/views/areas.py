from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from boligsocial.api.permissions import ReferenceDataPermission
from boligsocial.api.serializers.areas import (
    AfdelingSerializer,
    AfdelingWriteSerializer,
    AreaSerializer,
    AreaWriteSerializer,
)
from boligsocial.api.views.base import CreateMixin, ReadViewSet, UpdateMixin
from boligsocial.areas.filters import AfdelingFilterSet, AreaFilterSet
from boligsocial.areas.models import Afdeling, Area
from boligsocial.areas.selectors import afdeling_list, area_list
from boligsocial.areas.services import afdeling_create, afdeling_update, area_create, area_update


class AreaViewSet(CreateMixin, UpdateMixin, ReadViewSet):
    """Boligområder with their municipality, region, residents and outline, and the count and
    dwellings of their afdelinger. Everyone reads; secretariat administrators write."""

    output_serializer_class = AreaSerializer
    create_serializer_class = AreaWriteSerializer
    update_serializer_class = AreaWriteSerializer
    permission_classes = (ReferenceDataPermission,)
    filterset_class = AreaFilterSet
    ordering_fields = ("name", "residents", "afdeling_count", "dwellings_total")

    def base_queryset(self) -> QuerySet[Any]:
        return area_list()

    def perform_service_create(self, data: dict[str, Any]) -> Area:
        return area_create(**data)

    def perform_service_update(self, instance: Area, data: dict[str, Any]) -> Area:
        return area_update(area=instance, data=data)


class AfdelingViewSet(CreateMixin, UpdateMixin, ReadViewSet):
    """Afdelinger (housing estates) with their housing organisation and area. Everyone reads;
    secretariat administrators write."""

    output_serializer_class = AfdelingSerializer
    create_serializer_class = AfdelingWriteSerializer
    update_serializer_class = AfdelingWriteSerializer
    permission_classes = (ReferenceDataPermission,)
    filterset_class = AfdelingFilterSet
    ordering_fields = ("name", "number", "dwellings", "organisation__name")

    def base_queryset(self) -> QuerySet[Any]:
        return afdeling_list()

    def perform_service_create(self, data: dict[str, Any]) -> Afdeling:
        return afdeling_create(**data)

    def perform_service_update(self, instance: Afdeling, data: dict[str, Any]) -> Afdeling:
        return afdeling_update(afdeling=instance, data=data)
