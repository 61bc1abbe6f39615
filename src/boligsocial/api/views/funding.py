from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from boligsocial.api.serializers.funding import FundRoundSerializer
from boligsocial.api.views.base import ReadViewSet
from boligsocial.funding.filters import FundRoundFilterSet
from boligsocial.funding.selectors import fund_round_list


class FundRoundViewSet(ReadViewSet):
    """LBF's fund rounds with their rules (shares, plan length, frames) and focus areas
    (indsatsområder). Reference data, read-only here (administrators edit it in the admin)."""

    output_serializer_class = FundRoundSerializer
    filterset_class = FundRoundFilterSet
    ordering_fields = ("first_year", "code")

    def base_queryset(self) -> QuerySet[Any]:
        return fund_round_list()
