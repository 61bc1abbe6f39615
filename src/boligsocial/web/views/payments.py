"""LBF's instalments on the internal pages (docs/decisions/0030): a plan's instalments per year
(planned, paid, held back with the late reports that hold them) with their history, and for a
user acting for LBF (or an administrator recording LBF's letter) the forms that plan them from
the approved budget, change an unpaid one and record a payment; and the overview of every plan
the user may read. Every write goes through `payments.services`; a refused one writes nothing
and says why on the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from boligsocial.accounts.selectors import plan_readable_or_404
from boligsocial.payments import selectors, services
from boligsocial.payments.models import Instalment
from boligsocial.plans.models import Plan
from boligsocial.web.forms.payments import PayForm, PlanEditForm, ScheduleForm
from boligsocial.web.money_history import money_history_context
from boligsocial.web.views.internal.common import CONFIRM_DELETE, FORM_PAGE, GET_POST, save


def _readable_plan(request: HttpRequest, slug: str) -> Plan:
    """The plan if the user may read it; 404 as for a missing one otherwise."""
    return plan_readable_or_404(request.user, Plan.objects.select_related("fund_round"), slug=slug)


def _deciding_plan(request: HttpRequest, slug: str) -> Plan:
    """The plan, if the user may read it (404) and make LBF's decisions (403)."""
    plan = _readable_plan(request, slug)
    if not services.may_decide(request.user):
        raise PermissionDenied(
            _(
                "Only a user acting for LBF, or a secretariat administrator recording LBF's "
                "letter, may plan and record LBF's instalments."
            )
        )
    return plan


def _posted(request: HttpRequest) -> Any:
    """The form's data on a POST (even an empty one: a confirmation has no fields), else None."""
    return request.POST if request.method == "POST" else None


def instalments_url(plan: Plan) -> str:
    return reverse("web:plan_instalments", args=[plan.slug])


def _subject(row: Any) -> str:
    return _("Instalment %(year)s") % {"year": row.year}


@login_required
@require_GET
def plan_instalments(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _readable_plan(request, slug)
    data = selectors.plan_instalments(plan, timezone.localdate())
    history = money_history_context(
        request,
        [Instalment.history.filter(plan_id=plan.pk)],
        subjects={Instalment: _subject},
    )
    context = {
        "plan": plan,
        "data": data,
        "can_decide": services.may_decide(request.user),
        "history": history,
    }
    return render(request, "web/payments/plan.html", context)


def _write(
    request: HttpRequest,
    plan: Plan,
    form: Any,
    *,
    action: Callable[[], Any],
    saved: Callable[[], str],
    template: str = FORM_PAGE,
    on_error: Callable[[], None] | None = None,
    **page: Any,
) -> HttpResponse:
    if request.method == "POST" and save(form, action, on_error=on_error):
        messages.success(request, saved())
        return redirect(instalments_url(plan))
    page.setdefault("intro", "")
    page.setdefault("subject", None)
    context = {"plan": plan, "form": form, "cancel_url": instalments_url(plan), **page}
    return render(request, template, context)


@login_required
@GET_POST
def instalments_schedule(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _deciding_plan(request, slug)
    form = ScheduleForm(_posted(request))
    done: list[Any] = []

    def schedule() -> None:
        done.append(services.instalments_schedule(plan=plan, user=request.user))

    def saved() -> str:
        change = done[0]
        return _(
            "The instalments were planned from the approved budget: %(new)s new, "
            "%(changed)s changed, %(removed)s removed; paid instalments are kept as paid."
        ) % {
            "new": len(change.create),
            "changed": len(change.update),
            "removed": len(change.remove),
        }

    return _write(
        request,
        plan,
        form,
        action=schedule,
        saved=saved,
        template=CONFIRM_DELETE,
        title=_("Plan the instalments from the approved budget"),
        question=_(
            "Plan one instalment a year from LBF's amount in the plan's current approved "
            "budget, on 1 January (on the plan's start date in its first year)? Unpaid "
            "instalments take the budget's amount and date again; paid ones are not changed."
        ),
        form_id="instalments-schedule-form",
        submit=_("Plan the instalments"),
    )


@login_required
@GET_POST
def instalment_pay(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = _deciding_plan(request, slug)
    instalment = selectors.instalment_of_plan(plan, year)
    form = PayForm(_posted(request), instalment=instalment)
    state = selectors.plan_instalments(plan, timezone.localdate())
    row = next(r for r in state.rows if r.instalment.pk == instalment.pk)
    return _write(
        request,
        plan,
        form,
        action=lambda: services.instalment_pay(
            instalment=instalment,
            user=request.user,
            paid_on=form.cleaned_data["paid_on"],
            amount=form.cleaned_data["amount"],
            note=form.cleaned_data["note"],
        ),
        saved=lambda: (
            _("The payment of the instalment for %(year)s was recorded.") % {"year": year}
        ),
        on_error=instalment.refresh_from_db,
        title=_("Record LBF's payment of the instalment for %(year)s") % {"year": year},
        intro=row.reason,
        form_id="instalment-pay-form",
        submit=_("Record the payment"),
    )


@login_required
@GET_POST
def instalment_edit(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = _deciding_plan(request, slug)
    instalment = selectors.instalment_of_plan(plan, year)
    form = PlanEditForm(_posted(request), instalment=instalment)
    return _write(
        request,
        plan,
        form,
        action=lambda: services.instalment_plan_edit(
            instalment=instalment,
            user=request.user,
            planned_on=form.cleaned_data["planned_on"],
            planned_amount=form.cleaned_data["planned_amount"],
            note=form.cleaned_data["note"],
        ),
        saved=lambda: _("The plan of the instalment for %(year)s was saved.") % {"year": year},
        on_error=instalment.refresh_from_db,
        title=_("Change the plan of the instalment for %(year)s") % {"year": year},
        intro=_(
            "Planning the instalments from the approved budget again sets the budget's date "
            "and amount again."
        ),
        form_id="instalment-edit-form",
        submit=_("Save the plan"),
    )


@login_required
@require_GET
def instalments_overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    overview = selectors.instalments_overview(request.user, today)
    return render(request, "web/payments/overview.html", {"overview": overview, "today": today})
