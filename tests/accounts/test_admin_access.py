"""The admin asks the same access rules as the web pages and the API: a staff user who is a plan
leader (and has Django's model permissions) lists only the plans and people they may read, and
changes only the people they may edit; anything else answers as a missing object."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from tests.factories import PersonFactory, PlanFactory, PlanRoleFactory, UserFactory

from boligsocial.accounts.models import Role, RoleAssignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(db: Any) -> dict[str, Any]:
    own = PlanFactory(name="Egen plan", published=False)
    published = PlanFactory(name="Offentlig plan", published=True)
    hidden = PlanFactory(name="Skjult plan", published=False)
    user = UserFactory(is_staff=True)
    RoleAssignment.objects.create(user=user, role=Role.PLAN_LEADER, plan=own)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["governance", "plans"],
            codename__in=["view_person", "change_person", "view_plan", "view_planrole"],
        )
    )
    client = Client()
    client.force_login(user)
    return {
        "client": client,
        "own": own,
        "published": published,
        "hidden": hidden,
        "mine": PlanRoleFactory(plan=own, person__name="Min medarbejder").person,
        "public": PlanRoleFactory(plan=published, person__name="Offentlig medarbejder").person,
        "secret": PlanRoleFactory(plan=hidden, person__name="Skjult medarbejder").person,
        "nowhere": PersonFactory(name="Uden plan"),
    }


def test_lists_show_only_what_the_user_may_read(setup):
    client = setup["client"]
    people = client.get("/admin/governance/person/").content.decode()
    assert "Min medarbejder" in people
    assert "Offentlig medarbejder" in people
    assert "Skjult medarbejder" not in people
    assert "Uden plan" not in people
    plans = client.get("/admin/plans/plan/").content.decode()
    assert "Egen plan" in plans
    assert "Offentlig plan" in plans
    assert "Skjult plan" not in plans
    roles = client.get("/admin/governance/planrole/").content.decode()
    assert "Skjult medarbejder" not in roles


def test_an_unreadable_person_answers_as_a_missing_one(setup):
    client = setup["client"]
    for pk in (setup["secret"].pk, setup["nowhere"].pk, 999_999):
        response = client.get(f"/admin/governance/person/{pk}/change/")
        assert response.status_code == 302
        assert response["Location"] == "/admin/"


def test_only_people_the_user_may_edit_are_changed(setup):
    client = setup["client"]
    public = setup["public"]
    response = client.post(f"/admin/governance/person/{public.pk}/change/", {"name": "Ny"})
    assert response.status_code == 403
    public.refresh_from_db()
    assert public.name == "Offentlig medarbejder"
    mine = setup["mine"]
    response = client.post(
        f"/admin/governance/person/{mine.pk}/change/",
        {"name": "Omdøbt", "title": "", "email": "", "phone": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    mine.refresh_from_db()
    assert mine.name == "Omdøbt"
