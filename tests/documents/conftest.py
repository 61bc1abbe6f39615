"""Every documents test stores its files in a temporary folder, never in var/; and a small
world: one published and one unpublished plan, and a user of every role.

| plan        | published | afdeling in                  | leader        |
|-------------|-----------|------------------------------|---------------|
| plan        | yes       | org (Odense)                 | `leader`      |
| hidden      | no        | org (Odense)                 | `leader`      |
| other       | no        | other_org (Aalborg)          | `other_leader`|

`housing` belongs to `org`, `municipality` to Odense: both read plan and hidden, not other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.test import APIClient

from boligsocial.accounts.models import Role
from tests.factories import (
    AfdelingFactory,
    AreaFactory,
    HousingOrganisationFactory,
    PlanFactory,
    UserFactory,
    municipality,
    user_with_role,
)

ROLES = (
    "admin",
    "leader",
    "other_leader",
    "housing",
    "municipality",
    "analyst",
    "anonymous",
)


@pytest.fixture(autouse=True)
def document_dir(settings: Any, tmp_path: Path) -> Path:
    folder = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return folder


def stored_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


@dataclass
class World:
    plan: Any
    hidden: Any
    other: Any
    users: dict[str, Any]

    def user(self, role: str) -> Any:
        return self.users.get(role)

    def client(self, role: str, language: str = "en") -> Client:
        """A browser logged in as the role's user, its pages in `language` (the switch's
        cookie)."""
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        if self.users.get(role) is not None:
            client.force_login(self.users[role])
        return client

    def api(self, role: str) -> APIClient:
        client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
        if self.users.get(role) is not None:
            client.force_login(self.users[role])
        return client


@pytest.fixture
def world(db: Any) -> World:
    org = HousingOrganisationFactory(name="Boligforeningen Delta")
    other_org = HousingOrganisationFactory(name="Boligforeningen Epsilon")
    area = AreaFactory(name="Deltaparken", municipality=municipality("Odense"))
    other_area = AreaFactory(name="Epsilonparken", municipality=municipality("Aalborg"))
    plan = PlanFactory(
        name="Plan Delta",
        slug="plan-delta",
        published=True,
        afdelinger=[AfdelingFactory(organisation=org, area=area)],
    )
    hidden = PlanFactory(
        name="Plan Delta Skjult",
        slug="plan-delta-skjult",
        published=False,
        afdelinger=[AfdelingFactory(organisation=org, area=area)],
    )
    other = PlanFactory(
        name="Plan Epsilon",
        slug="plan-epsilon",
        published=False,
        afdelinger=[AfdelingFactory(organisation=other_org, area=other_area)],
    )
    leader = user_with_role(Role.PLAN_LEADER, plan=plan)
    from boligsocial.accounts.models import RoleAssignment

    RoleAssignment.objects.create(user=leader, role=Role.PLAN_LEADER, plan=hidden)
    users = {
        "admin": user_with_role(Role.SECRETARIAT_ADMIN),
        "leader": leader,
        "other_leader": user_with_role(Role.PLAN_LEADER, plan=other),
        "housing": user_with_role(Role.HOUSING_ORG, organisation=org),
        "municipality": user_with_role(Role.MUNICIPALITY, municipality=municipality("Odense")),
        "analyst": user_with_role(Role.ANALYST),
        "plain": UserFactory(),
    }
    return World(plan=plan, hidden=hidden, other=other, users=users)
