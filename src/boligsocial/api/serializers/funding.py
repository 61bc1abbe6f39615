from __future__ import annotations

from boligsocial.api.serializers.base import OutputSerializer
from boligsocial.funding.models import FocusArea, FundRound


class FocusAreaSerializer(OutputSerializer):
    class Meta:
        model = FocusArea
        fields = ("id", "name_da", "name_en", "position", "active")


class FundRoundBriefSerializer(OutputSerializer):
    class Meta:
        model = FundRound
        fields = ("id", "code", "name")


class FundRoundSerializer(OutputSerializer):
    focus_areas = FocusAreaSerializer(many=True, read_only=True)

    class Meta:
        model = FundRound
        fields = (
            "id",
            "code",
            "name",
            "first_year",
            "last_year",
            "lbf_max_share",
            "local_min_share",
            "normal_plan_years",
            "annual_frame",
            "annual_frame_note_da",
            "annual_frame_note_en",
            "social_work_annual_frame",
            "in_kind_counts",
            "latest_plan_end",
            "notes_da",
            "notes_en",
            "source_url",
            "active",
            "focus_areas",
        )
