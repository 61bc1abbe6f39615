"""Internal pages (login required): the dashboard, and for users who may edit a plan, forms
that change the plan, its staff, its bodies and their memberships through the services. A
service's ValidationError is shown on the fields it names and nothing is saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from boligsocial.accounts.selectors import (
    people_assignable_by,
    person_editable_or_404,
    plan_area_names,
    plan_editable_or_404,
    plan_overview_counts,
    plan_search,
    plans_for_overview,
    scopes_for,
)
from boligsocial.core.concurrency import ConflictError, expect_version
from boligsocial.governance import services as governance
from boligsocial.governance.messages import period_text
from boligsocial.governance.models import Body, Membership, Person, PlanRole
from boligsocial.governance.selectors import (
    bodies_of_plan,
    person_duplicates,
    roles_of_plan,
    seats_of_plan,
)
from boligsocial.governance.services import plan_update
from boligsocial.plans.models import Plan
from boligsocial.web.forms import (
    BodyForm,
    DeleteForm,
    EndForm,
    MembershipForm,
    MergeForm,
    PersonForm,
    PlanForm,
    PlanRoleForm,
)
from boligsocial.web.history import page_number

GET_POST = require_http_methods(["GET", "POST"])


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
    paginator = Paginator(shown, DASHBOARD_PLANS_PER_PAGE)
    if not text:
        paginator.count = counts["readable"]  # known already: no second COUNT
    plan_page = paginator.get_page(page_number(request.GET.get("side")))
    plans = list(plan_page.object_list)
    areas = plan_area_names([plan.pk for plan in plans])
    rows = [
        {"plan": plan, "areas": areas.get(plan.pk, []), "can_edit": plan.editable} for plan in plans
    ]
    query = {"q": text} if text else {}

    def page_url(number: int) -> str:
        params = urlencode({**query, **({"side": str(number)} if number > 1 else {})})
        return f"{request.path}?{params}" if params else request.path

    context = {
        "form": form,
        "text": text,
        "rows": rows,
        "readable_count": counts["readable"],
        "editable_count": counts["editable"],
        "match_count": paginator.count,
        "plan_page": plan_page,
        "previous_url": page_url(plan_page.previous_page_number())
        if plan_page.has_previous()
        else None,
        "next_url": page_url(plan_page.next_page_number()) if plan_page.has_next() else None,
        "can_merge": scopes_for(request.user).is_admin,
    }
    return render(request, "web/internal/dashboard.html", context, status=status)


def _editable_plan(request: HttpRequest, slug: str) -> Plan:
    """The plan, if the user may edit it: 404 when they may not even read it, else 403."""
    return plan_editable_or_404(request.user, Plan.objects.select_related("fund_round"), slug=slug)


def _manage_url(plan: Plan) -> str:
    return reverse("web:plan_manage", args=[plan.slug])


@login_required
def plan_manage(request: HttpRequest, slug: str) -> HttpResponse:
    """Everything an editor changes on a plan: its staff roles and its bodies with members,
    past, present and future."""
    plan = _editable_plan(request, slug)
    context = {
        "plan": plan,
        "roles": roles_of_plan(plan=plan),
        "bodies": bodies_of_plan(plan=plan),
        "today": timezone.localdate(),
    }
    return render(request, "web/internal/plan_manage.html", context)


def _form_page(
    request: HttpRequest,
    *,
    plan: Plan,
    form: Any,
    title: str,
    form_id: str,
    submit: str,
    intro: str = "",
    subject: Any = None,
) -> HttpResponse:
    context = {
        "plan": plan,
        "form": form,
        "title": title,
        "form_id": form_id,
        "submit": submit,
        "intro": intro,
        "subject": subject,
        "cancel_url": _manage_url(plan),
    }
    return render(request, "web/internal/form_page.html", context)


def _save(form: Any, action: Callable[[], Any], on_error: Callable[[], None] | None = None) -> bool:
    """Run the service when the form is valid; put its errors on the form. True if saved.
    A form that edits a stored object (`VersionedForm` with `version_of`) saves only if the
    object is still as the editor saw it: the check and the service's write are one
    transaction; otherwise nothing is written and the form says what changed meanwhile."""
    if not form.is_valid():
        return False
    instance = getattr(form, "version_of", None)
    try:
        if instance is not None:
            with expect_version(instance, form.expected_version):
                action()
        else:
            action()
    except ConflictError as error:
        form.show_conflict(error)
        if on_error is not None:
            on_error()
        return False
    except ValidationError as error:
        form.add_service_error(error)
        if on_error is not None:
            on_error()
        return False
    return True


@login_required
@GET_POST
def plan_edit(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _editable_plan(request, slug)
    if request.method == "POST":
        form = PlanForm(request.POST, plan=plan)

        def update() -> None:
            plan_update(
                plan=plan,
                data=form.service_data(),
                afdelinger=form.cleaned_data["afdelinger"],
                focus_areas=form.cleaned_data["focus_areas"],
            )

        # plan_update sets the new values on the instance before it validates them.
        if _save(form, update, on_error=plan.refresh_from_db):
            messages.success(request, _("The plan was saved."))
            return redirect(_manage_url(plan))
    else:
        form = PlanForm(initial=PlanForm.initial_for(plan), plan=plan)
    return _form_page(
        request,
        plan=plan,
        form=form,
        title=_("Edit %(plan)s") % {"plan": plan.name},
        form_id="plan-form",
        submit=_("Save the plan"),
    )


@login_required
@GET_POST
def role_add(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _editable_plan(request, slug)
    form = PlanRoleForm(request.POST or None, people=people_assignable_by(request.user, plan))
    if request.method == "POST" and _save(
        form, lambda: governance.plan_role_add(plan=plan, **form.cleaned_data)
    ):
        messages.success(request, _("The role was added."))
        return redirect(_manage_url(plan))
    return _form_page(
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
    plan = _editable_plan(request, slug)
    role = get_object_or_404(roles_of_plan(plan=plan), pk=pk)
    form = EndForm(request.POST or None, initial={"valid_to": role.valid_to}, version_of=role)
    if request.method == "POST" and _save(
        form,
        lambda: governance.plan_role_end(role=role, valid_to=form.cleaned_data["valid_to"]),
        on_error=role.refresh_from_db,
    ):
        messages.success(request, _("The role was ended."))
        return redirect(_manage_url(plan))
    return _form_page(
        request,
        plan=plan,
        form=form,
        title=_("End the role of %(person)s") % {"person": role.person.name},
        form_id="role-end-form",
        submit=_("End the role"),
        subject=role,
    )


@login_required
@GET_POST
def body_add(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _editable_plan(request, slug)
    form = BodyForm(request.POST or None)
    if request.method == "POST" and _save(
        form, lambda: governance.body_create(plan=plan, **form.cleaned_data)
    ):
        messages.success(request, _("The body was added."))
        return redirect(_manage_url(plan))
    return _form_page(
        request,
        plan=plan,
        form=form,
        title=_("Add a governing body"),
        form_id="body-form",
        submit=_("Add the body"),
    )


@login_required
@GET_POST
def body_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _editable_plan(request, slug)
    body = get_object_or_404(Body, pk=pk, plan=plan)
    form = BodyForm(
        request.POST or None,
        initial=forms.model_to_dict(body, fields=list(BodyForm.model_fields)),
        version_of=body,
    )
    if request.method == "POST" and _save(
        form,
        lambda: governance.body_update(body=body, data=form.cleaned_data),
        on_error=body.refresh_from_db,
    ):
        messages.success(request, _("The body was saved."))
        return redirect(_manage_url(plan))
    return _form_page(
        request,
        plan=plan,
        form=form,
        title=_("Edit %(body)s") % {"body": body.name},
        form_id="body-edit-form",
        submit=_("Save the body"),
    )


@login_required
@GET_POST
def membership_add(request: HttpRequest, slug: str, body_pk: int) -> HttpResponse:
    plan = _editable_plan(request, slug)
    body = get_object_or_404(Body, pk=body_pk, plan=plan)
    form = MembershipForm(request.POST or None, people=people_assignable_by(request.user, plan))
    if request.method == "POST" and _save(
        form, lambda: governance.membership_add(body=body, **form.cleaned_data)
    ):
        messages.success(request, _("The member was added."))
        return redirect(_manage_url(plan))
    return _form_page(
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
    plan = _editable_plan(request, slug)
    membership = get_object_or_404(seats_of_plan(plan=plan), pk=pk)
    form = EndForm(
        request.POST or None, initial={"valid_to": membership.valid_to}, version_of=membership
    )
    if request.method == "POST" and _save(
        form,
        lambda: governance.membership_end(
            membership=membership, valid_to=form.cleaned_data["valid_to"]
        ),
        on_error=membership.refresh_from_db,
    ):
        messages.success(request, _("The membership was ended."))
        return redirect(_manage_url(plan))
    return _form_page(
        request,
        plan=plan,
        form=form,
        title=_("End the membership of %(person)s in %(body)s")
        % {"person": membership.person.name, "body": membership.body.name},
        form_id="membership-end-form",
        submit=_("End the membership"),
        subject=membership,
    )


@login_required
@GET_POST
def person_create(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _editable_plan(request, slug)
    form = PersonForm(request.POST or None)
    # Possible duplicates are looked for, and named, among the people the user could give a
    # role or a seat in this plan: "choose the existing person" is then advice they can follow.
    visible = people_assignable_by(request.user, plan)
    tried: dict[str, Any] = {}

    def create() -> None:
        tried.update(form.cleaned_data)
        governance.person_create(**form.cleaned_data, among=visible)

    if request.method == "POST" and _save(form, create):
        messages.success(
            request,
            _("%(person)s was created and can now be given a role or a seat.")
            % {"person": form.cleaned_data["name"]},
        )
        return redirect(_manage_url(plan))
    if tried and not tried.get("confirm_new"):
        duplicates = person_duplicates(
            name=tried["name"], employer=tried.get("employer"), among=visible
        )
        if duplicates:
            form.ask_if_new(duplicates)
    return _form_page(
        request,
        plan=plan,
        form=form,
        title=_("Create a person"),
        form_id="person-form",
        submit=_("Create the person"),
        intro=_("Name, job title and employer are public; e-mail and phone are not."),
    )


# Corrections and deletions ------------------------------------------------------------------
# Ending a role or a seat (it happened and is over) is `role_end` / `membership_end`. A row
# entered by mistake is corrected (every field but its plan or body) or deleted here.


def _plan_role(plan: Plan, pk: int) -> PlanRole:
    return get_object_or_404(roles_of_plan(plan=plan), pk=pk)


def _membership(plan: Plan, pk: int) -> Membership:
    return get_object_or_404(seats_of_plan(plan=plan), pk=pk)


@login_required
@GET_POST
def role_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _editable_plan(request, slug)
    role = _plan_role(plan, pk)
    form = PlanRoleForm(
        request.POST or None,
        initial=forms.model_to_dict(role, fields=list(PlanRoleForm.model_fields)),
        people=people_assignable_by(request.user, plan),
        version_of=role,
    )
    if request.method == "POST" and _save(
        form,
        lambda: governance.plan_role_update(role=role, data=form.cleaned_data),
        on_error=role.refresh_from_db,
    ):
        messages.success(request, _("The role was corrected."))
        return redirect(_manage_url(plan))
    return _form_page(
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
def membership_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _editable_plan(request, slug)
    membership = _membership(plan, pk)
    form = MembershipForm(
        request.POST or None,
        initial=forms.model_to_dict(membership, fields=list(MembershipForm.model_fields)),
        people=people_assignable_by(request.user, plan),
        version_of=membership,
    )
    if request.method == "POST" and _save(
        form,
        lambda: governance.membership_update(membership=membership, data=form.cleaned_data),
        on_error=membership.refresh_from_db,
    ):
        messages.success(request, _("The membership was corrected."))
        return redirect(_manage_url(plan))
    return _form_page(
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


def _confirm_delete(
    request: HttpRequest,
    *,
    plan: Plan,
    form: DeleteForm,
    title: str,
    question: str,
    form_id: str,
    submit: str,
) -> HttpResponse:
    context = {
        "form": form,
        "plan": plan,
        "title": title,
        "question": question,
        "form_id": form_id,
        "submit": submit,
        "cancel_url": _manage_url(plan),
    }
    return render(request, "web/internal/confirm_delete.html", context)


@login_required
@GET_POST
def role_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _editable_plan(request, slug)
    role = _plan_role(plan, pk)
    form = DeleteForm(request.POST or None, version_of=role)
    if request.method == "POST" and _save(
        form,
        lambda: governance.plan_role_delete(role=role, actor=request.user),
        on_error=role.refresh_from_db,
    ):
        messages.success(request, _("The role was deleted."))
        return redirect(_manage_url(plan))
    return _confirm_delete(
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


@login_required
@GET_POST
def membership_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _editable_plan(request, slug)
    membership = _membership(plan, pk)
    form = DeleteForm(request.POST or None, version_of=membership)
    if request.method == "POST" and _save(
        form,
        lambda: governance.membership_delete(membership=membership, actor=request.user),
        on_error=membership.refresh_from_db,
    ):
        messages.success(request, _("The membership was deleted."))
        return redirect(_manage_url(plan))
    return _confirm_delete(
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


@login_required
@GET_POST
def person_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _editable_plan(request, slug)
    person = person_editable_or_404(request.user, pk=pk)
    form = PersonForm(
        request.POST or None,
        initial=forms.model_to_dict(person, fields=list(PersonForm.model_fields)),
        version_of=person,
    )
    if request.method == "POST" and _save(
        form,
        lambda: governance.person_update(person=person, data=form.cleaned_data),
        on_error=person.refresh_from_db,
    ):
        messages.success(request, _("%(person)s was saved.") % {"person": person.name})
        return redirect(_manage_url(plan))
    return _form_page(
        request,
        plan=plan,
        form=form,
        title=_("Edit %(person)s") % {"person": person.name},
        form_id="person-edit-form",
        submit=_("Save the person"),
        intro=_("Name, job title and employer are public; e-mail and phone are not."),
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
        {"form": form, "title": _("Merge two people")},
    )
