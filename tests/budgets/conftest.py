"""The budgets' tests work on the standard world's published plan (2023–2026, afdeling Alfa 1
of Boligforeningen Alfa in Aarhus) with the Aarhus municipality as an organisation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from boligsocial.budgets.models import BudgetCategory, SourceKind
from boligsocial.organisations.models import OrganisationKind
from tests import factories as f


@pytest.fixture
def aarhus(world: Any) -> Any:
    return f.OrganisationFactory(
        kind=OrganisationKind.MUNICIPALITY,
        name="Aarhus Kommune",
        slug="aarhus-kommune",
        municipality=f.municipality("Aarhus"),
    )


@pytest.fixture
def categories(db: Any) -> dict[str, BudgetCategory]:
    return {category.code: category for category in BudgetCategory.objects.all()}


@pytest.fixture
def plan(world: Any) -> Any:
    return world.plan_pub


def row(categories: dict[str, BudgetCategory], **values: Any) -> dict[str, Any]:
    """A line's data: an LBF salary line of 2024 unless told otherwise."""
    data: dict[str, Any] = {
        "year": 2024,
        "category": categories["salaries"],
        "text": "Medarbejder",
        "source_kind": SourceKind.LBF,
        "amount": Decimal("100.00"),
    }
    data.update(values)
    return data


@pytest.fixture(autouse=True)
def _english() -> Any:
    """Messages in English (numbers and dates too), so tests assert them exactly."""
    from django.utils import translation

    with translation.override("en"):
        yield
