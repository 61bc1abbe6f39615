"""The synthetic national installation (boligsocial.demo.national): deterministic, within the
register's rules, wholly fictional, and a second load changes no row."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from tests import kit

from boligsocial.accounts.models import Role, RoleAssignment
from boligsocial.areas.models import Afdeling, Area
from boligsocial.areas.rules import geojson_problem
from boligsocial.demo.national import (
    REFERENCE_DATE,
    NationalDataError,
    generate,
    load_national,
    problems,
    sizes,
    stored_rounds,
)
from boligsocial.demo.source import FICTIONAL_FIRST_NAMES
from boligsocial.governance.models import Body, Membership, Person, PlanRole
from boligsocial.governance.selectors import rule_breaches
from boligsocial.indicators.models import IndicatorValue, OfficialListEntry
from boligsocial.organisations.models import Municipality, Organisation, OrganisationKind
from boligsocial.organisations.rules import cvr_problem
from boligsocial.plans.models import Plan
from boligsocial.site.models import SiteProfile

pytestmark = pytest.mark.django_db
SCALE = 0.02
PASSWORD = "Baenk-Kodeord-4821-xq"


def _municipalities() -> list[tuple[int, str, int]]:
    return list(Municipality.objects.values_list("code", "name", "region__code"))


def test_sizes_at_full_scale_are_the_issues() -> None:
    assert sizes(1.0) == {
        "areas": 600,
        "afdelinger": 7000,
        "organisations": 500,
        "running_plans": 100,
        "ended_plans": 300,
        "people": 3000,
        "bodies": 1500,
    }
    with pytest.raises(NationalDataError, match="--scale 0"):
        sizes(0)


def test_generation_is_deterministic_and_keeps_every_rule() -> None:
    rounds = stored_rounds()
    one = generate(municipalities=_municipalities(), rounds=rounds, scale=0.05, seed=7)
    two = generate(municipalities=_municipalities(), rounds=rounds, scale=0.05, seed=7)
    other = generate(municipalities=_municipalities(), rounds=rounds, scale=0.05, seed=8)
    assert one == two
    assert one.areas != other.areas
    assert problems(one, rounds) == []


def test_problems_reports_a_broken_rule() -> None:
    rounds = stored_rounds()
    data = generate(municipalities=_municipalities(), rounds=rounds, scale=SCALE, seed=1)
    first = data.plans[0]
    # A second plan on the same area over the same period claims the same afdelinger.
    data.plans.append(
        type(first)(**{**first.__dict__, "slug": first.slug + "-x", "name": first.name + " x"})
    )
    found = problems(data, rounds)
    assert any("overlap" in p for p in found)


def test_load_creates_the_asked_sizes_within_the_rules() -> None:
    report = load_national(scale=SCALE, seed=3, password=PASSWORD)
    n = sizes(SCALE)
    assert Area.objects.count() == n["areas"] == 12
    assert Afdeling.objects.count() == n["afdelinger"] == 140
    housing = Organisation.objects.filter(kind=OrganisationKind.HOUSING)
    assert housing.count() == n["organisations"] == 10
    assert all(cvr_problem(o.cvr) is None for o in housing)
    assert Counter(Plan.objects.values_list("status", flat=True)) == {"running": 2, "ended": 6}
    assert all(p.end_date >= REFERENCE_DATE for p in Plan.objects.filter(status="running"))
    assert all(p.end_date < REFERENCE_DATE for p in Plan.objects.filter(status="ended"))
    assert Person.objects.count() == n["people"] == 60
    assert Body.objects.count() == n["bodies"] == 30
    # Everyone has a role or a seat, and nobody's first name is a real one.
    assert not Person.objects.filter(plan_roles__isnull=True, memberships__isnull=True).exists()
    assert {p.name.split()[0] for p in Person.objects.all()} <= FICTIONAL_FIRST_NAMES
    assert rule_breaches() == []
    assert all(geojson_problem(a.outline) is None and a.outline for a in Area.objects.all())
    assert not Area.objects.filter(illustrative=False).exists()
    assert not Plan.objects.filter(illustrative=False).exists()
    assert IndicatorValue.objects.count() == 12 * 15 * 10
    assert set(OfficialListEntry.objects.values_list("year", flat=True)) <= set(range(2010, 2025))
    assert all("Fiktiv" in e.source for e in OfficialListEntry.objects.all())
    # Every row of a model with history has its "created" row, saying where it came from.
    assert Plan.history.filter(history_type="+").count() == 8
    assert set(Plan.history.values_list("history_change_reason", flat=True)) == {
        "Fiktive data indlæst af boligsocial national"
    }
    assert Membership.history.count() == Membership.objects.count()
    assert PlanRole.history.count() == PlanRole.objects.count()
    profile = SiteProfile.objects.get()
    assert profile.demo_notice is True
    assert "fiktiv" in profile.title_da
    roles = set(RoleAssignment.objects.values_list("user__username", "role"))
    assert roles == {
        ("national-sekretariat", Role.SECRETARIAT_ADMIN),
        ("national-leder", Role.PLAN_LEADER),
    }
    assert report.created["plans"] == 8
    # Each plan's timeline runs back to the idea and ends in its status (decision 0020).
    assert report.created["plan transitions"] == 2 * 7 + 6 * 8
    for plan in Plan.objects.all():
        steps = list(plan.transitions.order_by("date", "id").values_list("kind", "to_status"))
        assert steps[0] == ("idea", "idea")
        assert steps[-1][1] == plan.status


def test_a_second_load_changes_no_row() -> None:
    load_national(scale=SCALE, seed=3, password=PASSWORD)
    with kit.nothing_written():
        report = load_national(scale=SCALE, seed=3, password="another-Password-77")
    assert report.total_created == 0


def test_a_real_installation_is_refused_and_nothing_written() -> None:
    SiteProfile.objects.create(title_da="Odense", title_en="Odense", demo_notice=False)
    with pytest.raises(NationalDataError, match="real installation"):
        load_national(scale=SCALE, password=PASSWORD)
    assert not Area.objects.exists()
    assert not Plan.objects.exists()


def test_the_command_loads_and_says_what_it_made(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    call_command("national", "--scale", str(SCALE), "--no-migrate")
    out = capsys.readouterr().out
    assert "Created " in out
    assert "12 areas" in out
    assert "8 plans" in out
    call_command("national", "--scale", str(SCALE), "--no-migrate")
    assert "already loaded: nothing new created" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scale", "big"], "--scale 'big' is not a number"),
        (["--scale", "0"], "--scale 0: give a number above 0"),
    ],
)
def test_the_command_refuses_bad_input(
    monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match=message):
        call_command("national", *args, "--no-migrate")
    assert not Plan.objects.exists()


def test_the_command_wants_a_password_outside_var(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    # The test database is not a SQLite file under var/.
    with pytest.raises(CommandError, match="set DEMO_PASSWORD"):
        call_command("national", "--scale", str(SCALE), "--no-migrate")
    assert not Plan.objects.exists()


def test_every_page_says_the_data_is_fictional(client: Client) -> None:
    load_national(scale=SCALE, seed=3, password=PASSWORD)
    plan = Plan.objects.order_by("pk").first()
    area = Area.objects.order_by("pk").first()
    assert plan is not None
    assert area is not None
    for path in ("/", f"/planer/{plan.slug}/", "/omraader/", f"/omraader/{area.slug}/"):
        html = client.get(path).content.decode()
        assert "Boligsocial – fiktiv national installation" in html, path
        assert 'id="demo-notice"' in html, path
    assert "Alt om denne plan er fiktivt" in client.get(f"/planer/{plan.slug}/").content.decode()
