"""The Aarhus demo's other flows of LBF's money (`money.toml`, all illustrative): rent support
(huslejestøtte) booked against the frame through the frames' service, and the contributions
paid into LBF and LBF's renovation support for the redistribution page. The last two have no
service (they are LBF's figures, entered in the admin), so they are validated and saved here
with their history, as the admin saves them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models

from boligsocial.areas.models import Afdeling
from boligsocial.demo.money.data import Booking, MoneyData
from boligsocial.demo.source import DemoDataError
from boligsocial.frames.models import BookingKind, FrameBooking, LbfContribution, RenovationSupport
from boligsocial.frames.selectors import current_round
from boligsocial.frames.services import rent_support_book
from boligsocial.organisations.models import Organisation


def _afdeling(booking: Booking, orgs: Mapping[str, Organisation]) -> Afdeling:
    found = Afdeling.objects.filter(
        organisation=_organisation(booking, orgs), number=booking.afdeling
    ).first()
    if found is None:
        raise DemoDataError(
            f"money.toml: {booking.organisation} has no afdeling {booking.afdeling!r}."
        )
    return found


def _organisation(booking: Booking, orgs: Mapping[str, Organisation]) -> Organisation:
    if booking.organisation not in orgs:
        raise DemoDataError(f"money.toml: no organisation {booking.organisation!r}.")
    return orgs[booking.organisation]


def load_rent_support(data: MoneyData, orgs: Mapping[str, Organisation], *, lbf: Any) -> int:
    """Each rent support of the data not booked yet (afdeling and year); how many were."""
    made = 0
    for booking in data.rent_support:
        afdeling = _afdeling(booking, orgs)
        if FrameBooking.objects.filter(
            kind=BookingKind.RENT_SUPPORT, afdeling=afdeling, year=booking.year
        ).exists():
            continue
        fund_round = current_round(booking.year)
        if fund_round is None:
            raise DemoDataError(f"money.toml: no fund round has a frame for {booking.year}.")
        rent_support_book(
            fund_round=fund_round,
            year=booking.year,
            afdeling=afdeling,
            amount=booking.amount,
            user=lbf,
            note=data.note,
            illustrative=True,
        )
        made += 1
    return made


def _flows(
    model: type[LbfContribution] | type[RenovationSupport],
    rows: tuple[Booking, ...],
    data: MoneyData,
    orgs: Mapping[str, Organisation],
    user: Any,
) -> int:
    made = 0
    for row in rows:
        organisation = _organisation(row, orgs)
        if model._default_manager.filter(
            organisation=organisation, year=row.year, afdeling=None
        ).exists():
            continue
        flow: models.Model = model(
            organisation=organisation,
            year=row.year,
            amount=row.amount,
            illustrative=True,
            note=data.note,
        )
        flow.full_clean()
        flow._history_user = user  # type: ignore[attr-defined]
        flow.save()
        made += 1
    return made


def load_flows(data: MoneyData, orgs: Mapping[str, Organisation], *, user: Any) -> int:
    """The contributions to LBF and LBF's renovation support of the data not stored yet."""
    return _flows(LbfContribution, data.contributions, data, orgs, user) + _flows(
        RenovationSupport, data.renovation, data, orgs, user
    )
