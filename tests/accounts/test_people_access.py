"""Who may read, edit and assign which people, and the 404 helpers: the rules as pure functions,
the selectors as querysets, and a check that the two agree for every user and person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation
from tests.factories import (
    AfdelingFactory,
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    PlanFactory,
    PlanRoleFactory,
    person_created_by,
    user_with_role,
)

from boligsocial.accounts import rules
from boligsocial.accounts.models import Role, RoleAssignment
from boligsocial.accounts.rules import PersonFacts, PlanFacts, Scopes
from boligsocial.accounts.selectors import (
    bodies_readable_by,
    can_edit_person,
    can_read_person,
    people_assignable_by,
    people_editable_by,
    people_readable_by,
    person_editable_or_404,
    person_readable_or_404,
    plan_editable_or_404,
)
from boligsocial.governance.models import Person

LEADER = Scopes(is_authenticated=True, led_plan_ids=frozenset({1}))
OWN = PlanFacts(
    plan_id=1, published=False, organisation_ids=frozenset(), municipality_ids=frozenset()
)
PUBLISHED = PlanFacts(2, True, frozenset(), frozenset())
HIDDEN = PlanFacts(3, False, frozenset({9}), frozenset())


@pytest.mark.parametrize(
    ("person", "read", "edit", "assign_to_own", "assign_to_published"),
    [
        (PersonFacts(plans=(OWN,)), True, True, True, False),
        (PersonFacts(plans=(OWN, HIDDEN)), True, True, True, False),
        # Only in another plan: published ones are read as by the public, never edited.
        (PersonFacts(plans=(PUBLISHED,)), True, False, False, False),
        (PersonFacts(plans=(HIDDEN,)), False, False, False, False),
        # Created by the leader and in no plan yet; once in another plan, no longer theirs.
        (PersonFacts(created_by_user=True), True, True, True, False),
        (PersonFacts(plans=(HIDDEN,), created_by_user=True), False, False, False, False),
        # Created by someone else (or loaded), in no plan.
        (PersonFacts(), False, False, False, False),
    ],
)
def test_person_rules_for_a_plan_leader(person, read, edit, assign_to_own, assign_to_published):
    assert rules.can_read_person(LEADER, person) is read
    assert rules.can_edit_person(LEADER, person) is edit
    assert rules.can_assign_person(LEADER, person, 1) is assign_to_own
    assert rules.can_assign_person(LEADER, person, 2) is assign_to_published


@pytest.mark.parametrize(
    ("scopes", "read", "edit"),
    [
        (Scopes(is_authenticated=True, is_admin=True), True, True),
        (Scopes(is_authenticated=True, organisation_ids=frozenset({9})), True, False),
        (Scopes(is_authenticated=True, organisation_ids=frozenset({8})), False, False),
        (Scopes(), False, False),
    ],
)
def test_person_rules_for_other_roles(scopes, read, edit):
    person = PersonFacts(plans=(HIDDEN,))
    assert rules.can_read_person(scopes, person) is read
    assert rules.can_edit_person(scopes, person) is edit
    assert rules.can_assign_person(scopes, person, 3) is (edit and scopes.is_admin)


def test_an_anonymous_user_never_owns_a_person():
    assert not rules.is_own_new_person(Scopes(), PersonFacts(created_by_user=True))


@dataclass
class Town:
    own: Any
    own_second: Any
    published: Any
    hidden: Any
    in_own_role: Person
    in_own_seat: Person
    in_published: Person
    in_hidden: Person
    in_own_and_hidden: Person
    new_by_leader: Person
    new_by_other: Person
    loaded: Person
    leader: Any
    other_leader: Any
    admin: Any
    housing: Any


@pytest.fixture
def town(db: Any) -> Town:
    own = PlanFactory(name="Egen plan", published=False)
    own_second = PlanFactory(name="Anden egen plan", published=True)
    published = PlanFactory(name="Offentlig plan", published=True)
    hidden_afdeling = AfdelingFactory()
    hidden = PlanFactory(name="Skjult plan", published=False, afdelinger=[hidden_afdeling])
    leader = user_with_role(Role.PLAN_LEADER, plan=own)
    RoleAssignment.objects.create(user=leader, role=Role.PLAN_LEADER, plan=own_second)
    other_leader = user_with_role(Role.PLAN_LEADER, plan=published)
    in_own_role = PlanRoleFactory(plan=own, person__name="I egen rolle").person
    body = BodyFactory(plan=own, name="Egen bestyrelse")
    in_own_seat = MembershipFactory(
        body=body, person__name="I egen bestyrelse", valid_from=date(2023, 1, 1)
    ).person
    in_published = PlanRoleFactory(plan=published, person__name="I offentlig plan").person
    in_hidden = PlanRoleFactory(plan=hidden, person__name="I skjult plan").person
    in_own_and_hidden = PlanRoleFactory(plan=hidden, person__name="I begge").person
    PlanRoleFactory(plan=own_second, person=in_own_and_hidden)
    return Town(
        own=own,
        own_second=own_second,
        published=published,
        hidden=hidden,
        in_own_role=in_own_role,
        in_own_seat=in_own_seat,
        in_published=in_published,
        in_hidden=in_hidden,
        in_own_and_hidden=in_own_and_hidden,
        new_by_leader=person_created_by(leader, name="Ny fra lederen"),
        new_by_other=person_created_by(other_leader, name="Ny fra en anden"),
        loaded=PersonFactory(name="Indlæst"),
        leader=leader,
        other_leader=other_leader,
        admin=user_with_role(Role.SECRETARIAT_ADMIN),
        housing=user_with_role(Role.HOUSING_ORG, organisation=hidden_afdeling.organisation),
    )


def names(queryset: Any) -> set[str]:
    return set(queryset.values_list("name", flat=True))


EVERYONE = {
    "I egen rolle",
    "I egen bestyrelse",
    "I offentlig plan",
    "I skjult plan",
    "I begge",
    "Ny fra lederen",
    "Ny fra en anden",
    "Indlæst",
}


def test_people_readable_by_each_user(town):
    assert names(people_readable_by(town.admin)) == EVERYONE
    assert names(people_readable_by(town.leader)) == {
        "I egen rolle",
        "I egen bestyrelse",
        "I offentlig plan",
        "I begge",
        "Ny fra lederen",
    }
    assert names(people_readable_by(town.other_leader)) == {
        "I offentlig plan",
        "I begge",
        "Ny fra en anden",
    }
    assert names(people_readable_by(town.housing)) == {
        "I offentlig plan",
        "I skjult plan",
        "I begge",
    }
    assert names(people_readable_by(None)) == {"I offentlig plan", "I begge"}


def test_people_editable_and_assignable_by_a_plan_leader(town):
    mine = {"I egen rolle", "I egen bestyrelse", "I begge", "Ny fra lederen"}
    assert names(people_editable_by(town.leader)) == mine
    assert names(people_assignable_by(town.leader, town.own)) == mine
    assert names(people_assignable_by(town.leader, town.own_second.pk)) == mine
    # Never to a plan they do not lead, published or not.
    assert names(people_assignable_by(town.leader, town.published)) == set()
    assert names(people_assignable_by(town.leader, town.hidden)) == set()
    assert names(people_editable_by(town.other_leader)) == {"I offentlig plan", "Ny fra en anden"}
    assert names(people_editable_by(town.housing)) == set()
    assert names(people_editable_by(None)) == set()
    assert names(people_assignable_by(town.admin, town.hidden)) == EVERYONE


def test_once_attached_elsewhere_a_person_created_by_the_leader_is_no_longer_theirs(town):
    PlanRoleFactory(plan=town.hidden, person=town.new_by_leader)
    assert "Ny fra lederen" not in names(people_readable_by(town.leader))
    assert "Ny fra lederen" not in names(people_editable_by(town.leader))


def test_the_rules_and_the_querysets_agree(town):
    people = list(Person.objects.all())
    for user in (town.admin, town.leader, town.other_leader, town.housing, None):
        readable = set(people_readable_by(user))
        editable = set(people_editable_by(user))
        for person in people:
            assert can_read_person(user, person) is (person in readable), (user, person)
            assert can_edit_person(user, person) is (person in editable), (user, person)


def test_bodies_readable_by_follow_their_plans(town):
    assert names(bodies_readable_by(town.leader)) == {"Egen bestyrelse"}
    assert names(bodies_readable_by(town.other_leader)) == set()


def test_a_plan_the_user_may_not_read_is_404_like_a_missing_one(town):
    for lookup in ({"pk": town.hidden.pk}, {"pk": 999_999}):
        with pytest.raises(Http404):
            plan_editable_or_404(town.leader, **lookup)
    with pytest.raises(PermissionDenied) as denied, translation.override("en"):
        plan_editable_or_404(town.leader, pk=town.published.pk)
    assert str(denied.value) == "You may not edit this plan."
    assert plan_editable_or_404(town.leader, pk=town.own.pk) == town.own


def test_a_person_the_user_may_not_read_is_404_like_a_missing_one(town):
    for pk in (town.in_hidden.pk, town.new_by_other.pk, town.loaded.pk, 999_999):
        with pytest.raises(Http404):
            person_readable_or_404(town.leader, pk=pk)
        with pytest.raises(Http404):
            person_editable_or_404(town.leader, pk=pk)
    assert person_readable_or_404(town.leader, pk=town.in_published.pk) == town.in_published
    with pytest.raises(PermissionDenied) as denied, translation.override("en"):
        person_editable_or_404(town.leader, pk=town.in_published.pk)
    assert str(denied.value) == (
        "Only secretariat administrators and the leaders of this person's plans may change "
        "this person."
    )
    assert person_editable_or_404(town.leader, pk=town.new_by_leader.pk) == town.new_by_leader
