"""The pages that write a plan's budget, for the plan's editors (secretariat administrators,
its leader): start the budget, add/change/delete a line of a draft, start an omplacering,
approve it with the board's decision, discard a draft. Every write goes through
`budgets.services` under the budget version's token; a refused one writes nothing and says why
on the form (an omplacering that would raise LBF's share over the maximum: the breach in
kroner and percentage points, next to the amount)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from boligsocial.areas.models import Afdeling
from boligsocial.budgets import services
from boligsocial.budgets.lines import LINE_FIELDS, plan_context
from boligsocial.budgets.models import BudgetLine, BudgetVersion, VersionKind
from boligsocial.budgets.selectors import current_budget, draft_of
from boligsocial.governance.models import Body, BodyKind
from boligsocial.organisations.models import Organisation, OrganisationKind
from boligsocial.plans.models import Plan
from boligsocial.web.forms.budgets import (
    ApproveForm,
    BudgetOpenForm,
    DiscardForm,
    LineDeleteForm,
    LineForm,
    RevisionStartForm,
)
from boligsocial.web.views.budgets.common import (
    budget_url,
    budget_view,
    version_or_404,
    version_url,
)
from boligsocial.web.views.internal.common import (
    CONFIRM_DELETE,
    FORM_PAGE,
    GET_POST,
    editable_plan,
    save,
)

LINE_FORM = "web/budgets/line_form.html"


def _page(
    request: HttpRequest,
    plan: Plan,
    form: Any,
    *,
    action: Callable[[], Any],
    saved: str,
    then: Callable[[], str],
    on_error: Callable[[], None] | None = None,
    template: str = FORM_PAGE,
    cancel_url: str = "",
    **page: Any,
) -> HttpResponse:
    """One write page of the budget: on a POST `save` runs `action` (a service) under the
    form's version token; when saved, the message `saved` and on to `then()`. Otherwise the
    page with the form (its errors after a POST)."""
    if request.method == "POST" and save(form, action, on_error=on_error):
        messages.success(request, saved)
        return redirect(then())
    page.setdefault("intro", "")
    page.setdefault("subject", None)
    context = {"plan": plan, "form": form, "cancel_url": cancel_url or budget_url(plan), **page}
    return render(request, template, context)


def _posted(request: HttpRequest) -> Any:
    """The form's data on a POST (even an empty one: a confirmation has no fields)."""
    return request.POST if request.method == "POST" else None


def _draft(plan: Plan, number: int) -> BudgetVersion:
    version = version_or_404(plan, number)
    if not version.is_editable:
        raise PermissionDenied(
            _(
                "Version %(number)s of the budget is approved and cannot be changed; start an "
                "omplacering to change the budget."
            )
            % {"number": version.number}
        )
    return version


@login_required
@GET_POST
def budget_open(request: HttpRequest, slug: str) -> HttpResponse:
    """Start the plan's budget: the draft original, from the application's estimate."""
    plan = editable_plan(request, slug)
    existing = current_budget(plan)
    if existing is not None:
        return redirect(version_url(plan, existing))
    opened: list[BudgetVersion] = []
    form = BudgetOpenForm(_posted(request))
    return _page(
        request,
        plan,
        form,
        action=lambda: opened.append(services.budget_open(plan=plan, user=request.user)),
        saved=_("The budget was started as a draft."),
        then=lambda: version_url(plan, opened[0]),
        template=CONFIRM_DELETE,
        title=_("Start the budget"),
        question=_(
            "Start the plan's budget? It begins as a draft with the application's budget "
            "estimate, one line a year and source, which you then divide into lines."
        ),
        form_id="budget-open-form",
        submit=_("Start the budget"),
    )


def _line_form(request: HttpRequest, plan: Plan, version: BudgetVersion, **kw: Any) -> LineForm:
    ctx = plan_context(plan)
    organisations = Organisation.objects.filter(
        Q(kind=OrganisationKind.MUNICIPALITY, municipality__in=ctx.municipality_ids)
        | Q(pk__in=ctx.housing_organisation_ids)
        | Q(kind__in=[OrganisationKind.FOUNDATION, OrganisationKind.OTHER], active=True)
    ).order_by("name")
    return LineForm(
        _posted(request),
        version_of=version,
        years=list(ctx.years),
        focus_areas=plan.focus_areas.order_by("position"),
        organisations=organisations,
        afdelinger=Afdeling.objects.filter(plans=plan)
        .select_related("organisation")
        .order_by("organisation__name", "number"),
        **kw,
    )


def _line_page(
    request: HttpRequest,
    plan: Plan,
    version: BudgetVersion,
    form: LineForm,
    line: BudgetLine | None,
) -> HttpResponse:
    def write() -> None:
        data = {name: form.cleaned_data.get(name) for name in LINE_FIELDS}
        services.budget_line_save(version=version, line=line, data=data, user=request.user)

    title = (
        _("Add a line to version %(number)s")
        if line is None
        else _("Change a line of version %(number)s")
    ) % {"number": version.number}
    return _page(
        request,
        plan,
        form,
        action=write,
        saved=_("The line was saved.") if line else _("The line was added."),
        then=lambda: version_url(plan, version) + "#lines",
        on_error=version.refresh_from_db,
        template=LINE_FORM,
        cancel_url=version_url(plan, version),
        title=title,
        form_id="budget-line-form",
        submit=_("Save the line"),
        version=version,
        view=budget_view(version),
    )


@login_required
@GET_POST
def line_add(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    version = _draft(plan, number)
    return _line_page(request, plan, version, _line_form(request, plan, version), None)


def _line_of(version: BudgetVersion, pk: int) -> BudgetLine:
    line = BudgetLine.objects.filter(version=version, pk=pk).first()
    if line is None:
        raise Http404("No such line in this version.")
    return line


@login_required
@GET_POST
def line_edit(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    version = _draft(plan, number)
    line = _line_of(version, pk)
    initial = {name: getattr(line, name) for name in LINE_FIELDS}
    form = _line_form(request, plan, version, initial=initial)
    return _line_page(request, plan, version, form, line)


@login_required
@GET_POST
def line_delete(request: HttpRequest, slug: str, number: int, pk: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    version = _draft(plan, number)
    line = _line_of(version, pk)
    form = LineDeleteForm(_posted(request), version_of=version)
    return _page(
        request,
        plan,
        form,
        action=lambda: services.budget_line_delete(line=line, user=request.user),
        saved=_("The line was deleted."),
        then=lambda: version_url(plan, version) + "#lines",
        on_error=version.refresh_from_db,
        template=CONFIRM_DELETE,
        cancel_url=version_url(plan, version),
        title=_("Delete a line of version %(number)s") % {"number": version.number},
        question=_("Delete the line “%(text)s” (%(year)s) from draft version %(number)s?")
        % {"text": line.text, "year": line.year, "number": version.number},
        form_id="budget-line-delete-form",
        submit=_("Delete the line"),
    )


@login_required
@GET_POST
def revision_start(request: HttpRequest, slug: str) -> HttpResponse:
    """Start an omplacering: a draft copied from the latest approved version."""
    plan = editable_plan(request, slug)
    draft = draft_of(plan)
    if draft is not None and draft.kind == VersionKind.REVISION:
        return redirect(version_url(plan, draft))
    started: list[BudgetVersion] = []
    form = RevisionStartForm(_posted(request))
    return _page(
        request,
        plan,
        form,
        action=lambda: started.append(
            services.budget_revision_start(
                plan=plan, user=request.user, note=form.cleaned_data["note"]
            )
        ),
        saved=_("The omplacering was started as a draft copy of the budget in force."),
        then=lambda: version_url(plan, started[0]),
        title=_("Start an omplacering"),
        intro=_(
            "An omplacering moves money within the budget. It starts as a copy of the budget "
            "in force, changes nothing until the plan's bestyrelse has approved it, and cannot "
            "raise LBF's share over the maximum."
        ),
        form_id="budget-revision-form",
        submit=_("Start the omplacering"),
    )


@login_required
@GET_POST
def version_approve(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """The plan's board approves a draft omplacering: the date, the board and its decision."""
    plan = editable_plan(request, slug)
    version = _draft(plan, number)
    bodies = Body.objects.filter(plan=plan, kind=BodyKind.BOARD).order_by("name")
    form = ApproveForm(_posted(request), version_of=version, bodies=bodies)
    return _page(
        request,
        plan,
        form,
        action=lambda: services.budget_revision_approve(
            version=version,
            user=request.user,
            approved_on=form.cleaned_data["approved_on"],
            decision=form.cleaned_data["decision"],
            body=form.cleaned_data["body"],
        ),
        saved=_("The omplacering was approved; it is now the budget in force."),
        then=lambda: budget_url(plan),
        on_error=version.refresh_from_db,
        cancel_url=version_url(plan, version),
        title=_("Record the board's approval of version %(number)s") % {"number": version.number},
        intro=_(
            "The version becomes the budget in force from the board's decision and never "
            "changes again."
        ),
        form_id="budget-approve-form",
        submit=_("Record the approval"),
    )


@login_required
@GET_POST
def version_discard(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    version = _draft(plan, number)
    form = DiscardForm(_posted(request), version_of=version)
    return _page(
        request,
        plan,
        form,
        action=lambda: services.budget_draft_discard(version=version, user=request.user),
        saved=_("The draft was discarded."),
        then=lambda: budget_url(plan),
        on_error=version.refresh_from_db,
        template=CONFIRM_DELETE,
        cancel_url=version_url(plan, version),
        title=_("Discard version %(number)s") % {"number": version.number},
        question=_("Discard draft version %(number)s with its lines? The history keeps it.")
        % {"number": version.number},
        form_id="budget-discard-form",
        submit=_("Discard the draft"),
    )
