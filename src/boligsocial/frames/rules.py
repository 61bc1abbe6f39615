"""LBF's annual frame as pure rules (no Django imports; docs/decisions/0031).

- A fund round has a frame per year: the base amount times the index factor (LBF indexes the
  2019–26 frame by the net price index), rounded to the øre; the rent-support cap of a year is
  indexed the same way.
- Grants to plans and rent support (huslejestøtte) are booked against the year's frame.
- Unused money carries into the next year, also past the round's last frame year (2026 → 2027):
  the money available in a year is its frame plus what was left the year before. An overrun
  (booked with an administrator's decision to exceed the frame) is carried too, as a negative
  amount: it is drawn from the next year's frame.
- A booking of `amount` in `year` fits when it leaves no year from `year` on with a negative
  remainder: the money free for the year is the smallest remainder of that year and every later
  one, since the years after it already count on the carried-over money.
- Rent support in a year is at most the year's cap, when one is set; the cap does not carry.
- The redistribution splits a plan's grant between its housing organisations by their share of
  the plan's dwellings, evenly when a dwelling count is unknown (`split_by_weights`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import TypeVar

ORE = Decimal("0.01")
ZERO = Decimal("0.00")

K = TypeVar("K", bound=Hashable)


def indexed(base: Decimal, factor: Decimal) -> Decimal:
    """`base` × `factor`, rounded half up to the øre."""
    return (base * factor).quantize(ORE, ROUND_HALF_UP)


@dataclass(frozen=True)
class YearFrame:
    """One year's frame of a round: the indexed amount and the indexed rent-support cap."""

    year: int
    amount: Decimal
    rent_support_cap: Decimal | None = None


@dataclass(frozen=True)
class YearUse:
    """What is booked in a year: grants to plans and rent support."""

    granted: Decimal = ZERO
    rent_support: Decimal = ZERO


@dataclass(frozen=True)
class YearPosition:
    year: int
    has_frame: bool  # a frame year of the round (False: a carry-over year, nothing new)
    frame: Decimal
    carried_in: Decimal
    granted: Decimal
    rent_support: Decimal
    rent_support_cap: Decimal | None

    @property
    def available(self) -> Decimal:
        return self.frame + self.carried_in

    @property
    def booked(self) -> Decimal:
        return self.granted + self.rent_support

    @property
    def remaining(self) -> Decimal:
        return self.available - self.booked

    @property
    def exceeded(self) -> bool:
        return self.remaining < 0

    @property
    def rent_support_left(self) -> Decimal | None:
        if self.rent_support_cap is None:
            return None
        return self.rent_support_cap - self.rent_support

    @property
    def social_work(self) -> Decimal:
        """The frame's part left for social work when rent support takes its whole cap."""
        if self.rent_support_cap is None:
            return self.frame
        return self.frame - self.rent_support_cap


def frame_positions(frames: Iterable[YearFrame], uses: Mapping[int, YearUse]) -> list[YearPosition]:
    """Each year from the first frame year to the year after the last one (the carry-over year,
    2026 → 2027), or to the last year with a booking if later, with the money carried in from
    the year before. Years before the first frame year have no frame and carry nothing; a
    booking there is shown in its own position, as every booking of a round without frame
    years is."""
    by_year = {f.year: f for f in frames}
    booked_years = [y for y, use in uses.items() if use.granted or use.rent_support]
    if not by_year:
        return [
            YearPosition(y, False, ZERO, ZERO, uses[y].granted, uses[y].rent_support, None)
            for y in sorted(booked_years)
        ]
    first, last = min(by_year), max(by_year) + 1
    last = max([last, *booked_years])
    early = sorted(y for y in booked_years if y < first)
    positions: list[YearPosition] = []
    for year in early:
        use = uses[year]
        positions.append(YearPosition(year, False, ZERO, ZERO, use.granted, use.rent_support, None))
    carried = ZERO
    for year in range(first, last + 1):
        frame = by_year.get(year)
        use = uses.get(year, YearUse())
        position = YearPosition(
            year=year,
            has_frame=frame is not None,
            frame=frame.amount if frame else ZERO,
            carried_in=carried,
            granted=use.granted,
            rent_support=use.rent_support,
            rent_support_cap=frame.rent_support_cap if frame else None,
        )
        positions.append(position)
        carried = position.remaining
    return positions


def free_for(positions: Sequence[YearPosition], year: int) -> Decimal | None:
    """The money free for a new booking in `year`: the smallest remainder of that year and
    every later one (they count on the carry-over). None when `year` is not a frame year of the
    round (nothing to check against)."""
    if not any(p.year == year and p.has_frame for p in positions):
        return None
    return min(p.remaining for p in positions if p.year >= year)


@dataclass(frozen=True)
class FrameCheck:
    """Whether a booking fits the frame. `remaining` is None when the year has no frame."""

    amount: Decimal
    remaining: Decimal | None

    @property
    def checked(self) -> bool:
        return self.remaining is not None

    @property
    def overrun(self) -> Decimal:
        if self.remaining is None:
            return ZERO
        return max(ZERO, self.amount - self.remaining)

    @property
    def ok(self) -> bool:
        return self.overrun == 0


def frame_check(positions: Sequence[YearPosition], year: int, amount: Decimal) -> FrameCheck:
    """Does booking `amount` in `year` fit? Exactly the money left fits; one øre more does not."""
    return FrameCheck(amount=amount, remaining=free_for(positions, year))


@dataclass(frozen=True)
class CapCheck:
    """Whether rent support fits the year's cap. `left` is None when no cap is set."""

    amount: Decimal
    left: Decimal | None

    @property
    def overrun(self) -> Decimal:
        if self.left is None:
            return ZERO
        return max(ZERO, self.amount - self.left)

    @property
    def ok(self) -> bool:
        return self.overrun == 0


def rent_support_check(positions: Sequence[YearPosition], year: int, amount: Decimal) -> CapCheck:
    """Does `amount` more rent support fit the cap of `year`? The cap does not carry over."""
    for position in positions:
        if position.year == year and position.has_frame:
            return CapCheck(amount=amount, left=position.rent_support_left)
    return CapCheck(amount=amount, left=None)


# The redistribution ---------------------------------------------------------------------------


def split_by_weights(amount: Decimal, weights: Mapping[K, int | None]) -> dict[K, Decimal]:
    """`amount` split between the keys in proportion to their weights (a housing
    organisation's dwellings in a plan), to the øre, the parts adding up to `amount` exactly:
    each part is rounded down and the øre left over go one each to the largest remainders
    (ties: the order of `weights`). Evenly when any weight is unknown (None) or all are 0."""
    keys = list(weights)
    if not keys:
        return {}
    known = [weights[k] for k in keys]
    if any(w is None for w in known) or sum(w or 0 for w in known) <= 0:
        shares = {k: Decimal(1) for k in keys}
    else:
        shares = {k: Decimal(weights[k] or 0) for k in keys}
    total = sum(shares.values(), Decimal(0))
    cents = int((amount / ORE).to_integral_value(ROUND_HALF_UP))
    exact = {k: Decimal(cents) * shares[k] / total for k in keys}
    floors = {k: int(exact[k].to_integral_value(ROUND_DOWN)) for k in keys}
    left = cents - sum(floors.values())
    order = sorted(keys, key=lambda k: (-(exact[k] - floors[k]), keys.index(k)))
    for k in order[:left]:
        floors[k] += 1
    return {k: (Decimal(floors[k]) * ORE).quantize(ORE) for k in keys}


@dataclass(frozen=True)
class Flows:
    """What one housing organisation paid into LBF and got back in a period."""

    contributed: Decimal = ZERO
    social_plans: Decimal = ZERO
    rent_support: Decimal = ZERO
    renovation: Decimal = ZERO

    @property
    def received(self) -> Decimal:
        return self.social_plans + self.rent_support + self.renovation

    @property
    def net(self) -> Decimal:
        """Received minus contributed: above 0 a net receiver, below 0 a net contributor."""
        return self.received - self.contributed

    def __add__(self, other: Flows) -> Flows:
        return Flows(
            self.contributed + other.contributed,
            self.social_plans + other.social_plans,
            self.rent_support + other.rent_support,
            self.renovation + other.renovation,
        )


NET_RECEIVER = "receiver"
NET_CONTRIBUTOR = "contributor"
BALANCED = "balanced"


def net_position(flows: Flows) -> str:
    if flows.net > 0:
        return NET_RECEIVER
    if flows.net < 0:
        return NET_CONTRIBUTOR
    return BALANCED
