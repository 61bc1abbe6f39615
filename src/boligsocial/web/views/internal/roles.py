"""A plan's leaders and staff: add a role, and end, correct or delete one (`dated_rows`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.accounts.selectors import people_assignable_by
from boligsocial.governance import services as governance
from boligsocial.governance.models import PlanRole
from boligsocial.governance.selectors import roles_of_plan
from boligsocial.web.forms import PlanRoleForm
from boligsocial.web.views.internal.common import GET_POST, edit_page, editable_plan
from boligsocial.web.views.internal.dated_rows import (
    DatedRowPages,
    correct_view,
    delete_view,
    end_view,
)


@login_required
@GET_POST
def role_add(request: HttpRequest, slug: str) -> HttpResponse:
    plan = editable_plan(request, slug)
    form = PlanRoleForm(request.POST or None, people=people_assignable_by(request.user, plan))
    return edit_page(
        request,
        plan=plan,
        form=form,
        action=lambda: governance.plan_role_add(plan=plan, **form.cleaned_data),
        saved=_("The role was added."),
        title=_("Add a leader or staff member"),
        form_id="role-form",
        submit=_("Add the role"),
        intro=_("If the person is not in the list, create the person first."),
    )


def _describe(role: PlanRole) -> dict[str, Any]:
    return {"person": role.person.name, "role": role.get_kind_display().lower()}


ROLE_PAGES = DatedRowPages(
    key="role",
    rows=lambda plan: roles_of_plan(plan=plan),
    form_class=PlanRoleForm,
    end=lambda role, valid_to: governance.plan_role_end(role=role, valid_to=valid_to),
    update=lambda role, data: governance.plan_role_update(role=role, data=data),
    delete=lambda role, actor: governance.plan_role_delete(role=role, actor=actor),
    describe=_describe,
    ended=gettext_lazy("The role was ended."),
    end_title=gettext_lazy("End the role of %(person)s"),
    end_submit=gettext_lazy("End the role"),
    corrected=gettext_lazy("The role was corrected."),
    correct_title=gettext_lazy("Correct the role of %(person)s"),
    correct_intro=gettext_lazy(
        "Correct a role that was entered wrongly. If the role has ended, end it instead: "
        "its history stays as it was."
    ),
    deleted=gettext_lazy("The role was deleted."),
    delete_title=gettext_lazy("Delete the role of %(person)s"),
    delete_question=gettext_lazy(
        "Delete the role of %(person)s (%(role)s, %(period)s)? Delete only a role entered "
        "by mistake; a role that has ended is ended instead. The history keeps the deleted "
        "role."
    ),
    delete_submit=gettext_lazy("Delete the role"),
)

role_end = end_view(ROLE_PAGES)
role_edit = correct_view(ROLE_PAGES)
role_delete = delete_view(ROLE_PAGES)
