"""rent_support_book: huslejestøtte to an afdeling against the same frame as the grants, kept
apart from them, within the year's cap (docs/decisions/0031)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from boligsocial.frames.models import BookingKind, FrameBooking
from boligsocial.frames.selectors import frame_overview
from boligsocial.frames.services import frame_grant_book, rent_support_book
from tests.frames.conftest import MIO, FrameWorld
from tests.kit import nothing_written


def _rent(fw: FrameWorld, amount: Decimal, *, user: str = "lbf", year: int = 2031, **kw):
    return rent_support_book(
        fund_round=fw.fund_round,
        year=year,
        afdeling=fw.afdeling,
        amount=amount,
        user=fw.users[user],
        **kw,
    )


def test_rent_support_is_booked_for_the_afdeling(fw: FrameWorld) -> None:
    booking = _rent(fw, Decimal("1500000.50"), booked_on=date(2031, 3, 1), note="Afd. 7")
    assert booking.kind == BookingKind.RENT_SUPPORT
    assert booking.afdeling == fw.afdeling
    assert booking.plan is None
    assert booking.amount == Decimal("1500000.50")
    assert booking.booked_on == date(2031, 3, 1)
    assert booking.note == "Afd. 7"
    assert booking.booked_by == fw.users["lbf"]


def test_rent_support_and_grants_are_kept_apart_on_the_same_frame(fw: FrameWorld) -> None:
    _rent(fw, 40 * MIO)
    frame_grant_book(plan=fw.plan, user=fw.users["lbf"], year=2031, amount=60 * MIO)
    position = frame_overview(fw.fund_round).positions[0]
    assert (position.year, position.granted, position.rent_support, position.remaining) == (
        2031,
        60 * MIO,
        40 * MIO,
        Decimal("0.00"),
    )
    # The frame of 2031 is used up: a grant no longer fits it, nor more rent support in 2032
    # beyond that year's own money.
    with pytest.raises(ValidationError):
        frame_grant_book(plan=fw.plan, user=fw.users["lbf"], year=2031, amount=Decimal("0.01"))


def test_exactly_the_cap_is_booked_and_one_ore_more_refused(fw: FrameWorld) -> None:
    _rent(fw, Decimal("39999999.99"))
    _rent(fw, Decimal("0.01"))
    with nothing_written(FrameBooking), pytest.raises(ValidationError) as refused:
        _rent(fw, Decimal("0.01"), user="admin", exceed_decision="Beslutning")
    assert refused.value.message_dict == {
        "amount": [
            "The cap on rent support in 2031 has 0.00 kr. left; 0.01 kr. exceeds it by 0.01 "
            "kr.; the cap is the law's and cannot be exceeded."
        ]
    }


def test_the_cap_is_indexed_like_the_frame(fw: FrameWorld) -> None:
    fw.years[2031].index_factor = Decimal("1.1")
    fw.years[2031].save()
    assert _rent(fw, 44 * MIO).amount == 44 * MIO
    with pytest.raises(ValidationError):
        _rent(fw, Decimal("0.01"))


def test_rent_support_over_the_frame_needs_an_administrators_decision(fw: FrameWorld) -> None:
    frame_grant_book(plan=fw.plan, user=fw.users["lbf"], year=2032, amount=190 * MIO)
    # 2031 + 2032 hold 200 mio.; 10 mio. are left, and the cap of 2031 is 40 mio.
    with nothing_written(FrameBooking), pytest.raises(ValidationError) as refused:
        _rent(fw, 10 * MIO + Decimal("0.01"), exceed_decision="LBF besluttede det")
    assert refused.value.message_dict == {
        "exceed_decision": [
            "The frame of 2031 has 10,000,000.00 kr. left; the rent support of 10,000,000.01 "
            "kr. exceeds it by 0.01 kr.; only an administrator may record the decision to "
            "exceed the frame."
        ]
    }
    booking = _rent(
        fw, 10 * MIO + Decimal("0.01"), user="admin", exceed_decision="LBF besluttede det"
    )
    assert booking.exceeds_frame
    assert booking.exceed_decided_by == fw.users["admin"]


def test_a_year_without_a_frame_is_refused_for_rent_support(fw: FrameWorld) -> None:
    with nothing_written(FrameBooking), pytest.raises(ValidationError) as refused:
        _rent(fw, Decimal("1.00"), year=2033)
    assert refused.value.message_dict == {
        "year": [
            "The fund round 2031–34 has no frame for 2033: rent support is booked against a "
            "year's frame (2031–2032)."
        ]
    }


def test_nothing_is_refused(fw: FrameWorld) -> None:
    with nothing_written(FrameBooking), pytest.raises(ValidationError) as refused:
        _rent(fw, Decimal("0"))
    assert refused.value.message_dict == {"amount": ["The amount must be more than 0 kr."]}


@pytest.mark.parametrize("user", ["leader", "housing"])
def test_only_lbf_capacities_book_rent_support(fw: FrameWorld, user: str) -> None:
    with nothing_written(FrameBooking), pytest.raises(PermissionDenied):
        _rent(fw, Decimal("1.00"), user=user)
