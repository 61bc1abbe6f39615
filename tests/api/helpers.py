"""Small helpers for the API tests."""

from __future__ import annotations

from typing import Any

from django.db import models

from boligsocial.areas.models import Afdeling, Area
from boligsocial.governance.models import Body, Membership, Person, PlanRole
from boligsocial.organisations.models import Organisation
from boligsocial.plans.models import Plan

ROLES = ("admin", "leader", "other_leader", "housing_user", "municipality_user", "anonymous")

# Every table an API write can touch, with the history tables that record each change.
WRITABLE_MODELS: list[type[models.Model]] = [
    Organisation,
    Area,
    Afdeling,
    Plan,
    Plan.afdelinger.through,
    Plan.focus_areas.through,
    Person,
    PlanRole,
    Body,
    Membership,
]


def valid_cvr(n: int) -> str:
    """The n-th valid CVR number from 20000000 up (modulus-11), for tests that need many."""
    weights = (2, 7, 6, 5, 4, 3, 2, 1)
    candidate = 20000000
    found = -1
    while True:
        digits = str(candidate)
        if sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0:
            found += 1
            if found == n:
                return digits
        candidate += 1


def ids(response: Any) -> list[int]:
    """The ids of a list response's results, in order."""
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def db_snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of every writable table and of their history tables: equal snapshots before
    and after a request prove that the request wrote nothing."""
    tables: list[type[models.Model]] = []
    for model in WRITABLE_MODELS:
        tables.append(model)
        history = getattr(model, "history", None)
        if history is not None:
            tables.append(history.model)
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values()) for model in tables
    }
