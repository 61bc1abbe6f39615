"""A plan's leaders and staff: add, end, correct and delete a role. Ending a role (it
happened and is over) is `role_end`; a role entered by mistake is corrected or deleted."""

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
from boligsocial.governance.models import PlanRole
from boligsocial.governance.selectors import roles_of_plan
from boligsocial.plans.models import Plan
from boligsocial.web.forms import (
    DeleteForm,
    EndForm,
    PlanRoleForm,
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
def role_add(request: HttpRequest, slug: str) -> HttpResponse:
    plan = editable_plan(request, slug)
    form = PlanRoleForm(request.POST or None, people=people_assignable_by(request.user, plan))
    if request.method == "POST" and save(
        form, lambda: governance.plan_role_add(plan=plan, **form.cleaned_data)
    ):
        messages.success(request, _("The role was added."))
        return redirect(manage_url(plan))
    return form_page(
        request,
        plan=plan,
        form=form,
        title=_("Add a leader or staff member"),
        form_id="role-form",
        submit=_("Add the role"),
        intro=_("If the person is not in the list, create the person first."),
    )


@login_required
@GET_POST
def role_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    role = get_object_or_404(roles_of_plan(plan=plan), pk=pk)
    form = EndForm(request.POST or None, initial={"valid_to": role.valid_to}, version_of=role)
    if request.method == "POST" and save(
        form,
        lambda: governance.plan_role_end(role=role, valid_to=form.cleaned_data["valid_to"]),
        on_error=role.refresh_from_db,
    ):
        messages.success(request, _("The role was ended."))
        return redirect(manage_url(plan))
    return form_page(
        request,
        plan=plan,
        form=form,
        title=_("End the role of %(person)s") % {"person": role.person.name},
        form_id="role-end-form",
        submit=_("End the role"),
        subject=role,
    )


def _plan_role(plan: Plan, pk: int) -> PlanRole:
    return get_object_or_404(roles_of_plan(plan=plan), pk=pk)


@login_required
@GET_POST
def role_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    role = _plan_role(plan, pk)
    form = PlanRoleForm(
        request.POST or None,
        initial=forms.model_to_dict(role, fields=list(PlanRoleForm.model_fields)),
        people=people_assignable_by(request.user, plan),
        version_of=role,
    )
    if request.method == "POST" and save(
        form,
        lambda: governance.plan_role_update(role=role, data=form.cleaned_data),
        on_error=role.refresh_from_db,
    ):
        messages.success(request, _("The role was corrected."))
        return redirect(manage_url(plan))
    return form_page(
        request,
        plan=plan,
        form=form,
        title=_("Correct the role of %(person)s") % {"person": role.person.name},
        form_id="role-edit-form",
        submit=_("Save the correction"),
        intro=_(
            "Correct a role that was entered wrongly. If the role has ended, end it instead: "
            "its history stays as it was."
        ),
    )


@login_required
@GET_POST
def role_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    role = _plan_role(plan, pk)
    form = DeleteForm(request.POST or None, version_of=role)
    if request.method == "POST" and save(
        form,
        lambda: governance.plan_role_delete(role=role, actor=request.user),
        on_error=role.refresh_from_db,
    ):
        messages.success(request, _("The role was deleted."))
        return redirect(manage_url(plan))
    return confirm_delete(
        request,
        plan=plan,
        form=form,
        title=_("Delete the role of %(person)s") % {"person": role.person.name},
        question=_(
            "Delete the role of %(person)s (%(role)s, %(period)s)? Delete only a role entered "
            "by mistake; a role that has ended is ended instead. The history keeps the deleted "
            "role."
        )
        % {
            "person": role.person.name,
            "role": role.get_kind_display().lower(),
            "period": period_text(role.valid_from, role.valid_to),
        },
        form_id="role-delete-form",
        submit=_("Delete the role"),
    )
