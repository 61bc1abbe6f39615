"""LBF's side of a report and the step before it: submitting the report to LBF (the plan's
editors), and LBF's decision on it, approve or return with remarks (a user acting for LBF, or a
secretariat administrator recording LBF's letter)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from boligsocial.reporting import services
from boligsocial.web.forms.reporting import (
    DecisionForm,
    SubmitForm,
)
from boligsocial.web.views.internal.common import GET_POST
from boligsocial.web.views.reporting.common import (
    check_year,
    posted,
    readable_plan,
    stored_report,
    write_page,
)
from boligsocial.web.views.reporting.writes import ReportOfYear


@login_required
@GET_POST
def report_submit(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    r = ReportOfYear(request, slug, year)
    form = SubmitForm(posted(request), version_of=r.stored)
    return write_page(
        request,
        r.plan,
        year,
        form,
        action=lambda: services.report_submit(
            report=r.get(), user=request.user, submitted_on=form.cleaned_data.get("submitted_on")
        ),
        on_error=r.refresh,
        saved=_("The report was submitted to LBF."),
        title=_("Submit the report for %(year)s to LBF") % {"year": year},
        form_id="report-submit-form",
        submit=_("Submit to LBF"),
        intro=_(
            "The report then no longer changes, unless LBF returns it with remarks. It needs "
            "the accounts, at least one goal's result and a milestone of the coming year."
        ),
    )


def _decision(request: HttpRequest, slug: str, year: int, *, approve: bool) -> HttpResponse:
    plan = readable_plan(request, slug)
    check_year(plan, year)
    capacities = services.decision_capacities(request.user)
    if not capacities:
        raise PermissionDenied(
            _(
                "Only a user acting for LBF, or a secretariat administrator recording LBF's "
                "letter, may record LBF's decision on a report."
            )
        )
    report = stored_report(plan, year)
    if report is None:
        raise Http404(_("The report for %(year)s has not been submitted.") % {"year": year})
    form = DecisionForm(
        posted(request), version_of=report, capacities=capacities, remarks_required=not approve
    )

    def decide() -> None:
        data = form.cleaned_data
        service = services.report_approve if approve else services.report_return
        service(
            report=report,
            user=request.user,
            decided_on=data["decided_on"],
            remarks=data.get("remarks") or "",
            capacity=data["decision_capacity"],
        )

    return write_page(
        request,
        plan,
        year,
        form,
        action=decide,
        on_error=report.refresh_from_db,
        saved=_("LBF's approval was recorded.") if approve else _("LBF's return was recorded."),
        title=(
            _("Record LBF's approval of the report for %(year)s")
            if approve
            else _("Record that LBF returned the report for %(year)s")
        )
        % {"year": year},
        form_id="report-decision-form",
        submit=_("Record the approval") if approve else _("Record the return"),
        intro=""
        if approve
        else _("The report can then be changed and submitted again; past its due date it is late."),
    )


@login_required
@GET_POST
def report_approve(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _decision(request, slug, year, approve=True)


@login_required
@GET_POST
def report_return(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    return _decision(request, slug, year, approve=False)
