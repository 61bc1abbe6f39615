"""The cooperation agreement in the API: versions with their sub-agreements, the input of
each write, and the comparison of two versions (docs/decisions/0023)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from boligsocial.agreements.models import (
    AgreementVersion,
    ApprovalCapacity,
    SubAgreement,
    VersionStatus,
)
from boligsocial.api.fields import DateField, EnumField, IdField
from boligsocial.api.serializers.base import OutputSerializer
from boligsocial.core.validation import LONG_TEXT_MAX
from boligsocial.documents.models import Document
from boligsocial.funding.models import FocusArea


def _items(help_text: Any, **kwargs: Any) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=False),
        help_text=help_text,
        **kwargs,
    )


ACTIVITIES_HELP = _("The activities planned, in order: at most 50, each 1 to 500 characters.")
INDICATORS_HELP = _("How the goals are measured, in order: at most 50, each 1 to 500 characters.")


class SubAgreementSerializer(OutputSerializer):
    focus_area_name = serializers.CharField(source="focus_area.name", read_only=True)
    activities = _items(ACTIVITIES_HELP, read_only=True)
    indicators = _items(INDICATORS_HELP, read_only=True)

    class Meta:
        model = SubAgreement
        fields = (
            "id",
            "focus_area",
            "focus_area_name",
            "goals",
            "target_groups",
            "activities",
            "indicators",
        )


class AgreementVersionSerializer(OutputSerializer):
    status = EnumField(VersionStatus, read_only=True)
    approval_capacity = serializers.SerializerMethodField()
    created_by: Any = serializers.SlugRelatedField(slug_field="username", read_only=True)
    submitted_by: Any = serializers.SlugRelatedField(slug_field="username", read_only=True)
    approval_recorded_by: Any = serializers.SlugRelatedField(slug_field="username", read_only=True)
    sub_agreements = SubAgreementSerializer(many=True, read_only=True)

    class Meta:
        model = AgreementVersion
        fields = (
            "number",
            "status",
            "note",
            "document",
            "created_by",
            "created_at",
            "updated_at",
            "submitted_by",
            "submitted_at",
            "approved_on",
            "approval_capacity",
            "approval_recorded_by",
            "approval_recorded_at",
            "superseded_at",
            "sub_agreements",
        )

    @extend_schema_field(EnumField(ApprovalCapacity, allow_null=True))
    def get_approval_capacity(self, version: AgreementVersion) -> str | None:
        return version.approval_capacity or None


class AgreementSerializer(serializers.Serializer):
    """The plan's agreement: the version in force, the open one (a draft or waiting for LBF)
    and the numbers of every version, newest first."""

    plan = serializers.CharField(help_text=_("The plan's slug."))
    current = AgreementVersionSerializer(
        allow_null=True, help_text=_("The version approved by LBF and in force, or null.")
    )
    open = AgreementVersionSerializer(
        allow_null=True, help_text=_("The version being written or waiting for LBF, or null.")
    )
    versions = serializers.ListField(child=serializers.IntegerField())


class _PlanDocuments(serializers.Serializer):
    """A `document` is one of the plan's (the view gives the plan in the context); any other
    id answers as one that does not exist."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan = self.context.get("plan")
        field = self.fields.get("document")
        if isinstance(field, IdField):
            field.queryset = Document.objects.filter(plan=plan) if plan else Document.objects.none()


class VersionCreateSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True)


class VersionUpdateSerializer(_PlanDocuments):
    note = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True)
    document = IdField(queryset=Document.objects.none(), required=False, allow_null=True)


class ApproveSerializer(_PlanDocuments):
    approved_on = DateField(help_text=_("The date of LBF's approval (its letter)."))
    approval_capacity = EnumField(
        ApprovalCapacity,
        help_text=_(
            "`lbf` for a user acting for LBF, `admin_recording_lbf` for a secretariat "
            "administrator recording LBF's letter."
        ),
    )
    document = IdField(queryset=Document.objects.none(), required=False, allow_null=True)


class SubAgreementUpdateSerializer(serializers.Serializer):
    goals = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True)
    target_groups = serializers.CharField(
        max_length=LONG_TEXT_MAX, required=False, allow_blank=True
    )
    activities = _items(ACTIVITIES_HELP, required=False)
    indicators = _items(INDICATORS_HELP, required=False)


class SubAgreementCreateSerializer(SubAgreementUpdateSerializer):
    focus_area = IdField(
        queryset=FocusArea.objects.all(),
        help_text=_("A focus area of the plan's fund round."),
    )


class ItemChangeSerializer(serializers.Serializer):
    text = serializers.CharField()
    change = serializers.ChoiceField(choices=["same", "added", "removed"])


class FieldComparisonSerializer(serializers.Serializer):
    name = serializers.CharField(
        help_text=_("`note`, `goals`, `target_groups`, `activities` or `indicators`.")
    )
    left = serializers.JSONField(help_text=_("The left version's value; null if it has none."))
    right = serializers.JSONField(help_text=_("The right version's value; null if it has none."))
    changed = serializers.BooleanField()
    items = ItemChangeSerializer(many=True, help_text=_("For lists: each item and its change."))


class FocusAreaComparisonSerializer(serializers.Serializer):
    focus_area_id = serializers.IntegerField()
    focus_area_name = serializers.CharField()
    change = serializers.ChoiceField(choices=["same", "changed", "added", "removed"])
    sub_agreement_fields = FieldComparisonSerializer(many=True, source="fields")


class ComparisonSerializer(serializers.Serializer):
    left_number = serializers.IntegerField()
    right_number = serializers.IntegerField()
    changed = serializers.BooleanField()
    note = FieldComparisonSerializer()
    focus_areas = FocusAreaComparisonSerializer(many=True)
