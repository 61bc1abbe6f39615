"""What the internal pages share: the plan the user may edit, `save`, which runs a service for
a valid form and puts its errors (or an edit conflict) back on the form, and `edit_page`, the
whole GET/POST cycle of a form page that goes back to the plan's page when saved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from boligsocial.accounts.selectors import plan_editable_or_404
from boligsocial.core.concurrency import ConflictError, expect_version
from boligsocial.plans.models import Plan

GET_POST = require_http_methods(["GET", "POST"])

FORM_PAGE = "web/internal/form_page.html"
CONFIRM_DELETE = "web/internal/confirm_delete.html"


def editable_plan(request: HttpRequest, slug: str) -> Plan:
    """The plan, if the user may edit it: 404 when they may not even read it, else 403."""
    return plan_editable_or_404(request.user, Plan.objects.select_related("fund_round"), slug=slug)


def manage_url(plan: Plan) -> str:
    return reverse("web:plan_manage", args=[plan.slug])


def form_page(
    request: HttpRequest,
    *,
    plan: Plan,
    form: Any,
    title: str,
    form_id: str,
    submit: str,
    intro: str = "",
    subject: Any = None,
    question: str = "",
    template: str = FORM_PAGE,
) -> HttpResponse:
    """A form of one of the plan's pages (`FORM_PAGE`), or the confirmation of a deletion
    (`CONFIRM_DELETE`, which asks `question`); both go back to the plan's page."""
    context = {
        "plan": plan,
        "form": form,
        "title": title,
        "form_id": form_id,
        "submit": submit,
        "intro": intro,
        "subject": subject,
        "question": question,
        "cancel_url": manage_url(plan),
    }
    return render(request, template, context)


def save(form: Any, action: Callable[[], Any], on_error: Callable[[], None] | None = None) -> bool:
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


def edit_page(
    request: HttpRequest,
    *,
    plan: Plan,
    form: Any,
    action: Callable[[], Any],
    saved: str | Callable[[], str],
    on_error: Callable[[], None] | None = None,
    **page: Any,
) -> HttpResponse:
    """A form page of a plan: on a POST, `save` runs `action`; when it saved, the message
    `saved` (or what `saved()` says after the save) and back to the plan's page. Otherwise
    the page (`form_page` with `page`) shows the form, with its errors after a POST."""
    if request.method == "POST" and save(form, action, on_error=on_error):
        messages.success(request, saved() if callable(saved) else saved)
        return redirect(manage_url(plan))
    return form_page(request, plan=plan, form=form, **page)
