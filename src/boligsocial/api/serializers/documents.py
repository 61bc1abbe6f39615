"""A plan's documents in the API (decision 0021)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from boligsocial.api.fields import EnumField
from boligsocial.api.serializers.base import OutputSerializer
from boligsocial.documents.models import Document, DocumentKind


class DocumentSerializer(OutputSerializer):
    kind = EnumField(DocumentKind)
    uploaded_by = serializers.SerializerMethodField()
    download = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = (
            "id",
            "kind",
            "title",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "internal",
            "uploaded_at",
            "uploaded_by",
            "download",
        )

    @extend_schema_field({"type": "string", "nullable": True})
    def get_uploaded_by(self, document: Document) -> str | None:
        user = document.uploaded_by
        if user is None:
            return None
        return user.get_full_name() or user.get_username()

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_download(self, document: Document) -> str:
        path = reverse("api-document-download", args=[document.plan.slug, document.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class DocumentUploadSerializer(serializers.Serializer):
    """multipart/form-data: the file and what it is."""

    file = serializers.FileField(
        help_text=_("PDF, DOCX, XLSX, ODT or ODS; the type is found from the content."),
        allow_empty_file=True,  # the service refuses it with a message naming the file
        use_url=False,
    )
    title = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text=_("Shown in lists; the file's name without its extension when left out."),
    )
    kind = EnumField(DocumentKind, required=False, default=DocumentKind.OTHER)
    internal = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Only the plan's editors (its leader, the secretariat) see it."),
    )

    def create(self, validated_data: Any) -> Any:
        raise NotImplementedError("documents are stored by documents.services")
