"""The uploaded files a backup holds: every file named by a file field of any model, read and
written through that field's storage (Django's storage API), so a local folder and an S3 bucket
are backed up and restored alike (docs/decisions/0033)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import IO, Any

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.core.files.base import File
from django.core.files.storage import Storage
from django.db import models

CHUNK = 1024 * 1024


def file_fields(apps: Apps) -> list[tuple[type[models.Model], models.FileField]]:
    """Every file field of every model (a history table keeps only the name, as text)."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                found.append((model, field))
    return found


def field_label(model: type[models.Model], field: models.Field[Any, Any]) -> str:
    return f"{model._meta.label_lower}.{field.name}"


def stored_names(model: type[models.Model], field: models.FileField, using: str) -> Iterator[str]:
    names = (
        model._base_manager.using(using)
        .exclude(**{field.attname: ""})
        .exclude(**{f"{field.attname}__isnull": True})
        .order_by(field.attname)
        .values_list(field.attname, flat=True)
        .distinct()
    )
    yield from names.iterator()


def storage_of(label: str) -> Storage | None:
    """The storage of the code's file field `app.model.field`, or None if there is none."""
    app_model, _dot, name = label.rpartition(".")
    try:
        model = global_apps.get_model(app_model)
        field = model._meta.get_field(name)
    except (LookupError, ValueError):
        return None
    return field.storage if isinstance(field, models.FileField) else None


def copy(source: IO[bytes], out: Any) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        out.write(chunk)
    return digest.hexdigest(), size


def checksum(source: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while chunk := source.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def stored_checksum(storage: Storage, name: str) -> str | None:
    """The SHA-256 of a stored file, or None if the storage has no such file."""
    if not storage.exists(name):
        return None
    with storage.open(name, "rb") as stored:
        return checksum(stored)


def store(storage: Storage, name: str, content: IO[bytes]) -> None:
    """Save `content` under exactly `name` (the storage would otherwise pick another name)."""
    saved = storage.save(name, File(content, name=name))
    if saved != name:
        storage.delete(saved)
        raise OSError(f"the storage saved {name} as {saved}")
