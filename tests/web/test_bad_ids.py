"""Ids beyond the database's range posted to a web form are an invalid choice, not a 500
(issue 6)."""

from __future__ import annotations

from typing import Any

import pytest
from tests import factories as f
from tests.web.conftest import logged_in

from boligsocial.accounts.models import Role
from boligsocial.plans.models import Plan

pytestmark = pytest.mark.django_db

BIG = "99999999999999999999999"


@pytest.mark.parametrize("field", ["afdelinger", "focus_areas"])
def test_an_id_out_of_range_in_a_multiple_choice_is_an_invalid_choice(world: Any, field) -> None:
    client = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    before = sorted(world.plan.afdelinger.values_list("pk", flat=True))
    response = client.post(f"/intern/planer/{world.plan.slug}/rediger/", {field: [BIG]})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[field] == [
        f"Marker en gyldig valgmulighed. {BIG} er ikke en af de tilgængelige valgmuligheder."
    ]
    plan = Plan.objects.get(pk=world.plan.pk)
    assert sorted(plan.afdelinger.values_list("pk", flat=True)) == before
