"""Load the Aarhus demo: organisations, areas, afdelinger, plans, people, governing bodies,
memberships, the site profile and a few users per role.

All writes go through the apps' services, inside one transaction: a problem anywhere writes
nothing. Loading is idempotent: every object is looked up by its natural key first and only
created when missing, so a second run creates nothing and changes nothing (existing objects,
including users' passwords, are left as they are).
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from boligsocial.accounts.models import RoleAssignment
from boligsocial.accounts.services import role_assign, user_create
from boligsocial.areas.models import Afdeling, Area
from boligsocial.areas.services import afdeling_create, area_create
from boligsocial.core.tables import read_table
from boligsocial.demo.agreements import load_agreements
from boligsocial.demo.lifecycle import read_lifecycle_data
from boligsocial.demo.money.load import load_money
from boligsocial.demo.source import (
    OFFICIAL_LISTS_DIR,
    OFFICIAL_LISTS_NOTE,
    DemoData,
    DemoDataError,
    PlanSpec,
    read_demo_data,
)
from boligsocial.demo.timelines import load_pipeline, record_timeline
from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.governance.models import Body, Membership, Person, PlanRole
from boligsocial.governance.services import (
    body_create,
    membership_add,
    person_create,
    plan_role_add,
)
from boligsocial.indicators.models import OfficialListEntry
from boligsocial.indicators.services import official_lists_import
from boligsocial.organisations.models import Municipality, Organisation
from boligsocial.organisations.services import organisation_create
from boligsocial.plans.models import Plan
from boligsocial.plans.services import (
    plan_create,
)
from boligsocial.site.models import SiteProfile

# The demo's public password (README), refused on any database but the local demo's.
DEFAULT_PASSWORD = "demo-boligsocial"  # noqa: S105


@dataclass(frozen=True)
class DemoUser:
    username: str
    description: str
    created: bool


@dataclass
class DemoReport:
    """What a load did: how many objects of each kind it created, and the demo users."""

    password: str
    created: Counter[str] = field(default_factory=Counter)
    users: list[DemoUser] = field(default_factory=list)

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD


def load_demo(*, password: str | None = None, data: DemoData | None = None) -> DemoReport:
    """Load the demo data (idempotent). `password` is for newly created users; by default the
    environment's DEMO_PASSWORD or "demo-boligsocial". Raises DemoDataError or Django's
    ValidationError, writing nothing, if the data is inconsistent."""
    data = data if data is not None else read_demo_data()
    with transaction.atomic():
        loader = _Loader(data, password if password is not None else demo_password())
        loader.run()
    return loader.report


class _Loader:
    def __init__(self, data: DemoData, password: str) -> None:
        self.data = data
        self.report = DemoReport(password=password)
        self.orgs: dict[str, Organisation] = {}
        self.areas: dict[str, Area] = {}
        self.afdelinger: dict[str, list[Afdeling]] = {}
        self.people: dict[str, Person] = {}
        self.plans: dict[str, Plan] = {}

    def run(self) -> None:
        self.municipality = self._municipality(self.data.municipality)
        self._organisations()
        self._areas()
        self._people()
        self.lifecycle = read_lifecycle_data()
        for spec in self.data.plans:
            self._plan(spec)
        self._pipeline()
        self._site_profile()
        self._users()
        self._agreements()
        self._official_lists()
        self.report.created.update(load_money(self.orgs))  # issue 10, demo/money/

    # helpers ----------------------------------------------------------------------------------

    def _pipeline(self) -> None:
        """The illustrative plans before they run (`demo.timelines.load_pipeline`)."""
        created = load_pipeline(self.lifecycle.pipeline, self.afdelinger)
        if created:
            self.report.created["pipeline plans"] += created

    def _created(self, kind: str) -> None:
        self.report.created[kind] += 1

    @staticmethod
    def _municipality(name: str) -> Municipality:
        municipality = Municipality.objects.filter(name=name).first()
        if municipality is None:
            raise DemoDataError(f"Municipality {name!r} is not in the reference data.")
        return municipality

    # organisations, areas, afdelinger, people -------------------------------------------------

    def _organisations(self) -> None:
        for key, spec in self.data.organisations.items():
            org = Organisation.objects.filter(kind=spec.kind, name=spec.name).first()
            if org is None:
                org = organisation_create(
                    kind=spec.kind,
                    name=spec.name,
                    cvr=spec.cvr,
                    website=spec.website,
                    municipality=(
                        self._municipality(spec.municipality) if spec.municipality else None
                    ),
                )
                self._created("organisations")
            self.orgs[key] = org

    def _areas(self) -> None:
        for spec in self.data.areas:
            municipality = self._municipality(spec.municipality)
            area = Area.objects.filter(municipality=municipality, name=spec.name).first()
            if area is None:
                area = area_create(
                    name=spec.name,
                    municipality=municipality,
                    residents=spec.residents,
                    residents_source=spec.residents_source,
                    description=spec.description,
                    illustrative=False,  # the area's own figures are the source's
                    aliases=list(spec.aliases),
                )
                self._created("areas")
            self.areas[spec.name] = area
            rows: list[Afdeling] = []
            for a in spec.afdelinger:
                org = self.orgs[a.organisation]
                afdeling = Afdeling.objects.filter(organisation=org, number=a.number).first()
                if afdeling is None:
                    afdeling = afdeling_create(
                        organisation=org,
                        number=a.number,
                        name=a.name,
                        area=area,
                        dwellings=a.dwellings,
                        illustrative=not a.number_from_source or a.dwellings_illustrative,
                    )
                    self._created("afdelinger")
                rows.append(afdeling)
            self.afdelinger[spec.name] = rows

    def _official_lists(self) -> None:
        """The ministry's published lists 2010–12 (real data, every area in Denmark on them),
        so the area pages have an official history to compare the computed status with."""
        if OfficialListEntry.objects.exists():
            return
        for path in sorted(OFFICIAL_LISTS_DIR.glob("ghetto_list_*.csv")):
            year = path.stem.rsplit("_", 1)[1]
            result = official_lists_import(
                table=read_table(path),
                source=f"Liste over ghettoområder pr. 1. december {year} ({OFFICIAL_LISTS_NOTE})",
            )
            self.report.created["official list entries"] += result.list_entries_written
            self.report.created["areas"] += result.areas_created

    def _people(self) -> None:
        for spec in self.data.people.values():
            person = Person.objects.filter(name=spec.name).first()
            if person is None:
                person = person_create(
                    name=spec.name,
                    title=spec.title,
                    employer=self.orgs[spec.employer],
                    email=spec.email,
                )
                self._created("people")
            self.people[spec.name] = person

    # plans ------------------------------------------------------------------------------------

    @staticmethod
    def _fund_round(spec: PlanSpec) -> FundRound:
        rounds = list(
            FundRound.objects.filter(
                first_year__lte=spec.start.year, last_year__gte=spec.start.year
            )
        )
        if len(rounds) != 1:
            raise DemoDataError(
                f"Plan {spec.name!r}: {len(rounds)} fund rounds contain its start year "
                f"{spec.start.year}; expected exactly one."
            )
        return rounds[0]

    @staticmethod
    def _focus_areas(spec: PlanSpec, fund_round: FundRound) -> list[FocusArea]:
        found = {
            fa.name_da: fa
            for fa in FocusArea.objects.filter(fund_round=fund_round, name_da__in=spec.focus_areas)
        }
        missing = [name for name in spec.focus_areas if name not in found]
        if missing:
            raise DemoDataError(
                f"Plan {spec.name!r}: fund round {fund_round.code} has no focus area "
                f"{', '.join(repr(m) for m in missing)}."
            )
        return [found[name] for name in spec.focus_areas]

    def _plan(self, spec: PlanSpec) -> None:
        plan = Plan.objects.filter(name=spec.name).first()
        if plan is None:
            fund_round = self._fund_round(spec)
            plan = plan_create(
                name=spec.name,
                fund_round=fund_round,
                start_date=spec.start,
                end_date=spec.end,
                afdelinger=self.afdelinger[spec.area],
                focus_areas=self._focus_areas(spec, fund_round),
                length_reason=spec.length_reason,
                published=True,
                description=spec.description,
                office_address=spec.office_address,
                contact_email=spec.contact_email,
                data_note=spec.data_note,
                illustrative=True,  # every plan has invented staff and board members
            )
            self._created("plans")
        if record_timeline(plan, spec, self.lifecycle.extensions):
            self._created("plan timelines")
        self.plans[spec.name] = plan
        for staff in spec.staff:
            person = self.people[staff.person]
            if not PlanRole.objects.filter(
                plan=plan, person=person, kind=staff.kind, valid_from=staff.valid_from
            ).exists():
                plan_role_add(
                    plan=plan,
                    person=person,
                    kind=staff.kind,
                    title=staff.title,
                    fte=staff.fte,
                    valid_from=staff.valid_from,
                    valid_to=staff.valid_to,
                )
                self._created("plan roles")
        for body_spec in spec.bodies:
            body = Body.objects.filter(plan=plan, name=body_spec.name).first()
            if body is None:
                body = body_create(plan=plan, kind=body_spec.kind, name=body_spec.name)
                self._created("bodies")
            for seat in body_spec.seats:
                person = self.people[seat.person]
                if Membership.objects.filter(
                    body=body, person=person, role=seat.role, valid_from=seat.valid_from
                ).exists():
                    continue
                membership_add(
                    body=body,
                    person=person,
                    represents=self.orgs[self.data.people[seat.person].employer],
                    role=seat.role,
                    valid_from=seat.valid_from,
                    valid_to=seat.valid_to,
                )
                self._created("memberships")

    # site profile and users -------------------------------------------------------------------

    def _site_profile(self) -> None:
        # There is no service for the one SiteProfile row (it is edited in Django admin); it is
        # validated and saved here, and only when the installation has none.
        if SiteProfile.objects.exists():
            return
        site = self.data.site
        profile = SiteProfile(
            title_da=site.title_da,
            title_en=site.title_en,
            intro_da=site.intro_da,
            intro_en=site.intro_en,
            secretariat_text_da=site.secretariat_text_da,
            secretariat_text_en=site.secretariat_text_en,
            secretariat=self.orgs[self.data.secretariat],
            demo_notice=True,
        )
        profile.full_clean()
        profile.save()
        profile.municipalities.set([self.municipality])
        self._created("site profile")

    def _agreements(self) -> None:
        """The running plans' illustrative cooperation agreements (demo/agreements.py), LBF's
        approval recorded by the demo's administrator."""
        admin = get_user_model()._default_manager.filter(is_superuser=True).order_by("pk").first()
        if admin is not None:
            self.report.created["cooperation agreements"] += load_agreements(
                self.plans.values(), recorder=admin
            )

    def _users(self) -> None:
        user_model = get_user_model()
        for spec in self.data.users:
            plan = self.plans[spec.plan] if spec.plan else None
            username = spec.username.format(plan_slug=plan.slug if plan else "")
            user = user_model._default_manager.filter(username=username).first()
            created = user is None
            if user is None:
                user = user_create(
                    username=username,
                    password=self.report.password,
                    email=f"{username}@example.org",
                    is_staff=spec.superuser,
                    is_superuser=spec.superuser,
                )
                self._created("users")
            organisation = self.orgs[spec.organisation] if spec.organisation else None
            municipality = self._municipality(spec.municipality) if spec.municipality else None
            if not RoleAssignment.objects.filter(
                user=user,
                role=spec.role,
                plan=plan,
                organisation=organisation,
                municipality=municipality,
            ).exists():
                role_assign(
                    user=user,
                    role=spec.role,
                    plan=plan,
                    organisation=organisation,
                    municipality=municipality,
                )
                self._created("role assignments")
            self.report.users.append(
                DemoUser(username=username, description=spec.description, created=created)
            )
