"""A document as a download (decision 0021), the one response the web page and the API both
give: always an attachment, with the type found in the content, never sniffed or shown inline,
and a file name every browser saves correctly (RFC 6266 with RFC 5987 for æ, ø and å)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.http import FileResponse

from boligsocial.documents.models import Document

_ASCII_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def ascii_filename(name: str) -> str:
    """An ASCII fallback for clients that do not read `filename*`: Danish letters written as
    Danes do without them, other accents dropped, anything unsafe in a quoted header value
    (quotes, backslashes, separators, control characters) replaced by `_`."""
    text = unicodedata.normalize("NFKD", name.translate(_ASCII_LETTERS))
    text = text.encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9 ._()\[\]+,=@!#$&{}~^-]", "_", text).strip(" .")
    return text or "document"


def content_disposition(name: str) -> str:
    """`attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 §4.3, RFC 5987)."""
    fallback = ascii_filename(name)
    if fallback == name:
        return f'attachment; filename="{fallback}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def document_response(document: Document) -> FileResponse:
    response = FileResponse(
        document.file.open("rb"), content_type=document.content_type, as_attachment=True
    )
    response["Content-Disposition"] = content_disposition(document.original_name)
    response["Content-Length"] = str(document.size)
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser ever render it anyway: no scripts, no resources, no same-origin access.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    # Documents may name people: no shared cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response
