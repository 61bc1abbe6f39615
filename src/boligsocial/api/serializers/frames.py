"""LBF's frame and redistribution in the API (docs/decisions/0031): a round's frame per year,
its bookings, the input of a rent-support booking, and the redistribution per housing
organisation."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from boligsocial.api.fields import DateField, EnumField, IdField, bounded_int
from boligsocial.areas.models import Afdeling
from boligsocial.core.validation import LONG_TEXT_MAX
from boligsocial.frames.models import BookingKind, FrameBooking
from boligsocial.frames.rules import NET_CONTRIBUTOR, NET_RECEIVER


def _money(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=14, decimal_places=2, **kwargs)


class YearPositionSerializer(serializers.Serializer):
    """One year of a round's frame (a `rules.YearPosition`)."""

    year = serializers.IntegerField()
    has_frame = serializers.BooleanField(
        help_text=_("A frame year of the round; false: money carried over only, or no frame.")
    )
    frame = _money(help_text=_("The year's frame, indexed (0 in a year without a frame)."))
    carried_in = _money(help_text=_("Left over from the year before (negative: an overrun)."))
    available = _money(help_text=_("Frame plus carried over."))
    granted = _money(help_text=_("Granted to plans (tilsagn)."))
    rent_support = _money(help_text=_("Rent support (huslejestøtte)."))
    rent_support_cap = _money(
        allow_null=True, help_text=_("At most this much rent support (indexed); null: no cap.")
    )
    remaining = _money(help_text=_("Left at the end of the year; carried into the next."))
    exceeded = serializers.BooleanField(help_text=_("More is booked than the year holds."))


class BookingSerializer(serializers.ModelSerializer):
    kind = EnumField(BookingKind)
    plan: Any = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=_("The plan's slug (grants).")
    )
    afdeling: Any = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text=_("The afdeling's id (rent support).")
    )
    amount = _money()
    exceed_decided_by = serializers.SerializerMethodField()
    booked_by = serializers.SerializerMethodField()

    class Meta:
        model = FrameBooking
        fields = (
            "id",
            "year",
            "kind",
            "plan",
            "afdeling",
            "amount",
            "booked_on",
            "exceeds_frame",
            "exceed_decision",
            "exceed_decided_by",
            "booked_by",
            "illustrative",
            "note",
        )

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_exceed_decided_by(self, booking: FrameBooking) -> str | None:
        user = booking.exceed_decided_by
        return user.get_username() if user is not None else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_booked_by(self, booking: FrameBooking) -> str | None:
        user = booking.booked_by
        return user.get_username() if user is not None else None


class FrameSerializer(serializers.Serializer):
    """A round's frame (a `selectors.FrameOverview`)."""

    fund_round = serializers.CharField(source="fund_round.code", help_text=_("The round's code."))
    years = YearPositionSerializer(source="positions", many=True)
    total_frame = _money(source="totals.frame", allow_null=True)
    total_granted = _money(source="totals.granted", allow_null=True)
    total_rent_support = _money(source="totals.rent_support", allow_null=True)
    remaining = _money(
        source="totals.remaining",
        allow_null=True,
        help_text=_("Left after the last year shown; null when the round has no frame."),
    )
    exceed_decisions = BookingSerializer(many=True)
    notes = serializers.ListField(child=serializers.CharField())
    illustrative = serializers.BooleanField(
        help_text=_("Some bookings of the frame are illustrative, not LBF's own figures.")
    )


class RentSupportSerializer(serializers.Serializer):
    """Input: rent support to an afdeling in a frame year of the round."""

    year = bounded_int(help_text=_("A frame year of the round."))
    afdeling = IdField(queryset=Afdeling.objects.all(), help_text=_("The afdeling's id."))
    amount = _money(min_value=0, help_text=_("In kroner, e.g. 1250000.50."))
    booked_on = DateField(required=False, help_text=_("Default: today."))
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=LONG_TEXT_MAX, default=""
    )
    exceed_decision = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=LONG_TEXT_MAX,
        default="",
        help_text=_(
            "The written decision to exceed the frame, when the rent support does not fit it; "
            "an administrator only."
        ),
    )


class OrganisationFlowsSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(source="organisation.pk")
    name = serializers.CharField(source="organisation.name")
    contributed = _money(source="flows.contributed", help_text=_("Paid into LBF."))
    social_plans = _money(
        source="flows.social_plans",
        help_text=_("Its share of plans' grants, by the plans' dwellings."),
    )
    rent_support = _money(source="flows.rent_support")
    renovation = _money(source="flows.renovation")
    received = _money(source="flows.received")
    net = _money(source="flows.net", help_text=_("Received minus contributed."))
    position = serializers.ChoiceField(
        choices=[NET_RECEIVER, NET_CONTRIBUTOR, "balanced"],
        help_text=_("receiver: net above 0; contributor: below 0; balanced: 0."),
    )


class RedistributionSerializer(serializers.Serializer):
    first_year = serializers.IntegerField()
    last_year = serializers.IntegerField()
    receivers = OrganisationFlowsSerializer(many=True)
    contributors = OrganisationFlowsSerializer(many=True)
    balanced = OrganisationFlowsSerializer(many=True)
    unassigned_grants = _money(help_text=_("Grants to plans without afdelinger."))
    total_contributed = _money(source="totals.contributed")
    total_received = _money(source="totals.received")
    illustrative = serializers.BooleanField(
        help_text=_("Some figures of the period are illustrative, not LBF's own.")
    )


class PeriodSerializer(serializers.Serializer):
    """`?from=&to=`: the years of the redistribution, both included."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = serializers.IntegerField(min_value=1900, max_value=2999)
        self.fields["to"] = serializers.IntegerField(min_value=1900, max_value=2999)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["to"] < attrs["from"]:
            raise serializers.ValidationError({"to": _("The last year is before the first year.")})
        if attrs["to"] - attrs["from"] >= 50:
            raise serializers.ValidationError({"to": _("A period is at most 50 years.")})
        return attrs
