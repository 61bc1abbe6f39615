"""LBF's money on the internal pages (docs/decisions/0031): a fund round's annual frame per
year with its bookings and the decisions to exceed it, the form LBF books rent support with,
and the redistribution between housing organisations. Every logged-in user reads them; LBF's
capacities book (an administrator alone records a decision to exceed the frame)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from boligsocial.frames import selectors, services
from boligsocial.frames.models import FrameBooking, FrameYear
from boligsocial.frames.redistribution import redistribution
from boligsocial.funding.models import FundRound
from boligsocial.web.forms.frames import PeriodForm, RentSupportForm, RoundForm
from boligsocial.web.history import page_number
from boligsocial.web.money_history import money_history_context
from boligsocial.web.views.internal.common import GET_POST, save

BOOKINGS_PER_PAGE = 50
BOOKINGS_PAGE = "bookinger"  # the bookings' own page parameter (`side` pages the history)


def frame_url(fund_round: FundRound) -> str:
    return f"{reverse('web:frame')}?{urlencode({'runde': fund_round.code})}"


def _round(request: HttpRequest, rounds: list[FundRound]) -> tuple[FundRound | None, RoundForm]:
    """The round `?runde=` names (404 for an unknown code), else the round of this year."""
    form = RoundForm(request.GET if "runde" in request.GET else None, rounds=rounds)
    code = request.GET.get("runde", "").strip()
    if code:
        chosen = next((r for r in rounds if r.code == code.replace("-", "–")), None)
        if chosen is None:
            raise Http404("No such fund round.")
    else:
        chosen = selectors.current_round(timezone.localdate().year)
        form = RoundForm(initial={"runde": chosen.code if chosen else ""}, rounds=rounds)
    return chosen, form


def _booking_subject(row: Any) -> str:
    return f"{row.year}: {row.get_kind_display()}"


@login_required
@require_GET
def frame(request: HttpRequest) -> HttpResponse:
    rounds = selectors.rounds()
    fund_round, form = _round(request, rounds)
    context: dict[str, Any] = {"form": form, "fund_round": fund_round, "rounds": rounds}
    if fund_round is not None:
        paginator = Paginator(selectors.bookings_of(fund_round), BOOKINGS_PER_PAGE)
        bookings = paginator.get_page(page_number(request.GET.get(BOOKINGS_PAGE)))
        links = _bookings_links(request, bookings)
        context |= {
            "overview": selectors.frame_overview(fund_round),
            "bookings": bookings,
            "booking_links": links,
            "may_book": services.may_book(request.user),
            "history": money_history_context(
                request,
                [
                    FrameYear.history.filter(fund_round=fund_round),
                    FrameBooking.history.filter(fund_round=fund_round),
                ],
                subjects={FrameBooking: _booking_subject},
                omit=("fund_round",),
            ),
        }
    return render(request, "web/frames/frame.html", context)


def _bookings_links(request: HttpRequest, page: Any) -> dict[str, str | None]:
    """The addresses of the bookings' pages before and after `page` (`?bookinger=`), keeping
    the round and the history's page."""

    def url(number: int) -> str:
        params = request.GET.copy()
        params.pop(BOOKINGS_PAGE, None)
        if number > 1:
            params[BOOKINGS_PAGE] = str(number)
        encoded = params.urlencode()
        return f"{request.path}?{encoded}#bookings" if encoded else f"{request.path}#bookings"

    return {
        "previous_url": url(page.previous_page_number()) if page.has_previous() else None,
        "next_url": url(page.next_page_number()) if page.has_next() else None,
    }


@login_required
@GET_POST
def rent_support_book(request: HttpRequest) -> HttpResponse:
    if not services.may_book(request.user):
        raise PermissionDenied(
            _("Only LBF, or an administrator recording LBF's decision, books rent support.")
        )
    rounds = selectors.rounds()
    fund_round, _form = _round(request, rounds)
    if fund_round is None:
        raise Http404("No fund round.")
    overview = selectors.frame_overview(fund_round)
    years = [p.year for p in overview.positions if p.has_frame]
    may_exceed = services.may_exceed(request.user)
    form = RentSupportForm(
        request.POST if request.method == "POST" else None, years=years, may_exceed=may_exceed
    )

    def book() -> None:
        data = form.cleaned_data
        if form.afdeling is None:  # clean() found it, or the form is not valid
            raise ValidationError({"afdeling_number": _("Choose the afdeling.")})
        services.rent_support_book(
            fund_round=fund_round,
            year=data["year"],
            afdeling=form.afdeling,
            amount=data["amount"],
            user=request.user,
            booked_on=data["booked_on"],
            note=data["note"],
            exceed_decision=data.get("exceed_decision", ""),
        )

    if request.method == "POST" and save(form, book):
        messages.success(request, _("The rent support was booked against the frame."))
        return redirect(frame_url(fund_round))
    context = {
        "form": form,
        "fund_round": fund_round,
        "overview": overview,
        "may_exceed": may_exceed,
        "cancel_url": frame_url(fund_round),
        "title": _("Book rent support (%(round)s)") % {"round": fund_round.code},
        "form_id": "rent-support-form",
        "submit": _("Book the rent support"),
    }
    return render(request, "web/frames/rent_support_form.html", context)


def _default_period() -> tuple[int, int]:
    """The round of this year; the last four years when no round holds it."""
    year = timezone.localdate().year
    found = FundRound.objects.filter(first_year__lte=year, last_year__gte=year).first()
    if found is not None:
        return found.first_year, found.last_year
    return year - 3, year


@login_required
@require_GET
def redistribution_page(request: HttpRequest) -> HttpResponse:
    status = 200
    result = None
    if "fra" in request.GET or "til" in request.GET:
        form = PeriodForm(request.GET)
        if form.is_valid():
            result = redistribution(form.cleaned_data["fra"], form.cleaned_data["til"])
        else:
            status = 400
    else:
        first, last = _default_period()
        form = PeriodForm(initial={"fra": first, "til": last})
        result = redistribution(first, last)
    return render(
        request, "web/frames/redistribution.html", {"form": form, "result": result}, status=status
    )
