from __future__ import annotations

from typing import Any

from django.utils.functional import cached_property
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from boligsocial.api.fields import DateField, EnumField, IdField
from boligsocial.api.serializers.areas import AreaBriefSerializer
from boligsocial.api.serializers.base import OutputSerializer
from boligsocial.api.serializers.funding import FocusAreaSerializer, FundRoundBriefSerializer
from boligsocial.api.serializers.organisations import (
    MunicipalityBriefSerializer,
    OrganisationBriefSerializer,
)
from boligsocial.api.serializers.people import PlanStaffSerializer
from boligsocial.areas.models import Afdeling, Area
from boligsocial.core.validation import LONG_TEXT_MAX
from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.governance.selectors import plan_team
from boligsocial.plans.models import Plan, PlanStatus
from boligsocial.plans.selectors import plan_areas, plan_dwellings, plan_housing_organisations


class PlanBriefSerializer(OutputSerializer):
    class Meta:
        model = Plan
        fields = ("id", "name", "slug")


class PlanAfdelingSerializer(OutputSerializer):
    organisation = OrganisationBriefSerializer(read_only=True)
    area = AreaBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Afdeling
        fields = ("id", "number", "name", "organisation", "area", "dwellings")


class PlanAreaSerializer(OutputSerializer):
    municipality = MunicipalityBriefSerializer(read_only=True)

    class Meta:
        model = Area
        fields = ("id", "name", "slug", "municipality")


class PlanSerializer(OutputSerializer):
    """A plan with what a list shows: its fund round, afdelinger (and so its housing
    organisations and areas), focus areas, and its leader and staff in office today."""

    fund_round = FundRoundBriefSerializer(read_only=True)
    status = EnumField(PlanStatus, read_only=True)
    afdelinger = PlanAfdelingSerializer(many=True, read_only=True)
    housing_organisations = serializers.SerializerMethodField()
    areas = serializers.SerializerMethodField()
    dwellings = serializers.SerializerMethodField()
    focus_areas = FocusAreaSerializer(many=True, read_only=True)
    leader = serializers.SerializerMethodField()
    staff = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = (
            "id",
            "name",
            "slug",
            "lbf_number",
            "fund_round",
            "status",
            "published",
            "start_date",
            "end_date",
            "length_reason",
            "fund_round_reason",
            "description",
            "office_address",
            "contact_email",
            "contact_phone",
            "website",
            "data_note",
            "illustrative",
            "afdelinger",
            "housing_organisations",
            "areas",
            "dwellings",
            "focus_areas",
            "leader",
            "staff",
        )

    # The nested serializers of the computed fields are built once per serializer (a list
    # shares one child), not once per plan: building a ModelSerializer's fields costs more
    # than serializing a plan's few organisations, areas or roles with them.
    @cached_property
    def _organisation(self) -> OrganisationBriefSerializer:
        return OrganisationBriefSerializer()

    @cached_property
    def _area(self) -> PlanAreaSerializer:
        return PlanAreaSerializer()

    @cached_property
    def _role(self) -> PlanStaffSerializer:
        return PlanStaffSerializer()

    @extend_schema_field(OrganisationBriefSerializer(many=True))
    def get_housing_organisations(self, plan: Plan) -> Any:
        return [self._organisation.to_representation(o) for o in plan_housing_organisations(plan)]

    @extend_schema_field(PlanAreaSerializer(many=True))
    def get_areas(self, plan: Plan) -> Any:
        return [self._area.to_representation(area) for area in plan_areas(plan)]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_dwellings(self, plan: Plan) -> int | None:
        return plan_dwellings(plan)

    @extend_schema_field(PlanStaffSerializer(allow_null=True))
    def get_leader(self, plan: Plan) -> Any:
        leaders, _staff = plan_team(plan)
        return self._role.to_representation(leaders[0]) if leaders else None

    @extend_schema_field(PlanStaffSerializer(many=True))
    def get_staff(self, plan: Plan) -> Any:
        _leaders, staff = plan_team(plan)
        return [self._role.to_representation(role) for role in staff]


class PlanWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    fund_round = IdField(queryset=FundRound.objects.all())
    start_date = DateField()
    end_date = DateField()
    afdelinger = IdField(
        queryset=Afdeling.objects.select_related("organisation"), many=True, required=False
    )
    focus_areas = IdField(queryset=FocusArea.objects.all(), many=True, required=False)
    lbf_number = serializers.CharField(max_length=40, required=False, allow_blank=True)
    length_reason = serializers.CharField(
        max_length=LONG_TEXT_MAX, required=False, allow_blank=True
    )
    fund_round_reason = serializers.CharField(
        max_length=LONG_TEXT_MAX, required=False, allow_blank=True
    )
    published = serializers.BooleanField(required=False)
    description = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True)
    office_address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    contact_email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    website = serializers.URLField(max_length=200, required=False, allow_blank=True)
    data_note = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True)
    illustrative = serializers.BooleanField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # The status is read-only: it changes through /plans/{slug}/transitions/ (0020).
        if isinstance(self.initial_data, dict) and "status" in self.initial_data:
            raise serializers.ValidationError(
                {
                    "status": gettext(
                        "The status changes only through the plan's transitions (submit, "
                        "LBF's decision, start, end, …), each recorded on its timeline."
                    )
                }
            )
        return attrs
