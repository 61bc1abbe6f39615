"""What the report pages share: the plan the user may read, a year of its period, the
addresses, and the write cycle of a report's form pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from boligsocial.accounts.selectors import plan_readable_or_404
from boligsocial.plans.models import Plan
from boligsocial.reporting.models import YearlyReport
from boligsocial.web.views.internal.common import CONFIRM_DELETE, FORM_PAGE, save


def posted(request: HttpRequest) -> Any:
    """The form data of a POST (even an empty one: a form that asks nothing but its
    confirmation), None for a GET."""
    return request.POST if request.method == "POST" else None


def readable_plan(request: HttpRequest, slug: str) -> Plan:
    """The plan if the user may read it; 404 as for a missing one otherwise."""
    return plan_readable_or_404(request.user, Plan.objects.select_related("fund_round"), slug=slug)


def check_year(plan: Plan, year: int) -> None:
    """404 for a year outside the plan's period."""
    if not plan.start_date.year <= year <= plan.end_date.year:
        raise Http404(_("The plan's period has no year %(year)s.") % {"year": year})


def stored_report(plan: Plan, year: int) -> YearlyReport | None:
    return YearlyReport.objects.filter(plan=plan, year=year).select_related("plan").first()


def accounts_url(plan: Plan) -> str:
    return reverse("web:accounts", args=[plan.slug])


def report_url(plan: Plan, year: int) -> str:
    return reverse("web:report", args=[plan.slug, year])


def write_page(
    request: HttpRequest,
    plan: Plan,
    year: int,
    form: Any,
    *,
    action: Callable[[], Any],
    saved: str,
    title: str,
    form_id: str,
    submit: str,
    on_error: Callable[[], None] | None = None,
    intro: str = "",
    question: str = "",
    then: str | None = None,
) -> HttpResponse:
    """One form page of a report: on a POST, `save` runs `action` (a service) inside the
    report's version check; when it saved, the message `saved` and back to the report (or
    `then`). Otherwise the form page (a confirmation page when a `question` is asked), with
    the form's errors after a POST."""

    def in_one_transaction() -> Any:
        # opening the year's report and the write it was opened for stand or fall together
        with transaction.atomic():
            return action()

    if request.method == "POST" and save(form, in_one_transaction, on_error=on_error):
        messages.success(request, saved)
        return redirect(then or report_url(plan, year))
    context = {
        "plan": plan,
        "form": form,
        "title": title,
        "form_id": form_id,
        "submit": submit,
        "intro": intro,
        "subject": None,
        "question": question,
        "cancel_url": report_url(plan, year),
    }
    return render(request, CONFIRM_DELETE if question else FORM_PAGE, context)
