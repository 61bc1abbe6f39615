"""A plan's budget in the API (docs/decisions/0028): a version with its lines, totals and the
co-financing check (per year and for the whole period, `ok`, the breach's `explanation`), the
input of a line, an omplacering and its approval, and a co-financer's commitments."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from boligsocial.api.fields import DateField, EnumField, IdField, bounded_int
from boligsocial.areas.models import Afdeling
from boligsocial.budgets.models import (
    BudgetCategory,
    BudgetLine,
    SourceKind,
    VersionKind,
    VersionState,
)
from boligsocial.budgets.rules import AMOUNT_MAX
from boligsocial.core.validation import LONG_TEXT_MAX
from boligsocial.funding.models import FocusArea
from boligsocial.governance.models import Body
from boligsocial.organisations.models import Organisation, OrganisationKind

AMOUNT_HELP = _('Kroner with øre, as a decimal string (e.g. `"1234.50"`).')


def money(**kwargs: Any) -> serializers.DecimalField:
    kwargs.setdefault("help_text", AMOUNT_HELP)
    return serializers.DecimalField(max_digits=14, decimal_places=2, **kwargs)


def share(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=9, decimal_places=6, **kwargs)


class BudgetLineSerializer(serializers.ModelSerializer):
    category: Any = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text=_("The category's code, e.g. `salaries`.")
    )
    category_name = serializers.CharField(source="category.name", read_only=True)
    focus_area: Any = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=_("The focus area's id; null: shared, across focus areas.")
    )
    source_kind = EnumField(SourceKind, read_only=True)
    source_organisation: Any = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=_("The paying organisation's slug.")
    )
    source_afdeling: Any = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=_("The paying afdeling's id.")
    )
    amount = money(read_only=True)

    class Meta:
        model = BudgetLine
        fields = (
            "id",
            "key",
            "position",
            "year",
            "category",
            "category_name",
            "focus_area",
            "text",
            "source_kind",
            "source_organisation",
            "source_afdeling",
            "source_name",
            "in_kind",
            "amount",
        )
        read_only_fields = fields


class LineInputSerializer(serializers.Serializer):
    """A line of a draft. On PATCH only the fields given change."""

    year = bounded_int(help_text=_("A calendar year of the plan's period."))
    category = serializers.SlugRelatedField(
        slug_field="code",
        queryset=BudgetCategory.objects.all(),
        help_text=_(
            "The category's code: salaries, activities, administration, evaluation, other."
        ),
    )
    focus_area = IdField(
        queryset=FocusArea.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("One of the plan's focus areas; null or left out: shared."),
    )
    text = serializers.CharField(max_length=200, help_text=_("What the money is for."))
    source_kind = EnumField(SourceKind)
    source_organisation = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organisation.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("The municipality, housing organisation, foundation or other organisation."),
    )
    source_afdeling = IdField(
        queryset=Afdeling.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("One of the plan's afdelinger (source kind `afdeling`)."),
    )
    source_name = serializers.CharField(
        max_length=200,
        allow_blank=True,
        required=False,
        help_text=_("A foundation or other source that is not in the register."),
    )
    in_kind = serializers.BooleanField(required=False, help_text=_("A contribution in kind."))
    amount = money(min_value=Decimal(0), max_value=AMOUNT_MAX)


class ShareCheckSerializer(serializers.Serializer):
    """The co-financing rule over one year or the whole period."""

    total = money(help_text=_("LBF plus the local money counted."))
    lbf_amount = money()
    local_amount = money()
    in_kind_amount = money(help_text=_("Every local contribution in kind, counted or not."))
    lbf_share = share()
    local_share = share()
    lbf_max_share = share()
    local_min_share = share()
    ok = serializers.BooleanField()
    in_kind_counted = serializers.BooleanField()
    in_kind_unknown = serializers.BooleanField(
        help_text=_("The round does not say whether in kind counts: checked without it.")
    )
    over_points = serializers.DecimalField(
        max_digits=12, decimal_places=6, help_text=_("Percentage points LBF is over its maximum.")
    )
    local_needed = money(help_text=_("Local money to add for LBF's share to be within it."))
    lbf_excess = money(help_text=_("LBF money to drop at the same total."))
    explanation = serializers.CharField(help_text=_("The breach in words; empty when ok."))


class YearCheckSerializer(ShareCheckSerializer):
    year = serializers.IntegerField()


class CheckSerializer(serializers.Serializer):
    ok = serializers.BooleanField(help_text=_("The whole period meets the rule (what decides)."))
    explanation = serializers.CharField(help_text=_("The whole period's breach; empty when ok."))
    in_kind = serializers.CharField(help_text=_("How in-kind contributions were treated."))
    period = ShareCheckSerializer()
    years = YearCheckSerializer(many=True, help_text=_("A year in breach is a warning."))


class YearAmountSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    amount = money()


class SourceAmountSerializer(serializers.Serializer):
    source_kind = EnumField(SourceKind)
    year = serializers.IntegerField()
    amount = money()


class CategoryAmountSerializer(serializers.Serializer):
    category = serializers.CharField(help_text=_("The category's code."))
    year = serializers.IntegerField()
    amount = money()


class FocusAreaAmountSerializer(serializers.Serializer):
    focus_area = serializers.IntegerField(allow_null=True, help_text=_("Null: shared."))
    year = serializers.IntegerField()
    amount = money()


class TotalsSerializer(serializers.Serializer):
    total = money()
    by_year = YearAmountSerializer(many=True)
    by_source_kind = SourceAmountSerializer(many=True)
    by_category = CategoryAmountSerializer(many=True)
    by_focus_area = FocusAreaAmountSerializer(many=True)


class BudgetVersionSerializer(serializers.Serializer):
    """A version without its lines (the list of versions)."""

    number = serializers.IntegerField()
    kind = EnumField(VersionKind)
    state = EnumField(VersionState)
    approved_on = serializers.DateField(allow_null=True)
    decision = serializers.CharField(
        help_text=_("LBF's tilsagn (original) or the board's decision (omplacering).")
    )
    body = serializers.IntegerField(
        source="body_id", allow_null=True, help_text=_("The board that approved an omplacering.")
    )
    note = serializers.CharField()
    created_at = serializers.DateTimeField()
    changed_at = serializers.DateTimeField()
    version = serializers.CharField(
        help_text=_("The version token (as in `ETag`): send it in `If-Match` to write lines.")
    )


class BudgetSerializer(BudgetVersionSerializer):
    """A version with its lines, totals and check."""

    plan = serializers.CharField(help_text=_("The plan's slug."))
    lines = BudgetLineSerializer(many=True)
    totals = TotalsSerializer()
    check = CheckSerializer()


class RevisionInputSerializer(serializers.Serializer):
    note = serializers.CharField(
        max_length=LONG_TEXT_MAX, allow_blank=True, required=False, help_text=_("What it is for.")
    )


class ApproveInputSerializer(serializers.Serializer):
    approved_on = DateField(help_text=_("The date of the board's decision."))
    decision = serializers.CharField(
        max_length=LONG_TEXT_MAX, help_text=_("The board's decision as minuted.")
    )
    body = IdField(
        queryset=Body.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("The plan's bestyrelse that decided (its id)."),
    )


class PlanAmountsSerializer(serializers.Serializer):
    plan = serializers.CharField(source="slug", help_text=_("The plan's slug."))
    name = serializers.CharField()
    status = serializers.CharField()
    by_year = YearAmountSerializer(many=True)
    total = money()
    in_kind_total = money(help_text=_("The part given in kind."))


class CommitmentsSerializer(serializers.Serializer):
    organisation = serializers.CharField(help_text=_("The organisation's slug."))
    name = serializers.CharField()
    kind = EnumField(OrganisationKind)
    years = serializers.ListField(child=serializers.IntegerField())
    committed = PlanAmountsSerializer(
        many=True, help_text=_("From each plan's budget in force (granted or revised).")
    )
    proposed = PlanAmountsSerializer(many=True, help_text=_("From plans' budgets not granted yet."))
    totals_by_year = YearAmountSerializer(many=True)
    total = money()
    proposed_total = money()
