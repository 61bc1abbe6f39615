"""A plan's documents on the internal pages (decision 0021): the list for logged-in users who
may read the plan (internal documents only for its editors), downloads as attachments, and for
the plan's editors the upload form, deletion and the history of uploads and deletions. A plan
or document the user may not read is 404, as a missing one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET

from boligsocial.core.concurrency import ConflictError, expect_version
from boligsocial.documents.downloads import document_response
from boligsocial.documents.models import Document
from boligsocial.documents.selectors import (
    document_access,
    document_history,
    document_of_plan_or_404,
    documents_of_plan,
    readable_plan_or_404,
)
from boligsocial.documents.services import document_delete as delete_document
from boligsocial.documents.services import document_upload, oversize_message, upload_limits
from boligsocial.plans.models import Plan
from boligsocial.web.forms import DeleteForm
from boligsocial.web.forms.documents import DocumentUploadForm
from boligsocial.web.views.internal.common import CONFIRM_DELETE, GET_POST, save


def documents_url(plan: Plan) -> str:
    return reverse("web:plan_documents", args=[plan.slug])


def _upload_form(request: HttpRequest) -> DocumentUploadForm:
    limit = filesizeformat(upload_limits().max_bytes)
    if request.method == "POST":
        return DocumentUploadForm(request.POST, request.FILES, limit=limit)
    return DocumentUploadForm(limit=limit)


class SizeLimitHandler(FileUploadHandler):
    """Stops reading an uploaded file once it is larger than a document may be: the rest of
    the body is read and thrown away instead of being written to a temporary file, and the
    view says which file was too large."""

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.oversized_upload = self.file_name  # type: ignore[union-attr]
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


@login_required
@GET_POST
@csrf_exempt
def plan_documents(request: HttpRequest, slug: str) -> HttpResponse:
    """The plan's documents; a POST uploads one (the plan's editors only). The size limit is
    set before the body is read, so the CSRF check (which reads it) comes after it."""
    limit = SizeLimitHandler(request, upload_limits().max_bytes)
    request.upload_handlers = [limit, *request.upload_handlers]
    return _plan_documents(request, slug)


@csrf_protect
def _plan_documents(request: HttpRequest, slug: str) -> HttpResponse:
    plan = readable_plan_or_404(request.user, slug)
    access = document_access(request.user, plan)
    form = None
    if access.change:
        form = _upload_form(request)
    elif request.method == "POST":
        raise PermissionDenied(_("Only the plan's editors may add documents to it."))
    oversized = getattr(request, "oversized_upload", None)
    if form is not None and request.method == "POST" and oversized is not None:
        form.is_valid()
        form.add_error("file", oversize_message(oversized))
    elif form is not None and request.method == "POST":

        def upload() -> Document:
            data = form.cleaned_data
            return document_upload(
                plan=plan,
                actor=request.user,
                upload=data["file"],
                title=data["title"],
                kind=data["kind"],
                internal=data["internal"],
            )

        if save(form, upload):
            messages.success(
                request,
                _("“%(name)s” was added to the plan's documents.")
                % {"name": form.cleaned_data["file"].name},
            )
            return redirect(documents_url(plan))
    context = {
        "plan": plan,
        "access": access,
        "documents": documents_of_plan(request.user, plan, access=access),
        "form": form,
        "history": document_history(plan, access=access) if access.change else None,
    }
    return render(request, "web/documents/plan_documents.html", context)


@login_required
@require_GET
def document_download(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    plan = readable_plan_or_404(request.user, slug)
    return document_response(document_of_plan_or_404(request.user, plan, pk))


@login_required
@GET_POST
def document_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = readable_plan_or_404(request.user, slug)
    document = document_of_plan_or_404(request.user, plan, pk)
    if not document_access(request.user, plan).change:
        raise PermissionDenied(_("Only the plan's editors may delete its documents."))
    form = DeleteForm(request.POST if request.method == "POST" else None, version_of=document)
    if request.method == "POST" and form.is_valid():
        try:
            with expect_version(document, form.expected_version):
                delete_document(document=document, actor=request.user)
        except ConflictError as error:
            form.show_conflict(error)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("“%(title)s” was deleted.") % {"title": document.title})
            return redirect(documents_url(plan))
    context = {
        "plan": plan,
        "form": form,
        "title": _("Delete %(title)s") % {"title": document.title},
        "question": _(
            "Delete the document “%(title)s” (%(name)s)? The file is removed; the plan's "
            "document history keeps its title, name, size and checksum and who deleted it."
        )
        % {"title": document.title, "name": document.original_name},
        "form_id": "document-delete-form",
        "submit": _("Delete the document"),
        "cancel_url": documents_url(plan),
    }
    return render(request, CONFIRM_DELETE, context)
