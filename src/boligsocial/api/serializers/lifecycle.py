"""A plan's timeline and a new step on it (`/api/v1/plans/{slug}/transitions/`, decision
0020)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from boligsocial.api.fields import DateField, EnumField, IdField
from boligsocial.core.validation import LONG_TEXT_MAX
from boligsocial.documents.models import Document
from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.lifecycle.models import Capacity, TransitionKind
from boligsocial.plans.models import PlanStatus


class TransitionSerializer(serializers.Serializer):
    """One step of the timeline (`lifecycle.selectors.TimelineEntry`). For readers who do not
    take part in the plan, `actor` and `note` are empty and `document` is null unless the
    document is public."""

    id = serializers.IntegerField()
    date = serializers.DateField()
    kind = EnumField(TransitionKind)
    kind_label = serializers.CharField()
    from_status = serializers.CharField(help_text="The status before; empty for the idea.")
    to_status = EnumField(PlanStatus)
    capacity = EnumField(Capacity)
    actor = serializers.CharField(help_text="Who recorded it; empty for other readers.")
    note = serializers.CharField(help_text="The internal note; empty for other readers.")
    public_note = serializers.CharField()
    reason = serializers.CharField()
    old_end_date = serializers.DateField(allow_null=True)
    new_end_date = serializers.DateField(allow_null=True)
    from_fund_round = serializers.CharField(help_text="Code of the round moved from, if any.")
    to_fund_round = serializers.CharField(help_text="Code of the round moved to, if any.")
    document = serializers.SerializerMethodField()

    def get_document(self, entry: Any) -> int | None:
        return entry.document.pk if entry.document is not None else None


class TransitionCreateSerializer(serializers.Serializer):
    """A step to make. `kind` is one of the transitions (not `idea`: a plan starts as one when
    it is created); `to_status` is LBF's decision (`prequalified`/`rejected`, or
    `granted`/`rejected`/`in_dialogue`); `capacity` may be left out (the first the user holds
    that the step allows). `new_end_date` and `reason` extend a plan; `to_fund_round`,
    `reason` and `focus_areas` (of the new round) move it to another round's rules."""

    kind = EnumField(TransitionKind)
    to_status = EnumField(PlanStatus, required=False)
    capacity = EnumField(Capacity, required=False)
    date = DateField(required=False, help_text="When it happened; today if left out.")
    note = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True)
    public_note = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True)
    document = IdField(
        queryset=Document.objects.none(),
        required=False,
        allow_null=True,
        help_text="One of the plan's documents, e.g. LBF's letter.",
    )
    new_end_date = DateField(required=False)
    to_fund_round = IdField(queryset=FundRound.objects.all(), required=False)
    focus_areas = IdField(queryset=FocusArea.objects.all(), many=True, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan = self.context.get("plan")
        field = self.fields["document"]
        if isinstance(field, IdField):
            field.queryset = Document.objects.filter(plan=plan) if plan else Document.objects.none()
