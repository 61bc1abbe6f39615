"""Decision 0025's additions to "Ny helhedsplan" and the plan's pages: the working group
chosen from the people register with a search (never a list of every person), its seats from
the idea's day; and publishing, which only the secretariat does, on the plan's edit form."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from tests import factories as f
from tests.kit import find, find_all, parse, text
from tests.web.test_plan_create import CREATE, CreateWorld, client_for, create_data, errors_of
from tests.web.test_plan_create import cw as cw

from boligsocial.governance.models import Body, BodyKind, Membership
from boligsocial.plans.models import Plan

PEOPLE = "/intern/personer/vaelg/"


def edit_url(plan: Plan) -> str:
    return f"/intern/planer/{plan.slug}/rediger/"


def edit_data(plan: Plan, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": plan.name,
        "fund_round": plan.fund_round_id,
        "start_date": plan.start_date.isoformat(),
        "end_date": plan.end_date.isoformat(),
        "fund_round_reason": plan.fund_round_reason,
        "afdelinger": [a.pk for a in plan.afdelinger.all()],
        "focus_areas": [fa.pk for fa in plan.focus_areas.all()],
        "description": "Ny beskrivelse",
    }
    data.update(changes)
    return data


# Publishing ------------------------------------------------------------------------------------


def test_the_secretariat_publishes_on_the_edit_form(cw: CreateWorld) -> None:
    response = client_for(cw.users["admin"]).post(
        edit_url(cw.plan), edit_data(cw.plan, published="on")
    )
    assert response.status_code == 302, errors_of(response)
    cw.plan.refresh_from_db()
    assert cw.plan.published is True


def test_a_plans_leader_edits_the_plan_but_cannot_publish_it(cw: CreateWorld) -> None:
    client = client_for(cw.users["leader"])
    page = parse(client.get(edit_url(cw.plan)))
    assert "disabled" in find(page, "input", name="published").attrs
    response = client.post(edit_url(cw.plan), edit_data(cw.plan, published="on"))
    assert response.status_code == 302, errors_of(response)
    cw.plan.refresh_from_db()
    assert (cw.plan.published, cw.plan.description) == (False, "Ny beskrivelse")


@pytest.mark.parametrize("role", ["housing_user", "municipality_user", "other_leader", "lbf"])
def test_others_do_not_reach_the_edit_form(cw: CreateWorld, role: str) -> None:
    response = client_for(cw.users[role]).post(
        edit_url(cw.plan), edit_data(cw.plan, published="on")
    )
    assert response.status_code in {403, 404}
    cw.plan.refresh_from_db()
    assert cw.plan.published is False


# The working group on "Ny helhedsplan" ---------------------------------------------------------


def test_the_form_lists_no_people_until_searched(cw: CreateWorld) -> None:
    f.PersonFactory(name="Aase Arbejdsgruppe")
    page = parse(client_for(cw.users["admin"]).get(CREATE))
    assert find_all(page, "input", name="working_group") == []
    assert find(page, "input", name="person_search").attrs["hx-get"] == PEOPLE


def test_the_people_picker_shows_the_first_matches_and_how_many(cw: CreateWorld) -> None:
    for n in range(30):
        f.PersonFactory(name=f"Massemedlem {n:02d}")
    page = parse(client_for(cw.users["admin"]).get(PEOPLE, {"person_search": "massemedlem"}))
    assert len(find_all(page, "input", name="working_group")) == 25
    assert "30" in text(find(page, id="person-search-status"))


def test_a_housing_user_finds_only_the_people_they_may_read(cw: CreateWorld) -> None:
    employer = f.HousingOrganisationFactory(name="Boligforeningen Skjult")
    hidden = f.PersonFactory(name="Skjult Søgeperson", employer=employer)
    shown = f.PersonFactory(name="Synlig Søgeperson", employer=employer)
    f.MembershipFactory(body=f.BodyFactory(plan=cw.plan), person=shown, represents=employer)
    page = parse(client_for(cw.users["housing_user"]).get(PEOPLE, {"person_search": "søgeperson"}))
    values = [n.attrs["value"] for n in find_all(page, "input", name="working_group")]
    assert values == [str(shown.pk)]
    assert str(hidden.pk) not in values


@pytest.mark.parametrize("role", ["leader", "municipality_user", "lbf", "analyst"])
def test_only_plan_creators_use_the_people_picker(cw: CreateWorld, role: str) -> None:
    response = client_for(cw.users[role]).get(PEOPLE, {"person_search": "a"})
    assert response.status_code == 403


def test_the_working_group_is_seated_from_the_ideas_day(cw: CreateWorld) -> None:
    employer = f.HousingOrganisationFactory(name="Boligforeningen Opstart A")
    people = [
        f.PersonFactory(name="Anna Arbejdsgruppe", employer=employer),
        f.PersonFactory(name="Bent Arbejdsgruppe", employer=employer),
    ]
    data = create_data(cw, working_group=[str(p.pk) for p in people])
    response = client_for(cw.users["admin"]).post(CREATE, data)
    assert response.status_code == 302, errors_of(response)
    plan = Plan.objects.get(name=data["name"])
    group = Body.objects.get(plan=plan)
    assert group.kind == BodyKind.WORKING_GROUP
    seats = Membership.objects.filter(body=group).order_by("person__name")
    today = timezone.localdate()
    assert [(m.person, m.represents, m.valid_from) for m in seats] == [
        (p, employer, today) for p in people
    ]
    assert today < plan.start_date  # before the plan's period


def test_a_member_without_employer_is_named_and_nothing_is_written(cw: CreateWorld) -> None:
    nobody = f.PersonFactory(name="Uden Arbejdsgiver")
    data = create_data(cw, working_group=[str(nobody.pk)])
    plans = Plan.objects.count()
    response = client_for(cw.users["admin"]).post(CREATE, data)
    assert response.status_code == 200
    assert "Uden Arbejdsgiver" in errors_of(response)
    assert Plan.objects.count() == plans
    assert not Body.objects.filter(kind=BodyKind.WORKING_GROUP).exists()


def test_a_person_the_user_may_not_read_is_refused(cw: CreateWorld) -> None:
    hidden = f.PersonFactory(name="Skjult Person", employer=f.OrganisationFactory())
    data = create_data(cw, afdelinger=[str(cw.spare.pk)], working_group=[str(hidden.pk)])
    plans = Plan.objects.count()
    response = client_for(cw.users["housing_user"]).post(CREATE, data)
    assert response.status_code == 200
    assert Plan.objects.count() == plans


def test_searching_people_without_javascript_keeps_the_chosen(cw: CreateWorld) -> None:
    chosen = f.PersonFactory(name="Valgt Person", employer=f.OrganisationFactory())
    f.PersonFactory(name="Fundet Person")
    data = create_data(cw, working_group=[str(chosen.pk)], person_search="fundet", action="search")
    page = parse(client_for(cw.users["admin"]).post(CREATE, data))
    boxes = find_all(page, "input", name="working_group")
    ticked = [n.attrs["value"] for n in boxes if "checked" in n.attrs]
    assert ticked == [str(chosen.pk)]
    assert "Fundet Person" in text(find(page, id="person-results"))
    assert find_all(page, id="error-summary") == []


def test_the_working_group_is_managed_on_the_plans_page(cw: CreateWorld) -> None:
    employer = f.HousingOrganisationFactory(name="Boligforeningen Opstart B")
    person = f.PersonFactory(name="Carl Arbejdsgruppe", employer=employer)
    data = create_data(cw, working_group=[str(person.pk)])
    client = client_for(cw.users["admin"])
    client.post(CREATE, data)
    plan = Plan.objects.get(name=data["name"])
    page = text(parse(client.get(f"/intern/planer/{plan.slug}/")))
    assert "Carl Arbejdsgruppe" in page
