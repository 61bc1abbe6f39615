"""The dashboard: the plans the user may read, searchable and a page at a time."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from boligsocial.accounts.selectors import (
    can_create_plan,
    plan_area_names,
    plan_overview_counts,
    plan_search,
    plans_for_overview,
    scopes_for,
)
from boligsocial.pipeline.selectors import warnings_of, with_deadline_facts
from boligsocial.pipeline.wording import warning_text
from boligsocial.plans.models import Plan
from boligsocial.web.history import page_number
from boligsocial.web.paging import page_links
from boligsocial.web.views.budgets.cofinancing import may_see_cofinancers


class PlanSearchForm(forms.Form):
    """`?q=` of the dashboard: words to find in a plan's name, LBF number, areas,
    municipalities or housing organisations."""

    q = forms.CharField(
        label=gettext_lazy("Search the plans"),
        help_text=gettext_lazy(
            "Words from the plan's name or LBF number, or the name of an area, a municipality "
            "or a housing organisation."
        ),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-input", "type": "search"}),
    )


DASHBOARD_PLANS_PER_PAGE = 50


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The plans the user may read, those they may edit first, a page of 50 at a time
    (`?side=`), searchable (`?q=`), with how many they may read and edit. Only the page's plans
    are loaded, so the page costs the same whether the user may read 4 plans or 400."""
    form = PlanSearchForm(request.GET if "q" in request.GET else None)
    text = ""
    status = 200
    if form.is_bound:
        if form.is_valid():
            text = " ".join(form.cleaned_data["q"].split())
        else:
            status = 400
    readable = plans_for_overview(request.user, Plan.objects.select_related("fund_round"))
    counts = plan_overview_counts(request.user, readable)
    shown = plan_search(readable, text) if text else readable
    # the deadlines' facts are annotations of the page's own query (decision 0024)
    shown = with_deadline_facts(shown)
    paginator = Paginator(shown, DASHBOARD_PLANS_PER_PAGE)
    if not text:
        paginator.count = counts["readable"]  # known already: no second COUNT
    plan_page = paginator.get_page(page_number(request.GET.get("side")))
    plans = list(plan_page.object_list)
    areas = plan_area_names([plan.pk for plan in plans])
    warnings = warnings_of(plans, timezone.localdate())
    rows = [
        {
            "plan": plan,
            "areas": areas.get(plan.pk, []),
            "can_edit": plan.editable,
            "warnings": [warning_text(w) for w in warnings[plan.pk]],
        }
        for plan in plans
    ]
    context = {
        "form": form,
        "text": text,
        "rows": rows,
        "readable_count": counts["readable"],
        "editable_count": counts["editable"],
        "match_count": paginator.count,
        "plan_page": plan_page,
        **page_links(request.path, {"q": text} if text else {}, plan_page),
        "can_merge": scopes_for(request.user).is_admin,
        "can_see_pipeline": scopes_for(request.user).is_admin,
        "can_create": can_create_plan(request.user),
        "can_see_cofinancers": may_see_cofinancers(scopes_for(request.user)),
    }
    return render(request, "web/internal/dashboard.html", context, status=status)
