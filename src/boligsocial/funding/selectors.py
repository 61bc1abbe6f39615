from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db.models import Prefetch, QuerySet

from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.funding.rules import RoundRules


def fund_round_list(*, active_only: bool = False) -> QuerySet[FundRound]:
    qs = FundRound.objects.prefetch_related(
        Prefetch("focus_areas", queryset=FocusArea.objects.order_by("position"))
    ).order_by("first_year")
    return qs.filter(active=True) if active_only else qs


def round_rules(fund_round: FundRound) -> RoundRules:
    return RoundRules(
        code=fund_round.code,
        first_year=fund_round.first_year,
        last_year=fund_round.last_year,
        normal_plan_years=fund_round.normal_plan_years,
        lbf_max_share=fund_round.lbf_max_share,
        local_min_share=fund_round.local_min_share,
        latest_plan_end=fund_round.latest_plan_end,
    )


def current_fund_round(rounds: Sequence[FundRound], *, on: date) -> FundRound | None:
    """The round of `rounds` (oldest first, as `fund_round_list` gives them) whose years hold
    `on`; when none does, the latest one; None when there are none."""
    for fund_round in rounds:
        if fund_round.first_year <= on.year <= fund_round.last_year:
            return fund_round
    return rounds[-1] if rounds else None
