"""Public pages: the front page, a page per plan, the secretariat's seats, and financing.
Every read goes through a selector, so each page costs a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.accounts.rules import can_see_private_contact
from boligsocial.accounts.selectors import (
    can_edit_plan,
    can_read_plan,
    plans_readable_by,
    scopes_for,
)
from boligsocial.documents.selectors import downloadable_ids
from boligsocial.funding.selectors import current_fund_round, fund_round_list
from boligsocial.governance.models import Membership, MembershipRole
from boligsocial.governance.selectors import (
    SeatHolder,
    is_secretariat_seat,
    plan_detail_queryset,
    plan_list,
    plan_team,
    secretariat_seat_holders,
)
from boligsocial.lifecycle.selectors import capacities_of, plan_timeline
from boligsocial.plans.selectors import (
    current_and_ended_plan_ids,
    plan_areas,
    plan_by_slug,
    plan_dwellings,
    plan_housing_organisations,
    plan_page_date,
    plan_queryset,
    plans_in_site_scope,
)
from boligsocial.web.context_processors import current_site
from boligsocial.web.forms import AsOfForm
from boligsocial.web.history import page_number, plan_history_entry, plan_history_page
from boligsocial.web.paging import page_links


class PlanStatusFilterForm(forms.Form):
    """`?status=`: all published plans (the default), only the current ones (running,
    granted or being prepared), or only the ended ones."""

    ALL, CURRENT, ENDED = "alle", "aktuelle", "afsluttede"

    status = forms.ChoiceField(
        label=gettext_lazy("Show"),
        choices=[
            (ALL, gettext_lazy("All plans")),
            (CURRENT, gettext_lazy("Current plans")),
            (ENDED, gettext_lazy("Ended plans")),
        ],
        widget=forms.Select(attrs={"class": "form-select"}),
        error_messages={
            "invalid_choice": gettext_lazy(
                "Choose all, current or ended plans; “%(value)s” is not one of them."
            )
        },
    )


PLANS_PER_PAGE = 50


def home(request: HttpRequest) -> HttpResponse:
    """Every published plan of the site's municipalities with its areas, housing
    organisations, period, status, focus areas and contact: the current plans first, then
    the ended ones (most recently ended first), optionally only one of the two."""
    data = None
    if request.GET.get("status", "").strip():
        data = {"status": request.GET["status"].strip()}
    form = PlanStatusFilterForm(data, initial={"status": PlanStatusFilterForm.ALL})
    shown = PlanStatusFilterForm.ALL
    status = 200
    if form.is_bound:
        if form.is_valid():
            shown = form.cleaned_data["status"]
        else:
            status = 400
    # The order of all published plans from one light query (current first, then the ended
    # ones, most recently ended first); then only one page of them with what a card shows, so a
    # national installation's 400 plans neither make a huge page nor a slow one.
    published = plans_in_site_scope(plan_queryset().filter(published=True), current_site(request))
    current_ids, ended_ids = current_and_ended_plan_ids(published)
    shown_ids = (current_ids if shown in (form.ALL, form.CURRENT) else []) + (
        ended_ids if shown in (form.ALL, form.ENDED) else []
    )
    paginator = Paginator(shown_ids, PLANS_PER_PAGE)
    plan_page = paginator.get_page(page_number(request.GET.get("side")))
    on_page = {plan.pk: plan for plan in plan_list().filter(pk__in=list(plan_page.object_list))}
    current_set = set(current_ids)
    current: list[dict[str, Any]] = []
    ended: list[dict[str, Any]] = []
    for pk in plan_page.object_list:
        plan = on_page[pk]
        leaders, _staff = plan_team(plan)
        (current if pk in current_set else ended).append(
            {
                "plan": plan,
                "areas": plan_areas(plan),
                "organisations": plan_housing_organisations(plan),
                "leaders": leaders,
            }
        )
    groups = []
    first_page = plan_page.number == 1
    if shown in (form.ALL, form.CURRENT) and (current or (first_page and not current_ids)):
        groups.append(
            {
                "key": "current",
                "label": _("Current plans"),
                "plans": current,
                "total": len(current_ids),
            }
        )
    if shown in (form.ALL, form.ENDED) and (ended or (first_page and not ended_ids)):
        groups.append(
            {"key": "ended", "label": _("Ended plans"), "plans": ended, "total": len(ended_ids)}
        )
    query = {"status": shown} if shown != form.ALL else {}
    context = {
        "form": form,
        "shown": shown,
        "groups": groups,
        "plan_count": len(current_ids) + len(ended_ids),
        "current_count": len(current_ids),
        "ended_count": len(ended_ids),
        "plan_page": plan_page,
        **page_links(request.path, query, plan_page),
    }
    return render(request, "web/home.html", context, status=status)


def _secretariat_id(request: HttpRequest) -> int | None:
    site = current_site(request)
    return site.secretariat_id if site is not None else None


ROLE_ORDER = {role: i for i, role in enumerate(MembershipRole.values)}


def _ordered_members(memberships: Iterable[Membership], secretariat_id: int | None) -> list:
    """Chair first, observers last (the choices' order), each marked when the person is the
    secretariat's."""
    ordered = sorted(memberships, key=lambda m: (ROLE_ORDER.get(m.role, 99), m.person.name))
    for membership in ordered:
        membership.is_secretariat = is_secretariat_seat(membership, secretariat_id)  # type: ignore[attr-defined]
    return ordered


def plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A plan: afdelinger, staff and leader in force today, governing bodies and members.
    Unpublished plans are 404 for people who may not read them."""
    # Staff and members as of today; for a plan that has ended (or not begun), as of its last
    # (or first) day, so its page shows who ran it rather than nobody.
    today = timezone.localdate()
    on = plan_page_date(slug=slug, today=today)
    plan = plan_detail_queryset(on=on).filter(slug=slug).first()
    if plan is None or not can_read_plan(request.user, plan):
        raise Http404("No such plan.")
    bodies = list(getattr(plan, "active_bodies", []))
    secretariat_id = _secretariat_id(request)
    for body in bodies:
        body.members = _ordered_members(body.current_memberships, secretariat_id)
    leaders, staff = plan_team(plan)
    scopes = scopes_for(request.user)
    history = (
        plan_history_page(plan, page=page_number(request.GET.get("historik")))
        if scopes.is_authenticated
        else None
    )
    # The timeline (decision 0020): with who recorded each step and the internal notes for
    # those who take part in the plan (the secretariat, its applicants, LBF), public otherwise.
    internal_timeline = scopes.is_authenticated and bool(capacities_of(request.user, plan))
    timeline = plan_timeline(plan, public=not internal_timeline)
    context = {
        "plan": plan,
        "timeline": timeline,
        "downloadable": downloadable_ids(request.user, plan, [e.document for e in timeline]),
        "internal_timeline": internal_timeline,
        "areas": plan_areas(plan),
        "organisations": plan_housing_organisations(plan),
        "dwellings": plan_dwellings(plan),
        "any_illustrative_afdeling": any(a.illustrative for a in plan.afdelinger.all()),
        "leaders": leaders,
        "staff": staff,
        "bodies": bodies,
        "show_private": can_see_private_contact(scopes),
        "can_edit": scopes.is_authenticated and can_edit_plan(request.user, plan),
        "history": history.entries if history else None,
        "history_page": history,
        "today": today,
        "as_of": on,
    }
    return render(request, "web/plan_detail.html", context)


def plan_history_full(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    """One entry of a plan's history with every value in full (the plan page shortens long
    ones). For the same readers as the history on the plan page."""
    plan = plan_by_slug(slug)
    if plan is None or not can_read_plan(request.user, plan):
        raise Http404("No such plan.")
    if not scopes_for(request.user).is_authenticated:
        raise Http404("No history for anonymous visitors.")
    entry = plan_history_entry(plan, key)
    if entry is None:
        raise Http404("No such history entry.")
    return render(request, "web/history_entry.html", {"plan": plan, "entry": entry})


def secretariat(request: HttpRequest) -> HttpResponse:
    """Which of the secretariat's staff sit in which plans' bodies, today or `?dato=`."""
    site = current_site(request)
    form = AsOfForm(request.GET if "dato" in request.GET else None)
    on: date = timezone.localdate()
    status = 200
    holders: list[SeatHolder] = []
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        if form.is_bound and form.cleaned_data["dato"]:
            on = form.cleaned_data["dato"]
        if site is not None and site.secretariat is not None:
            holders = secretariat_seat_holders(
                secretariat=site.secretariat,
                on=on,
                plans=plans_readable_by(request.user),
            )
    context = {
        "form": form,
        "on": on,
        "is_today": on == timezone.localdate(),
        "holders": holders,
        "seat_count": sum(len(h.seats) for h in holders),
        "has_secretariat": site is not None and site.secretariat_id is not None,
    }
    return render(request, "web/secretariat.html", context, status=status)


def financing(request: HttpRequest) -> HttpResponse:
    """How a plan is financed, built from the stored fund rounds and their rules."""
    rounds = list(fund_round_list(active_only=True))
    context = {
        "rounds": list(reversed(rounds)),
        "current": current_fund_round(rounds, on=timezone.localdate()),
    }
    return render(request, "web/financing.html", context)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says: send them to the site's icon."""
    return HttpResponsePermanentRedirect(static("web/img/favicon.svg"))
