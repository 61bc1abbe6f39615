"""`/api/v1/plans/{slug}/documents/`: a plan's documents with the rules of its pages (decision
0021). Logged-in users who may read the plan list and download its documents (internal ones only
its editors); the plan's editors upload (multipart/form-data) and delete. Anonymous requests
answer 403; a plan or document the user may not read answers 404, as a missing one."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from boligsocial.api.fields import POSITIVE_INT_MAX
from boligsocial.api.schema import BoligsocialAutoSchema
from boligsocial.api.serializers.documents import DocumentSerializer, DocumentUploadSerializer
from boligsocial.api.views.base import ReadViewSet
from boligsocial.documents import rules
from boligsocial.documents.downloads import document_response
from boligsocial.documents.selectors import (
    DocumentAccess,
    document_access,
    document_of_plan_or_404,
    documents_of_plan,
    readable_plan_or_404,
)
from boligsocial.documents.services import (
    document_delete,
    document_upload,
    refusal_message,
    upload_limits,
)
from boligsocial.plans.models import Plan

SLUG = OpenApiParameter(
    "slug",
    str,
    OpenApiParameter.PATH,
    pattern=r"^[-a-zA-Z0-9_]+$",
    description="The plan's slug, as in its address, e.g. `bispehaven-2024-2028`.",
)
ID = OpenApiParameter(
    "id",
    {"type": "integer", "minimum": 0, "maximum": POSITIVE_INT_MAX},
    OpenApiParameter.PATH,
    description="The document's id.",
)
# Room for the multipart envelope and the other fields around the file.
ENVELOPE_BYTES = 64 * 1024


class DocumentSchema(BoligsocialAutoSchema):
    def get_override_parameters(self) -> list[Any]:
        parameters = [*super().get_override_parameters(), SLUG]
        if "{id}" in self.path:
            parameters.append(ID)
        return parameters

    def get_auth(self) -> list[dict[str, Any]]:
        # Documents are for logged-in users only, reads included.
        return [auth for auth in super().get_auth() if auth]

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        if self.method == "GET":
            responses["403"]["description"] = (
                "Not logged in: documents are for logged-in users only, also of published plans."
            )
        return responses


def refuse_oversized_body(request: Request) -> None:
    """A body larger than the largest document can be is refused before it is read."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    limit = upload_limits().max_bytes
    if length > limit + ENVELOPE_BYTES:
        raise ValidationError(
            {
                "file": [
                    refusal_message(
                        rules.Refused("too_large", {"size": length, "limit": limit}), ""
                    )
                ]
            }
        )


class DocumentViewSet(ReadViewSet):
    """A plan's documents, newest first."""

    schema = DocumentSchema()
    output_serializer_class = DocumentSerializer
    permission_classes = (IsAuthenticated,)
    parser_classes = [MultiPartParser, FormParser]
    filter_backends: list[Any] = []
    _plan: Plan | None = None
    _access: DocumentAccess | None = None

    @property
    def plan(self) -> Plan:
        if self._plan is None:
            self._plan = readable_plan_or_404(self.request.user, self.kwargs["slug"])
        return self._plan

    @property
    def access(self) -> DocumentAccess:
        if self._access is None:
            self._access = document_access(self.request.user, self.plan)
        return self._access

    def base_queryset(self) -> QuerySet[Any]:
        return documents_of_plan(self.request.user, self.plan, access=self.access).select_related(
            "plan"
        )

    def get_object(self) -> Any:
        return document_of_plan_or_404(self.request.user, self.plan, self.kwargs["pk"])

    def get_serializer_class(self) -> Any:
        if self.action == "create":
            return DocumentUploadSerializer
        return DocumentSerializer

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # A download answers the file whatever the client accepts.
        return super().perform_content_negotiation(
            request, force=force or self.action == "download"
        )

    @extend_schema(operation_id="plans_documents_list")
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The plan's documents the user may see, newest first: logged-in users who may read
        the plan; the internal ones only its editors."""
        return super().list(request, *args, **kwargs)

    @extend_schema(operation_id="plans_documents_retrieve")
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One document's description: title, kind, file name, type found in the content,
        size, SHA-256, whether it is internal, who uploaded it and when, its download address."""
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        operation_id="plans_documents_create",
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={201: DocumentSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Upload a document (multipart/form-data): PDF, DOCX, XLSX, ODT or ODS, found from the
        content, with a name whose extension agrees, at most `DOCUMENT_MAX_BYTES`. A refused
        file answers 400 on `file`, naming it; nothing is stored."""
        plan = self.plan
        if not self.access.change:
            raise PermissionDenied(_("Only the plan's editors may add documents to it."))
        refuse_oversized_body(request)
        serializer = DocumentUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            document = document_upload(
                plan=plan,
                actor=request.user,
                upload=data["file"],
                title=data.get("title", ""),
                kind=data.get("kind", "other"),
                internal=data.get("internal", False),
            )
        except DjangoPermissionDenied as denied:
            raise PermissionDenied(str(denied)) from None
        fresh = self.base_queryset().get(pk=document.pk)
        body = DocumentSerializer(fresh, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(operation_id="plans_documents_destroy", responses={204: None})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Delete a document: the plan's editors. Its history keeps what it was and who
        deleted it; the file is removed."""
        document = self.get_object()
        if not self.access.change:
            raise PermissionDenied(_("Only the plan's editors may delete its documents."))
        document_delete(document=document, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        operation_id="plans_documents_download",
        responses={
            (200, file_type.content_type): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="The file, as an attachment, of the type found in its content.",
            )
            for file_type in rules.ALLOWED_TYPES
        },
    )
    @action(detail=True, methods=["get"])
    def download(self, request: Request, *args: Any, **kwargs: Any) -> FileResponse:
        """The file itself, always as an attachment (`Content-Disposition: attachment`) with
        `X-Content-Type-Options: nosniff`."""
        return document_response(self.get_object())
