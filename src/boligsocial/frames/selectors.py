"""Reads of LBF's frame: a round's years with what is booked and left (`frame_overview`), and
the money a round's frame is checked against (`positions_of`). Fixed query counts whatever
the number of years and bookings."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from boligsocial.frames import rules
from boligsocial.frames.models import BookingKind, FrameBooking, FrameYear
from boligsocial.funding.models import FundRound


def _frames(fund_round: FundRound) -> list[rules.YearFrame]:
    return [
        rules.YearFrame(year=f.year, amount=f.amount, rent_support_cap=f.rent_support_cap)
        for f in FrameYear.objects.filter(fund_round=fund_round).order_by("year")
    ]


def _uses(fund_round: FundRound) -> dict[int, rules.YearUse]:
    rows = (
        FrameBooking.objects.filter(fund_round=fund_round)
        .values("year")
        .annotate(
            granted=Sum("amount", filter=Q(kind=BookingKind.GRANT)),
            rent_support=Sum("amount", filter=Q(kind=BookingKind.RENT_SUPPORT)),
        )
        .order_by("year")
    )
    return {
        row["year"]: rules.YearUse(
            granted=Decimal(row["granted"] or 0).quantize(rules.ORE),
            rent_support=Decimal(row["rent_support"] or 0).quantize(rules.ORE),
        )
        for row in rows
    }


def positions_of(fund_round: FundRound) -> list[rules.YearPosition]:
    """The round's years with the frame, the carry-over, what is booked and left (2 queries)."""
    return rules.frame_positions(_frames(fund_round), _uses(fund_round))


def bookings_of(fund_round: FundRound) -> QuerySet[FrameBooking]:
    """The round's bookings with what the overview shows of each (1 query)."""
    return (
        FrameBooking.objects.filter(fund_round=fund_round)
        .select_related(
            "plan", "afdeling__organisation", "exceed_decided_by", "booked_by", "fund_round"
        )
        .order_by("year", "booked_on", "pk")
    )


@dataclass(frozen=True)
class FrameOverview:
    fund_round: FundRound
    frame_years: list[FrameYear]
    positions: list[rules.YearPosition]
    exceed_decisions: list[FrameBooking]
    illustrative: bool  # some booking of the round is illustrative

    @property
    def notes(self) -> list[str]:
        """The frame years' notes, each once, in order."""
        seen: list[str] = []
        for frame in self.frame_years:
            if frame.note and frame.note not in seen:
                seen.append(frame.note)
        return seen

    @property
    def totals(self) -> rules.YearPosition | None:
        """The whole round: every frame, every booking; what is left is the last year's."""
        if not self.positions:
            return None
        return rules.YearPosition(
            year=self.positions[-1].year,
            has_frame=False,
            frame=sum((p.frame for p in self.positions), rules.ZERO),
            carried_in=rules.ZERO,
            granted=sum((p.granted for p in self.positions), rules.ZERO),
            rent_support=sum((p.rent_support for p in self.positions), rules.ZERO),
            rent_support_cap=None,
        )


def frame_overview(fund_round: FundRound) -> FrameOverview:
    """A round's frame per year (frame indexed, carried over, granted to plans, rent support,
    left) and the decisions to exceed it: 4 queries, whatever the number of bookings (the
    bookings themselves are listed a page at a time from `bookings_of`)."""
    frame_years = list(FrameYear.objects.filter(fund_round=fund_round).order_by("year"))
    frames = [
        rules.YearFrame(year=f.year, amount=f.amount, rent_support_cap=f.rent_support_cap)
        for f in frame_years
    ]
    uses = _uses(fund_round)
    exceeded = list(bookings_of(fund_round).filter(exceeds_frame=True))
    illustrative = FrameBooking.objects.filter(fund_round=fund_round, illustrative=True).exists()
    return FrameOverview(
        fund_round=fund_round,
        frame_years=frame_years,
        positions=rules.frame_positions(frames, uses),
        exceed_decisions=exceeded,
        illustrative=illustrative,
    )


def rounds() -> list[FundRound]:
    """Every fund round, the oldest first (1 query)."""
    return list(FundRound.objects.order_by("first_year"))


def current_round(year: int) -> FundRound | None:
    """The round whose years hold `year`, else the latest round that has frame years."""
    found = FundRound.objects.filter(first_year__lte=year, last_year__gte=year).first()
    if found is not None:
        return found
    return FundRound.objects.filter(frame_years__isnull=False).order_by("-last_year").first()
