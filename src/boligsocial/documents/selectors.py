"""Reads of documents, limited to what the user may see (decision 0021): a plan's documents for
logged-in users who may read the plan, its internal ones only for the plan's editors. A document
the user may not see is missing to them (404), as an unreadable plan is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from boligsocial.accounts.selectors import plan_facts, scopes_for
from boligsocial.documents import rules
from boligsocial.documents.models import Document
from boligsocial.plans.models import Plan


@dataclass(frozen=True)
class DocumentAccess:
    """What the user may do with one plan's documents."""

    read: bool
    read_internal: bool
    change: bool


def document_access(user: Any, plan: Plan) -> DocumentAccess:
    """What the user may do with the plan's documents; worked out once per plan object and
    user (a request asks several times)."""
    scopes = scopes_for(user)
    if not scopes.is_authenticated:
        return DocumentAccess(read=False, read_internal=False, change=False)
    known: dict[Any, DocumentAccess] = plan.__dict__.setdefault("_document_access", {})
    if user.pk not in known:
        read = scopes.is_admin or rules.can_read_documents(scopes, plan_facts(plan))
        known[user.pk] = DocumentAccess(
            read=read,
            read_internal=read and rules.can_read_internal_documents(scopes, plan.pk),
            change=read and rules.can_change_documents(scopes, plan.pk),
        )
    return known[user.pk]


def downloadable_ids(user: Any, plan: Plan, documents: Iterable[Document | None]) -> set[int]:
    """Which of `documents` (of `plan`; None entries skipped) the user may download, without a
    query when there is none to ask about."""
    present = [d for d in documents if d is not None]
    if not present:
        return set()
    access = document_access(user, plan)
    if not access.read:
        return set()
    return {d.pk for d in present if access.read_internal or not d.internal}


def documents_of_plan(user: Any, plan: Plan, *, access: DocumentAccess | None = None) -> QuerySet:
    """The plan's documents the user may see, newest first, with their uploaders."""
    access = access or document_access(user, plan)
    if not access.read:
        return Document.objects.none()
    documents = Document.objects.filter(plan=plan).select_related("uploaded_by")
    if not access.read_internal:
        documents = documents.filter(internal=False)
    return documents


def document_of_plan_or_404(user: Any, plan: Plan, pk: Any) -> Document:
    """One of the plan's documents, if the user may see it; Http404 otherwise, exactly as for a
    document that does not exist."""
    try:
        key = int(pk)
    except (TypeError, ValueError):
        raise Http404("No such document.") from None
    document = documents_of_plan(user, plan).filter(pk=key).first()
    if document is None:
        raise Http404("No such document.")
    return document


def readable_plan_or_404(user: Any, slug: str) -> Plan:
    """The plan whose documents the user may list: logged in and allowed to read the plan.
    Http404 otherwise (an anonymous visitor of a published plan sees no documents)."""
    plan = Plan.objects.filter(slug=slug).first()
    if plan is None or not document_access(user, plan).read:
        raise Http404("No such plan.")
    return plan


HISTORY_ROWS = 100


def document_history(plan: Plan, *, access: DocumentAccess) -> list[Any]:
    """The newest uploads and deletions of the plan's documents (at most 100 rows), with who
    made them: what the history keeps after a document is deleted. Internal documents only for
    those who may see them."""
    if not access.read:
        return []
    rows = Document.history.filter(plan_id=plan.pk).select_related("history_user")
    if not access.read_internal:
        rows = rows.filter(internal=False)
    return list(rows.order_by("-history_date", "-history_id")[:HISTORY_ROWS])
