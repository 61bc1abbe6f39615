"""Small files of every allowed type, and hostile ones, made in memory for the tests."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def zipped(entries: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first is not None:
            archive.writestr(stored_first, entries[stored_first], compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            if name != stored_first:
                archive.writestr(name, data)
    return buffer.getvalue()


def docx() -> bytes:
    return zipped(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": b"<Relationships/>",
            "word/document.xml": b"<w:document/>",
        }
    )


def xlsx() -> bytes:
    workbook = Workbook()
    workbook.active["A1"] = "Budget"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odf(kind: str) -> bytes:
    return zipped(
        {
            "mimetype": f"application/vnd.oasis.opendocument.{kind}".encode(),
            "content.xml": b"<office:document-content/>",
            "META-INF/manifest.xml": b"<manifest:manifest/>",
        },
        stored_first="mimetype",
    )


def odt() -> bytes:
    return odf("text")


def ods() -> bytes:
    return odf("spreadsheet")


def zip_bomb() -> bytes:
    """A DOCX-shaped archive whose document unpacks to 20 MB of zeros from about 20 KB."""
    return zipped(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "word/document.xml": bytes(20 * 1024 * 1024),
        }
    )


def docx_without_word() -> bytes:
    return zipped({"[Content_Types].xml": CONTENT_TYPES, "docProps/app.xml": b"<Properties/>"})


def docm() -> bytes:
    return zipped(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "word/document.xml": b"<w:document/>",
            "word/vbaProject.bin": b"\x00macro",
        }
    )


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)
