from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from tests.kit import World
from tests.reporting.helpers import Reporting, make_reporting


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Services speak the active language: English, so tests assert the exact messages."""
    with translation.override("en"):
        yield


@pytest.fixture
def rw(world: World, db: Any) -> Reporting:
    """The reporting world of `tests/reporting/helpers.py`."""
    return make_reporting(world)
