"""`/healthz` and `/readyz` (issue 12, decision 0033): liveness without the database, readiness
of the database and the cache with a 503 naming what failed; never cached, no login, no page
cache, no session."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import Client

from boligsocial.web.unavailable import RETRY_AFTER_SECONDS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _refused(*args: Any, **kwargs: Any) -> Any:
    raise OperationalError("connection refused")


def database_down() -> Any:
    return mock.patch.object(type(connections["default"]), "create_cursor", side_effect=_refused)


def assert_never_cached(response: Any) -> None:
    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
    assert "sessionid" not in response.cookies


@pytest.mark.parametrize("path", ["/healthz", "/healthz/"])
def test_healthz_answers_without_the_database(path: str, django_assert_num_queries: Any) -> None:
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0), database_down():
        response = client.get(path)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Content-Type"] == "application/json"
    assert_never_cached(response)
    # CSP and the other headers of every answer are there too.
    assert "Content-Security-Policy" in response


@pytest.mark.parametrize("path", ["/readyz", "/readyz/"])
def test_readyz_is_200_when_the_database_and_cache_answer(path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert_never_cached(response)
    assert "Retry-After" not in response


def test_readyz_names_a_database_that_does_not_answer() -> None:
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response.json() == {
        "status": "unavailable",
        "failed": ["database"],
        "checks": {"database": "failed", "cache": "ok"},
    }
    assert_never_cached(response)
    # The detail (host, port, driver message) is for the log, not for whoever asks.
    assert b"refused" not in response.content
    assert client.get("/readyz").status_code == 200


def test_readyz_names_a_cache_that_does_not_round_trip() -> None:
    with mock.patch("django.core.cache.backends.locmem.LocMemCache.get", return_value=None):
        response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["cache"]
    with mock.patch(
        "django.core.cache.backends.locmem.LocMemCache.set", side_effect=ConnectionError("down")
    ):
        response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "failed"}


def test_repeated_requests_are_answered_anew(django_assert_num_queries: Any) -> None:
    """Outside the page cache: the second request runs the checks again (one query)."""
    client = Client()
    client.get("/readyz")
    with django_assert_num_queries(1):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_a_logged_in_session_changes_nothing() -> None:
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for path in ("/healthz", "/readyz"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "X-Personal-Cache" not in response


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_only_get_and_head(path: str) -> None:
    client = Client()
    assert client.head(path).status_code == 200
    assert client.post(path).status_code == 405


PROBE = """
import time, django
django.setup()
import logging
logging.disable(logging.CRITICAL)
from django.test import Client
client = Client(raise_request_exception=False)
for url in ["/healthz", "/readyz"]:
    began = time.monotonic()
    response = client.get(url)
    print(url, response.status_code, response.get("Retry-After"), response.content.decode(),
          time.monotonic() - began < 5)
"""


def test_a_real_postgresql_url_to_a_closed_port(tmp_path: Path) -> None:
    """In a fresh process whose database is a PostgreSQL port nobody listens on: liveness 200,
    readiness a fast 503 naming the database."""
    pytest.importorskip("psycopg")
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="boligsocial.settings",
        DATABASE_URL="postgres://boligsocial:x@127.0.0.1:1/boligsocial",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        BOLIGSOCIAL_HOME=str(tmp_path),
    )
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        '/healthz 200 None {"status": "ok"} True',
        f'/readyz 503 {RETRY_AFTER_SECONDS} {{"status": "unavailable", "failed": ["database"], '
        '"checks": {"database": "failed", "cache": "ok"}} True',
    ]
