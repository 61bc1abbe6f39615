"""The backup file: one zip archive with `manifest.json` and one member per table and per
document file (docs/decisions/0033).

The manifest says the format and its version, the software's version, the database vendor, when
the backup was made, the migrations applied per app, every table with its columns and row count,
every document file, and the SHA-256 and size of every other member. A file is only used after
every member has been checked against it: a file this version cannot read, or one whose content
does not match its manifest, is refused before anything is written."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Any

FORMAT = "boligsocial-backup"
FORMAT_VERSION = 1
READABLE_VERSIONS = frozenset({1})
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup that cannot be made or used; the message says why, and nothing was written."""


class _Hashing:
    """A binary writer that counts and hashes what passes through it."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        self.size += len(data)
        return self.out.write(data)


class ArchiveWriter:
    """Writes the members, then the manifest with their checksums, into a temporary file beside
    `path` that replaces `path` only when complete: never a half-written backup."""

    def __init__(self, path: Path) -> None:
        self.path = path
        folder = path.parent
        if not folder.is_dir():
            raise BackupError(f"-o {path}: the folder {folder} does not exist; nothing written")
        handle, name = tempfile.mkstemp(dir=folder, prefix=".backup-", suffix=".tmp")
        os.close(handle)
        self.temporary = Path(name)
        self.zip = zipfile.ZipFile(self.temporary, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        self.members: dict[str, dict[str, Any]] = {}

    @contextmanager
    def member(self, name: str) -> Iterator[_Hashing]:
        if name in self.members or name == MANIFEST:
            raise BackupError(f"two members named {name}")
        with self.zip.open(name, "w", force_zip64=True) as raw:
            out = _Hashing(raw)
            yield out
        self.members[name] = {"sha256": out.digest.hexdigest(), "size": out.size}

    def finish(self, manifest: dict[str, Any]) -> None:
        manifest = {**manifest, "members": self.members}
        data = json.dumps(manifest, indent=1, ensure_ascii=False, sort_keys=False).encode()
        self.zip.writestr(MANIFEST, data)
        self.zip.close()
        os.chmod(self.temporary, 0o600)  # the data of people and plans: the owner's only
        os.replace(self.temporary, self.path)

    def abandon(self) -> None:
        self.zip.close()
        self.temporary.unlink(missing_ok=True)


class VerifiedArchive:
    """A backup whose format is known and whose every member matches the manifest."""

    def __init__(self, path: Path, archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
        self.path = path
        self.zip = archive
        self.manifest = manifest

    def open(self, member: str) -> IO[bytes]:
        return self.zip.open(member)

    def close(self) -> None:
        self.zip.close()


def open_verified(path: Path) -> VerifiedArchive:
    """Open a backup and check it whole; BackupError says what is wrong."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupError(f"{path} is not a Boligsocial backup (not a zip archive: {exc})") from exc
    try:
        manifest = _manifest(path, archive)
        _check_members(path, archive, manifest)
    except BaseException:
        archive.close()
        raise
    return VerifiedArchive(path, archive, manifest)


def _manifest(path: Path, archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError as exc:
        raise BackupError(f"{path} is not a Boligsocial backup (no {MANIFEST})") from exc
    except (ValueError, zipfile.BadZipFile, OSError) as exc:
        raise BackupError(f"{path}: {MANIFEST} cannot be read: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a Boligsocial backup ({MANIFEST} names no {FORMAT})")
    version = manifest.get("format_version")
    if version not in READABLE_VERSIONS:
        readable = ", ".join(str(v) for v in sorted(READABLE_VERSIONS))
        raise BackupError(
            f"{path}: backup format version {version!r} is unknown to this version of "
            f"Boligsocial (it reads version {readable}); use the version that made it"
        )
    for key in ("migrations", "tables", "files", "members"):
        if key not in manifest:
            raise BackupError(f"{path}: {MANIFEST} lacks {key!r}")
    return manifest


def _check_members(path: Path, archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    names = archive.namelist()
    listed = manifest["members"]
    present = set(names) - {MANIFEST}
    if len(names) != len(set(names)):
        raise BackupError(f"{path}: a member appears twice in the archive")
    if present != set(listed):
        missing = sorted(set(listed) - present)[:5]
        extra = sorted(present - set(listed))[:5]
        raise BackupError(
            f"{path}: the archive's members differ from its manifest "
            f"(missing: {missing or 'none'}; not in the manifest: {extra or 'none'})"
        )
    referred = [t["member"] for t in manifest["tables"]] + [f["member"] for f in manifest["files"]]
    if set(referred) != present or len(referred) != len(present):
        raise BackupError(f"{path}: the manifest's tables and files do not match its members")
    for entry in manifest["files"]:
        safe_storage_name(path, entry["name"])
    for name in names:
        if name == MANIFEST:
            continue
        digest = hashlib.sha256()
        size = 0
        try:
            with archive.open(name) as member:
                while chunk := member.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise BackupError(f"{path}: member {name} is damaged ({exc})") from exc
        expected = listed[name]
        if digest.hexdigest() != expected.get("sha256") or size != expected.get("size"):
            raise BackupError(
                f"{path}: member {name} does not match its checksum in {MANIFEST}; the file is "
                "damaged or was changed"
            )


def safe_storage_name(path: Path, name: str) -> str:
    """A document's name in the storage as the backup gives it: relative, no `..`."""
    pure = PurePosixPath(name)
    if not name or pure.is_absolute() or ".." in pure.parts or "\\" in name:
        raise BackupError(f"{path}: the document name {name!r} is not a safe storage name")
    return name
