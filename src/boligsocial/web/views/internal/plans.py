"""A plan's management page and the form that edits the plan itself."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from boligsocial.accounts.rules import can_publish_plan
from boligsocial.accounts.selectors import scopes_for
from boligsocial.governance.selectors import (
    bodies_of_plan,
    roles_of_plan,
)
from boligsocial.governance.services import plan_update
from boligsocial.pipeline.selectors import plan_warnings
from boligsocial.pipeline.wording import warning_text
from boligsocial.web.forms import PlanForm
from boligsocial.web.views.internal.common import GET_POST, edit_page, editable_plan


@login_required
def plan_manage(request: HttpRequest, slug: str) -> HttpResponse:
    """Everything an editor changes on a plan: its staff roles and its bodies with members,
    past, present and future."""
    plan = editable_plan(request, slug)
    today = timezone.localdate()
    context = {
        "plan": plan,
        "roles": roles_of_plan(plan=plan),
        "bodies": bodies_of_plan(plan=plan),
        "today": today,
        # the deadlines' warnings (decision 0024): one query
        "warnings": [warning_text(w) for w in plan_warnings(plan, today)],
    }
    return render(request, "web/internal/plan_manage.html", context)


@login_required
@GET_POST
def plan_edit(request: HttpRequest, slug: str) -> HttpResponse:
    plan = editable_plan(request, slug)
    # Only the secretariat publishes (decision 0025); a plan's leader sees the field disabled.
    may_publish = can_publish_plan(scopes_for(request.user))
    if request.method == "POST":
        form = PlanForm(request.POST, plan=plan, may_publish=may_publish)
    else:
        form = PlanForm(initial=PlanForm.initial_for(plan), plan=plan, may_publish=may_publish)

    def update() -> None:
        plan_update(
            plan=plan,
            data=form.service_data(),
            afdelinger=form.cleaned_data["afdelinger"],
            focus_areas=form.cleaned_data["focus_areas"],
            may_publish=may_publish,
        )

    return edit_page(
        request,
        plan=plan,
        form=form,
        action=update,
        # plan_update sets the new values on the instance before it validates them.
        on_error=plan.refresh_from_db,
        saved=_("The plan was saved."),
        title=_("Edit %(plan)s") % {"plan": plan.name},
        form_id="plan-form",
        submit=_("Save the plan"),
    )
