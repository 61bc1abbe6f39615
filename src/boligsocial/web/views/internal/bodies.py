"""A plan's governing bodies: add and edit a body."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from boligsocial.governance import services as governance
from boligsocial.governance.models import Body
from boligsocial.web.forms import BodyForm
from boligsocial.web.views.internal.common import GET_POST, edit_page, editable_plan


@login_required
@GET_POST
def body_add(request: HttpRequest, slug: str) -> HttpResponse:
    plan = editable_plan(request, slug)
    form = BodyForm(request.POST or None)
    return edit_page(
        request,
        plan=plan,
        form=form,
        action=lambda: governance.body_create(plan=plan, **form.cleaned_data),
        saved=_("The body was added."),
        title=_("Add a governing body"),
        form_id="body-form",
        submit=_("Add the body"),
    )


@login_required
@GET_POST
def body_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    body = get_object_or_404(Body, pk=pk, plan=plan)
    form = BodyForm(
        request.POST or None,
        initial=forms.model_to_dict(body, fields=list(BodyForm.model_fields)),
        version_of=body,
    )
    return edit_page(
        request,
        plan=plan,
        form=form,
        action=lambda: governance.body_update(body=body, data=form.cleaned_data),
        on_error=body.refresh_from_db,
        saved=_("The body was saved."),
        title=_("Edit %(body)s") % {"body": body.name},
        form_id="body-edit-form",
        submit=_("Save the body"),
    )
