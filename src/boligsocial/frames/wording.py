"""The frame's amounts and refusals as text in the active language (Danish by default:
"12.345.678,00 kr.")."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from boligsocial.frames.rules import ORE, CapCheck, FrameCheck


def kr(value: Decimal) -> str:
    """An amount in kroner with øre: 12345678 → "12.345.678,00 kr." (in Danish)."""
    amount = Decimal(value).quantize(ORE, ROUND_HALF_UP)
    return f"{number_format(amount, 2, use_l10n=True, force_grouping=True)} kr."


def frame_refusal(check: FrameCheck, *, year: int, kind_phrase: str, admin: bool) -> str:
    """Why a booking does not fit the frame, in kroner; what may be done about it."""
    text = _(
        "The frame of %(year)s has %(remaining)s left; %(what)s of %(amount)s exceeds it by "
        "%(overrun)s"
    ) % {
        "year": year,
        "remaining": kr(check.remaining if check.remaining is not None else Decimal(0)),
        "what": kind_phrase,
        "amount": kr(check.amount),
        "overrun": kr(check.overrun),
    }
    if admin:
        return (
            text
            + "; "
            + _(
                "an administrator may record the decision to exceed the frame: write it in the "
                "field for the decision."
            )
        )
    return text + "; " + _("only an administrator may record the decision to exceed the frame.")


def cap_refusal(check: CapCheck, *, year: int) -> str:
    return _(
        "The cap on rent support in %(year)s has %(cap)s left; %(amount)s exceeds it by "
        "%(overrun)s; the cap is the law's and cannot be exceeded."
    ) % {
        "year": year,
        "cap": kr(check.left if check.left is not None else Decimal(0)),
        "amount": kr(check.amount),
        "overrun": kr(check.overrun),
    }
