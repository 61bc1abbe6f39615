"""A plan role and a seat in a body are both dated rows of a plan, and beyond adding one they
have the same three pages: end it (it happened and is over), correct it (it was entered
wrongly; every field but its plan or body) and delete it (it was entered by mistake). A
`DatedRowPages` says what differs between the two kinds; `end_view`, `correct_view` and
`delete_view` build the pages from it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from boligsocial.accounts.selectors import people_assignable_by
from boligsocial.governance.messages import period_text
from boligsocial.governance.models import Membership, PlanRole
from boligsocial.plans.models import Plan
from boligsocial.web.forms import DeleteForm, EndForm, MembershipForm, PlanRoleForm
from boligsocial.web.views.internal.common import (
    CONFIRM_DELETE,
    GET_POST,
    edit_page,
    editable_plan,
)

DatedRow = PlanRole | Membership
RowView = Callable[[HttpRequest, str, int], HttpResponse]

CORRECTION_SUBMIT = gettext_lazy("Save the correction")


@dataclass(frozen=True)
class DatedRowPages:
    """One kind of dated row. The texts are lazy translations; titles and questions are
    formatted with `describe(row)` (its person, body and role) and the row's period."""

    key: str  # in the form ids: "<key>-end-form", "<key>-edit-form", "<key>-delete-form"
    rows: Callable[[Plan], QuerySet[Any]]  # the plan's rows, in which the URL's pk is looked up
    form_class: type[PlanRoleForm] | type[MembershipForm]
    end: Callable[[Any, date], object]
    update: Callable[[Any, dict[str, Any]], object]
    delete: Callable[[Any, Any], object]  # (row, actor)
    describe: Callable[[Any], dict[str, str]]
    ended: Promise
    end_title: Promise
    end_submit: Promise
    corrected: Promise
    correct_title: Promise
    correct_intro: Promise
    deleted: Promise
    delete_title: Promise
    delete_question: Promise
    delete_submit: Promise

    def row(self, plan: Plan, pk: int) -> Any:
        return get_object_or_404(self.rows(plan), pk=pk)

    def texts(self, row: DatedRow) -> dict[str, str]:
        return {**self.describe(row), "period": period_text(row.valid_from, row.valid_to)}


def end_view(pages: DatedRowPages) -> RowView:
    @login_required
    @GET_POST
    def view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        plan = editable_plan(request, slug)
        row = pages.row(plan, pk)
        form = EndForm(request.POST or None, initial={"valid_to": row.valid_to}, version_of=row)
        return edit_page(
            request,
            plan=plan,
            form=form,
            action=lambda: pages.end(row, form.cleaned_data["valid_to"]),
            on_error=row.refresh_from_db,
            saved=str(pages.ended),
            title=pages.end_title % pages.texts(row),
            form_id=f"{pages.key}-end-form",
            submit=str(pages.end_submit),
            subject=row,
        )

    return view


def correct_view(pages: DatedRowPages) -> RowView:
    @login_required
    @GET_POST
    def view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        plan = editable_plan(request, slug)
        row = pages.row(plan, pk)
        form = pages.form_class(
            request.POST or None,
            initial=forms.model_to_dict(row, fields=list(pages.form_class.model_fields)),
            people=people_assignable_by(request.user, plan),
            version_of=row,
        )
        return edit_page(
            request,
            plan=plan,
            form=form,
            action=lambda: pages.update(row, form.cleaned_data),
            on_error=row.refresh_from_db,
            saved=str(pages.corrected),
            title=pages.correct_title % pages.texts(row),
            form_id=f"{pages.key}-edit-form",
            submit=str(CORRECTION_SUBMIT),
            intro=str(pages.correct_intro),
        )

    return view


def delete_view(pages: DatedRowPages) -> RowView:
    @login_required
    @GET_POST
    def view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
        plan = editable_plan(request, slug)
        row = pages.row(plan, pk)
        form = DeleteForm(request.POST or None, version_of=row)
        return edit_page(
            request,
            plan=plan,
            form=form,
            action=lambda: pages.delete(row, request.user),
            on_error=row.refresh_from_db,
            saved=str(pages.deleted),
            template=CONFIRM_DELETE,
            title=pages.delete_title % pages.texts(row),
            question=pages.delete_question % pages.texts(row),
            form_id=f"{pages.key}-delete-form",
            submit=str(pages.delete_submit),
        )

    return view
