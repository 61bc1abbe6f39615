import pytest
from tests.factories import UserFactory, municipality, user_with_role

from boligsocial.accounts.models import Role
from boligsocial.accounts.rules import PlanFacts, Scopes, can_edit_plan, can_read_plan
from boligsocial.accounts.selectors import can_read_plan as user_can_read_plan
from boligsocial.accounts.selectors import plans_readable_by

UNPUBLISHED = PlanFacts(
    plan_id=7, published=False, organisation_ids=frozenset({3}), municipality_ids=frozenset({751})
)


@pytest.mark.parametrize(
    ("scopes", "read", "edit"),
    [
        (Scopes(), False, False),
        (Scopes(is_authenticated=True), False, False),
        (Scopes(is_authenticated=True, is_admin=True), True, True),
        (Scopes(is_authenticated=True, led_plan_ids=frozenset({7})), True, True),
        (Scopes(is_authenticated=True, led_plan_ids=frozenset({8})), False, False),
        (Scopes(is_authenticated=True, organisation_ids=frozenset({3})), True, False),
        (Scopes(is_authenticated=True, organisation_ids=frozenset({4})), False, False),
        (Scopes(is_authenticated=True, municipality_ids=frozenset({751})), True, False),
        (Scopes(is_authenticated=True, municipality_ids=frozenset({101})), False, False),
    ],
)
def test_read_and_edit_rules(scopes, read, edit):
    assert can_read_plan(scopes, UNPUBLISHED) is read
    assert can_edit_plan(scopes, 7) is edit


def test_published_plans_are_readable_by_everyone():
    assert can_read_plan(Scopes(), PlanFacts(1, True, frozenset(), frozenset()))


def test_plans_readable_by_each_role(world):
    public, led, other = world.plan_pub, world.plan_led, world.plan_other
    cases = {
        "anonymous": (None, {public}),
        "admin": (world.users["admin"], {public, led, other}),
        "leader": (world.users["leader"], {public, led}),
        "housing": (world.users["housing_user"], {public, led}),
        "municipality": (world.users["municipality_user"], {public, other}),
        "other municipality": (
            user_with_role(Role.MUNICIPALITY, municipality=municipality("Aarhus")),
            {public},
        ),
        "plain user": (UserFactory(), {public}),
    }
    for name, (user, expected) in cases.items():
        assert set(plans_readable_by(user)) == expected, name
        assert {p for p in (public, led, other) if user_can_read_plan(user, p)} == expected, name
