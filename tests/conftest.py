"""Fixtures and settings for the whole suite."""

from __future__ import annotations

from typing import Any

from django.test import Client, RequestFactory

_login = Client.login


def _login_with_a_request(self: Client, **credentials: Any) -> bool:
    """Django's test client authenticates without a request, which django-axes (the login
    throttling, docs/decisions/0010) refuses: log in as a browser would, with a request from
    127.0.0.1, so that `client.login(...)` in any test goes through the throttling too."""
    credentials.setdefault("request", RequestFactory().post("/log-ind/"))
    return _login(self, **credentials)


Client.login = _login_with_a_request  # type: ignore[method-assign]


import pytest  # noqa: E402
from django.core.cache import caches  # noqa: E402


@pytest.fixture(autouse=True)
def _empty_caches() -> None:
    """Each test starts with empty caches: the public page cache (docs/decisions/0014) is on in
    every test, and a page cached by one test must not answer in the next, whose settings may
    differ."""
    for cache in caches.all():
        cache.clear()


from tests.kit import World, make_world  # noqa: E402


@pytest.fixture
def world(db: Any) -> World:
    """The standard small world of `tests/kit.py`. The web tests have their own (`tests/web`)."""
    return make_world()
