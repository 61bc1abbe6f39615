"""The seats in a plan's bodies: add, end, correct and delete a membership. Ending a
seat (it happened and is over) is `membership_end`; a seat entered by mistake is corrected or
deleted."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from boligsocial.accounts.selectors import people_assignable_by
from boligsocial.governance import services as governance
from boligsocial.governance.messages import period_text
from boligsocial.governance.models import Body, Membership
from boligsocial.governance.selectors import seats_of_plan
from boligsocial.plans.models import Plan
from boligsocial.web.forms import (
    DeleteForm,
    EndForm,
    MembershipForm,
)
from boligsocial.web.views.internal.common import (
    GET_POST,
    confirm_delete,
    editable_plan,
    form_page,
    manage_url,
    save,
)


@login_required
@GET_POST
def membership_add(request: HttpRequest, slug: str, body_pk: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    body = get_object_or_404(Body, pk=body_pk, plan=plan)
    form = MembershipForm(request.POST or None, people=people_assignable_by(request.user, plan))
    if request.method == "POST" and save(
        form, lambda: governance.membership_add(body=body, **form.cleaned_data)
    ):
        messages.success(request, _("The member was added."))
        return redirect(manage_url(plan))
    return form_page(
        request,
        plan=plan,
        form=form,
        title=_("Add a member to %(body)s") % {"body": body.name},
        form_id="membership-form",
        submit=_("Add the member"),
        intro=_("If the person is not in the list, create the person first."),
    )


@login_required
@GET_POST
def membership_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    membership = get_object_or_404(seats_of_plan(plan=plan), pk=pk)
    form = EndForm(
        request.POST or None, initial={"valid_to": membership.valid_to}, version_of=membership
    )
    if request.method == "POST" and save(
        form,
        lambda: governance.membership_end(
            membership=membership, valid_to=form.cleaned_data["valid_to"]
        ),
        on_error=membership.refresh_from_db,
    ):
        messages.success(request, _("The membership was ended."))
        return redirect(manage_url(plan))
    return form_page(
        request,
        plan=plan,
        form=form,
        title=_("End the membership of %(person)s in %(body)s")
        % {"person": membership.person.name, "body": membership.body.name},
        form_id="membership-end-form",
        submit=_("End the membership"),
        subject=membership,
    )


def _membership(plan: Plan, pk: int) -> Membership:
    return get_object_or_404(seats_of_plan(plan=plan), pk=pk)


@login_required
@GET_POST
def membership_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    membership = _membership(plan, pk)
    form = MembershipForm(
        request.POST or None,
        initial=forms.model_to_dict(membership, fields=list(MembershipForm.model_fields)),
        people=people_assignable_by(request.user, plan),
        version_of=membership,
    )
    if request.method == "POST" and save(
        form,
        lambda: governance.membership_update(membership=membership, data=form.cleaned_data),
        on_error=membership.refresh_from_db,
    ):
        messages.success(request, _("The membership was corrected."))
        return redirect(manage_url(plan))
    return form_page(
        request,
        plan=plan,
        form=form,
        title=_("Correct the membership of %(person)s in %(body)s")
        % {"person": membership.person.name, "body": membership.body.name},
        form_id="membership-edit-form",
        submit=_("Save the correction"),
        intro=_(
            "Correct a seat that was entered wrongly. If the seat has ended, end it instead: "
            "its history stays as it was."
        ),
    )


@login_required
@GET_POST
def membership_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    membership = _membership(plan, pk)
    form = DeleteForm(request.POST or None, version_of=membership)
    if request.method == "POST" and save(
        form,
        lambda: governance.membership_delete(membership=membership, actor=request.user),
        on_error=membership.refresh_from_db,
    ):
        messages.success(request, _("The membership was deleted."))
        return redirect(manage_url(plan))
    return confirm_delete(
        request,
        plan=plan,
        form=form,
        title=_("Delete the membership of %(person)s in %(body)s")
        % {"person": membership.person.name, "body": membership.body.name},
        question=_(
            "Delete the seat of %(person)s in %(body)s (%(role)s, %(period)s)? Delete only a "
            "seat entered by mistake; a seat that has ended is ended instead. The history "
            "keeps the deleted seat."
        )
        % {
            "person": membership.person.name,
            "body": membership.body.name,
            "role": membership.get_role_display().lower(),
            "period": period_text(membership.valid_from, membership.valid_to),
        },
        form_id="membership-delete-form",
        submit=_("Delete the membership"),
    )
