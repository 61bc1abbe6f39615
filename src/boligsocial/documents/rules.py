"""What a document is, found from its content, and who may see and change a plan's documents:
pure functions (no Django imports; decision 0021).

A file is one of the allowed types only if its bytes say so:
- PDF: it starts with `%PDF-`;
- DOCX / XLSX (Office Open XML): a ZIP archive from its first byte, with `[Content_Types].xml`
  and `word/document.xml` (DOCX) or `xl/workbook.xml` (XLSX), and no macros (`vbaProject.bin`);
- ODT / ODS (OpenDocument): a ZIP archive from its first byte whose `mimetype` entry names
  `application/vnd.oasis.opendocument.text` or `…spreadsheet`.
The name's extension must agree with what the content is. A ZIP archive is only read through
its directory and its small `mimetype` entry, never unpacked; one that would unpack to more than
the limits (a ZIP bomb) or has too many entries is refused.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO

from boligsocial.accounts.rules import PlanFacts, Scopes, can_edit_plan, can_read_plan


@dataclass(frozen=True)
class FileType:
    key: str
    label: str
    content_type: str
    extension: str


PDF = FileType("pdf", "PDF", "application/pdf", "pdf")
DOCX = FileType(
    "docx",
    "Word (DOCX)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
)
XLSX = FileType(
    "xlsx",
    "Excel (XLSX)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsx",
)
ODT = FileType("odt", "OpenDocument Text (ODT)", "application/vnd.oasis.opendocument.text", "odt")
ODS = FileType(
    "ods",
    "OpenDocument Spreadsheet (ODS)",
    "application/vnd.oasis.opendocument.spreadsheet",
    "ods",
)
ALLOWED_TYPES: tuple[FileType, ...] = (PDF, DOCX, XLSX, ODT, ODS)
_BY_CONTENT_TYPE = {t.content_type: t for t in ALLOWED_TYPES}

ZIP_MAGIC = b"PK\x03\x04"
PDF_MAGIC = b"%PDF-"
NAME_MAX = 200


@dataclass(frozen=True)
class Limits:
    """How big a document and the archive inside a DOCX/XLSX/ODT/ODS may be."""

    max_bytes: int
    max_zip_entries: int = 5_000
    max_unzipped_bytes: int = 250 * 1024 * 1024
    # An entry that unpacks to more than this many times its packed size (and to more than
    # a megabyte) is a ZIP bomb, not a document: real Office files pack about 2–20 to one.
    max_entry_ratio: int = 200


class Refused(Exception):
    """Why a file was refused: a code and the figures its message names (the service turns it
    into a translated message with the file's name)."""

    def __init__(self, code: str, params: dict[str, object] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.params = params or {}


def clean_name(name: str) -> str:
    """The file name to keep and offer on download: its last path component only (a client may
    send `../../x.pdf` or `C:\\x.pdf`), Unicode NFC, without control characters, at most 200
    characters with the extension kept. May be empty, which the caller refuses."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    if set(base) <= {".", " "}:
        return ""
    if len(base) > NAME_MAX:
        stem, dot, extension = base.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            base = stem[: NAME_MAX - len(extension) - 1] + "." + extension
        else:
            base = base[:NAME_MAX]
    return base


def extension_of(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def detect_type(stream: IO[bytes], *, size: int, limits: Limits) -> FileType:
    """The type of the file in `stream` (seekable, at any position), from its content alone.
    Raises `Refused` when it is none of the allowed types or an archive too big to be one."""
    if size <= 0:
        raise Refused("empty")
    if size > limits.max_bytes:
        raise Refused("too_large", {"size": size, "limit": limits.max_bytes})
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(PDF_MAGIC):
        return PDF
    if head.startswith(ZIP_MAGIC):
        return _zip_type(stream, limits)
    if _looks_like_markup(head + stream.read(512)):
        stream.seek(0)
        raise Refused("markup")
    stream.seek(0)
    raise Refused("unknown_type")


def _looks_like_markup(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<", b"\xfe\xff", b"\xff\xfe"))


def _zip_type(stream: IO[bytes], limits: Limits) -> FileType:
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise Refused("damaged_zip") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > limits.max_zip_entries:
            raise Refused("zip_entries", {"count": len(entries), "limit": limits.max_zip_entries})
        total = 0
        for entry in entries:
            total += entry.file_size
            packed = max(entry.compress_size, 1)
            if entry.file_size > 1024 * 1024 and entry.file_size > packed * limits.max_entry_ratio:
                raise Refused("zip_bomb", {"limit": limits.max_unzipped_bytes})
        if total > limits.max_unzipped_bytes:
            raise Refused("zip_bomb", {"limit": limits.max_unzipped_bytes})
        names = {entry.filename for entry in entries}
        if "mimetype" in names:
            return _odf_type(archive)
        if "[Content_Types].xml" in names:
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise Refused("macros")
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
        raise Refused("other_zip")


def _odf_type(archive: zipfile.ZipFile) -> FileType:
    info = archive.getinfo("mimetype")
    if info.file_size > 200:
        raise Refused("other_zip")
    try:
        with archive.open(info) as entry:
            mimetype = entry.read(200).decode("ascii").strip()
    except (zipfile.BadZipFile, UnicodeDecodeError, NotImplementedError, RuntimeError, OSError):
        raise Refused("damaged_zip") from None
    found = _BY_CONTENT_TYPE.get(mimetype)
    if found is None or found not in (ODT, ODS):
        raise Refused("other_zip")
    return found


def check_name(name: str, found: FileType) -> None:
    """The name's extension must be the one of the type the content is."""
    if extension_of(name) != found.extension:
        raise Refused("extension", {"type": found.label, "extension": found.extension})


# Who may do what with a plan's documents -----------------------------------------------------


def can_read_documents(scopes: Scopes, plan: PlanFacts) -> bool:
    """A plan's documents (not the internal ones) are for logged-in users who may read the
    plan. Anonymous visitors of a published plan see none: documents may name people."""
    return scopes.is_authenticated and can_read_plan(scopes, plan)


def can_read_internal_documents(scopes: Scopes, plan_id: int) -> bool:
    """Internal documents: the plan's editors (its leader, the secretariat's administrators)."""
    return scopes.is_authenticated and can_edit_plan(scopes, plan_id)


def can_change_documents(scopes: Scopes, plan_id: int) -> bool:
    """Upload and delete: whoever may edit the plan."""
    return scopes.is_authenticated and can_edit_plan(scopes, plan_id)
