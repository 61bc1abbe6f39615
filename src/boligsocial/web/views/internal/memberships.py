"""The seats in a plan's bodies: add a member, and end, correct or delete a seat
(`dated_rows`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.accounts.selectors import people_assignable_by
from boligsocial.governance import services as governance
from boligsocial.governance.models import Body, Membership
from boligsocial.governance.selectors import seats_of_plan
from boligsocial.web.forms import MembershipForm
from boligsocial.web.views.internal.common import GET_POST, edit_page, editable_plan
from boligsocial.web.views.internal.dated_rows import (
    DatedRowPages,
    correct_view,
    delete_view,
    end_view,
)


@login_required
@GET_POST
def membership_add(request: HttpRequest, slug: str, body_pk: int) -> HttpResponse:
    plan = editable_plan(request, slug)
    body = get_object_or_404(Body, pk=body_pk, plan=plan)
    form = MembershipForm(request.POST or None, people=people_assignable_by(request.user, plan))
    return edit_page(
        request,
        plan=plan,
        form=form,
        action=lambda: governance.membership_add(body=body, **form.cleaned_data),
        saved=_("The member was added."),
        title=_("Add a member to %(body)s") % {"body": body.name},
        form_id="membership-form",
        submit=_("Add the member"),
        intro=_("If the person is not in the list, create the person first."),
    )


def _describe(membership: Membership) -> dict[str, Any]:
    return {
        "person": membership.person.name,
        "body": membership.body.name,
        "role": membership.get_role_display().lower(),
    }


MEMBERSHIP_PAGES = DatedRowPages(
    key="membership",
    rows=lambda plan: seats_of_plan(plan=plan),
    form_class=MembershipForm,
    end=lambda seat, valid_to: governance.membership_end(membership=seat, valid_to=valid_to),
    update=lambda seat, data: governance.membership_update(membership=seat, data=data),
    delete=lambda seat, actor: governance.membership_delete(membership=seat, actor=actor),
    describe=_describe,
    ended=gettext_lazy("The membership was ended."),
    end_title=gettext_lazy("End the membership of %(person)s in %(body)s"),
    end_submit=gettext_lazy("End the membership"),
    corrected=gettext_lazy("The membership was corrected."),
    correct_title=gettext_lazy("Correct the membership of %(person)s in %(body)s"),
    correct_intro=gettext_lazy(
        "Correct a seat that was entered wrongly. If the seat has ended, end it instead: "
        "its history stays as it was."
    ),
    deleted=gettext_lazy("The membership was deleted."),
    delete_title=gettext_lazy("Delete the membership of %(person)s in %(body)s"),
    delete_question=gettext_lazy(
        "Delete the seat of %(person)s in %(body)s (%(role)s, %(period)s)? Delete only a "
        "seat entered by mistake; a seat that has ended is ended instead. The history "
        "keeps the deleted seat."
    ),
    delete_submit=gettext_lazy("Delete the membership"),
)

membership_end = end_view(MEMBERSHIP_PAGES)
membership_edit = correct_view(MEMBERSHIP_PAGES)
membership_delete = delete_view(MEMBERSHIP_PAGES)
