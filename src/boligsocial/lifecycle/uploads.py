"""A transition resting on a file uploaded with it (the web's transition forms): the file is
checked and stored as a document of the plan, and the transition recorded, in one
transaction. A refused file or a refused transition leaves nothing: neither the transition,
nor the document's row, nor its file in the storage (decisions 0020, 0021)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from boligsocial.documents.models import Document, DocumentKind
from boligsocial.documents.services import document_store
from boligsocial.documents.storage import document_storage
from boligsocial.lifecycle import rules
from boligsocial.lifecycle.models import PlanTransition
from boligsocial.lifecycle.services import plan_transition_make
from boligsocial.plans.models import Plan

# The kind a transition's document is stored as.
DOCUMENT_KINDS = {
    rules.SUBMIT_PREQUALIFICATION: DocumentKind.APPLICATION,
    rules.SUBMIT_PLAN: DocumentKind.APPLICATION,
    rules.PREQUALIFICATION_DECISION: DocumentKind.LBF_DECISION,
    rules.GRANT_DECISION: DocumentKind.LBF_DECISION,
    rules.EXTEND: DocumentKind.LBF_DECISION,
    rules.MOVE_ROUND: DocumentKind.LBF_DECISION,
}


def plan_transition_with_upload(
    *,
    plan: Plan,
    user: Any,
    kind: str,
    upload: Any = None,
    document_title: str = "",
    document_internal: bool = True,
    **transition: Any,
) -> PlanTransition:
    """`lifecycle.services.plan_transition_make` with `upload` (a file object with a name, or
    None) stored first as the document the step rests on, of the kind the step implies (LBF's
    letter for LBF's decisions, the application for a submission)."""
    stored: list[Document] = []
    try:
        with transaction.atomic():
            document = None
            if upload is not None:
                document = document_store(
                    plan=plan,
                    upload=upload,
                    title=document_title,
                    kind=DOCUMENT_KINDS.get(kind, DocumentKind.OTHER),
                    internal=document_internal,
                    uploaded_by=user,
                )
                stored.append(document)
            return plan_transition_make(
                plan=plan, user=user, kind=kind, document=document, **transition
            )
    except BaseException:
        for document in stored:
            document_storage().delete(document.file.name)
        raise
