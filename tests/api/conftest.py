"""The API tests use the shared kit's standard world (`tests/kit.py`, the `world` fixture of
`tests/conftest.py`): three plans that each role sees differently, their people, roles, bodies
and memberships, and one logged-in client per role."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
