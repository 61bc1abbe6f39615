"""Writes of documents (decision 0021). An upload is checked by its content before anything is
written; a refused file leaves nothing behind, neither a row nor a file in the storage."""

from __future__ import annotations

import hashlib
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from boligsocial.accounts.selectors import scopes_for
from boligsocial.documents import rules
from boligsocial.documents.models import Document, DocumentKind
from boligsocial.documents.storage import document_path, document_storage
from boligsocial.plans.models import Plan


def upload_limits() -> rules.Limits:
    return rules.Limits(max_bytes=settings.DOCUMENT_MAX_BYTES)


def _types() -> str:
    return ", ".join(t.extension.upper() for t in rules.ALLOWED_TYPES)


def refusal_message(refused: rules.Refused, name: str) -> str:
    """The refusal as a sentence naming the file."""
    params: dict[str, Any] = {"name": name or _("(no name)"), "types": _types()}
    params.update(refused.params)
    for key in ("size", "limit"):
        if key in params:
            params[key] = filesizeformat(params[key])
    messages = {
        "empty": _("“%(name)s” is empty."),
        "too_large": _("“%(name)s” is %(size)s; a document may be at most %(limit)s."),
        "markup": _(
            "“%(name)s” is an HTML or XML text, not a document; allowed are %(types)s, "
            "recognised by their content, not their name."
        ),
        "unknown_type": _(
            "“%(name)s” is not a %(types)s file; the type is recognised by the content, "
            "not by the name."
        ),
        "damaged_zip": _("“%(name)s” is a damaged ZIP archive (DOCX, XLSX, ODT and ODS are)."),
        "other_zip": _(
            "“%(name)s” is a ZIP archive, but not a DOCX, XLSX, ODT or ODS document (it lacks "
            "their required parts)."
        ),
        "zip_entries": _(
            "“%(name)s” holds %(count)s files inside; a document may hold at most %(limit)s. "
            "It is refused as a possible ZIP bomb."
        ),
        "zip_bomb": _(
            "“%(name)s” would unpack to more than %(limit)s or packs its content implausibly "
            "tightly; it is refused as a possible ZIP bomb."
        ),
        "macros": _("“%(name)s” contains macros (vbaProject.bin); save it without macros."),
        "extension": _(
            "“%(name)s” is a %(type)s document by its content, so its name must end in "
            ".%(extension)s."
        ),
        "no_name": _("The file has no name."),
    }
    return messages[refused.code] % params


def oversize_message(name: str) -> str:
    """An upload stopped while it was read because it was already over the limit."""
    return _("“%(name)s” is larger than %(limit)s, the most a document may be.") % {
        "name": rules.clean_name(name) or _("(no name)"),
        "limit": filesizeformat(upload_limits().max_bytes),
    }


def document_check(*, upload: IO[bytes], name: str, size: int) -> rules.FileType:
    """The type of an uploaded file, or ValidationError on `file` naming it."""
    try:
        found = rules.detect_type(upload, size=size, limits=upload_limits())
        rules.check_name(name, found)
    except rules.Refused as refused:
        raise ValidationError({"file": refusal_message(refused, name)}, code=refused.code) from None
    return found


def _sha256_and_size(upload: IO[bytes]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    upload.seek(0)
    while chunk := upload.read(1024 * 1024):
        digest.update(chunk)
        size += len(chunk)
    upload.seek(0)
    return digest.hexdigest(), size


def document_store(
    *,
    plan: Plan,
    upload: Any,
    title: str = "",
    kind: str = DocumentKind.OTHER,
    internal: bool = False,
    uploaded_by: Any = None,
) -> Document:
    """Check and store a file for the plan, without asking who uploads it: for services that
    have checked the actor themselves (a lifecycle transition's document). `upload` is a file
    object with a `name` (Django's UploadedFile, or a File)."""
    name = rules.clean_name(getattr(upload, "name", "") or "")
    if not name:
        raise ValidationError({"file": refusal_message(rules.Refused("no_name"), "")})
    sha256, size = _sha256_and_size(upload)
    found = document_check(upload=upload, name=name, size=size)
    document = Document(
        plan=plan,
        kind=kind,
        title=(title or "").strip() or name.rpartition(".")[0] or name,
        original_name=name,
        content_type=found.content_type,
        size=size,
        sha256=sha256,
        uploaded_by=uploaded_by if getattr(uploaded_by, "is_authenticated", False) else None,
        internal=internal,
    )
    document.full_clean(exclude=["file"])
    storage = document_storage()
    stored = storage.save(document_path(document, f"x.{found.extension}"), upload)
    try:
        with transaction.atomic():
            document.file.name = stored
            if uploaded_by is not None and getattr(uploaded_by, "is_authenticated", False):
                document._history_user = uploaded_by  # type: ignore[attr-defined]
            document.save()
    except BaseException:
        storage.delete(stored)
        raise
    return document


def document_upload(
    *,
    plan: Plan,
    actor: Any,
    upload: Any,
    title: str = "",
    kind: str = DocumentKind.OTHER,
    internal: bool = False,
) -> Document:
    """Upload a document to a plan: whoever may edit the plan (accounts' rules)."""
    if not rules.can_change_documents(scopes_for(actor), plan.pk):
        raise PermissionDenied(_("Only the plan's editors may add documents to it."))
    return document_store(
        plan=plan, upload=upload, title=title, kind=kind, internal=internal, uploaded_by=actor
    )


def document_delete(*, document: Document, actor: Any) -> None:
    """Delete a document: whoever may edit its plan. The history keeps who deleted it and what
    it was (title, name, type, size, SHA-256); the file itself is removed from the storage once
    the deletion is committed, since documents may carry personal data."""
    if not rules.can_change_documents(scopes_for(actor), document.plan_id):
        raise PermissionDenied(_("Only the plan's editors may delete its documents."))
    name = document.file.name
    if getattr(actor, "is_authenticated", False):
        document._history_user = actor  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            document.delete()
    except ProtectedError:
        raise ValidationError(
            _(
                "“%(title)s” is the document a recorded step of the plan rests on; it cannot "
                "be deleted."
            )
            % {"title": document.title},
            code="protected",
        ) from None
    transaction.on_commit(lambda: document_storage().delete(name))
