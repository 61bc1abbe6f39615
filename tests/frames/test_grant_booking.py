"""frame_grant_book: the lifecycle's grant decision books LBF's grant against the frame of the
year of the decision (docs/decisions/0031)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from boligsocial.frames.models import BookingKind, FrameBooking
from boligsocial.frames.services import frame_grant_book
from tests.frames.conftest import MIO, FrameWorld
from tests.kit import nothing_written

# The test round's frame: 100 mio. kr. in 2031 and in 2032 (carried into 2033).


def _book(fw: FrameWorld, amount: Decimal, *, user: str = "lbf", year: int = 2031, **kw):
    return frame_grant_book(plan=fw.plan, user=fw.users[user], year=year, amount=amount, **kw)


def test_exactly_the_remaining_frame_is_booked(fw: FrameWorld) -> None:
    _book(fw, Decimal("60000000.00"))
    # 2031: 40 mio. left; 2032 counts on none of it, so all of it is free.
    booking = _book(fw, Decimal("40000000.00"))
    assert booking is not None
    assert booking.kind == BookingKind.GRANT
    assert booking.plan == fw.plan
    assert booking.fund_round == fw.fund_round
    assert booking.year == 2031
    assert booking.amount == Decimal("40000000.00")
    assert booking.exceeds_frame is False
    assert booking.exceed_decision == ""
    assert booking.exceed_decided_by is None
    assert booking.booked_by == fw.users["lbf"]


def test_one_ore_over_the_remaining_frame_is_refused_in_kroner(fw: FrameWorld) -> None:
    _book(fw, Decimal("87654322.00"))
    with nothing_written(FrameBooking), pytest.raises(ValidationError) as refused:
        _book(fw, Decimal("12345678.01"))
    assert refused.value.message_dict == {
        "exceed_frame_decision": [
            "The frame of 2031 has 12,345,678.00 kr. left; the grant of 12,345,678.01 kr. "
            "exceeds it by 0.01 kr.; only an administrator may record the decision to exceed "
            "the frame."
        ]
    }


def test_the_refusal_in_danish(fw: FrameWorld) -> None:
    from django.utils import translation

    _book(fw, Decimal("87654322.00"))
    with translation.override("da"), pytest.raises(ValidationError) as refused:
        _book(fw, Decimal("20000000.00"), user="admin")
    assert refused.value.message_dict["exceed_frame_decision"] == [
        "Rammen for 2031 har 12.345.678,00 kr. tilbage; tilsagnet på 20.000.000,00 kr. "
        "overskrider den med 7.654.322,00 kr.; en administrator kan registrere beslutningen om "
        "at overskride rammen: skriv den i feltet til beslutningen."
    ]


def test_an_administrator_with_a_written_decision_exceeds_the_frame(fw: FrameWorld) -> None:
    _book(fw, Decimal("100000000.00"))
    booking = _book(
        fw,
        Decimal("5000000.00"),
        user="admin",
        exceed_decision="  LBF's bestyrelse besluttede 3. marts 2031 at overskride rammen.  ",
    )
    assert booking is not None
    assert booking.exceeds_frame is True
    assert booking.exceed_decision == (
        "LBF's bestyrelse besluttede 3. marts 2031 at overskride rammen."
    )
    assert booking.exceed_decided_by == fw.users["admin"]
    assert booking.history.count() == 1


def test_an_administrator_without_a_decision_is_refused(fw: FrameWorld) -> None:
    _book(fw, Decimal("100000000.00"))
    with nothing_written(FrameBooking), pytest.raises(ValidationError) as refused:
        _book(fw, Decimal("0.01"), user="admin", exceed_decision="   ")
    (message,) = refused.value.message_dict["exceed_frame_decision"]
    assert message.startswith("The frame of 2031 has 0.00 kr. left;")
    assert "an administrator may record the decision to exceed the frame" in message


def test_a_user_acting_for_lbf_with_a_decision_is_still_refused(fw: FrameWorld) -> None:
    _book(fw, Decimal("100000000.00"))
    with nothing_written(FrameBooking), pytest.raises(ValidationError) as refused:
        _book(fw, Decimal("1.00"), exceed_decision="LBF besluttede at overskride rammen.")
    (message,) = refused.value.message_dict["exceed_frame_decision"]
    assert message.endswith("only an administrator may record the decision to exceed the frame.")


def test_a_year_without_a_frame_is_booked_without_a_check(fw: FrameWorld) -> None:
    booking = _book(fw, Decimal("999999999.99"), year=2035)
    assert booking is not None
    assert booking.year == 2035
    assert booking.exceeds_frame is False


def test_a_round_without_frame_years_is_booked_without_a_check(fw: FrameWorld) -> None:
    from tests import factories as f

    old = f.PlanFactory(fund_round=f.fund_round("2015–18"))
    booking = frame_grant_book(
        plan=old, user=fw.users["lbf"], year=2016, amount=Decimal("999999999.99")
    )
    assert booking is not None
    assert booking.fund_round.code == "2015–18"


def test_unused_money_carries_into_the_next_year(fw: FrameWorld) -> None:
    _book(fw, Decimal("30000000.00"), year=2031)
    # 2032: its own 100 mio. + 70 mio. carried over.
    assert _book(fw, Decimal("170000000.00"), year=2032) is not None
    with pytest.raises(ValidationError):
        _book(fw, Decimal("0.01"), year=2032)


def test_a_booking_may_not_take_money_a_later_year_counts_on(fw: FrameWorld) -> None:
    _book(fw, Decimal("150000000.00"), year=2032)  # uses 50 mio. of 2031's carry-over
    with pytest.raises(ValidationError) as refused:
        _book(fw, Decimal("50000000.01"), year=2031)
    assert "has 50,000,000.00 kr. left" in refused.value.messages[0]
    assert _book(fw, Decimal("50000000.00"), year=2031) is not None


def test_the_indexed_frame_is_checked(fw: FrameWorld) -> None:
    fw.years[2031].index_factor = Decimal("1.05")
    fw.years[2031].save()
    # 2031 has 105 mio.; 2032 the same 100 mio. + nothing carried.
    assert _book(fw, Decimal("105000000.00")) is not None
    with pytest.raises(ValidationError):
        _book(fw, Decimal("0.01"))


def test_a_grant_of_nothing_books_nothing(fw: FrameWorld) -> None:
    with nothing_written(FrameBooking):
        assert _book(fw, Decimal("0")) is None


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (Decimal("-1"), "The amount cannot be negative."),
        (Decimal("1000000000.00"), "The amount can be at most 999,999,999.99 kr."),
        (Decimal("1.001"), "An amount has at most two decimals (øre)."),
    ],
)
def test_bad_amounts_are_refused(fw: FrameWorld, amount: Decimal, message: str) -> None:
    with nothing_written(FrameBooking), pytest.raises(ValidationError) as refused:
        _book(fw, amount)
    assert refused.value.message_dict == {"amount": [message]}


@pytest.mark.parametrize("user", ["leader", "housing"])
def test_only_lbf_capacities_book(fw: FrameWorld, user: str) -> None:
    with nothing_written(FrameBooking), pytest.raises(PermissionDenied):
        _book(fw, Decimal("1.00"), user=user)


def test_the_2019_26_round_has_its_frame_years(db: object) -> None:
    from boligsocial.frames.models import FrameYear

    years = FrameYear.objects.filter(fund_round__code="2019–26").order_by("year")
    assert [y.year for y in years] == list(range(2019, 2027))
    assert {(y.base_amount, y.index_factor, y.rent_support_max) for y in years} == {
        (380 * MIO, Decimal("1.000000"), 240 * MIO)
    }
    assert all("indtil LBF's indekserede tal er indtastet" in y.note for y in years)
