"""People: create and edit a person from a plan's page; merge two records of one person."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.accounts.selectors import (
    people_assignable_by,
    person_editable_or_404,
    scopes_for,
)
from boligsocial.governance import services as governance
from boligsocial.governance.models import Person
from boligsocial.governance.selectors import person_duplicates
from boligsocial.web.forms import (
    MergeForm,
    PersonForm,
)
from boligsocial.web.views.internal.common import GET_POST, edit_page, editable_plan

PERSON_INTRO = gettext_lazy("Name, job title and employer are public; e-mail and phone are not.")


@login_required
@GET_POST
def person_create(request: HttpRequest, slug: str) -> HttpResponse:
    plan = editable_plan(request, slug)
    form = PersonForm(request.POST or None)
    # Possible duplicates are looked for, and named, among the people the user could give a
    # role or a seat in this plan: "choose the existing person" is then advice they can follow.
    visible = people_assignable_by(request.user, plan)
    tried: dict[str, Any] = {}  # kept: the service's errors take fields out of cleaned_data

    def create() -> None:
        tried.update(form.cleaned_data)
        governance.person_create(**form.cleaned_data, among=visible)

    def name_duplicates() -> None:
        """The service refused a possible duplicate: name the candidates."""
        if tried.get("confirm_new"):
            return
        duplicates = person_duplicates(
            name=tried["name"], employer=tried.get("employer"), among=visible
        )
        if duplicates:
            form.ask_if_new(duplicates)

    return edit_page(
        request,
        plan=plan,
        form=form,
        action=create,
        on_error=name_duplicates,
        saved=lambda: (
            _("%(person)s was created and can now be given a role or a seat.")
            % {"person": form.cleaned_data["name"]}
        ),
        title=_("Create a person"),
        form_id="person-form",
        submit=_("Create the person"),
        intro=str(PERSON_INTRO),
    )


@login_required
@GET_POST
def person_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    person = person_editable_or_404(request.user, pk=pk)
    form = PersonForm(
        request.POST or None,
        initial=forms.model_to_dict(person, fields=list(PersonForm.model_fields)),
        version_of=person,
    )
    return edit_page(
        request,
        plan=plan,
        form=form,
        action=lambda: governance.person_update(person=person, data=form.cleaned_data),
        on_error=person.refresh_from_db,
        saved=lambda: _("%(person)s was saved.") % {"person": person.name},
        title=_("Edit %(person)s") % {"person": person.name},
        form_id="person-edit-form",
        submit=_("Save the person"),
        intro=str(PERSON_INTRO),
    )


@login_required
@GET_POST
def person_merge(request: HttpRequest) -> HttpResponse:
    """Secretariat administrators merge two records of the same person."""
    if not scopes_for(request.user).is_admin:
        raise PermissionDenied(_("Only secretariat administrators may merge people."))
    form = MergeForm(request.POST or None, people=Person.objects.all())
    if request.method == "POST" and form.is_valid():
        keep, remove = form.cleaned_data["keep"], form.cleaned_data["remove"]
        removed = str(remove)
        try:
            governance.person_merge(keep=keep, remove=remove, actor=request.user)
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("%(removed)s was merged into %(kept)s.")
                % {"removed": removed, "kept": keep.name},
            )
            return redirect("web:person_merge")
    return render(
        request,
        "web/internal/person_merge.html",
        {
            "form": form,
            "title": _("Merge two people"),
            "form_id": "merge-form",
            "submit": _("Merge the two people"),
            "cancel_url": reverse("web:dashboard"),
        },
    )
