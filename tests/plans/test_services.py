from datetime import date

import pytest
from django.core.exceptions import ValidationError
from tests.factories import AfdelingFactory, PlanFactory, fund_round

from boligsocial.funding.models import FocusArea
from boligsocial.plans.models import Plan, PlanStatus
from boligsocial.plans.services import plan_create, plan_update

pytestmark = pytest.mark.django_db


def _create(**overrides):
    kwargs = {
        "name": "Testparkens helhedsplan",
        "fund_round": fund_round("2019–26"),
        "start_date": date(2023, 1, 1),
        "end_date": date(2026, 12, 31),
    }
    kwargs.update(overrides)
    return plan_create(**kwargs)


def test_create_a_plan_with_afdelinger_of_several_housing_organisations_and_focus_areas():
    a, b = AfdelingFactory(), AfdelingFactory()
    assert a.organisation != b.organisation
    focus = list(FocusArea.objects.filter(fund_round__code="2019–26")[:2])
    plan = _create(afdelinger=[a, b], focus_areas=focus)
    assert set(plan.afdelinger.all()) == {a, b}
    assert list(plan.focus_areas.all()) == focus
    assert plan.slug == "testparkens-helhedsplan"
    assert plan.status == PlanStatus.IDEA


def test_end_before_start_names_end_date_and_writes_nothing():
    with pytest.raises(ValidationError) as excinfo:
        _create(start_date=date(2024, 1, 1), end_date=date(2023, 1, 1))
    assert "end_date" in excinfo.value.message_dict
    assert Plan.objects.count() == 0


def test_period_outside_the_fund_round_names_start_date():
    with pytest.raises(ValidationError) as excinfo:
        _create(start_date=date(2027, 1, 1), end_date=date(2030, 12, 31))
    assert list(excinfo.value.message_dict) == ["start_date"]
    assert "2019–26" in excinfo.value.message_dict["start_date"][0]
    assert Plan.objects.count() == 0


def test_non_standard_length_needs_a_reason():
    with pytest.raises(ValidationError) as excinfo:
        _create(start_date=date(2023, 1, 1), end_date=date(2027, 12, 31))
    assert list(excinfo.value.message_dict) == ["length_reason"]
    plan = _create(
        start_date=date(2023, 1, 1), end_date=date(2027, 12, 31), length_reason="Forlænget"
    )
    assert plan.pk


def test_focus_areas_of_another_round_are_rejected():
    other = FocusArea.objects.filter(fund_round__code="2015–18").first()
    with pytest.raises(ValidationError) as excinfo:
        _create(focus_areas=[other])
    assert list(excinfo.value.message_dict) == ["focus_areas"]
    assert other.name_da in excinfo.value.message_dict["focus_areas"][0]
    assert Plan.objects.count() == 0


def test_afdeling_covered_by_another_plan_in_an_overlapping_period_is_rejected():
    afdeling = AfdelingFactory()
    PlanFactory(
        name="Den første",
        afdelinger=[afdeling],
        start_date=date(2020, 1, 1),
        end_date=date(2023, 12, 31),
    )
    with pytest.raises(ValidationError) as excinfo:
        _create(afdelinger=[afdeling], start_date=date(2023, 12, 31), end_date=date(2027, 12, 30))
    message = excinfo.value.message_dict["afdelinger"][0]
    assert "Den første" in message
    assert afdeling.name in message
    assert Plan.objects.count() == 1


def test_afdeling_may_be_covered_by_a_later_plan_and_by_a_rejected_one():
    afdeling = AfdelingFactory()
    PlanFactory(afdelinger=[afdeling], start_date=date(2019, 1, 1), end_date=date(2022, 12, 31))
    PlanFactory(
        afdelinger=[afdeling],
        start_date=date(2023, 1, 1),
        end_date=date(2026, 12, 31),
        status=PlanStatus.REJECTED,
    )
    plan = _create(afdelinger=[afdeling])
    assert list(plan.afdelinger.all()) == [afdeling]


def test_update_rechecks_the_period_against_current_afdelinger():
    afdeling = AfdelingFactory()
    PlanFactory(afdelinger=[afdeling], start_date=date(2019, 1, 1), end_date=date(2022, 12, 31))
    plan = _create(afdelinger=[afdeling])
    with pytest.raises(ValidationError) as excinfo:
        plan_update(
            plan=plan,
            data={"start_date": date(2022, 1, 1), "end_date": date(2025, 12, 31)},
        )
    assert "afdelinger" in excinfo.value.message_dict
    plan.refresh_from_db()
    assert plan.start_date == date(2023, 1, 1)


def test_the_status_is_not_edited_with_the_plan_but_through_the_lifecycle():
    plan = _create()
    with pytest.raises(ValidationError) as excinfo:
        plan_update(plan=plan, data={"status": PlanStatus.PREQUALIFIED, "name": "Sprunget over"})
    assert list(excinfo.value.message_dict) == ["status"]
    plan.refresh_from_db()
    assert (plan.status, plan.name) == (PlanStatus.IDEA, "Testparkens helhedsplan")
    # Sending the status it already has with other changes is harmless (a form's round trip).
    plan_update(plan=plan, data={"status": PlanStatus.IDEA, "name": "Nyt navn"})
    assert plan.name == "Nyt navn"


def test_history_records_who_changed_what():
    plan = _create()
    plan_update(plan=plan, data={"office_address": "Testvej 1, 8000 Aarhus C"})
    newest, oldest = plan.history.all()[0], plan.history.all()[1]
    changes = newest.diff_against(oldest).changes
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("office_address", "", "Testvej 1, 8000 Aarhus C")
    ]


def test_renaming_a_plan_keeps_slugs_unique():
    _create(name="Alpha")
    beta = _create(name="Beta")
    plan_update(plan=beta, data={"name": "Alpha"})
    assert beta.slug == "alpha-2"


def test_a_plan_outside_its_rounds_years_needs_a_reason():
    """A plan moved to a new round's rules (LBF moved pre-qualified cases to the 2019–26
    regulativ on 1 January 2020) starts before the round: allowed with a written reason."""
    kwargs = {"start_date": date(2018, 1, 1), "end_date": date(2021, 12, 31)}
    with pytest.raises(ValidationError) as excinfo:
        _create(**kwargs)
    assert list(excinfo.value.message_dict) == ["start_date"]
    plan = _create(**kwargs, fund_round_reason="Overført til 2019–26-regulativet 1. januar 2020")
    assert plan.fund_round.code == "2019–26"
