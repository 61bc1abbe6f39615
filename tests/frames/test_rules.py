"""The frame's pure rules: carry-over, the money free for a year, the rent-support cap, and the
split of a grant by dwellings (docs/decisions/0031)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from boligsocial.frames import rules
from boligsocial.frames.rules import Flows, YearFrame, YearUse

D = Decimal


def test_indexed_rounds_half_up_to_the_ore() -> None:
    assert rules.indexed(D("380000000"), D("1.000000")) == D("380000000.00")
    assert rules.indexed(D("100.00"), D("1.123455")) == D("112.35")
    assert rules.indexed(D("100.00"), D("1.123449")) == D("112.34")


def _positions(uses: dict[int, YearUse] | None = None) -> list[rules.YearPosition]:
    frames = [YearFrame(2019, D("100"), D("40")), YearFrame(2020, D("100"), D("40"))]
    return rules.frame_positions(frames, uses or {})


def test_unused_money_carries_over_also_past_the_last_frame_year() -> None:
    positions = _positions({2019: YearUse(granted=D("30"), rent_support=D("10"))})
    assert [(p.year, p.has_frame, p.frame, p.carried_in, p.remaining) for p in positions] == [
        (2019, True, D("100"), D("0"), D("60")),
        (2020, True, D("100"), D("60"), D("160")),
        (2021, False, D("0"), D("160"), D("160")),  # the carry-over year
    ]


def test_an_overrun_is_drawn_from_the_next_year() -> None:
    positions = _positions({2019: YearUse(granted=D("110"))})
    assert [p.remaining for p in positions] == [D("-10"), D("90"), D("90")]
    assert positions[0].exceeded
    assert not positions[1].exceeded


def test_bookings_outside_the_frame_years_have_positions_of_their_own() -> None:
    positions = _positions({2017: YearUse(granted=D("5")), 2023: YearUse(rent_support=D("7"))})
    assert [(p.year, p.has_frame, p.remaining) for p in positions] == [
        (2017, False, D("-5")),
        (2019, True, D("100")),
        (2020, True, D("200")),
        (2021, False, D("200")),
        (2022, False, D("200")),
        (2023, False, D("193")),
    ]


def test_a_round_without_frame_years_lists_its_bookings() -> None:
    positions = rules.frame_positions([], {2016: YearUse(granted=D("5"))})
    assert [(p.year, p.has_frame, p.granted) for p in positions] == [(2016, False, D("5"))]
    assert rules.frame_positions([], {}) == []


def test_the_money_free_for_a_year_is_the_least_left_from_it_on() -> None:
    positions = _positions({2020: YearUse(granted=D("150"))})  # takes 50 of 2019's money
    assert rules.free_for(positions, 2019) == D("50")
    assert rules.free_for(positions, 2020) == D("50")
    assert rules.free_for(positions, 2021) is None  # not a frame year: nothing to check
    assert rules.free_for(positions, 2018) is None


def test_frame_check_boundaries() -> None:
    positions = _positions()
    exactly = rules.frame_check(positions, 2020, D("200.00"))
    assert exactly.ok
    assert exactly.checked
    assert exactly.overrun == 0
    over = rules.frame_check(positions, 2020, D("200.01"))
    assert not over.ok
    assert over.remaining == D("200")
    assert over.overrun == D("0.01")
    unchecked = rules.frame_check(positions, 2030, D("1e9"))
    assert unchecked.ok
    assert not unchecked.checked


def test_the_rent_support_cap_is_per_year_and_does_not_carry() -> None:
    positions = _positions({2019: YearUse(rent_support=D("30"))})
    assert rules.rent_support_check(positions, 2019, D("10")).ok
    over = rules.rent_support_check(positions, 2019, D("10.01"))
    assert not over.ok
    assert over.left == D("10")
    assert over.overrun == D("0.01")
    assert rules.rent_support_check(positions, 2020, D("40")).ok
    assert not rules.rent_support_check(positions, 2020, D("40.01")).ok
    assert rules.rent_support_check(positions, 2021, D("1e9")).left is None


def test_social_work_is_the_frame_less_the_rent_support_cap() -> None:
    (first, *_) = _positions()
    assert first.social_work == D("60")


def test_split_by_dwellings_adds_up_to_the_ore() -> None:
    assert rules.split_by_weights(D("100.00"), {"a": 1, "b": 2}) == {
        "a": D("33.33"),
        "b": D("66.67"),
    }
    assert rules.split_by_weights(D("0.01"), {"a": 1, "b": 1}) == {"a": D("0.01"), "b": D("0")}


def test_split_evenly_when_dwellings_are_unknown_or_none() -> None:
    assert rules.split_by_weights(D("10.00"), {"a": 300, "b": None, "c": 5}) == {
        "a": D("3.34"),
        "b": D("3.33"),
        "c": D("3.33"),
    }
    assert rules.split_by_weights(D("10.00"), {"a": 0, "b": 0}) == {"a": D("5"), "b": D("5")}
    assert rules.split_by_weights(D("10.00"), {}) == {}


@given(
    st.decimals(min_value=0, max_value=D("999999999.99"), places=2),
    st.lists(st.one_of(st.none(), st.integers(0, 5000)), min_size=1, max_size=8),
)
def test_split_parts_always_add_up(amount: Decimal, weights: list[int | None]) -> None:
    parts = rules.split_by_weights(amount, dict(enumerate(weights)))
    assert sum(parts.values()) == amount
    assert all(part >= 0 for part in parts.values())


def test_flows_net_position() -> None:
    receiver = Flows(
        contributed=D("10"), social_plans=D("5"), rent_support=D("4"), renovation=D("2")
    )
    assert receiver.received == D("11")
    assert receiver.net == D("1")
    assert rules.net_position(receiver) == rules.NET_RECEIVER
    assert rules.net_position(Flows(contributed=D("1"))) == rules.NET_CONTRIBUTOR
    assert rules.net_position(Flows()) == rules.BALANCED
    assert (receiver + receiver).net == D("2")
