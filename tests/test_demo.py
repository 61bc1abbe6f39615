"""The Aarhus demo data: what it loads, exactly; that loading twice changes nothing; that the
real figures stay exact and everything else is marked illustrative; that nobody is real."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Sum

from boligsocial.accounts.models import Role, RoleAssignment
from boligsocial.areas.models import Afdeling, Area
from boligsocial.demo.load import DEFAULT_PASSWORD, load_demo
from boligsocial.demo.source import (
    CSV_PATH,
    FICTIONAL_FIRST_NAMES,
    TOML_PATH,
    DemoDataError,
    SeatSpec,
    parse_period,
    read_demo_data,
    source_period_dates,
)
from boligsocial.funding.rules import plan_period_problems
from boligsocial.funding.selectors import round_rules
from boligsocial.governance.models import Body, Membership, MembershipRole, Person, PlanRole
from boligsocial.governance.selectors import body_members_on, secretariat_seats
from boligsocial.indicators.models import OfficialListEntry
from boligsocial.organisations.models import Organisation, OrganisationKind
from boligsocial.organisations.rules import cvr_problem
from boligsocial.plans.models import Plan, PlanStatus
from boligsocial.site.models import SiteProfile
from tests import kit

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
AS_OF = date(2026, 11, 30)

# name: (fund round, start, end, status)
EXPECTED_PLANS = {
    "Gellerup/Toveshøj 2018-2022": ("2015–18", date(2018, 7, 1), date(2022, 6, 30), "ended"),
    "Bispehaven 2024-2028": ("2019–26", date(2024, 7, 1), date(2028, 6, 30), "running"),
    "Langkærparken 2021-2025": ("2019–26", date(2021, 7, 1), date(2025, 6, 30), "ended"),
    "Frydenlund/Vandtårnsområdet 2018-2022": (
        "2015–18",
        date(2018, 7, 1),
        date(2022, 6, 30),
        "ended",
    ),
    "Viby Syd 2015-2019": ("2015–18", date(2015, 7, 1), date(2019, 6, 30), "ended"),
    "Trigeparken 2014-2018": ("2011–14", date(2014, 7, 1), date(2018, 6, 30), "ended"),
    "Herredsvang 2014-2017": ("2011–14", date(2014, 1, 1), date(2017, 12, 31), "ended"),
    # Extended by half a year by LBF (illustrative, demo/data/lifecycle.toml).
    "Skovgårdsparken 2023-2027": ("2019–26", date(2023, 7, 1), date(2027, 12, 31), "running"),
}
# The illustrative plans before they run (demo/data/lifecycle.toml, decision 0020).
PIPELINE_PLANS = {
    "Langkærparken 2027-2031": "in_dialogue",
    "Gellerup/Toveshøj 2027-2031": "prequalified",
    "Viby Syd 2027-2031": "rejected",
    "Trigeparken 2027-2031": "prequalification_submitted",
    "Herredsvang 2028-2031": "idea",
}


def demo_plans():
    """The plans of the source's areas (not the illustrative ones before they run)."""
    return Plan.objects.filter(name__in=EXPECTED_PLANS)


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # Seven demo users hashed with PBKDF2 per test would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- the data files, without a database --------------------------------------------------------


def test_shipped_csv_is_the_shared_one():
    shared = SHARED / "data" / "aarhus_areas.csv"
    if not shared.exists():
        pytest.skip("shared/data is not on this machine")
    assert CSV_PATH.read_bytes() == shared.read_bytes()


def test_periods_are_parsed_from_the_source_text():
    assert parse_period("2018-2022 (an older plan ran 5 years)") == (2018, 2022)
    assert parse_period("2014-2017") == (2014, 2017)
    assert parse_period("unknown") is None
    assert parse_period("unknown (own plan not confirmed)") is None


def test_source_years_become_four_year_plans():
    assert source_period_dates(2014, 2017) == (date(2014, 1, 1), date(2017, 12, 31), "")
    assert source_period_dates(2018, 2022) == (date(2018, 7, 1), date(2022, 6, 30), "")
    assert source_period_dates(2010, 2011) == (
        date(2010, 1, 1),
        date(2011, 12, 31),
        "Kilden angiver perioden 2010–2011.",
    )


def test_demo_data_files_agree():
    data = read_demo_data()
    assert [a.name for a in data.areas] == [
        "Gellerup/Toveshøj",
        "Bispehaven",
        "Langkærparken",
        "Frydenlund/Vandtårnsområdet",
        "Viby Syd",
        "Trigeparken",
        "Herredsvang",
        "Skovgårdsparken",
    ]
    assert {p.name for p in data.plans} == set(EXPECTED_PLANS)
    assert len(data.people) == 40
    for org in data.organisations.values():
        if org.kind == "housing_organisation":
            assert cvr_problem(org.cvr) is None, org.name
            assert org.cvr.startswith("99"), org.name  # the fictional range


def _toml_with(tmp_path: Path, old: str, new: str) -> Path:
    text = TOML_PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / TOML_PATH.name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_real_looking_first_name_is_refused(tmp_path):
    path = _toml_with(tmp_path, '"Testa Jensen" = {', '"Anne Jensen" = {')
    with pytest.raises(DemoDataError) as excinfo:
        read_demo_data(toml_path=path)
    assert str(excinfo.value) == (
        "illustrative.toml, [people] 'Anne Jensen': the first name 'Anne' is not one of the "
        "invented demo first names (FICTIONAL_FIRST_NAMES in boligsocial.demo.source)."
    )


def test_a_dwellings_split_that_misses_the_source_total_is_refused(tmp_path):
    path = _toml_with(tmp_path, "dwellings = 290,", "dwellings = 291,")
    with pytest.raises(DemoDataError) as excinfo:
        read_demo_data(toml_path=path)
    assert str(excinfo.value) == (
        "illustrative.toml, [[areas]] #6: the afdelinger's dwellings (472) must all be given "
        "and add up to 471 (aarhus_areas.csv line 7)."
    )


def test_an_invented_figure_where_the_source_knows_none_is_refused(tmp_path):
    path = _toml_with(
        tmp_path,
        'number = "6", name = "Skovgårdsparken" }',
        'number = "6", name = "Skovgårdsparken", dwellings = 500 }',
    )
    with pytest.raises(DemoDataError) as excinfo:
        read_demo_data(toml_path=path)
    assert "[[areas]] #8: the source does not know the dwellings" in str(excinfo.value)


def test_afdelinger_must_belong_to_the_source_housing_organisations(tmp_path):
    path = _toml_with(
        tmp_path,
        '{ organisation = "alboa", number = "16", name = "Kjærslund"',
        '{ organisation = "aab", number = "16", name = "Kjærslund"',
    )
    with pytest.raises(DemoDataError) as excinfo:
        read_demo_data(toml_path=path)
    assert str(excinfo.value) == (
        "illustrative.toml, [[areas]] #5: the afdelinger belong to ['aab', 'aarhus_omegn'], "
        "but aarhus_areas.csv line 6 names ['aarhus_omegn', 'alboa']."
    )


def test_an_uncertain_housing_organisation_must_be_noted(tmp_path):
    path = _toml_with(tmp_path, 'organisation_note = "At området ejes af al2bolig', "#")
    with pytest.raises(DemoDataError) as excinfo:
        read_demo_data(toml_path=path)
    assert str(excinfo.value) == (
        "illustrative.toml, [[areas]] #3: aarhus_areas.csv line 4 marks its housing "
        "organisation as uncertain; say so in `organisation_note`."
    )


def test_a_bad_csv_cell_names_line_and_column(tmp_path):
    text = CSV_PATH.read_text(encoding="utf-8").replace(",871,", ",871 boliger,", 1)
    path = tmp_path / CSV_PATH.name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DemoDataError) as excinfo:
        read_demo_data(csv_path=path)
    assert str(excinfo.value) == (
        "aarhus_areas.csv line 3, column dwellings: '871 boliger' is not a whole number."
    )


# --- loading -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_load_creates_exactly_the_demo():
    report = load_demo()
    assert dict(report.created) == {
        "organisations": 14,
        "areas": 47,
        "official list entries": 96,
        "afdelinger": 17,
        "people": 40,
        "plans": 8,
        "plan timelines": 8,
        "pipeline plans": 8,
        "cooperation agreements": 2,
        "plan roles": 20,
        "bodies": 10,
        "memberships": 44,
        "site profile": 1,
        "users": 7,
        "role assignments": 7,
        # The money (demo/data/money.toml, tests/demo/test_money_demo.py).
        "budgets": 11,
        "budget revisions": 2,
        "frame bookings": 14,
        "instalments": 43,
        "yearly reports": 34,
        "instalment payments": 34,
        "plan data notes": 11,
        "contributions to LBF and renovation support": 14,
    }
    assert Organisation.objects.count() == 14
    assert Organisation.objects.filter(kind=OrganisationKind.HOUSING).count() == 10
    assert set(
        Organisation.objects.exclude(kind=OrganisationKind.HOUSING).values_list("kind", "name")
    ) == {
        ("secretariat", "Det Boligsociale Fællessekretariat"),
        ("municipality", "Aarhus Kommune"),
        ("lbf", "Landsbyggefonden"),
        ("police", "Østjyllands Politi"),
    }
    # The eight Aarhus areas, and the 39 other areas on the published lists 2010–12.
    assert Area.objects.count() == 47
    assert Area.objects.filter(municipality__name="Aarhus").count() == 8
    assert OfficialListEntry.objects.count() == 96
    assert sorted(
        OfficialListEntry.objects.filter(area__municipality__name="Aarhus").values_list(
            "area__name", "year", "on_list"
        )
    ) == [
        ("Bispehaven", 2010, True),
        ("Bispehaven", 2011, True),
        ("Bispehaven", 2012, True),
        ("Gellerup/Toveshøj", 2010, True),
        ("Gellerup/Toveshøj", 2011, True),
        ("Gellerup/Toveshøj", 2012, True),
        ("Trigeparken", 2012, True),
    ]
    assert Afdeling.objects.count() == 17
    assert Plan.objects.count() == 8 + 8
    assert Plan.objects.filter(published=True).count() == 8
    assert Person.objects.count() == 40
    assert PlanRole.objects.count() == 20
    assert Body.objects.count() == 10
    assert Membership.objects.count() == 44
    assert get_user_model().objects.count() == 7
    assert RoleAssignment.objects.count() == 7
    assert SiteProfile.objects.count() == 1


@pytest.mark.django_db
def test_loading_twice_creates_nothing_and_changes_nothing():
    load_demo()
    with kit.nothing_written():
        report = load_demo()
    assert report.total_created == 0
    assert [u.created for u in report.users] == [False] * 7


@pytest.mark.django_db
def test_a_failure_half_way_writes_nothing():
    data = read_demo_data()
    last = data.plans[-1]
    board = last.bodies[0]
    # The same person twice as chair of the same board in overlapping periods: the service
    # refuses the second seat, after everything before it was written in the transaction.
    clash = SeatSpec(board.seats[0].person, "chair", date(2024, 1, 1), None)
    bad_plan = replace(last, bodies=(replace(board, seats=(*board.seats, clash)),))
    bad = replace(data, plans=(*data.plans[:-1], bad_plan))
    with kit.nothing_written(), pytest.raises(ValidationError) as excinfo:
        load_demo(data=bad)
    assert list(excinfo.value.message_dict) == ["valid_from"]


@pytest.mark.django_db
def test_plans_fit_their_fund_rounds_periods_and_statuses():
    load_demo()
    plans = demo_plans().select_related("fund_round").order_by("start_date", "name")
    assert {
        p.name: (p.fund_round.code, p.start_date, p.end_date, p.status) for p in plans
    } == EXPECTED_PLANS
    for plan in plans:
        assert (
            plan_period_problems(
                start=plan.start_date,
                end=plan.end_date,
                rules=round_rules(plan.fund_round),
                length_reason=plan.length_reason,
            )
            == []
        ), plan.name
        assert plan.focus_areas.exclude(fund_round=plan.fund_round).count() == 0
        # Herredsvang's source row gives no focus areas, so none are invented for it.
        assert plan.focus_areas.count() >= (0 if plan.name.startswith("Herredsvang") else 2)
    # Every plan is the normal four years long, so none needs a reason for its length, but the
    # one LBF extended.
    assert list(demo_plans().exclude(length_reason="").values_list("name", flat=True)) == [
        "Skovgårdsparken 2023-2027"
    ]
    # One plan per area; the two whose source knows no period run on 30 November 2026, the
    # others ended with the source's period.
    assert sorted(demo_plans().values_list("afdelinger__area__name", flat=True).distinct()) == (
        sorted(Area.objects.filter(municipality__name="Aarhus").values_list("name", flat=True))
    )
    running = Plan.objects.filter(
        status=PlanStatus.RUNNING, start_date__lte=AS_OF, end_date__gte=AS_OF
    )
    assert sorted(running.values_list("name", flat=True)) == [
        "Bispehaven 2024-2028",
        "Skovgårdsparken 2023-2027",
    ]


@pytest.mark.django_db
def test_real_figures_are_exact_and_gaps_stay_empty():
    load_demo()

    def area(name: str) -> tuple[int | None, int | None]:
        a = Area.objects.get(name=name)
        return a.residents, a.afdelinger.aggregate(n=Sum("dwellings"))["n"]

    assert area("Gellerup/Toveshøj") == (7000, None)
    assert area("Bispehaven") == (None, 871)
    assert area("Langkærparken") == (2000, 860)
    assert area("Frydenlund/Vandtårnsområdet") == (2500, 1131)
    assert area("Viby Syd") == (4000, 1661)
    assert area("Trigeparken") == (1000, 471)
    assert area("Herredsvang") == (None, None)
    assert area("Skovgårdsparken") == (None, None)
    assert sorted(
        Afdeling.objects.filter(area__name="Trigeparken").values_list(
            "organisation__name", "number"
        )
    ) == [("Boligforeningen Ringgården", "19"), ("Boligforeningen Ringgården", "20")]
    assert sorted(
        Organisation.objects.filter(afdelinger__area__name="Frydenlund/Vandtårnsområdet")
        .distinct()
        .values_list("name", flat=True)
    ) == ["AAB", "AlmenBo Aarhus", "Boligforeningen Ringgården", "Boligkontoret Århus"]
    assert Area.objects.get(name="Gellerup/Toveshøj").residents_source.startswith(
        "Ca. 7.000 beboere (2014). Kilde: https://www.gellerup.nu/helhedsplaner/"
    )


@pytest.mark.django_db
def test_herredsvang_has_no_invented_owner_or_focus_areas():
    load_demo()
    plan = Plan.objects.get(name="Herredsvang 2014-2017")
    assert list(plan.focus_areas.all()) == []
    assert sorted(
        Afdeling.objects.filter(area__name="Herredsvang").values_list("organisation__name", "name")
    ) == [
        ("Ikke oplyst i kilden", "Fjældevænget"),
        ("Ikke oplyst i kilden", "Rydevænget"),
        ("Ikke oplyst i kilden", "Trillegården"),
    ]
    assert not Organisation.objects.filter(name__icontains="ukendt").exists()


@pytest.mark.django_db
def test_illustrative_figures_are_flagged_and_explained():
    load_demo()
    # The areas' own figures are the source's; afdeling numbers or dwelling splits are not.
    assert Area.objects.filter(illustrative=True).count() == 0
    assert Afdeling.objects.filter(illustrative=False).count() == 0
    assert Plan.objects.filter(illustrative=False).count() == 0
    for plan in demo_plans():
        assert "illustrativ" in plan.data_note, plan.name
        assert "CVR-numre er fiktive" in plan.data_note, plan.name
    trige = Plan.objects.get(name="Trigeparken 2014-2018").data_note
    assert trige.startswith(
        "Perioden 2014–2018 er fra kilden; de præcise start- og slutdatoer er illustrative. "
        "Indsatsområderne er illustrative. Fordelingen af de 471 boliger på afdelingerne er "
        "illustrativ; det samlede tal er fra kilden."
    )
    assert "Afdelingsnumrene" not in trige  # 19 and 20 are the source's
    assert Plan.objects.get(name="Bispehaven 2024-2028").data_note.startswith(
        "Hele planen for 2024–2028 er illustrativ: kilden kender ingen periode for området"
    )
    assert "udledt af et link" in Plan.objects.get(name="Langkærparken 2021-2025").data_note
    herredsvang = Plan.objects.get(name="Herredsvang 2014-2017")
    assert "Planens indsatsområder er ikke registreret her; se kilden." in herredsvang.data_note
    assert (
        "Kilden oplyser ikke, hvilken boligorganisation der ejer området, så "
        "boligorganisationen står som „Ikke oplyst i kilden“."
    ) in herredsvang.data_note
    assert "Indsatsområderne er illustrative" not in herredsvang.data_note
    running = Plan.objects.get(name="Bispehaven 2024-2028")
    assert running.office_address == "Det boligsociale kontor, Bispehaven, Aarhus"
    assert running.contact_email == "bispehaven@helhedsplan.example"
    assert Plan.objects.get(name="Viby Syd 2015-2019").office_address == ""


@pytest.mark.django_db
def test_every_person_is_fictional():
    load_demo()
    names = list(Person.objects.values_list("name", flat=True))
    assert len(names) == 40
    assert {n.split()[0] for n in names} <= FICTIONAL_FIRST_NAMES
    assert all(e.endswith("@example.org") for e in Person.objects.values_list("email", flat=True))
    readme = SHARED / "domain" / "README.md"
    if readme.exists():
        # No demo name shares a word with any proper name in the domain brief.
        proper = set(re.findall(r"\b[A-ZÆØÅ][a-zæøå]+", readme.read_text(encoding="utf-8")))
        assert {word for n in names for word in n.split()} & proper == set()


@pytest.mark.django_db
def test_staff_and_governing_bodies():
    load_demo()
    # Every plan: one leader at 1.00 FTE and one to four staff.
    for plan in demo_plans():
        roles = list(plan.roles.values_list("kind", "fte"))
        assert roles.count(("leader", Decimal("1.00"))) == 1, plan.name
        assert 1 <= len(roles) - 1 <= 4, plan.name
    running_staff = PlanRole.objects.filter(plan__status=PlanStatus.RUNNING)
    assert running_staff.filter(valid_to__isnull=False).count() == 0
    assert sorted(
        PlanRole.objects.filter(plan__name="Bispehaven 2024-2028", kind="staff")
        .values_list("person__name", "fte")
        .order_by("person__name")
    ) == [
        ("Drømmeline Eriksen", Decimal("1.00")),
        ("Eventyra Holm", Decimal("0.60")),
    ]
    # Every plan has one top body with a chair pair: a housing-organisation director as chair
    # and a municipal director as vice chair. 2011–14 plans had a styregruppe, later a board.
    for plan in demo_plans().select_related("fund_round"):
        top_kind = "steering_group" if plan.fund_round.code == "2011–14" else "board"
        top = plan.bodies.get(kind=top_kind, name__in=["Bestyrelsen", "Styregruppen"])
        chairs = body_members_on(body=top, on=plan.end_date if plan.end_date < AS_OF else AS_OF)
        pair = sorted((m.role, m.represents.kind) for m in chairs if m.role != "member")
        assert ("chair", "housing_organisation") in pair, plan.name
        assert ("vice_chair", "municipality") in pair, plan.name
        represented = {m.represents.kind for m in top.memberships.all()}
        assert {"housing_organisation", "municipality", "secretariat"} <= represented
    assert (
        Body.objects.filter(plan__status=PlanStatus.RUNNING).exclude(kind="board").count() == 2
    )  # a følgegruppe and a samarbejdsråd beside the boards of the running plans
    assert Membership.objects.filter(represents__kind="police").count() == 3

    # History: the one seat in a running plan that has ended.
    board = Body.objects.get(plan__name="Bispehaven 2024-2028", kind="board")
    ended = Membership.objects.filter(body__plan__status=PlanStatus.RUNNING, valid_to__lt=AS_OF)
    assert list(ended.values_list("person__name", "role", "valid_to")) == [
        ("Påhittine Poulsen", MembershipRole.VICE_CHAIR, date(2025, 6, 30))
    ]

    def vice_chair(on: date) -> list[str]:
        return [m.person.name for m in body_members_on(body=board, on=on) if m.role == "vice_chair"]

    assert vice_chair(date(2025, 6, 30)) == ["Påhittine Poulsen"]
    assert vice_chair(date(2025, 7, 1)) == ["Imaginus Mortensen"]

    # Which bodies the secretariat sits in today: every body of the two running plans.
    secretariat = Organisation.objects.get(kind=OrganisationKind.SECRETARIAT)
    seats = secretariat_seats(secretariat=secretariat, on=AS_OF)
    assert sorted((m.body.plan.name, m.body.name, m.person.name, m.role) for m in seats) == [
        ("Bispehaven 2024-2028", "Bestyrelsen", "Demonika Nielsen", "observer"),
        ("Bispehaven 2024-2028", "Følgegruppen", "Demonika Nielsen", "member"),
        ("Skovgårdsparken 2023-2027", "Bestyrelsen", "Fiktor Hansen", "observer"),
        ("Skovgårdsparken 2023-2027", "Samarbejdsrådet", "Fiktor Hansen", "member"),
    ]
    # "As of" any date: on 1 January 2018 it sat in the two plans running then.
    assert sorted(
        m.body.plan.name for m in secretariat_seats(secretariat=secretariat, on=date(2018, 1, 1))
    ) == ["Trigeparken 2014-2018", "Viby Syd 2015-2019"]


@pytest.mark.django_db
def test_site_profile():
    load_demo()
    profile = SiteProfile.objects.get()
    assert profile.title_da == "Boligsociale helhedsplaner i Aarhus"
    assert profile.title_en == "Social master plans in Aarhus"
    # Six of the eight plans have ended: the areas have *or have had* a plan.
    assert profile.intro_da.startswith(
        "Otte af Aarhus' almene boligområder har eller har haft en boligsocial helhedsplan:"
    )
    assert profile.intro_en.startswith(
        "Eight of Aarhus' social housing areas have or have had a social master plan"
    )
    assert profile.secretariat_text_da.startswith("Det Boligsociale Fællessekretariat arbejder")
    assert profile.secretariat is not None
    assert profile.secretariat.name == "Det Boligsociale Fællessekretariat"
    assert list(profile.municipalities.values_list("name", flat=True)) == ["Aarhus"]
    assert profile.demo_notice is True


@pytest.mark.django_db
def test_an_existing_site_profile_is_left_alone():
    SiteProfile.objects.create(title_da="Boligsociale helhedsplaner i Odense", title_en="Odense")
    report = load_demo()
    assert report.created["site profile"] == 0
    assert list(SiteProfile.objects.values_list("title_da", flat=True)) == [
        "Boligsociale helhedsplaner i Odense"
    ]


@pytest.mark.django_db
def test_users_per_role(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "et-andet-kodeord")
    report = load_demo()
    assert report.password == "et-andet-kodeord"
    assert [u.username for u in report.users] == [
        "admin",
        "leder-bispehaven-2024-2028",
        "leder-skovgaardsparken-2023-2027",
        "boligorg",
        "kommune",
        "analytiker",
        "lbf",
    ]
    users = get_user_model().objects
    admin = users.get(username="admin")
    assert (admin.is_superuser, admin.is_staff) == (True, True)
    assert users.filter(is_superuser=True).count() == 1
    assert users.filter(is_staff=True).count() == 1
    for user in users.all():
        assert user.check_password("et-andet-kodeord"), user.username
        assert not user.check_password(DEFAULT_PASSWORD)
    assignments = {
        (
            a.user.username,
            a.role,
            a.plan.name if a.plan else None,
            a.organisation.name if a.organisation else None,
            a.municipality.name if a.municipality else None,
        )
        for a in RoleAssignment.objects.select_related("user", "plan", "organisation")
    }
    assert assignments == {
        ("admin", Role.SECRETARIAT_ADMIN, None, None, None),
        ("leder-bispehaven-2024-2028", Role.PLAN_LEADER, "Bispehaven 2024-2028", None, None),
        (
            "leder-skovgaardsparken-2023-2027",
            Role.PLAN_LEADER,
            "Skovgårdsparken 2023-2027",
            None,
            None,
        ),
        ("boligorg", Role.HOUSING_ORG, None, "Brabrand Boligforening", None),
        ("kommune", Role.MUNICIPALITY, None, None, "Aarhus"),
        ("analytiker", Role.ANALYST, None, None, None),
        ("lbf", Role.LBF, None, None, None),
    }


@pytest.mark.django_db
def test_an_existing_user_keeps_its_password():
    get_user_model().objects.create_user(username="admin", password="mit-eget-kodeord")
    report = load_demo()
    assert report.users[0].created is False
    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password("mit-eget-kodeord")
    assert admin.is_superuser is False  # not changed either
    assert RoleAssignment.objects.filter(user=admin, role=Role.SECRETARIAT_ADMIN).count() == 1


@pytest.mark.django_db
def test_the_plans_have_timelines_back_to_the_idea_and_the_pipeline_its_states():
    load_demo()
    for plan in Plan.objects.all():
        kinds = list(plan.transitions.values_list("kind", flat=True))
        assert kinds[0] == "idea", plan.name
        assert plan.transitions.order_by("-date", "-id").first().to_status == plan.status
    assert (
        dict(Plan.objects.filter(name__in=PIPELINE_PLANS).values_list("name", "status"))
        == PIPELINE_PLANS
    )
    assert not Plan.objects.filter(name__in=PIPELINE_PLANS, published=True).exists()
    ended = Plan.objects.get(name="Viby Syd 2015-2019")
    assert list(ended.transitions.values_list("kind", flat=True)) == [
        "idea",
        "submit_prequalification",
        "prequalification_decision",
        "start_dialogue",
        "submit_plan",
        "grant_decision",
        "start",
        "end",
    ]
    extension = Plan.objects.get(name="Skovgårdsparken 2023-2027").transitions.get(kind="extend")
    assert (extension.old_end_date, extension.new_end_date) == (
        date(2027, 6, 30),
        date(2027, 12, 31),
    )
    successor = Plan.objects.get(name="Langkærparken 2027-2031")
    assert successor.challenges
    assert successor.budget_estimates.count() == 6
    assert "Illustrativ" in successor.data_note


@pytest.mark.django_db
def test_the_demo_has_a_plan_in_each_state_of_a_plans_life():
    """Issue 9: the Aarhus demo shows one plan in each state (the invented ones unpublished)."""
    load_demo()
    states = set(Plan.objects.values_list("status", flat=True))
    assert states == set(PlanStatus.values)
    before_running = Plan.objects.exclude(status__in=[PlanStatus.RUNNING, PlanStatus.ENDED])
    assert not before_running.filter(published=True).exists()
