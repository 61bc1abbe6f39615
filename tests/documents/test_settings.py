"""The documents' storage from the environment: a folder under var/ by default, an
S3-compatible bucket with DOCUMENT_STORAGE=s3, and a missing bucket named at start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).with_name("boligsocial")
SHOW = (
    "from django.conf import settings; from django.core.files.storage import storages; "
    "s = storages['documents']; "
    "print(type(s).__name__, settings.DOCUMENT_MAX_BYTES, "
    "getattr(s, 'location', ''), getattr(s, 'bucket_name', ''), "
    "getattr(s, 'endpoint_url', ''), getattr(s, 'default_acl', ''))"
)


def run(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DOCUMENT_") and k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(DEBUG="1", BOLIGSOCIAL_HOME=str(tmp_path), **extra)
    return subprocess.run(
        [str(BIN), "shell", "--no-imports", "-c", SHOW],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_documents_are_stored_under_var_by_default(tmp_path):
    result = run(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "FileSystemStorage",
        str(25 * 1024 * 1024),
        str(tmp_path / "var" / "documents"),
    ]


def test_an_s3_compatible_bucket_by_setting(tmp_path):
    result = run(
        tmp_path,
        DOCUMENT_STORAGE="s3",
        DOCUMENT_S3_BUCKET="boligsocial-dokumenter",
        DOCUMENT_S3_ENDPOINT_URL="https://s3.example.org",
        DOCUMENT_MAX_BYTES="1000",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "S3Storage",
        "1000",
        "documents",
        "boligsocial-dokumenter",
        "https://s3.example.org",
        "private",
    ]


def test_s3_without_a_bucket_or_an_unknown_storage_stops_naming_the_variable(tmp_path):
    result = run(tmp_path, DOCUMENT_STORAGE="s3")
    assert result.returncode != 0
    assert "DOCUMENT_S3_BUCKET is required" in result.stderr
    result = run(tmp_path, DOCUMENT_STORAGE="ftp")
    assert result.returncode != 0
    assert "DOCUMENT_STORAGE='ftp' must be one of: local, s3." in result.stderr
