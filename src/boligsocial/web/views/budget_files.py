"""A plan's budget and accounts as spreadsheets on their pages (docs/decisions/0027): the
budget workbook's
download for every logged-in user who may read the plan, and for the plan's editors the upload
of an edited workbook into the draft: first a dry run that lists every problem (sheet, row,
column) or what the import would change and the 75/25 check after it, then the import itself,
all of it or nothing. The dry run's rows go to the confirmation signed in the form (no file is
kept on the server between the two steps); the version token they carry makes a change of the
draft in between an edit conflict. The accounts workbook likewise: its download for the plan's
readers, and for its editors an upload that is checked (a dry run) or imported, as the editor
chooses with the button."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET

from boligsocial.accounts.selectors import can_edit_plan, plan_readable_or_404
from boligsocial.budgets.selectors import draft_of
from boligsocial.budgets.wording import breach_text, in_kind_text, year_warning_text
from boligsocial.budgets.workbook import (
    ImportOutcome,
    WorkbookErrors,
    apply_rows,
    budget_workbook,
    budget_workbook_import,
    export_version,
    rows_from_payload,
    rows_payload,
    workbook_name,
)
from boligsocial.budgets.workbook.sheets import SheetError, not_a_workbook
from boligsocial.core.tables import MAX_BYTES
from boligsocial.plans.models import Plan
from boligsocial.reporting.workbook import accounts_workbook, accounts_workbook_import
from boligsocial.web.forms.base import style_field
from boligsocial.web.views.documents import SizeLimitHandler
from boligsocial.web.views.internal.common import GET_POST, editable_plan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SALT = "boligsocial.web.budget_files.import"
#: How long a dry run's confirmation may be used (seconds).
CONFIRM_MAX_AGE = 3600
TEMPLATE = "web/budgets/files/import.html"
ACCOUNTS_TEMPLATE = "web/budgets/files/accounts_import.html"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Budget workbook (XLSX)"),
        help_text=gettext_lazy(
            "A workbook downloaded from the budget page, with your changes. Nothing is "
            "imported before you have seen what the import will change."
        ),
        allow_empty_file=True,  # an empty file is refused with the message of a foreign file
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".xlsx"
        style_field(self.fields["file"])


class ConfirmForm(forms.Form):
    confirmation = forms.CharField(widget=forms.HiddenInput)


def budget_url(plan: Plan) -> str:
    return reverse("web:budget", args=[plan.slug])


@login_required
@require_GET
def budget_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The workbook of the plan's draft (the version one edits), else of its current budget."""
    plan = plan_readable_or_404(request.user, Plan.objects.select_related("fund_round"), slug=slug)
    version = export_version(plan)
    if version is None:
        raise Http404("The plan has no budget yet.")
    data = budget_workbook(version, exported_on=timezone.localdate())
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{workbook_name(plan, version)}"'
    response["Cache-Control"] = "private, no-store"  # what this reader may see, now
    return response


@login_required
@GET_POST
@csrf_exempt
def budget_import(request: HttpRequest, slug: str) -> HttpResponse:
    """The import page. The upload's size limit is set before the body is read, so the CSRF
    check (which reads it) comes after it, as on the documents page."""
    request.upload_handlers = [SizeLimitHandler(request, MAX_BYTES), *request.upload_handlers]
    return _budget_import(request, slug)


@csrf_protect
def _budget_import(request: HttpRequest, slug: str) -> HttpResponse:
    plan = editable_plan(request, slug)
    draft = draft_of(plan)
    context: dict[str, Any] = {
        "plan": plan,
        "draft": draft,
        "here": _("Import a spreadsheet"),
        "form": UploadForm(),
        "problems": [],
        "outcome": None,
        "can_edit": can_edit_plan(request.user, plan),
    }
    if request.method == "POST" and draft is not None:
        if "confirmation" in request.POST:
            done = _apply(request, plan, context)
            if done:
                return redirect(budget_url(plan))
        else:
            _dry_run(request, plan, context)
    return render(request, TEMPLATE, context)


def _dry_run(request: HttpRequest, plan: Plan, context: dict[str, Any]) -> None:
    form = UploadForm(request.POST, request.FILES)
    context["form"] = form
    oversized = getattr(request, "oversized_upload", None)
    if oversized is not None:
        context["problems"] = [_too_large(oversized)]
        return
    if not form.is_valid():
        context["problems"] = [SheetError(None, None, None, _("Choose the workbook to import."))]
        return
    upload = form.cleaned_data["file"]
    data = upload.read() if upload.size <= MAX_BYTES else b""
    try:
        outcome = budget_workbook_import(plan=plan, data=data, user=request.user, dry_run=True)
    except WorkbookErrors as exc:
        context["problems"] = exc.errors or [SheetError(None, None, None, not_a_workbook())]
        context["file_name"] = upload.name
        return
    context.update(_preview(request, plan, outcome, upload.name))


def _too_large(name: str) -> SheetError:
    return SheetError(
        None,
        None,
        None,
        _("“%(name)s” is larger than %(limit)s.")
        % {"name": name, "limit": filesizeformat(MAX_BYTES)},
    )


def _preview(request: HttpRequest, plan: Plan, outcome: ImportOutcome, name: str) -> dict[str, Any]:
    payload = {
        "plan": plan.pk,
        "user": request.user.pk,
        "name": name,
        "rows": rows_payload(outcome.rows),
    }
    check = outcome.check
    return {
        "outcome": outcome,
        "file_name": name,
        "years": sorted(check.years.items()),
        "period": check.period,
        "breach": breach_text(check),
        "warnings": [year_warning_text(y, check.years[y]) for y in check.years_in_breach],
        "in_kind": in_kind_text(check),
        "confirm": ConfirmForm(
            initial={"confirmation": signing.dumps(payload, salt=SALT, compress=True)}
        ),
    }


def _apply(request: HttpRequest, plan: Plan, context: dict[str, Any]) -> bool:
    """Import the rows of a confirmed dry run; True when imported."""
    try:
        payload = signing.loads(
            request.POST.get("confirmation", ""), salt=SALT, max_age=CONFIRM_MAX_AGE
        )
    except signing.BadSignature:
        payload = None
    if (
        not isinstance(payload, dict)
        or payload.get("plan") != plan.pk
        or payload.get("user") != request.user.pk
    ):
        context["problems"] = [
            SheetError(
                None,
                None,
                None,
                _(
                    "The confirmation has expired or is not for this plan: upload the "
                    "workbook again."
                ),
            )
        ]
        return False
    try:
        outcome = apply_rows(
            plan=plan, rows=rows_from_payload(payload["rows"]), user=request.user, dry_run=False
        )
    except WorkbookErrors as exc:
        context["problems"] = exc.errors
        context["file_name"] = payload.get("name", "")
        return False
    messages.success(
        request,
        _("The workbook %(name)s was imported into budget version %(number)s: %(summary)s.")
        % {
            "name": payload.get("name", ""),
            "number": outcome.version.number,
            "summary": outcome.summary,
        },
    )
    return True


# The accounts ---------------------------------------------------------------------------------


@login_required
@require_GET
def accounts_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The plan's yearly accounts as a workbook, for every logged-in reader of the plan."""
    plan = plan_readable_or_404(request.user, Plan.objects.select_related("fund_round"), slug=slug)
    today = timezone.localdate()
    data = accounts_workbook(plan, today=today, exported_on=today)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="regnskab-{plan.slug}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@GET_POST
@csrf_exempt
def accounts_import(request: HttpRequest, slug: str) -> HttpResponse:
    request.upload_handlers = [SizeLimitHandler(request, MAX_BYTES), *request.upload_handlers]
    return _accounts_import(request, slug)


@csrf_protect
def _accounts_import(request: HttpRequest, slug: str) -> HttpResponse:
    plan = editable_plan(request, slug)
    form = UploadForm(request.POST or None, request.FILES or None)
    form.fields["file"].label = _("Accounts workbook (XLSX)")
    form.fields["file"].help_text = _(
        "A workbook downloaded from the accounts page, with your changes. Check it first: "
        "nothing is written until you import it."
    )
    context: dict[str, Any] = {"plan": plan, "form": form, "problems": [], "outcome": None}
    if request.method == "POST":
        dry_run = request.POST.get("action") != "import"
        oversized = getattr(request, "oversized_upload", None)
        if oversized is not None:
            context["problems"] = [_too_large(oversized)]
        elif not form.is_valid():
            context["problems"] = [
                SheetError(None, None, None, _("Choose the workbook to import."))
            ]
        else:
            upload = form.cleaned_data["file"]
            context["file_name"] = upload.name
            try:
                outcome = accounts_workbook_import(
                    plan=plan, data=upload.read(), user=request.user, dry_run=dry_run
                )
            except PermissionDenied as exc:  # pragma: no cover - editable_plan checked it
                context["problems"] = [SheetError(None, None, None, str(exc))]
            except WorkbookErrors as exc:
                context["problems"] = exc.errors
            else:
                if not dry_run:
                    messages.success(
                        request,
                        _("The workbook %(name)s was imported: %(summary)s.")
                        % {"name": upload.name, "summary": outcome.summary},
                    )
                    return redirect(reverse("web:accounts", args=[plan.slug]))
                context["outcome"] = outcome
    return render(request, ACCOUNTS_TEMPLATE, context)
