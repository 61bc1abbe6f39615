"""Creating a plan in the web ("Ny helhedsplan") and preparing its application (texts, goals,
budget estimate): per role, the searchable afdeling picker with and without htmx, and bad
input refused with nothing written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from tests import factories as f
from tests.kit import find, find_all, nothing_written, parse, text

from boligsocial.accounts.models import Role
from boligsocial.areas.models import Afdeling
from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.lifecycle.models import PlanTransition
from boligsocial.plans.models import Plan, PlanBudgetEstimate, PlanFocusAreaGoals, PlanStatus

CREATE = "/intern/ny-helhedsplan/"
PICKER = "/intern/afdelinger/vaelg/"


@dataclass
class CreateWorld:
    round: FundRound
    focus: list[FocusArea]
    own: Afdeling
    spare: Afdeling
    foreign: Afdeling
    plan: Plan
    users: dict[str, Any]


@pytest.fixture
def cw(db: Any, settings: Any) -> CreateWorld:
    return create_world(settings)


def create_world(settings: Any) -> CreateWorld:
    """A plan of the 2019–26 round being prepared (2027–2030), afdelinger of two housing
    organisations in one area, and a user of each kind."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    fund_round = f.fund_round("2019–26")
    housing = f.HousingOrganisationFactory(name="Boligforeningen Opstart")
    other = f.HousingOrganisationFactory(name="Andelsbo Nabo")
    area = f.AreaFactory(name="Opstartsparken", municipality=f.municipality("Aarhus"))
    own = f.AfdelingFactory(organisation=housing, area=area, number="3", name="Opstart Nord")
    spare = f.AfdelingFactory(organisation=housing, area=area, number="4", name="Opstart Syd")
    foreign = f.AfdelingFactory(organisation=other, area=area, number="8", name="Naboen Syd")
    focus = list(FocusArea.objects.filter(fund_round=fund_round).order_by("position"))[:2]
    plan = f.PlanFactory(
        name="Helhedsplan Forberedelse",
        slug="helhedsplan-forberedelse",
        status=PlanStatus.IDEA,
        published=False,
        start_date=date(2027, 1, 1),
        end_date=date(2030, 12, 31),
        fund_round=fund_round,
        fund_round_reason="Prøves under 2019–26-reglerne.",
        afdelinger=[own],
    )
    plan.focus_areas.set(focus)
    other_plan = f.PlanFactory(name="Helhedsplan Andetsteds", published=False)
    users = {
        "admin": f.user_with_role(Role.SECRETARIAT_ADMIN),
        "leader": f.user_with_role(Role.PLAN_LEADER, plan=plan),
        "other_leader": f.user_with_role(Role.PLAN_LEADER, plan=other_plan),
        "housing_user": f.user_with_role(Role.HOUSING_ORG, organisation=housing),
        "other_housing_user": f.user_with_role(Role.HOUSING_ORG, organisation=other),
        "municipality_user": f.user_with_role(
            Role.MUNICIPALITY, municipality=f.municipality("Aarhus")
        ),
        "analyst": f.user_with_role(Role.ANALYST),
        "lbf": f.user_with_role(Role.LBF),
    }
    return CreateWorld(fund_round, focus, own, spare, foreign, plan, users)


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def create_data(cw: CreateWorld, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Helhedsplan for Opstartsparken 2027–2030",
        "fund_round": str(cw.round.pk),
        "start_date": "2027-01-01",
        "end_date": "2030-12-31",
        "length_reason": "",
        "fund_round_reason": "Ny runde ventes; prøves under 2019–26-reglerne.",
        "afdelinger": [str(cw.spare.pk), str(cw.foreign.pk)],
        "focus_areas": [str(fa.pk) for fa in cw.focus],
        "note": "Arbejdsgruppen mødes første gang i januar.",
    }
    data.update(changes)
    return data


def errors_of(response: Any) -> str:
    return text(find(parse(response), id="error-summary"))


# Who may create ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["leader", "municipality_user", "analyst", "lbf"])
def test_only_the_secretariat_and_housing_organisations_create(cw: CreateWorld, role: str) -> None:
    client = client_for(cw.users[role])
    assert client.get(CREATE).status_code == 403
    with nothing_written(Plan, PlanTransition):
        assert client.post(CREATE, create_data(cw)).status_code == 403
    assert client.get(PICKER, {"afdeling_search": "Opstart"}).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(cw: CreateWorld) -> None:
    response = Client().get(CREATE)
    assert response.status_code == 302
    assert response["Location"].startswith("/log-ind/")


def test_the_secretariat_creates_an_unpublished_idea_across_housing_organisations(
    cw: CreateWorld,
) -> None:
    response = client_for(cw.users["admin"]).post(CREATE, create_data(cw))
    assert response.status_code == 302, errors_of(response)
    plan = Plan.objects.get(name="Helhedsplan for Opstartsparken 2027–2030")
    assert response.status_code == 302
    assert response["Location"] == f"/intern/planer/{plan.slug}/forloeb/"
    assert plan.status == PlanStatus.IDEA
    assert not plan.published
    assert set(plan.afdelinger.all()) == {cw.spare, cw.foreign}
    assert set(plan.focus_areas.all()) == set(cw.focus)
    (first,) = plan.transitions.all()
    assert (first.kind, first.to_status, first.capacity) == ("idea", "idea", "secretariat")
    assert first.note == "Arbejdsgruppen mødes første gang i januar."
    assert first.actor == cw.users["admin"]


def test_a_housing_organisation_creates_a_plan_with_its_own_afdeling(cw: CreateWorld) -> None:
    client = client_for(cw.users["housing_user"])
    assert client.get(CREATE).status_code == 200
    response = client.post(CREATE, create_data(cw))
    assert response.status_code == 302
    plan = Plan.objects.get(name="Helhedsplan for Opstartsparken 2027–2030")
    assert plan.transitions.get().capacity == "applicant"
    # The creator prepares it and follows its steps.
    assert client.get(f"/intern/planer/{plan.slug}/forloeb/").status_code == 200
    assert client.get(f"/intern/planer/{plan.slug}/ansoegningstekster/").status_code == 200


def test_a_housing_organisation_cannot_create_a_plan_of_others_afdelinger_only(
    cw: CreateWorld,
) -> None:
    client = client_for(cw.users["housing_user"])
    with nothing_written(Plan, PlanTransition):
        response = client.post(CREATE, create_data(cw, afdelinger=[str(cw.foreign.pk)]))
    assert response.status_code == 200
    assert "Vælg mindst én afdeling i din boligorganisation" in errors_of(response)


# Bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "id_name", "Dette felt er påkrævet"),
        ({"end_date": "2026-12-31"}, "id_end_date", "ligger før startdatoen"),
        ({"start_date": "31-12-2027"}, "id_start_date", "Indtast en gyldig dato"),
        ({"afdelinger": ["999999"]}, "id_afdelinger_0", "999999"),
        ({"afdelinger": ["99999999999999999999999"]}, "id_afdelinger_0", "99999999999999999999999"),
        ({"fund_round": "x"}, "id_fund_round", "Marker en gyldig valgmulighed"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    cw: CreateWorld, changes: dict[str, Any], field: str, message: str
) -> None:
    with nothing_written(Plan, PlanTransition):
        response = client_for(cw.users["admin"]).post(CREATE, create_data(cw, **changes))
    assert response.status_code == 200
    summary = errors_of(response)
    assert message in summary
    assert f'href="#{field}"' in response.content.decode()


def test_focus_areas_of_another_round_are_refused(cw: CreateWorld) -> None:
    older = f.fund_round("2015–18")
    foreign_focus = FocusArea.objects.filter(fund_round=older).first()
    assert foreign_focus is not None
    older.active = True
    older.save()
    foreign_focus.active = True
    foreign_focus.save()
    with nothing_written(Plan, PlanTransition):
        response = client_for(cw.users["admin"]).post(
            CREATE, create_data(cw, focus_areas=[str(foreign_focus.pk)])
        )
    assert "hører til en anden bevillingsperiode end 2019–26" in errors_of(response)


# The afdeling picker --------------------------------------------------------------------------


def test_the_form_lists_no_afdelinger_until_searched(cw: CreateWorld) -> None:
    for number in range(40):
        f.AfdelingFactory(name=f"Massafdeling {number}", number=str(100 + number))
    page = parse(client_for(cw.users["admin"]).get(CREATE))
    assert find_all(page, "input", name="afdelinger") == []
    search = find(page, "input", name="afdeling_search")
    assert search.attrs["hx-get"] == PICKER
    assert search.attrs["hx-target"] == "#afdeling-picker"


def test_the_picker_shows_the_first_matches_and_how_many_there_are(cw: CreateWorld) -> None:
    for number in range(30):
        f.AfdelingFactory(name=f"Massafdeling {number}", number=str(100 + number))
    response = client_for(cw.users["admin"]).get(PICKER, {"afdeling_search": "massafdeling"})
    page = parse(response)
    boxes = find_all(page, "input", name="afdelinger")
    assert len(boxes) == 25
    assert all("checked" not in box.attrs for box in boxes)
    status = find(page, id="afdeling-search-status")
    assert status.attrs["aria-live"] == "polite"
    assert "30 afdelinger matcher “massafdeling”; de første 25 vises" in text(status)


def test_the_picker_keeps_the_chosen_afdelinger_and_matches_every_word(cw: CreateWorld) -> None:
    response = client_for(cw.users["admin"]).get(
        PICKER, {"afdeling_search": "opstartsparken nabo", "afdelinger": [str(cw.own.pk)]}
    )
    page = parse(response)
    chosen = find(page, id="afdeling-chosen")
    assert [b.attrs["value"] for b in find_all(chosen, "input")] == [str(cw.own.pk)]
    assert all("checked" in b.attrs for b in find_all(chosen, "input"))
    results = find(page, id="afdeling-results")
    assert [b.attrs["value"] for b in find_all(results, "input")] == [str(cw.foreign.pk)]


def test_searching_without_javascript_posts_the_form_back_without_errors(
    cw: CreateWorld,
) -> None:
    data = create_data(cw, afdelinger=[str(cw.own.pk)], name="", afdeling_search="Naboen")
    data["action"] = "search"
    with nothing_written(Plan, PlanTransition):
        response = client_for(cw.users["admin"]).post(CREATE, data)
    page = parse(response)
    assert find_all(page, id="error-summary") == []
    chosen = find(page, id="afdeling-chosen")
    assert [b.attrs["value"] for b in find_all(chosen, "input")] == [str(cw.own.pk)]
    results = find(page, id="afdeling-results")
    assert [b.attrs["value"] for b in find_all(results, "input")] == [str(cw.foreign.pk)]
    assert find(page, "input", name="afdeling_search").attrs["value"] == "Naboen"


# Preparing the application ---------------------------------------------------------------------


def texts_url(plan: Plan) -> str:
    return f"/intern/planer/{plan.slug}/ansoegningstekster/"


def budget_url(plan: Plan) -> str:
    return f"/intern/planer/{plan.slug}/budgetoverslag/"


def texts_data(cw: CreateWorld, client: Client, **changes: Any) -> dict[str, Any]:
    page = parse(client.get(texts_url(cw.plan)))
    data: dict[str, Any] = {"version": find(page, "input", name="version").attrs["value"]}
    data.update(
        {
            "challenges": "Mange unge uden uddannelse.",
            "purpose": "Flere i uddannelse og job.",
            "municipality_recommendation_date": "2026-01-15",
            "municipality_recommendation_note": "Anbefalet af Social- og Beskæftigelsesudvalget.",
        }
    )
    for fa in cw.focus:
        data[f"goals_{fa.pk}"] = f"Mål for {fa.name}"
    data.update(changes)
    return data


@pytest.mark.parametrize("role", ["admin", "leader", "housing_user", "municipality_user"])
def test_the_secretariat_and_the_applicants_write_the_application_texts(
    cw: CreateWorld, role: str
) -> None:
    client = client_for(cw.users[role])
    response = client.post(texts_url(cw.plan), texts_data(cw, client))
    assert response.status_code == 302
    cw.plan.refresh_from_db()
    assert cw.plan.challenges == "Mange unge uden uddannelse."
    assert cw.plan.municipality_recommendation_date == date(2026, 1, 15)
    goals = {g.focus_area: g.goals for g in cw.plan.focus_area_goals.all()}
    assert goals == {fa: f"Mål for {fa.name}" for fa in cw.focus}


@pytest.mark.parametrize(("role", "status"), [("other_leader", 404), ("lbf", 403)])
def test_others_do_not_prepare_the_application(cw: CreateWorld, role: str, status: int) -> None:
    client = client_for(cw.users[role])
    assert client.get(texts_url(cw.plan)).status_code == status
    assert client.get(budget_url(cw.plan)).status_code == status


def test_the_challenges_field_shows_the_rounds_limit_and_a_live_count(cw: CreateWorld) -> None:
    limit = cw.round.challenges_max_chars
    assert limit is not None
    page = parse(client_for(cw.users["admin"]).get(texts_url(cw.plan)))
    area = find(page, "textarea", name="challenges")
    assert area.attrs["data-char-limit"] == str(limit)
    count = find(page, id=area.attrs["data-count-target"])
    assert text(count) == f"Du har brugt 0 af {limit:,} tegn.".replace(",", ".")
    live = find(page, id=area.attrs["data-live-target"])
    assert live.attrs["aria-live"] == "polite"
    assert count.attrs["id"] in area.attrs["aria-describedby"]
    assert "maxlength" not in area.attrs


def test_challenges_over_the_limit_are_refused_and_nothing_is_written(cw: CreateWorld) -> None:
    cw.round.challenges_max_chars = 20
    cw.round.save()
    client = client_for(cw.users["admin"])
    data = texts_data(cw, client, challenges="x" * 25, purpose="Et nyt formål")
    with nothing_written(Plan, PlanFocusAreaGoals):
        response = client.post(texts_url(cw.plan), data)
    assert response.status_code == 200
    summary = errors_of(response)
    assert "25 tegn" in summary
    assert "højst 20 tegn" in summary
    assert "5 for mange" in summary
    count = find(parse(response), id="id_challenges-count")
    assert text(count) == "Du har 5 tegn for mange (25 af 20)."


def test_the_budget_grid_takes_danish_amounts(cw: CreateWorld) -> None:
    client = client_for(cw.users["housing_user"])
    page = parse(client.get(budget_url(cw.plan)))
    assert [text(th) for th in find_all(find(page, "tbody"), "th")] == [
        "2027",
        "2028",
        "2029",
        "2030",
    ]
    data = {
        "version": find(page, "input", name="version").attrs["value"],
        "amount_2027_lbf": "3.000.000",
        "amount_2027_municipality": "1.000.000,50",
        "amount_2028_housing_organisation": "250000",
    }
    response = client.post(budget_url(cw.plan), data)
    assert response.status_code == 302
    stored = {(e.year, e.source): e.amount for e in cw.plan.budget_estimates.all()}
    assert stored == {
        (2027, "lbf"): Decimal("3000000"),
        (2027, "municipality"): Decimal("1000000.50"),
        (2028, "housing_organisation"): Decimal("250000"),
    }
    again = parse(client.get(budget_url(cw.plan)))
    assert find(again, "input", name="amount_2027_municipality").attrs["value"] == "1.000.000,50"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("12,3,4", "“12,3,4” er ikke et beløb"),
        ("1.5", "“1.5” er ikke et beløb"),
        ("-5", "beløbet kan ikke være negativt"),
        ("2.000.000.000", "(2029, other): Beløbet er over 1.000.000.000 kr."),
    ],
)
def test_a_bad_amount_names_its_cell_and_nothing_is_written(
    cw: CreateWorld, value: str, message: str
) -> None:
    client = client_for(cw.users["admin"])
    page = parse(client.get(budget_url(cw.plan)))
    data = {
        "version": find(page, "input", name="version").attrs["value"],
        "amount_2027_lbf": "3.000.000",
        "amount_2029_other": value,
    }
    with nothing_written(PlanBudgetEstimate):
        response = client.post(budget_url(cw.plan), data)
    assert response.status_code == 200
    assert message.lower() in errors_of(response).lower()
