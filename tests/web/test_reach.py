"""Whom the internal forms offer: a plan leader's role and membership forms list exactly the
people of the plans they lead and the people they created, and accept no one else."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from tests import factories as f
from tests.web.conftest import World, logged_in

from boligsocial.accounts.models import Role
from boligsocial.demo.load import load_demo
from boligsocial.governance.models import Membership, Person, PlanRole, PlanRoleKind
from boligsocial.plans.models import Plan

pytestmark = pytest.mark.django_db

MANAGE = "/intern/planer/helhedsplan-testparken/"


def offered(html: str) -> list[str]:
    """The labels of the person select's options, in order, without the empty choice."""
    select = re.search(r'<select name="person"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None
    return re.findall(r'<option value="\d+"[^>]*>([^<]*)</option>', select.group(1))


@pytest.fixture
def leader(world: World) -> Any:
    return f.user_with_role(Role.PLAN_LEADER, plan=world.plan)


@pytest.fixture
def others(world: World, leader: Any) -> dict[str, Person]:
    """People the leader must not be offered, and one they created."""
    published = f.PlanFactory(name="Anden plan", slug="anden-plan", published=True)
    hidden = f.PlanFactory(name="Skjult plan", slug="skjult-plan", published=False)
    other_leader = f.user_with_role(Role.PLAN_LEADER, plan=published)
    return {
        "published": f.PlanRoleFactory(plan=published, person__name="Anne Andenplan").person,
        "hidden": f.MembershipFactory(
            body=f.BodyFactory(plan=hidden, name="Skjult bestyrelse"),
            person__name="Bo Skjultplan",
            valid_from=date(2023, 1, 1),
        ).person,
        "loaded": f.PersonFactory(name="Carl Udenplan"),
        "by_other": f.person_created_by(other_leader, name="Dorte Andenleder"),
        "own_new": f.person_created_by(leader, name="Eva Nyoprettet"),
    }


OWN = [
    "Eva Nyoprettet",
    "Hanne Testformand",
    "Lene Testleder",
    "Mads Testmedarbejder",
    "Sofie Testsekretariat",
]


def test_the_role_and_membership_forms_offer_exactly_the_leaders_people(world, leader, others):
    client = logged_in(leader)
    assert offered(client.get(f"{MANAGE}roller/ny/").content.decode()) == OWN
    url = f"{MANAGE}organer/{world.board.pk}/medlemmer/ny/"
    assert offered(client.get(url).content.decode()) == OWN


def test_an_administrator_is_offered_everyone(world, others):
    client = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    assert offered(client.get(f"{MANAGE}roller/ny/").content.decode()) == sorted(
        [*OWN, "Anne Andenplan", "Bo Skjultplan", "Carl Udenplan", "Dorte Andenleder"]
    )


@pytest.mark.parametrize("who", ["published", "hidden", "loaded", "by_other", "missing"])
def test_a_person_not_offered_is_refused_as_a_missing_one_and_nothing_saved(
    world, leader, others, who
):
    client = logged_in(leader)
    pk = others[who].pk if who in others else 999_999
    roles, seats = PlanRole.objects.count(), Membership.objects.count()
    role = client.post(
        f"{MANAGE}roller/ny/",
        {"person": pk, "kind": "staff", "fte": "1", "valid_from": "2024-01-01"},
    )
    seat = client.post(
        f"{MANAGE}organer/{world.board.pk}/medlemmer/ny/",
        {"person": pk, "represents": world.housing.pk, "valid_from": "2024-01-01"},
    )
    message = (
        "Marker en gyldig valgmulighed. Det valg, du har foretaget, er ikke blandt de "
        "tilgængelige valgmuligheder."
    )
    for response in (role, seat):
        assert response.status_code == 200
        assert f'<li><a href="#id_person">{message}</a></li>' in response.content.decode()
    assert (PlanRole.objects.count(), Membership.objects.count()) == (roles, seats)


def test_a_person_created_on_the_form_is_offered_next(world, leader):
    client = logged_in(leader)
    response = client.post(f"{MANAGE}personer/ny/", {"name": "Frida Ny"})
    assert response.status_code == 302
    assert "Frida Ny" in offered(client.get(f"{MANAGE}roller/ny/").content.decode())
    # ... and not to another leader.
    other = logged_in(f.user_with_role(Role.PLAN_LEADER, plan=world.plan))
    assert "Frida Ny" not in offered(other.get(f"{MANAGE}roller/ny/").content.decode())


def test_the_bispehaven_leader_is_offered_only_bispehaven_people(db: Any, settings: Any):
    """The reported case: the demo's Bispehaven leader was offered all the demo's people."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo()
    bispehaven = Plan.objects.get(slug="bispehaven-2024-2028")
    client = Client()
    client.force_login(get_user_model().objects.get(username="leder-bispehaven-2024-2028"))
    html = client.get(f"/intern/planer/{bispehaven.slug}/roller/ny/").content.decode()
    in_plan = set(PlanRole.objects.filter(plan=bispehaven).values_list("person", flat=True)) | set(
        Membership.objects.filter(body__plan=bispehaven).values_list("person", flat=True)
    )
    expected = sorted(Person.objects.filter(pk__in=in_plan).values_list("name", flat=True))
    assert sorted(offered(html)) == expected
    assert 0 < len(expected) < Person.objects.count()
    skov_leader = PlanRole.objects.get(
        plan__slug="skovgaardsparken-2023-2027", kind=PlanRoleKind.LEADER
    ).person
    assert skov_leader.name not in expected
