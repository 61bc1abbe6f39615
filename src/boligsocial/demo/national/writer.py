"""Writing the generated data: what is missing, with `bulk_create` and one history row each."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from simple_history.utils import bulk_create_with_history

from boligsocial.accounts.models import Role, RoleAssignment
from boligsocial.accounts.services import role_assign, user_create
from boligsocial.areas.models import Afdeling, Area
from boligsocial.demo.national.base import (
    ADMIN_USERNAME,
    FICTIONAL,
    HISTORY_REASON,
    LEADER_USERNAME,
    SECRETARIAT_SLUG,
)
from boligsocial.demo.national.specs import NationalData
from boligsocial.demo.timelines import past_steps
from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.governance.models import (
    Body,
    Membership,
    Person,
    PlanRole,
)
from boligsocial.indicators.models import Indicator, IndicatorValue, OfficialListEntry
from boligsocial.lifecycle.models import PlanTransition
from boligsocial.lifecycle.rules import TRANSITIONS
from boligsocial.organisations.models import Municipality, Organisation
from boligsocial.plans.models import Plan
from boligsocial.site.models import SiteProfile


@dataclass
class NationalReport:
    created: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    sizes: dict[str, int] = field(default_factory=dict)
    users: tuple[str, ...] = ()

    @property
    def total_created(self) -> int:
        return sum(self.created.values())


def missing(
    model: type[models.Model],
    objs: Iterable[models.Model],
    key: Callable[[Any], Hashable],
    existing: Iterable[Any],
) -> list[models.Model]:
    have = {key(o) for o in existing}
    out, seen = [], set()
    for obj in objs:
        k = key(obj)
        if k not in have and k not in seen:
            seen.add(k)
            out.append(obj)
    return out


class Writer:
    BATCH = 2000

    def __init__(self, data: NationalData, report: NationalReport) -> None:
        self.data = data
        self.report = report

    def _create(self, label: str, model: type[models.Model], objs: list[models.Model]) -> None:
        if not objs:
            return
        if hasattr(model, "history"):
            saved = bulk_create_with_history(
                objs, model, batch_size=self.BATCH, default_change_reason=HISTORY_REASON
            )
            if not all(o.pk for o in saved):
                raise RuntimeError("bulk_create must return primary keys")
        else:
            model._default_manager.bulk_create(objs, batch_size=self.BATCH)
        self.report.created[label] += len(objs)

    def run(self, password: str | None) -> None:
        d = self.data
        muni = {m.code: m for m in Municipality.objects.all()}
        orgs = [
            Organisation(
                kind=o.kind,
                name=o.name,
                slug=o.slug,
                cvr=o.cvr,
                municipality=muni[o.municipality_code] if o.municipality_code else None,
            )
            for o in d.organisations
        ]
        slugs = [o.slug for o in orgs]
        self._create(
            "organisations",
            Organisation,
            missing(
                Organisation, orgs, lambda o: o.slug, Organisation.objects.filter(slug__in=slugs)
            ),
        )
        org = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}

        areas = [
            Area(
                name=a.name,
                slug=a.slug,
                municipality=muni[a.municipality_code],
                residents=a.residents,
                residents_source=FICTIONAL,
                outline=a.outline,
                description=f"Fiktivt boligområde i {muni[a.municipality_code].name} Kommune. "
                "Alle tal er opdigtede.",
                illustrative=True,
            )
            for a in d.areas
        ]
        area_slugs = [a.slug for a in areas]
        self._create(
            "areas",
            Area,
            missing(Area, areas, lambda a: a.slug, Area.objects.filter(slug__in=area_slugs)),
        )
        area = {a.slug: a for a in Area.objects.filter(slug__in=area_slugs)}

        afdelinger = [
            Afdeling(
                organisation=org[a.org_slug],
                number=a.number,
                name=a.name,
                area=area[a.area_slug] if a.area_slug else None,
                dwellings=a.dwellings,
                illustrative=True,
            )
            for a in d.afdelinger
        ]
        org_ids = [o.pk for o in org.values()]
        existing_afd = Afdeling.objects.filter(organisation_id__in=org_ids)
        self._create(
            "afdelinger",
            Afdeling,
            missing(Afdeling, afdelinger, lambda a: (a.organisation_id, a.number), existing_afd),
        )
        afdeling_by_area: dict[int, list[int]] = defaultdict(list)
        for pk, area_id in existing_afd.values_list("pk", "area_id"):
            if area_id:
                afdeling_by_area[area_id].append(pk)

        fund_round = {r.code: r for r in FundRound.objects.all()}
        plans = [
            Plan(
                name=p.name,
                slug=p.slug,
                lbf_number=p.lbf_number,
                fund_round=fund_round[p.round_code],
                start_date=p.start,
                end_date=p.end,
                length_reason=p.length_reason,
                status=p.status,
                published=True,
                description=f"Fiktiv helhedsplan for {p.name.rsplit(' ', 1)[0]}.",
                office_address=f"{p.name.split(' ')[0]}vej {1 + len(p.slug) % 40}",
                contact_email=f"plan-{p.lbf_number.lower()}@fiktiv.example.org",
                data_note="Alt om denne plan er fiktivt: den hører til den syntetiske nationale "
                "installation, som bruges til at måle sidernes hastighed.",
                illustrative=True,
            )
            for p in d.plans
        ]
        plan_slugs = [p.slug for p in plans]
        self._create(
            "plans",
            Plan,
            missing(Plan, plans, lambda p: p.slug, Plan.objects.filter(slug__in=plan_slugs)),
        )
        plan = {p.slug: p for p in Plan.objects.filter(slug__in=plan_slugs)}
        focus = {(f.fund_round_id, f.name_da): f.pk for f in FocusArea.objects.all()}
        plan_ids = [p.pk for p in plan.values()]
        through_a = Plan.afdelinger.through
        through_f = Plan.focus_areas.through
        links_a = [
            through_a(plan_id=plan[p.slug].pk, afdeling_id=a)
            for p in d.plans
            for a in afdeling_by_area[area[p.area_slug].pk]
        ]
        links_f = [
            through_f(plan_id=plan[p.slug].pk, focusarea_id=focus[(plan[p.slug].fund_round_id, f)])
            for p in d.plans
            for f in p.focus_areas
        ]
        self._create(
            "plan afdelinger",
            through_a,
            missing(
                through_a,
                links_a,
                lambda t: (t.plan_id, t.afdeling_id),
                through_a.objects.filter(plan_id__in=plan_ids),
            ),
        )
        self._create(
            "plan focus areas",
            through_f,
            missing(
                through_f,
                links_f,
                lambda t: (t.plan_id, t.focusarea_id),
                through_f.objects.filter(plan_id__in=plan_ids),
            ),
        )
        # Each plan's timeline back to the idea, as the Aarhus demo's (decision 0020).
        with_timeline = set(
            PlanTransition.objects.filter(plan_id__in=plan_ids).values_list("plan_id", flat=True)
        )
        transitions: list[models.Model] = []
        for p in d.plans:
            plan_id = plan[p.slug].pk
            if plan_id in with_timeline:
                continue
            before = ""
            for step in past_steps(p.start, p.end, p.status):
                after = step.to_status or min(TRANSITIONS[step.kind].targets)
                transitions.append(
                    PlanTransition(
                        plan_id=plan_id,
                        kind=step.kind,
                        from_status=before,
                        to_status=after,
                        date=step.date,
                        capacity=step.capacity,
                        public_note=step.public_note,
                    )
                )
                before = after
        self._create("plan transitions", PlanTransition, transitions)

        people = [
            Person(name=p.name, title=p.title, employer=org[p.employer_slug], email=p.email)
            for p in d.people
        ]
        emails = [p.email for p in people]
        self._create(
            "people",
            Person,
            missing(Person, people, lambda p: p.email, Person.objects.filter(email__in=emails)),
        )
        person = {p.email: p for p in Person.objects.filter(email__in=emails)}

        roles = [
            PlanRole(
                plan=plan[r.plan_slug],
                person=person[r.person_email],
                kind=r.kind,
                title=r.title,
                fte=r.fte,
                valid_from=r.valid_from,
                valid_to=r.valid_to,
            )
            for r in d.roles
        ]
        self._create(
            "plan roles",
            PlanRole,
            missing(
                PlanRole,
                roles,
                lambda r: (r.plan_id, r.person_id, r.kind, r.valid_from),
                PlanRole.objects.filter(plan_id__in=plan_ids),
            ),
        )
        bodies = [Body(plan=plan[b.plan_slug], kind=b.kind, name=b.name) for b in d.bodies]
        existing_bodies = Body.objects.filter(plan_id__in=plan_ids)
        self._create(
            "bodies",
            Body,
            missing(Body, bodies, lambda b: (b.plan_id, b.name), existing_bodies),
        )
        body = {(b.plan_id, b.name): b for b in existing_bodies.all()}
        seats = [
            Membership(
                body=body[(plan[s.plan_slug].pk, s.body_name)],
                person=person[s.person_email],
                represents=org[s.represents_slug],
                role=s.role,
                valid_from=s.valid_from,
                valid_to=s.valid_to,
            )
            for s in d.seats
        ]
        self._create(
            "memberships",
            Membership,
            missing(
                Membership,
                seats,
                lambda m: (m.body_id, m.person_id, m.role, m.valid_from),
                Membership.objects.filter(body__plan_id__in=plan_ids),
            ),
        )

        indicator = {i.key: i for i in Indicator.objects.all()}
        area_ids = [a.pk for a in area.values()]
        values = [
            IndicatorValue(
                area=area[f.area_slug],
                indicator=indicator[f.key],
                year=f.year,
                value=f.value,
                persons=f.persons,
                population=f.population,
                source=FICTIONAL,
            )
            for f in d.figures
            if f.key in indicator
        ]
        self._create(
            "area figures",
            IndicatorValue,
            missing(
                IndicatorValue,
                values,
                lambda v: (v.area_id, v.indicator_id, v.year),
                IndicatorValue.objects.filter(area_id__in=area_ids).only(
                    "area_id", "indicator_id", "year"
                ),
            ),
        )
        entries = [
            OfficialListEntry(
                area=area[e.area_slug],
                year=e.year,
                designation=e.designation,
                on_list=e.on_list,
                source=f"Fiktiv liste pr. 1. december {e.year} ({FICTIONAL})",
            )
            for e in d.list_entries
        ]
        self._create(
            "official list entries",
            OfficialListEntry,
            missing(
                OfficialListEntry,
                entries,
                lambda e: (e.area_id, e.year, e.designation),
                OfficialListEntry.objects.filter(area_id__in=area_ids),
            ),
        )
        self._site_profile(org[SECRETARIAT_SLUG])
        if password is not None:
            self._users(password, plan)

    def _site_profile(self, secretariat: Organisation) -> None:
        if SiteProfile.objects.exists():
            return  # a demo profile (checked in load_national): left as it is
        profile = SiteProfile(
            title_da="Boligsocial – fiktiv national installation",
            title_en="Boligsocial – fictional national installation",
            intro_da="Alle planer, områder, personer og tal på dette site er opdigtede. Den "
            "syntetiske nationale installation bruges til at afprøve og måle platformen.",
            intro_en="Every plan, area, person and figure on this site is invented. The "
            "synthetic national installation is for trying and measuring the platform.",
            secretariat_text_da="Et fiktivt landssekretariat med fiktive medarbejdere.",
            secretariat_text_en="A fictional national secretariat with fictional staff.",
            secretariat=secretariat,
            demo_notice=True,
        )
        profile.full_clean()
        profile.save()
        self.report.created["site profile"] += 1

    def _users(self, password: str, plan: dict[str, Plan]) -> None:
        running = sorted(p.slug for p in self.data.plans if p.status == "running")
        led = plan[running[0]]
        wanted = (
            (ADMIN_USERNAME, Role.SECRETARIAT_ADMIN, None),
            (LEADER_USERNAME, Role.PLAN_LEADER, led),
        )
        user_model = get_user_model()
        for username, role, scope in wanted:
            user = user_model._default_manager.filter(username=username).first()
            if user is None:
                user = user_create(
                    username=username, password=password, email=f"{username}@example.org"
                )
                self.report.created["users"] += 1
            if not RoleAssignment.objects.filter(user=user, role=role, plan=scope).exists():
                role_assign(user=user, role=role, plan=scope)
                self.report.created["role assignments"] += 1
        self.report.users = (ADMIN_USERNAME, f"{LEADER_USERNAME} ({led.name})")
