from __future__ import annotations

from rest_framework import serializers

from boligsocial.api.fields import IdField, MunicipalityCodeField, bounded_int
from boligsocial.api.serializers.base import OutputSerializer
from boligsocial.api.serializers.organisations import (
    MunicipalityBriefSerializer,
    OrganisationBriefSerializer,
    RegionSerializer,
)
from boligsocial.areas.models import Afdeling, Area
from boligsocial.core.validation import LONG_TEXT_MAX
from boligsocial.organisations.models import Organisation


class AreaBriefSerializer(OutputSerializer):
    class Meta:
        model = Area
        fields = ("id", "name", "slug")


class AreaSerializer(OutputSerializer):
    municipality = MunicipalityBriefSerializer(read_only=True)
    region = RegionSerializer(source="municipality.region", read_only=True)
    afdeling_count = serializers.IntegerField(read_only=True)
    dwellings_total = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Area
        fields = (
            "id",
            "name",
            "slug",
            "municipality",
            "region",
            "residents",
            "residents_source",
            "outline",
            "description",
            "illustrative",
            "afdeling_count",
            "dwellings_total",
        )


class AreaWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    municipality = MunicipalityCodeField()
    residents = bounded_int(required=False, allow_null=True)
    residents_source = serializers.CharField(max_length=500, required=False, allow_blank=True)
    outline = serializers.JSONField(
        required=False,
        allow_null=True,
        help_text="A GeoJSON Polygon or MultiPolygon (or a Feature with one) in WGS84.",
    )
    description = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True)
    illustrative = serializers.BooleanField(required=False)


class AfdelingSerializer(OutputSerializer):
    organisation = OrganisationBriefSerializer(read_only=True)
    area = AreaBriefSerializer(read_only=True, allow_null=True)
    municipality = MunicipalityBriefSerializer(
        source="area.municipality", read_only=True, allow_null=True
    )

    class Meta:
        model = Afdeling
        fields = (
            "id",
            "number",
            "lbf_number",
            "name",
            "organisation",
            "area",
            "municipality",
            "dwellings",
            "address",
            "illustrative",
        )


class AfdelingWriteSerializer(serializers.Serializer):
    organisation = IdField(
        queryset=Organisation.objects.all(),
        help_text="Id of the housing organisation that owns the afdeling.",
    )
    number = serializers.CharField(max_length=20)
    name = serializers.CharField(max_length=200)
    area = IdField(queryset=Area.objects.all(), required=False, allow_null=True)
    lbf_number = serializers.CharField(max_length=30, required=False, allow_blank=True)
    dwellings = bounded_int(required=False, allow_null=True)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    illustrative = serializers.BooleanField(required=False)
