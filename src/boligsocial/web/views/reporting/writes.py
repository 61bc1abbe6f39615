"""The form pages that change a year's report: its figures, the account lines, goal results
and milestones (add, edit, delete), submitting it to LBF, and LBF's decision (approve, or
return with remarks). The contents are the plan's editors'; the decision the LBF capacities'.
Every write goes through `reporting.services` inside the report's version check; a refused one
writes nothing and says why on the form. A year nobody has opened is opened by its first
write."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.budgets.models import BudgetCategory
from boligsocial.budgets.selectors import current_budget, lines_of
from boligsocial.funding.models import FocusArea
from boligsocial.plans.models import Plan
from boligsocial.reporting import services
from boligsocial.reporting.models import AccountLine, GoalResult, Milestone, YearlyReport
from boligsocial.web.forms.reporting import (
    AccountLineForm,
    GoalResultForm,
    MilestoneForm,
    ReportDeleteForm,
    ReportFiguresForm,
)
from boligsocial.web.views.internal.common import GET_POST, editable_plan
from boligsocial.web.views.reporting.common import (
    check_year,
    posted,
    stored_report,
    write_page,
)


class ReportOfYear:
    """The year's report of an editable plan: the stored one, or opened by the first write."""

    def __init__(self, request: HttpRequest, slug: str, year: int) -> None:
        self.request = request
        self.plan = editable_plan(request, slug)
        check_year(self.plan, year)
        self.year = year
        self.stored = stored_report(self.plan, year)

    def get(self) -> YearlyReport:
        if self.stored is None:
            self.stored = services.report_open(
                plan=self.plan, year=self.year, user=self.request.user
            )
        return self.stored

    def refresh(self) -> None:
        """After a refused write: the report as stored, or none when the refused write was
        the one that opened it (its transaction undid the opening too)."""
        if self.stored is None:
            return
        if YearlyReport.objects.filter(pk=self.stored.pk).exists():
            self.stored.refresh_from_db()
        else:
            self.stored = None


def _focus_areas(plan: Plan) -> QuerySet[FocusArea]:
    return plan.focus_areas.order_by("position", "pk")


def _categories(year: int) -> QuerySet[BudgetCategory]:
    return BudgetCategory.objects.filter(valid_from__year__lte=year).exclude(
        valid_to__year__lt=year
    )


def _row(queryset: QuerySet[Any], report: YearlyReport | None, pk: int) -> Any:
    found = queryset.filter(report=report, pk=pk).first() if report is not None else None
    if found is None:
        raise Http404(_("The report has no such line."))
    return found


@login_required
@GET_POST
def report_figures(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    r = ReportOfYear(request, slug, year)
    report = r.stored
    initial = (
        {name: getattr(report, name) for name in ReportFiguresForm.model_fields} if report else None
    )
    form = ReportFiguresForm(posted(request), initial=initial, version_of=report)
    return write_page(
        request,
        r.plan,
        year,
        form,
        action=lambda: services.report_update(
            report=r.get(), data=form.cleaned_data, user=request.user
        ),
        on_error=r.refresh,
        saved=_("The report's figures were saved."),
        title=_("Figures of the report for %(year)s") % {"year": year},
        form_id="report-figures-form",
        submit=_("Save the figures"),
        intro=_(
            "What LBF and the local co-financers paid for the year. The opening balance is the "
            "previous year's closing balance unless you give another."
        ),
    )


def _account_line_form(r: ReportOfYear, line: AccountLine | None) -> AccountLineForm:
    budget = current_budget(r.plan)
    budget_lines = [x for x in lines_of(budget) if x.year == r.year] if budget else []
    initial = {name: getattr(line, name) for name in AccountLineForm.model_fields} if line else None
    return AccountLineForm(
        posted(r.request),
        initial=initial,
        version_of=r.stored,
        budget_lines=budget_lines,
        categories=_categories(r.year),
        focus_areas=_focus_areas(r.plan),
    )


@login_required
@GET_POST
def account_line_add(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    r = ReportOfYear(request, slug, year)
    form = _account_line_form(r, None)
    return write_page(
        request,
        r.plan,
        year,
        form,
        action=lambda: services.account_line_save(
            report=r.get(), data=form.cleaned_data, user=request.user
        ),
        on_error=r.refresh,
        saved=_("The account line was added."),
        title=_("Add an account line to the report for %(year)s") % {"year": year},
        form_id="account-line-form",
        submit=_("Add the line"),
    )


@login_required
@GET_POST
def account_line_edit(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    r = ReportOfYear(request, slug, year)
    line = _row(AccountLine.objects.all(), r.stored, pk)
    form = _account_line_form(r, line)
    return write_page(
        request,
        r.plan,
        year,
        form,
        action=lambda: services.account_line_save(
            report=r.get(), line=line, data=form.cleaned_data, user=request.user
        ),
        on_error=r.refresh,
        saved=_("The account line was saved."),
        title=_("Account line: %(text)s (%(year)s)") % {"text": line.text, "year": year},
        form_id="account-line-form",
        submit=_("Save the line"),
    )


def _goal_form(r: ReportOfYear, goal: GoalResult | None) -> GoalResultForm:
    initial = {name: getattr(goal, name) for name in GoalResultForm.model_fields} if goal else None
    return GoalResultForm(
        posted(r.request),
        initial=initial,
        version_of=r.stored,
        focus_areas=_focus_areas(r.plan),
    )


@login_required
@GET_POST
def goal_result_add(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    r = ReportOfYear(request, slug, year)
    form = _goal_form(r, None)
    return write_page(
        request,
        r.plan,
        year,
        form,
        action=lambda: services.goal_result_save(
            report=r.get(), data=form.cleaned_data, user=request.user
        ),
        on_error=r.refresh,
        saved=_("The goal's result was added."),
        title=_("Add a goal's result to the report for %(year)s") % {"year": year},
        form_id="goal-result-form",
        submit=_("Add the goal"),
    )


@login_required
@GET_POST
def goal_result_edit(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    r = ReportOfYear(request, slug, year)
    goal = _row(GoalResult.objects.select_related("focus_area"), r.stored, pk)
    form = _goal_form(r, goal)
    return write_page(
        request,
        r.plan,
        year,
        form,
        action=lambda: services.goal_result_save(
            report=r.get(), goal=goal, data=form.cleaned_data, user=request.user
        ),
        on_error=r.refresh,
        saved=_("The goal's result was saved."),
        title=_("Goal: %(indicator)s (%(year)s)") % {"indicator": goal.indicator, "year": year},
        form_id="goal-result-form",
        submit=_("Save the goal"),
    )


def _milestone_form(r: ReportOfYear, milestone: Milestone | None) -> MilestoneForm:
    initial = (
        {name: getattr(milestone, name) for name in MilestoneForm.model_fields}
        if milestone
        else None
    )
    return MilestoneForm(
        posted(r.request),
        initial=initial,
        version_of=r.stored,
        focus_areas=_focus_areas(r.plan),
    )


@login_required
@GET_POST
def milestone_add(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    r = ReportOfYear(request, slug, year)
    form = _milestone_form(r, None)
    return write_page(
        request,
        r.plan,
        year,
        form,
        action=lambda: services.milestone_save(
            report=r.get(), data=form.cleaned_data, user=request.user
        ),
        on_error=r.refresh,
        saved=_("The milestone was added."),
        title=_("Add a milestone for %(coming)s") % {"coming": year + 1},
        form_id="milestone-form",
        submit=_("Add the milestone"),
    )


@login_required
@GET_POST
def milestone_edit(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    r = ReportOfYear(request, slug, year)
    milestone = _row(Milestone.objects.all(), r.stored, pk)
    form = _milestone_form(r, milestone)
    return write_page(
        request,
        r.plan,
        year,
        form,
        action=lambda: services.milestone_save(
            report=r.get(), milestone=milestone, data=form.cleaned_data, user=request.user
        ),
        on_error=r.refresh,
        saved=_("The milestone was saved."),
        title=_("Milestone: %(text)s") % {"text": milestone.text},
        form_id="milestone-form",
        submit=_("Save the milestone"),
    )


# Deleting a line: which kind of line each address names, its service and its words.
DELETIONS: dict[str, dict[str, Any]] = {
    "konto": {
        "model": AccountLine,
        "delete": lambda row, user: services.account_line_delete(line=row, user=user),
        "saved": gettext_lazy("The account line was deleted."),
        "question": gettext_lazy("Delete the account line “%(name)s”? The history keeps it."),
    },
    "maal": {
        "model": GoalResult,
        "delete": lambda row, user: services.goal_result_delete(goal=row, user=user),
        "saved": gettext_lazy("The goal's result was deleted."),
        "question": gettext_lazy("Delete the goal's result “%(name)s”? The history keeps it."),
    },
    "milepaele": {
        "model": Milestone,
        "delete": lambda row, user: services.milestone_delete(milestone=row, user=user),
        "saved": gettext_lazy("The milestone was deleted."),
        "question": gettext_lazy("Delete the milestone “%(name)s”? The history keeps it."),
    },
}


@login_required
@GET_POST
def line_delete(request: HttpRequest, slug: str, year: int, kind: str, pk: int) -> HttpResponse:
    if kind not in DELETIONS:
        raise Http404(_("The report has no such line."))
    how = DELETIONS[kind]
    r = ReportOfYear(request, slug, year)
    row = _row(how["model"].objects.all(), r.stored, pk)
    form = ReportDeleteForm(posted(request), version_of=r.stored)
    return write_page(
        request,
        r.plan,
        year,
        form,
        action=lambda: how["delete"](row, request.user),
        on_error=r.refresh,
        saved=str(how["saved"]),
        title=_("Delete a line of the report for %(year)s") % {"year": year},
        question=str(how["question"]) % {"name": str(row)},
        form_id="line-delete-form",
        submit=_("Delete"),
    )
