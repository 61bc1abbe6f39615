"""Creating a plan in the web ("Ny helhedsplan") and preparing its application: the texts and
the budget estimate. The plan starts as an idea (`lifecycle.services.plan_create_idea`), not
published; the secretariat and the plan's applicants prepare it (decision 0020)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from boligsocial.accounts.selectors import can_create_plan, can_read_plan, people_readable_by
from boligsocial.areas.models import Afdeling
from boligsocial.areas.selectors import afdeling_search
from boligsocial.core.numbers import ID_MAX
from boligsocial.governance.services import working_group_create
from boligsocial.lifecycle import rules as life_rules
from boligsocial.lifecycle.selectors import capacities_of
from boligsocial.lifecycle.services import plan_create_idea
from boligsocial.plans.models import Plan
from boligsocial.plans.services import (
    plan_application_update,
    plan_budget_estimates_set,
    plan_goals_set,
)
from boligsocial.web.forms.plan_create import (
    SEARCH_LIMIT,
    ApplicationForm,
    BudgetForm,
    PlanCreateForm,
)
from boligsocial.web.views.internal.common import GET_POST, save
from boligsocial.web.views.people_picker import person_picker_context


def life_url(plan: Plan) -> str:
    return reverse("web:plan_life", args=[plan.slug])


def preparable_plan(request: HttpRequest, slug: str) -> Plan:
    """The plan, if the user may prepare its application (the secretariat, or an applicant:
    its leader, a user of its housing organisations or municipality): 404 when they may not
    even read it, else 403."""
    plan = Plan.objects.select_related("fund_round").filter(slug=slug).first()
    if plan is None or not can_read_plan(request.user, plan):
        raise Http404("No such plan.")
    if not capacities_of(request.user, plan) & life_rules.PREPARERS:
        raise PermissionDenied(
            _(
                "Only the secretariat and the plan's applicants (its leader, housing "
                "organisations and municipality) prepare its application."
            )
        )
    return plan


# The afdeling picker ---------------------------------------------------------------------------


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit() and int(v) <= ID_MAX]


def picker_context(data: QueryDict) -> dict[str, Any]:
    """The chosen afdelinger (`afdelinger` in `data`) and, for the text `afdeling_search`, the
    first SEARCH_LIMIT others that match, with how many match in all."""
    chosen_ids = _ids(data.getlist("afdelinger"))
    chosen = list(
        Afdeling.objects.filter(pk__in=chosen_ids)
        .select_related("organisation", "area")
        .order_by("organisation__name", "number")
    )
    text = data.get("afdeling_search", "").strip()[:200]
    found = afdeling_search(text).exclude(pk__in=chosen_ids)
    results = list(found[:SEARCH_LIMIT]) if text else []
    count = found.count() if text and len(results) == SEARCH_LIMIT else len(results)
    return {
        "chosen": chosen,
        "results": results,
        "search_text": text,
        "match_count": count,
        "limit": SEARCH_LIMIT,
    }


@login_required
@require_GET
def afdeling_picker(request: HttpRequest) -> HttpResponse:
    """The picker's lists for a search typed in the create form (htmx swaps them in as the
    user types); the chosen afdelinger stay chosen."""
    if not can_create_plan(request.user):
        raise PermissionDenied(_("Only the secretariat and housing organisations create plans."))
    return render(request, "web/plans/afdeling_picker.html", picker_context(request.GET))


# Ny helhedsplan --------------------------------------------------------------------------------


def _initial_from(data: QueryDict) -> dict[str, Any]:
    """The posted values as a new form's initial values (a search keeps what was typed
    without reporting the fields not filled in yet)."""
    initial: dict[str, Any] = {k: data.get(k) for k in data if k not in ("csrfmiddlewaretoken",)}
    initial["afdelinger"] = _ids(data.getlist("afdelinger"))
    initial["focus_areas"] = _ids(data.getlist("focus_areas"))
    initial["working_group"] = _ids(data.getlist("working_group"))
    return initial


@login_required
@GET_POST
def plan_create(request: HttpRequest) -> HttpResponse:
    """A new plan as an idea: the secretariat (any afdelinger) and housing organisations' users
    (at least one of their own afdelinger). The afdeling search works without JavaScript (the
    Search button posts the form back with the matches) and, with htmx, as one types."""
    if not can_create_plan(request.user):
        raise PermissionDenied(_("Only the secretariat and housing organisations create plans."))
    searching = request.method == "POST" and request.POST.get("action") == "search"
    people = people_readable_by(request.user)
    if request.method == "POST" and not searching:
        form = PlanCreateForm(request.POST, people=people)
        created: list[Plan] = []

        @transaction.atomic
        def create() -> None:
            data = form.service_data()
            plan = plan_create_idea(
                user=request.user,
                name=data["name"],
                fund_round=data["fund_round"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                afdelinger=data["afdelinger"],
                focus_areas=data["focus_areas"],
                length_reason=data["length_reason"],
                fund_round_reason=data["fund_round_reason"],
                note=data["note"],
            )
            members = form.cleaned_data["working_group"]
            if members:
                # Seats from the idea's day, before the plan's period (decision 0025).
                working_group_create(
                    plan=plan,
                    members=members,
                    valid_from=timezone.localdate(),
                    name=_("Working group"),
                )
            created.append(plan)

        if save(form, create):
            plan = created[0]
            messages.success(
                request,
                _("The plan “%(plan)s” was created as an idea. It is not published.")
                % {"plan": plan.name},
            )
            return redirect(life_url(plan))
    elif searching:
        form = PlanCreateForm(initial=_initial_from(request.POST), people=people)
    else:
        form = PlanCreateForm(people=people)
    data = request.POST if request.method == "POST" else QueryDict()
    context = {
        "form": form,
        "title": _("New plan"),
        "form_id": "plan-create-form",
        "submit": _("Create the plan as an idea"),
        "cancel_url": reverse("web:dashboard"),
        "plan": None,
        **picker_context(data),
        **person_picker_context(data, request.user),
    }
    return render(request, "web/plans/plan_create.html", context)


# Preparing the application ----------------------------------------------------------------------


def _count(value: int) -> str:
    return number_format(value, force_grouping=True)


def _counter(form: ApplicationForm) -> dict[str, Any]:
    """The challenges' length against the round's limit, as the page shows it before any
    script runs (the script words it the same way as one types)."""
    limit = form.challenges_limit
    length = len((form["challenges"].value() or "").replace("\r\n", "\n"))
    if limit is None:
        return {"limit": None, "length": length}
    words = {"count": _count(length), "limit": _count(limit), "over": _count(length - limit)}
    if length > limit:
        text = _("You have %(over)s characters too many (%(count)s of %(limit)s).") % words
    else:
        text = _("You have %(count)s of %(limit)s characters.") % words
    return {"limit": limit, "length": length, "limit_text": words["limit"], "count_text": text}


@login_required
@GET_POST
def plan_application(request: HttpRequest, slug: str) -> HttpResponse:
    """The application's texts: the challenges (the fund round's limit shown while typing and
    enforced by the service), the purpose, goals per chosen focus area and the municipality's
    recommendation. One save: all of it or nothing."""
    plan = preparable_plan(request, slug)
    if request.method == "POST":
        form = ApplicationForm(request.POST, plan=plan)
    else:
        form = ApplicationForm(initial=ApplicationForm.initial_for(plan), plan=plan)

    def update() -> None:
        with transaction.atomic():
            plan_application_update(plan=plan, data=form.application_data())
            plan_goals_set(plan=plan, goals=form.goals())

    if request.method == "POST" and save(form, update, on_error=plan.refresh_from_db):
        messages.success(request, _("The application's texts were saved."))
        return redirect(life_url(plan))
    return render(
        request,
        "web/plans/application_form.html",
        {
            "plan": plan,
            "form": form,
            "title": _("The application's texts"),
            "form_id": "application-form",
            "submit": _("Save the texts"),
            "cancel_url": life_url(plan),
            **_counter(form),
        },
    )


@login_required
@GET_POST
def plan_budget(request: HttpRequest, slug: str) -> HttpResponse:
    """The budget estimate: an amount per year of the plan's period and source."""
    plan = preparable_plan(request, slug)
    if request.method == "POST":
        form = BudgetForm(request.POST, plan=plan)
    else:
        form = BudgetForm(plan=plan)

    def update() -> None:
        plan_budget_estimates_set(plan=plan, estimates=form.estimates)

    if request.method == "POST" and save(form, update):
        messages.success(request, _("The budget estimate was saved."))
        return redirect(life_url(plan))
    return render(
        request,
        "web/plans/budget_form.html",
        {
            "plan": plan,
            "form": form,
            "title": _("Budget estimate"),
            "form_id": "budget-form",
            "submit": _("Save the budget estimate"),
            "cancel_url": life_url(plan),
        },
    )
