"""Where document files live: the storage named "documents" in settings.STORAGES, a folder
under var/documents/ by default or an S3-compatible bucket (decision 0021)."""

from __future__ import annotations

import uuid
from os import PathLike
from typing import IO, Any

from django.core.files.base import File
from django.core.files.storage import Storage, storages


class DocumentStorage(Storage):
    """Hands every call to `storages["documents"]` as the settings name it at the time of the
    call, so the model field never holds a backend fixed at start-up (a test's temporary
    folder, a deployment's bucket) and the migration names no backend."""

    @staticmethod
    def target() -> Storage:
        return storages["documents"]

    def _open(self, name: str, mode: str = "rb") -> File:
        return self.target().open(name, mode)

    def save(self, name: str | None, content: IO[Any], max_length: int | None = None) -> str:
        return self.target().save(name, content, max_length=max_length)

    def delete(self, name: str) -> None:
        self.target().delete(name)

    def exists(self, name: str) -> bool:
        return self.target().exists(name)

    def size(self, name: str) -> int:
        return self.target().size(name)

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        return self.target().listdir(path)

    def url(self, name: str | None) -> str:
        return self.target().url(name)

    def generate_filename(self, filename: str | PathLike[str]) -> str:
        return self.target().generate_filename(filename)


_STORAGE = DocumentStorage()


def document_storage() -> Storage:
    """The documents storage (a callable, so the migration does not freeze it)."""
    return _STORAGE


def document_path(instance: Any, filename: str) -> str:
    """A stored file's name: the plan's folder and a random name with the detected type's
    extension. The uploader's file name is never part of the path (no traversal, no clashes);
    it is kept in `original_name` for the download."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    if not extension.isalnum() or len(extension) > 5:
        extension = "bin"
    return f"plans/{instance.plan_id}/{uuid.uuid4().hex}.{extension}"
