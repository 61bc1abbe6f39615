"""A plan's cooperation agreement (samarbejdsaftale) on the internal pages: the version in
force, the one waiting for LBF, every version, one version's sub-agreements, two versions side
by side; for the plan's editors the forms that write a draft and submit it, and for a user
acting for LBF (or an administrator recording LBF's letter) the approval. Every write goes
through `agreements.services`; a refused one writes nothing and says why on the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from boligsocial.accounts.selectors import can_edit_plan, plan_readable_or_404
from boligsocial.agreements import services
from boligsocial.agreements.models import AgreementVersion
from boligsocial.agreements.selectors import (
    agreement_comparison,
    agreement_overview,
    approval_capacities_of,
    documents_for_agreement,
    focus_areas_to_add,
    sub_agreement_of_plan,
    version_of_plan,
)
from boligsocial.plans.models import Plan
from boligsocial.web.forms.agreements import (
    ApproveForm,
    CompareForm,
    DiscardForm,
    SubAgreementAddForm,
    SubAgreementForm,
    SubmitForm,
    VersionForm,
)
from boligsocial.web.views.internal.common import GET_POST, editable_plan, save


def _readable_plan(request: HttpRequest, slug: str) -> Plan:
    """The plan if the user may read it; 404 as for a missing one otherwise."""
    return plan_readable_or_404(request.user, Plan.objects.select_related("fund_round"), slug=slug)


def agreement_url(plan: Plan) -> str:
    return reverse("web:agreement", args=[plan.slug])


def _version_url(version: AgreementVersion, plan: Plan) -> str:
    return reverse("web:agreement_version", args=[plan.slug, version.number])


def _form(request: HttpRequest, plan: Plan, form: Any, **context: Any) -> HttpResponse:
    """A form of the agreement (web/internal/form_page.html), cancelled back to the agreement."""
    context.setdefault("intro", "")
    context.setdefault("subject", None)
    page = {"plan": plan, "form": form, "cancel_url": agreement_url(plan), **context}
    return render(request, "web/internal/form_page.html", page)


def _confirm(request: HttpRequest, plan: Plan, form: Any, **context: Any) -> HttpResponse:
    page = {"plan": plan, "form": form, "cancel_url": agreement_url(plan), **context}
    return render(request, "web/internal/confirm_delete.html", page)


def _write(
    request: HttpRequest,
    plan: Plan,
    form: Any,
    *,
    action: Callable[[], Any],
    saved: str,
    then: Callable[[], str],
    on_error: Callable[[], None] | None = None,
    confirm: bool = False,
    **page: Any,
) -> HttpResponse:
    """One write page of the agreement: on a POST, `save` runs `action` (a service); when it
    saved, the message `saved` and on to `then()`. Otherwise the form page (or, `confirm`, the
    confirmation page) with `page`, showing the form's errors after a POST."""
    if request.method == "POST" and save(form, action, on_error=on_error):
        messages.success(request, saved)
        return redirect(then())
    return (_confirm if confirm else _form)(request, plan, form, **page)


@login_required
def agreement(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _readable_plan(request, slug)
    overview = agreement_overview(plan)
    numbers = sorted(v.number for v in overview.versions)
    compare = CompareForm(
        initial={"fra": numbers[-2] if len(numbers) > 1 else None, "til": numbers[-1]}
        if numbers
        else None,
        numbers=numbers,
    )
    context = {
        "plan": plan,
        "overview": overview,
        "can_edit": can_edit_plan(request.user, plan),
        "can_approve": bool(approval_capacities_of(request.user)),
        "compare_form": compare,
    }
    return render(request, "web/agreements/agreement.html", context)


@login_required
def agreement_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    plan = _readable_plan(request, slug)
    version = version_of_plan(plan, number)
    context = {
        "plan": plan,
        "version": version,
        "can_edit": can_edit_plan(request.user, plan) and version.is_editable,
        "can_approve": bool(approval_capacities_of(request.user)),
        "addable": focus_areas_to_add(version).exists() if version.is_editable else False,
    }
    return render(request, "web/agreements/version.html", context)


@login_required
def agreement_compare(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _readable_plan(request, slug)
    overview = agreement_overview(plan)
    numbers = sorted(v.number for v in overview.versions)
    form = CompareForm(request.GET, numbers=numbers)
    comparison = None
    status = 200
    if form.is_valid():
        comparison = agreement_comparison(plan, form.cleaned_data["fra"], form.cleaned_data["til"])
    else:
        status = 400
    context = {"plan": plan, "form": form, "comparison": comparison}
    return render(request, "web/agreements/compare.html", context, status=status)


@login_required
@GET_POST
def agreement_draft_create(request: HttpRequest, slug: str) -> HttpResponse:
    plan = editable_plan(request, slug)
    form = VersionForm(request.POST or None, documents=documents_for_agreement(plan))
    created: list[AgreementVersion] = []

    def create() -> None:
        version = services.agreement_draft_create(
            plan=plan, user=request.user, note=form.cleaned_data["note"]
        )
        if form.cleaned_data.get("document"):
            version = services.agreement_version_update(
                version=version, note=version.note, document=form.cleaned_data["document"]
            )
        created.append(version)

    return _write(
        request,
        plan,
        form,
        action=create,
        saved=_("The new version was created as a draft."),
        then=lambda: _version_url(created[0], plan),
        title=_("New version of the cooperation agreement"),
        form_id="agreement-version-form",
        submit=_("Create the draft"),
        intro=_(
            "The draft starts as a copy of the latest version. It changes nothing in force "
            "until LBF has approved it."
        ),
    )


@login_required
@GET_POST
def agreement_version_edit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    version = version_of_plan(plan, number)
    form = VersionForm(
        request.POST or None,
        initial={"note": version.note, "document": version.document_id},
        version_of=version,
        documents=documents_for_agreement(plan),
    )
    return _write(
        request,
        plan,
        form,
        action=lambda: services.agreement_version_update(version=version, **form.cleaned_data),
        saved=_("The version was saved."),
        then=lambda: _version_url(version, plan),
        on_error=version.refresh_from_db,
        title=_("Edit version %(number)s") % {"number": version.number},
        form_id="agreement-version-form",
        submit=_("Save the version"),
    )


@login_required
@GET_POST
def sub_agreement_add(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    version = version_of_plan(plan, number)
    form = SubAgreementAddForm(request.POST or None, focus_areas=focus_areas_to_add(version))

    def add() -> None:
        data = dict(form.cleaned_data)
        focus_area = data.pop("focus_area")
        services.sub_agreement_add(version=version, focus_area=focus_area, data=data)

    return _write(
        request,
        plan,
        form,
        action=add,
        saved=_("The sub-agreement was added."),
        then=lambda: _version_url(version, plan),
        title=_("Add a sub-agreement to version %(number)s") % {"number": version.number},
        form_id="sub-agreement-form",
        submit=_("Add the sub-agreement"),
    )


@login_required
@GET_POST
def sub_agreement_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    sub = sub_agreement_of_plan(plan, pk)
    form = SubAgreementForm(
        request.POST or None,
        initial={name: getattr(sub, name) for name in SubAgreementForm.model_fields},
        version_of=sub,
    )
    return _write(
        request,
        plan,
        form,
        action=lambda: services.sub_agreement_update(sub_agreement=sub, data=form.cleaned_data),
        saved=_("The sub-agreement was saved."),
        then=lambda: _version_url(sub.version, plan),
        on_error=sub.refresh_from_db,
        title=_("Sub-agreement: %(area)s (version %(number)s)")
        % {"area": sub.focus_area, "number": sub.version.number},
        form_id="sub-agreement-form",
        submit=_("Save the sub-agreement"),
    )


@login_required
@GET_POST
def sub_agreement_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    sub = sub_agreement_of_plan(plan, pk)
    form = DiscardForm(request.POST or None, version_of=sub)
    return _write(
        request,
        plan,
        form,
        action=lambda: services.sub_agreement_remove(sub_agreement=sub),
        saved=_("The sub-agreement was removed from the draft."),
        then=lambda: _version_url(sub.version, plan),
        confirm=True,
        title=_("Remove the sub-agreement %(area)s") % {"area": sub.focus_area},
        question=_("Remove the sub-agreement of %(area)s from draft version %(number)s?")
        % {"area": sub.focus_area, "number": sub.version.number},
        form_id="sub-agreement-remove-form",
        submit=_("Remove the sub-agreement"),
    )


@login_required
@GET_POST
def agreement_version_submit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    version = version_of_plan(plan, number)
    form = SubmitForm(request.POST or None, version_of=version)
    return _write(
        request,
        plan,
        form,
        action=lambda: services.agreement_version_submit(version=version, user=request.user),
        saved=_("The version was submitted to LBF for approval."),
        then=lambda: agreement_url(plan),
        on_error=version.refresh_from_db,
        confirm=True,
        title=_("Submit version %(number)s to LBF") % {"number": version.number},
        question=_(
            "Submit version %(number)s to LBF for approval? It can then no longer be changed; "
            "the version in force stays in force until LBF approves this one."
        )
        % {"number": version.number},
        form_id="agreement-submit-form",
        submit=_("Submit to LBF"),
    )


@login_required
@GET_POST
def agreement_version_approve(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    plan = _readable_plan(request, slug)
    capacities = approval_capacities_of(request.user)
    if not capacities:
        raise PermissionDenied(
            _(
                "Only a user acting for LBF, or a secretariat administrator recording LBF's "
                "letter, may record LBF's approval."
            )
        )
    version = version_of_plan(plan, number)
    form = ApproveForm(
        request.POST or None,
        version_of=version,
        capacities=capacities,
        documents=documents_for_agreement(plan),
    )
    return _write(
        request,
        plan,
        form,
        action=lambda: services.agreement_version_approve(
            version=version,
            user=request.user,
            capacity=form.cleaned_data["approval_capacity"],
            approved_on=form.cleaned_data["approved_on"],
            document=form.cleaned_data.get("document"),
        ),
        saved=_("LBF's approval was recorded; the version is now in force."),
        then=lambda: agreement_url(plan),
        on_error=version.refresh_from_db,
        title=_("Record LBF's approval of version %(number)s") % {"number": version.number},
        form_id="agreement-approve-form",
        submit=_("Record the approval"),
        intro=_("The version replaces the version in force from the date of LBF's approval."),
    )


@login_required
@GET_POST
def agreement_version_discard(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    version = version_of_plan(plan, number)
    form = DiscardForm(request.POST or None, version_of=version)
    return _write(
        request,
        plan,
        form,
        action=lambda: services.agreement_version_discard(version=version),
        saved=_("The version was discarded."),
        then=lambda: agreement_url(plan),
        on_error=version.refresh_from_db,
        confirm=True,
        title=_("Discard version %(number)s") % {"number": version.number},
        question=_(
            "Discard version %(number)s? It %(status)s; a version waiting for LBF is "
            "withdrawn. The history keeps it."
        )
        % {"number": version.number, "status": services.status_phrase(version)},
        form_id="agreement-discard-form",
        submit=_("Discard the version"),
    )
