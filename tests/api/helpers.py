"""Small helpers for the API tests. The world, the database snapshot and the CVR numbers are the
shared kit's (`tests/kit.py`)."""

from __future__ import annotations

from typing import Any

from tests import kit


def valid_cvr(n: int) -> str:
    """The n-th valid CVR number from 20000000 up, clear of the factories' numbers."""
    return kit.valid_cvr(n, start=20_000_000)


def ids(response: Any) -> list[int]:
    """The ids of a list response's results, in order."""
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]
