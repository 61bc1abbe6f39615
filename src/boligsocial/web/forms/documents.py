"""The upload form of a plan's documents (decision 0021)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from boligsocial.documents.models import Document
from boligsocial.web.forms.base import ServiceForm, style_field


class DocumentUploadForm(ServiceForm):
    model = Document
    model_fields = ("title", "kind", "internal")

    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "PDF, Word (DOCX), Excel (XLSX), OpenDocument text (ODT) or spreadsheet (ODS), at "
            "most %(limit)s. The type is checked from the content."
        ),
        allow_empty_file=True,  # the service refuses it with a message naming the file
    )

    def __init__(self, *args: Any, limit: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        file_field = self.fields.pop("file")
        file_field.help_text = file_field.help_text % {"limit": limit}
        file_field.widget.attrs["accept"] = ".pdf,.docx,.xlsx,.odt,.ods"
        style_field(file_field)
        self.fields = {"file": file_field, **self.fields}
        self.fields["title"].required = False
        self.fields["title"].help_text = _("The file's name without its extension if left empty.")
