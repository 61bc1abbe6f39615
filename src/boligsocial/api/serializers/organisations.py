from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from boligsocial.api.fields import EnumField, MunicipalityCodeField
from boligsocial.api.serializers.base import OutputSerializer
from boligsocial.organisations.models import (
    FORMER_ORGANISATION_KINDS,
    Municipality,
    Organisation,
    OrganisationKind,
    Region,
)


class RegionSerializer(OutputSerializer):
    class Meta:
        model = Region
        fields = ("id", "code", "name")


class MunicipalityBriefSerializer(OutputSerializer):
    class Meta:
        model = Municipality
        fields = ("id", "code", "name")


class MunicipalitySerializer(OutputSerializer):
    region = RegionSerializer(read_only=True)

    class Meta:
        model = Municipality
        fields = ("id", "code", "name", "region")


class OrganisationBriefSerializer(OutputSerializer):
    kind = EnumField(OrganisationKind, read_only=True)

    class Meta:
        model = Organisation
        fields = ("id", "kind", "name", "slug")


class OrganisationSerializer(OutputSerializer):
    kind = EnumField(OrganisationKind, read_only=True)
    municipality = MunicipalityBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = (
            "id",
            "kind",
            "name",
            "slug",
            "cvr",
            "address",
            "municipality",
            "website",
            "active",
        )


class OrganisationWriteSerializer(serializers.Serializer):
    kind = EnumField(OrganisationKind, aliases=FORMER_ORGANISATION_KINDS)
    name = serializers.CharField(max_length=200)
    cvr = serializers.CharField(
        max_length=11,
        required=False,
        allow_blank=True,
        help_text=_("8 digits (spaces are removed); required for housing organisations."),
    )
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    municipality = MunicipalityCodeField(required=False, allow_null=True)
    website = serializers.URLField(max_length=200, required=False, allow_blank=True)
    active = serializers.BooleanField(required=False)
