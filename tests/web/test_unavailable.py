"""A database that refuses or does not answer: a fast 503 with Retry-After (HTML on the site,
JSON on /api/), and the next request after it answers again works (issue 6)."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import Client

from boligsocial.web.unavailable import RETRY_AFTER_SECONDS

pytestmark = pytest.mark.django_db


def _refused(*args: Any, **kwargs: Any) -> Any:
    raise OperationalError("connection refused")


def database_down() -> Any:
    """Every query fails as with a database that refuses connections."""
    return mock.patch.object(type(connections["default"]), "create_cursor", side_effect=_refused)


def test_a_page_whose_database_fails_is_a_503_and_the_next_request_works(world: Any) -> None:
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    assert "Siden er midlertidigt utilgængelig" in html
    assert "Temporarily unavailable: the database is not answering." in html
    # The site recovers by itself: nothing is remembered between requests.
    assert client.get("/").status_code == 200


def test_the_api_answers_json(world: Any) -> None:
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")
    with database_down():
        response = client.get("/api/v1/plans/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response.json() == {
        "detail": f"The database is not answering; try again in {RETRY_AFTER_SECONDS} seconds."
    }
    assert response["Content-Language"] == "en"
    assert client.get("/api/v1/plans/").status_code == 200
    with database_down():
        danish = Client(raise_request_exception=False).get("/api/v1/plans/")
    assert danish.json() == {
        "detail": f"Databasen svarer ikke; prøv igen om {RETRY_AFTER_SECONDS} sekunder."
    }


def test_a_failure_in_a_middleware_is_a_503_too(world: Any) -> None:
    """Saving the session happens in a middleware, after the view: Django turns that exception
    into the handler500 response, which is the 503 page for a database error."""
    client = Client(raise_request_exception=False)
    with mock.patch(
        "django.contrib.sessions.middleware.SessionMiddleware.process_response",
        side_effect=_refused,
    ):
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)


def test_other_errors_stay_500(world: Any) -> None:
    client = Client(raise_request_exception=False)
    backend = type(connections["default"])
    with mock.patch.object(backend, "create_cursor", side_effect=RuntimeError("bug")):
        response = client.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_a_missing_table_is_a_bug_and_stays_500(world: Any) -> None:
    client = Client(raise_request_exception=False)
    backend = type(connections["default"])
    error = OperationalError("no such table: plans_plan")
    with mock.patch.object(backend, "create_cursor", side_effect=error):
        response = client.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response


PROBE = """
import sys, time, django
django.setup()
import logging
logging.disable(logging.CRITICAL)
from django.conf import settings
from django.test import Client
limit = float(sys.argv[1])
print(settings.DATABASES["default"]["OPTIONS"]["connect_timeout"])
client = Client(raise_request_exception=False)
for url in ["/", "/api/v1/plans/"]:
    began = time.monotonic()
    response = client.get(url)
    print(url, response.status_code, response.get("Retry-After"), response["Content-Type"],
          time.monotonic() - began < limit)
"""


def _probe(tmp_path: Any, port: int, limit: float, **extra: str) -> list[str]:
    """Requests in a fresh process whose DATABASE_URL points at PostgreSQL on `port`: each
    line says the status, Retry-After, the content type and whether it came within `limit`
    seconds."""
    pytest.importorskip("psycopg")
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="boligsocial.settings",
        DATABASE_URL=f"postgres://boligsocial:x@127.0.0.1:{port}/boligsocial",
        SECRET_KEY=secrets.token_urlsafe(48),
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        BOLIGSOCIAL_HOME=str(tmp_path),
        **extra,
    )
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", PROBE, str(limit)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_a_real_postgresql_url_to_a_closed_port_gives_a_fast_503(tmp_path: Any) -> None:
    assert _probe(tmp_path, 1, 5) == [
        "5",
        f"/ 503 {RETRY_AFTER_SECONDS} text/html; charset=utf-8 True",
        f"/api/v1/plans/ 503 {RETRY_AFTER_SECONDS} application/json True",
    ]


def test_a_database_that_does_not_answer_gives_a_503_after_the_connect_timeout(
    tmp_path: Any,
) -> None:
    """A port that accepts the connection (the kernel's backlog) but never says a word."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        assert _probe(tmp_path, port, 4, DATABASE_CONNECT_TIMEOUT="1") == [
            "1",
            f"/ 503 {RETRY_AFTER_SECONDS} text/html; charset=utf-8 True",
            f"/api/v1/plans/ 503 {RETRY_AFTER_SECONDS} application/json True",
        ]
