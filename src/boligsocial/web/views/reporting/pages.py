"""The pages that read the reports: a plan's accounts (every year's reguleringskonto, budget
against actual, the reports with status, due date and lateness, the history), one year's
report, its PDF, and every report due across the plans the user may read. For logged-in users
who may read the plan; anyone else gets the login page (anonymous) or 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from boligsocial.accounts.selectors import can_edit_plan, plans_readable_by
from boligsocial.reporting import rules
from boligsocial.reporting.models import AccountLine, GoalResult, Milestone, YearlyReport
from boligsocial.reporting.pdf import report_filename, report_pdf
from boligsocial.reporting.selectors import reports_due as reports_due_rows
from boligsocial.reporting.services import decision_capacities
from boligsocial.reporting.statements import YearAccounts, plan_accounts, report_detail
from boligsocial.reporting.wording import missing_text
from boligsocial.web.forms.reporting import ALL, LATE, OPEN, ReportsFilterForm
from boligsocial.web.history import page_number
from boligsocial.web.money_history import money_history_context
from boligsocial.web.paging import page_links
from boligsocial.web.views.reporting.common import check_year, readable_plan

REPORTS_PER_PAGE = 100


# More budget-against-actual rows than this show one year at a time (`?aar=YYYY`): a running
# plan's 800 budget lines and their accounts cost ~270 KB on one page.
ROWS_ON_ONE_PAGE = 200


def _shown_years(
    years: list[YearAccounts], requested: str | None, this_year: int
) -> tuple[list[YearAccounts], list[tuple[int, bool]]]:
    """The years whose budget against actual the page shows, and the nav of the years
    ((year, shown), empty when every year is shown): every year when the rows are few, else
    the one asked for, or this year, or the last year of an ended plan, or the first."""
    numbers = [item.year for item in years]
    chosen = int(requested) if requested and requested.isdigit() else None
    if chosen not in numbers:
        chosen = None
        if sum(len(item.rows) for item in years) <= ROWS_ON_ONE_PAGE or not numbers:
            return years, []
        earlier = [year for year in numbers if year <= this_year]
        chosen = earlier[-1] if earlier else numbers[0]
    return [item for item in years if item.year == chosen], [(y, y == chosen) for y in numbers]


@login_required
@require_GET
def accounts(request: HttpRequest, slug: str) -> HttpResponse:
    plan = readable_plan(request, slug)
    today = timezone.localdate()
    data = plan_accounts(plan, today)
    history = money_history_context(
        request,
        [
            YearlyReport.history.filter(plan_id=plan.pk),
            AccountLine.history.filter(report__plan_id=plan.pk),
            GoalResult.history.filter(report__plan_id=plan.pk),
            Milestone.history.filter(report__plan_id=plan.pk),
        ],
        subjects={
            YearlyReport: lambda row: _("Report %(year)s") % {"year": row.year},
            AccountLine: lambda row: _("Account line: %(text)s") % {"text": row.text},
            GoalResult: lambda row: _("Goal: %(indicator)s") % {"indicator": row.indicator},
            Milestone: lambda row: _("Milestone: %(text)s") % {"text": row.text},
        },
        omit=("position",),
    )
    shown, year_nav = _shown_years(data.years, request.GET.get("aar"), today.year)
    context = {
        "plan": plan,
        "accounts": data,
        "shown": shown,
        "year_nav": year_nav,
        "today": today,
        "can_edit": can_edit_plan(request.user, plan),
        "history": history,
    }
    return render(request, "web/reporting/accounts.html", context)


@login_required
@require_GET
def report(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = readable_plan(request, slug)
    check_year(plan, year)
    today = timezone.localdate()
    detail = report_detail(plan, year, today)
    editor = can_edit_plan(request.user, plan)
    context = {
        "plan": plan,
        "detail": detail,
        "today": today,
        # a year of a funded plan that has begun (report_open's rule)
        "can_edit": editor
        and detail.editable
        and plan.status in rules.REPORTING_PLAN_STATES
        and year <= today.year,
        "can_submit": editor
        and detail.report is not None
        and rules.can_submit(detail.status)
        and rules.year_has_ended(year, today),
        "can_decide": bool(decision_capacities(request.user)) and rules.can_decide(detail.status),
        "missing": [missing_text(code, year) for code in detail.missing],
        "pdf_name": report_filename(plan, year),
    }
    return render(request, "web/reporting/report.html", context)


@login_required
@require_GET
def report_pdf_download(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    plan = readable_plan(request, slug)
    check_year(plan, year)
    today = timezone.localdate()
    data = report_pdf(report_detail(plan, year, today), today)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{report_filename(plan, year)}"'
    # built from what the reader may see now: never kept by a shared cache
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def reports_due(request: HttpRequest) -> HttpResponse:
    """Every report owed by the plans the user may read, late first; `?status=` filters."""
    today = timezone.localdate()
    form = ReportsFilterForm(request.GET if "status" in request.GET else None)
    choice = OPEN
    status = 200
    if form.is_bound:
        if form.is_valid():
            choice = form.cleaned_data["status"] or OPEN
        else:
            status = 400
    statuses: list[str] | None = None
    late: bool | None = None
    if choice == OPEN:
        statuses = [rules.DUE, rules.SUBMITTED, rules.RETURNED]
    elif choice == LATE:
        late = True
    elif choice != ALL:
        statuses = [choice]
    rows = reports_due_rows(plans_readable_by(request.user), today, statuses=statuses, late=late)
    paginator = Paginator(rows, REPORTS_PER_PAGE)
    page = paginator.get_page(page_number(request.GET.get("side")))
    context = {
        "form": form,
        "rows": page.object_list,
        "page": page,
        "late_count": sum(1 for row in rows if row.due.late),
        "today": today,
        **page_links(request.path, request.GET, page),
    }
    return render(request, "web/reporting/reports_due.html", context, status=status)
