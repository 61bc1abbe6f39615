"""`/api/v1/frames/{code}/…` and `/api/v1/redistribution/`: LBF's annual frame and the
redistribution with the rules of their pages (docs/decisions/0031). Every logged-in user reads
them (anonymous 403); only a user acting for LBF, or an administrator recording LBF's letter,
books rent support, and only an administrator with a written decision exceeds the frame."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from boligsocial.api.schema import VALIDATION_ERROR_SCHEMA, BoligsocialAutoSchema
from boligsocial.api.serializers.frames import (
    BookingSerializer,
    FrameSerializer,
    PeriodSerializer,
    RedistributionSerializer,
    RentSupportSerializer,
)
from boligsocial.api.views.base import ReadViewSet
from boligsocial.frames import selectors, services
from boligsocial.frames.models import FrameBooking
from boligsocial.frames.redistribution import redistribution
from boligsocial.funding.models import FundRound

CODE = OpenApiParameter(
    "code",
    str,
    OpenApiParameter.PATH,
    description="The fund round's code, e.g. `2019–26` (a hyphen for the dash is accepted).",
)


def round_by_code(code: str) -> FundRound:
    """The round of `code` (`2019–26`, or `2019-26` with a hyphen); 404 otherwise."""
    found = FundRound.objects.filter(code=code.strip().replace("-", "–")).first()
    if found is None:
        raise Http404("No such fund round.")
    return found


class FrameSchema(BoligsocialAutoSchema):
    def get_override_parameters(self) -> list[Any]:
        parameters = list(super().get_override_parameters())
        if "{code}" in self.path:
            parameters.append(CODE)
        return parameters


class FrameViewSet(ReadViewSet):
    """A fund round's annual frame: per year the frame (indexed), what is carried over, granted
    to plans, booked as rent support and left; the decisions to exceed it; its bookings."""

    schema = FrameSchema()
    permission_classes = (IsAuthenticated,)
    filter_backends: list[Any] = []
    output_serializer_class = BookingSerializer
    http_method_names = ["get", "post", "head", "options"]

    @property
    def fund_round(self) -> FundRound:
        return round_by_code(self.kwargs["code"])

    def base_queryset(self) -> Any:
        return selectors.bookings_of(self.fund_round)

    @extend_schema(operation_id="frames_retrieve", responses=FrameSerializer)
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The round's frame per year, from its first frame year to the year after its last
        (the unused money carries over), its totals and the decisions to exceed it."""
        overview = selectors.frame_overview(self.fund_round)
        return Response(FrameSerializer(overview).data)

    @extend_schema(operation_id="frames_bookings_list")
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Every booking against the round's frame (grants to plans, rent support), by year
        and date, a page at a time."""
        return super().list(request, *args, **kwargs)

    @extend_schema(
        operation_id="frames_rent_support_create",
        request=RentSupportSerializer,
        responses={201: BookingSerializer},
    )
    def rent_support(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Book rent support (huslejestøtte) to an afdeling against a frame year of the round.
        Refused (400) over the year's rent-support cap, and over the frame unless an
        administrator gives `exceed_decision`; only LBF's capacities (403 for others)."""
        if not services.may_book(request.user):
            raise PermissionDenied(
                _("Only LBF, or an administrator recording LBF's decision, books rent support.")
            )
        fund_round = self.fund_round
        serializer = RentSupportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        booking = services.rent_support_book(
            fund_round=fund_round,
            year=data["year"],
            afdeling=data["afdeling"],
            amount=data["amount"],
            user=request.user,
            booked_on=data.get("booked_on") or timezone.localdate(),
            note=data["note"],
            exceed_decision=data["exceed_decision"],
        )
        fresh = FrameBooking.objects.select_related("plan", "exceed_decided_by", "booked_by").get(
            pk=booking.pk
        )
        return Response(BookingSerializer(fresh).data, status=status.HTTP_201_CREATED)


PERIOD = [
    OpenApiParameter(
        "from",
        {"type": "integer", "minimum": 1900, "maximum": 2999},
        OpenApiParameter.QUERY,
        required=True,
        description="The first year.",
    ),
    OpenApiParameter(
        "to",
        {"type": "integer", "minimum": 1900, "maximum": 2999},
        OpenApiParameter.QUERY,
        required=True,
        description="The last year (at most 49 years after the first).",
    ),
]


class RedistributionSchema(BoligsocialAutoSchema):
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        responses["400"] = self._error(
            "400",
            "ValidationError",
            VALIDATION_ERROR_SCHEMA,
            "Bad input (`from` or `to` missing, not a year, or in the wrong order).",
        )
        return responses


class RedistributionViewSet(ReadViewSet):
    """LBF's redistribution per housing organisation over a period."""

    schema = RedistributionSchema()
    permission_classes = (IsAuthenticated,)
    filter_backends: list[Any] = []
    pagination_class: Any = None
    output_serializer_class = RedistributionSerializer

    @extend_schema(
        operation_id="redistribution_retrieve",
        parameters=PERIOD,
        responses=RedistributionSerializer,
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Per housing organisation, in the years `from` to `to`: contributed to LBF, received
        as social plans (its share of plans' grants by the plans' dwellings, evenly when
        unknown), rent support and renovation support, and the net; net receivers (largest
        first), net contributors, and those in balance."""
        period = PeriodSerializer(data=request.query_params)
        period.is_valid(raise_exception=True)
        result = redistribution(period.validated_data["from"], period.validated_data["to"])
        return Response(RedistributionSerializer(result).data)
