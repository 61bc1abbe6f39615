"""A plan's life in the web (decision 0020): its state, what it lacks for the next submission,
the transitions the user may make from here (each a form), the ones they may not with the
reason, and the timeline. For the secretariat, the plan's applicants and LBF."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from boligsocial.accounts.selectors import can_edit_plan, can_read_plan
from boligsocial.documents.selectors import downloadable_ids
from boligsocial.lifecycle import rules
from boligsocial.lifecycle.models import TransitionKind
from boligsocial.lifecycle.selectors import capacities_of, missing_parts, plan_timeline
from boligsocial.lifecycle.uploads import plan_transition_with_upload
from boligsocial.lifecycle.wording import refusal_text
from boligsocial.plans.models import Plan
from boligsocial.web.forms.transitions import TransitionForm
from boligsocial.web.views.internal.common import save
from boligsocial.web.views.plan_create import life_url


def _plan_in_life(request: HttpRequest, slug: str) -> tuple[Plan, frozenset[str]]:
    """The plan and the capacities the user holds in it: 404 when they may not read it, 403
    when they hold none (they may read it on its public page)."""
    plan = Plan.objects.select_related("fund_round").filter(slug=slug).first()
    if plan is None or not can_read_plan(request.user, plan):
        raise Http404("No such plan.")
    held = capacities_of(request.user, plan)
    if not held:
        raise PermissionDenied(
            _("Only the secretariat, the plan's applicants and LBF follow the plan's steps here.")
        )
    return plan, held


@dataclass
class Refused:
    """A transition from the plan's state the user may not make, and why."""

    label: str
    reason: str


def _offers(
    plan: Plan, held: frozenset[str], bound: TransitionForm | None
) -> tuple[list[TransitionForm], list[Refused]]:
    """A form for each transition the user may make from the plan's state (`bound` in place
    of its kind's after a refused POST), and the others from this state with the reason."""
    allowed = rules.allowed_kinds(plan.status, held)
    forms = [
        bound
        if bound is not None and bound.kind == kind
        else TransitionForm(kind=kind, plan=plan, held=held)
        for kind in allowed
    ]
    refused = []
    for kind, transition in rules.TRANSITIONS.items():
        if kind in allowed or kind == rules.IDEA_KIND or plan.status not in transition.sources:
            continue
        target = min(transition.targets) if transition.targets else None
        refusal = rules.check_transition(
            kind=kind, status=plan.status, target=target, held=held, capacity=None
        )
        if refusal is not None:
            refused.append(Refused(str(TransitionKind(kind).label), refusal_text(refusal)))
    return forms, refused


def _stage(status: str) -> str | None:
    """The submission the plan is being prepared for in `status`, if any."""
    if status == rules.IDEA:
        return rules.PREQUALIFICATION
    if status == rules.IN_DIALOGUE:
        return rules.FULL_PLAN
    return None


def _page(
    request: HttpRequest,
    plan: Plan,
    held: frozenset[str],
    bound: TransitionForm | None = None,
) -> HttpResponse:
    forms, refused = _offers(plan, held, bound)
    stage = _stage(plan.status)
    timeline = plan_timeline(plan, public=False)
    context: dict[str, Any] = {
        "plan": plan,
        "title": _("The plan's steps: %(plan)s") % {"plan": plan.name},
        "forms": forms,
        "bound": bound,
        "refused": refused,
        "stage": stage,
        "missing": missing_parts(plan, stage) if stage else [],
        "prepares": bool(held & rules.PREPARERS),
        "can_edit": can_edit_plan(request.user, plan),
        "timeline": timeline,
        "downloadable": downloadable_ids(request.user, plan, [e.document for e in timeline]),
    }
    return render(request, "web/plans/life.html", context)


@login_required
@require_GET
def plan_life(request: HttpRequest, slug: str) -> HttpResponse:
    plan, held = _plan_in_life(request, slug)
    return _page(request, plan, held)


@login_required
@require_POST
def plan_transition(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """Make the transition `kind`. A refusal (out of order, the wrong capacity, missing parts,
    a refused file) shows the page again with the reason at the top and on the form; nothing
    is written."""
    plan, held = _plan_in_life(request, slug)
    if kind not in rules.TRANSITIONS or kind == rules.IDEA_KIND:
        raise Http404("No such transition.")
    form = TransitionForm(request.POST, request.FILES, kind=kind, plan=plan, held=held)

    def make() -> None:
        plan_transition_with_upload(
            plan=plan, user=request.user, kind=kind, **form.service_arguments()
        )

    if save(form, make, on_error=plan.refresh_from_db):
        plan.refresh_from_db()
        messages.success(
            request,
            _("Recorded: %(step)s. The plan is now “%(status)s”.")
            % {"step": TransitionKind(kind).label, "status": plan.get_status_display()},
        )
        return redirect(life_url(plan))
    return _page(request, plan, held, bound=form)
