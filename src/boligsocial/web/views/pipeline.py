"""The secretariat's renewal pipeline (docs/decisions/0024): every plan by state with its next
step, who holds it and its warnings, and every area whose plan ends within 24 months or that is
on the latest official list without a running plan. A page of each list at a time, so the page
stays small and its query count fixed at national scale. Only the secretariat sees it: it
spans plans and areas other users may not read (unpublished ideas of other organisations)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from boligsocial.accounts.selectors import plan_area_names, scopes_for
from boligsocial.indicators.models import Designation
from boligsocial.pipeline import rules, selectors
from boligsocial.pipeline.wording import holder_text, step_text, warning_text
from boligsocial.plans.models import PlanStatus
from boligsocial.web.context_processors import current_site
from boligsocial.web.history import page_number

PLANS_PER_PAGE = 50
AREAS_PER_PAGE = 50


class PipelineFilterForm(forms.Form):
    """`?status=`: the plans of one state; empty: every plan that is not closed."""

    status = forms.ChoiceField(
        label=gettext_lazy("State"),
        choices=[("", gettext_lazy("Every plan that is not closed")), *PlanStatus.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )


def _holder(step: rules.Step | None, organisations: list[str]) -> str:
    if step is None:
        return ""
    text = holder_text(step.holder)
    if step.holder in (rules.HOLDER_APPLICANTS, rules.HOLDER_SECRETARIAT) and organisations:
        text = f"{text}: {', '.join(organisations)}"
    return text


def _links(request: HttpRequest, key: str, page: Any) -> dict[str, str | None]:
    """The addresses of the pages before and after `page` of the list paged by `?key=`,
    keeping the filter and the other list's page."""

    def url(number: int) -> str:
        params = request.GET.copy()
        params.pop(key, None)
        if number > 1:
            params[key] = str(number)
        encoded = params.urlencode()
        return f"{request.path}?{encoded}" if encoded else request.path

    return {
        "previous": url(page.previous_page_number()) if page.has_previous() else None,
        "next": url(page.next_page_number()) if page.has_next() else None,
    }


@login_required
@require_GET
def pipeline(request: HttpRequest) -> HttpResponse:
    if not scopes_for(request.user).is_admin:
        raise PermissionDenied("Only the secretariat sees the pipeline.")
    today = timezone.localdate()
    form = PipelineFilterForm(request.GET if "status" in request.GET else None)
    status = 200
    states = selectors.ACTIVE_STATES
    if form.is_bound:
        if form.is_valid():
            if form.cleaned_data["status"]:
                states = (form.cleaned_data["status"],)
        else:
            status = 400
    profile = current_site(request)  # the site's municipalities (all when it names none)
    counts = selectors.state_counts(profile)
    summary = [
        {"status": state, "label": PlanStatus(state).label, "count": counts[state]}
        for state in rules.STATE_ORDER
    ]

    paginator = Paginator(selectors.pipeline_plans(states, profile), PLANS_PER_PAGE)
    paginator.count = sum(counts[state] for state in states)  # known: no second COUNT
    plan_page = paginator.get_page(page_number(request.GET.get("side")))
    plans = list(plan_page.object_list)
    ids = [plan.pk for plan in plans]
    holders = selectors.plan_holders(ids)
    areas = plan_area_names(ids)
    plan_rows = []
    for plan in plans:
        facts = selectors.plan_facts(plan)
        step = rules.next_step(facts, today)
        plan_rows.append(
            {
                "plan": plan,
                "areas": areas.get(plan.pk, []),
                "step": step_text(step) if step else "",
                "due": step.due if step else None,
                "holder": _holder(step, holders.get(plan.pk, [])),
                "warnings": [warning_text(w) for w in rules.plan_warnings(facts, today)],
            }
        )

    area_paginator = Paginator(selectors.pipeline_areas(today, profile), AREAS_PER_PAGE)
    area_page = area_paginator.get_page(page_number(request.GET.get("omraadeside")))
    page_areas = list(area_page.object_list)
    details = selectors.area_details([area.pk for area in page_areas])
    area_rows = []
    for area in page_areas:
        area_plans = details.plans.get(area.pk, [])
        preparing = [p for p in area_plans if p.status in rules.PREPARING]
        step = rules.area_step(ending=area.plan_ends is not None, preparing=bool(preparing))
        area_rows.append(
            {
                "area": area,
                "plans": [{"plan": p, "label": PlanStatus(p.status).label} for p in area_plans],
                "designations": [
                    Designation(d).label
                    for d in details.designations.get(area.pk, [])
                    if d in Designation.values
                ],
                "step": step_text(step) if step else "",
                "holder": _holder(step, details.organisations.get(area.pk, [])),
            }
        )
    context = {
        "form": form,
        "summary": summary,
        "states": states,
        "plan_rows": plan_rows,
        "plan_page": plan_page,
        "plan_links": _links(request, "side", plan_page),
        "area_rows": area_rows,
        "area_page": area_page,
        "area_links": _links(request, "omraadeside", area_page),
        "list_year": details.list_year,
        "horizon": rules.PIPELINE_HORIZON_MONTHS,
        "today": today,
    }
    return render(request, "web/pipeline.html", context, status=status)
