"""A plan's timeline and a new step on it (`/api/v1/plans/{slug}/transitions/`, decision
0020)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from boligsocial.api.fields import DateField, EnumField, IdField
from boligsocial.core.validation import LONG_TEXT_MAX
from boligsocial.documents.models import Document
from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.lifecycle.models import Capacity, TransitionKind
from boligsocial.plans.models import CHALLENGES_MAX, BudgetSource, PlanStatus


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
    exceed_frame_decision = serializers.CharField(
        max_length=LONG_TEXT_MAX,
        required=False,
        allow_blank=True,
        help_text="With a grant (`granted`) that is more than LBF's frame left for the year: "
        "an administrator's written decision to exceed the frame. A grant also needs the plan's "
        "budget within the fund round's co-financing rule; it becomes the granted budget.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plan = self.context.get("plan")
        field = self.fields["document"]
        if isinstance(field, IdField):
            field.queryset = Document.objects.filter(plan=plan) if plan else Document.objects.none()


class GoalsSerializer(serializers.Serializer):
    focus_area = IdField(queryset=FocusArea.objects.all())
    goals = serializers.CharField(max_length=LONG_TEXT_MAX, allow_blank=True)


class GoalsOutputSerializer(serializers.Serializer):
    focus_area = serializers.IntegerField(help_text="The focus area's id.")
    goals = serializers.CharField()


class BudgetRowSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1900, max_value=2999)
    source = EnumField(BudgetSource)  # type: ignore[assignment]  # a field, not Field.source
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal(0))


class MissingPartSerializer(serializers.Serializer):
    code = serializers.CharField()
    field = serializers.CharField()
    message = serializers.CharField()


class ApplicationDataSerializer(serializers.Serializer):
    """The application's data on the plan (decision 0020) and what the plan lacks before
    each submission."""

    challenges = serializers.CharField()
    challenges_max_chars = serializers.IntegerField(
        allow_null=True, help_text="The fund round's limit of the challenges; null: none known."
    )
    purpose = serializers.CharField()
    municipality_recommendation_date = serializers.DateField(allow_null=True)
    municipality_recommendation_note = serializers.CharField()
    goals = GoalsOutputSerializer(many=True)
    budget_estimates = BudgetRowSerializer(many=True)
    missing_for_prequalification = MissingPartSerializer(many=True)
    missing_for_full_plan = MissingPartSerializer(many=True)


class ApplicationDataUpdateSerializer(serializers.Serializer):
    """The parts to change; `goals` sets the goals of the focus areas given (blank removes),
    `budget_estimates` replaces the whole estimate."""

    challenges = serializers.CharField(max_length=CHALLENGES_MAX, required=False, allow_blank=True)
    purpose = serializers.CharField(max_length=LONG_TEXT_MAX, required=False, allow_blank=True)
    municipality_recommendation_date = DateField(required=False, allow_null=True)
    municipality_recommendation_note = serializers.CharField(
        max_length=LONG_TEXT_MAX, required=False, allow_blank=True
    )
    goals = GoalsSerializer(many=True, required=False)
    budget_estimates = BudgetRowSerializer(many=True, required=False)
