"""The application's data on a plan (decision 0020): texts with the fund round's character
limit, goals per chosen focus area, the budget estimate per year and source, and the
municipality's recommendation. Each refusal names the field and writes nothing."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from tests.factories import PlanFactory, fund_round

from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.plans.models import PlanBudgetEstimate, PlanFocusAreaGoals
from boligsocial.plans.services import (
    BudgetEstimateInput,
    plan_application_update,
    plan_budget_estimates_set,
    plan_goals_set,
    plan_update,
)

pytestmark = pytest.mark.django_db


def test_the_known_rounds_carry_the_five_page_limit_with_its_source():
    limits = dict(FundRound.objects.values_list("code", "challenges_max_chars"))
    assert limits == {"2006–10": None, "2011–14": 12_000, "2015–18": 12_000, "2019–26": 12_000}
    note = FundRound.objects.get(code="2019–26").challenges_limit_note
    assert "5" in note
    assert "2,400" in note


def test_challenges_over_the_rounds_limit_are_refused_naming_field_and_limit():
    plan = PlanFactory(fund_round=fund_round("2019–26"))
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        plan_application_update(plan=plan, data={"challenges": "x" * 12_001, "purpose": "Nyt"})
    assert list(excinfo.value.message_dict) == ["challenges"]
    message = excinfo.value.message_dict["challenges"][0]
    assert "12,001 characters" in message
    assert "at most 12,000" in message
    assert "2019–26" in message
    assert "(1 too many)" in message
    plan.refresh_from_db()
    assert (plan.challenges, plan.purpose) == ("", "")


def test_the_limit_message_is_danish_in_danish():
    plan = PlanFactory(fund_round=fund_round("2019–26"))
    with translation.override("da"), pytest.raises(ValidationError) as excinfo:
        plan_application_update(plan=plan, data={"challenges": "x" * 12_500})
    message = excinfo.value.message_dict["challenges"][0]
    assert "12.500 tegn" in message
    assert "højst 12.000" in message


def test_challenges_at_the_limit_are_kept_and_a_line_break_counts_once():
    plan = PlanFactory(fund_round=fund_round("2019–26"))
    text = "a\r\n" * 6_000  # 18,000 characters sent, 12,000 once each CRLF is one line break
    plan_application_update(plan=plan, data={"challenges": text, "purpose": "Formålet"})
    plan.refresh_from_db()
    assert len(plan.challenges) == 12_000
    assert plan.purpose == "Formålet"


def test_a_round_without_a_limit_takes_a_long_text_up_to_the_absolute_cap():
    plan = PlanFactory(
        fund_round=fund_round("2006–10"), start_date=date(2007, 1, 1), end_date=date(2010, 12, 31)
    )
    plan_application_update(plan=plan, data={"challenges": "y" * 20_000})
    with pytest.raises(ValidationError) as excinfo:
        plan_application_update(plan=plan, data={"challenges": "y" * 50_001})
    assert list(excinfo.value.message_dict) == ["challenges"]


def test_the_municipalitys_recommendation_cannot_be_in_the_future():
    plan = PlanFactory()
    with pytest.raises(ValidationError) as excinfo:
        plan_application_update(
            plan=plan,
            data={"municipality_recommendation_date": timezone.localdate() + timedelta(days=2)},
        )
    assert list(excinfo.value.message_dict) == ["municipality_recommendation_date"]
    plan_application_update(
        plan=plan,
        data={
            "municipality_recommendation_date": date(2024, 3, 1),
            "municipality_recommendation_note": "Anbefalet af byrådet",
        },
    )
    plan.refresh_from_db()
    assert plan.municipality_recommendation_date == date(2024, 3, 1)


def test_an_unknown_field_is_a_programming_error():
    with pytest.raises(TypeError):
        plan_application_update(plan=PlanFactory(), data={"status": "granted"})


def test_goals_only_for_the_plans_own_focus_areas():
    plan = PlanFactory(fund_round=fund_round("2019–26"))
    chosen, other = FocusArea.objects.filter(fund_round__code="2019–26")[:2]
    plan.focus_areas.set([chosen])
    with pytest.raises(ValidationError) as excinfo:
        plan_goals_set(plan=plan, goals={chosen: "Flere i job", other: "Mere tryghed"})
    assert list(excinfo.value.message_dict) == ["goals"]
    assert other.name in excinfo.value.message_dict["goals"][0]
    assert not PlanFocusAreaGoals.objects.exists()
    plan_goals_set(plan=plan, goals={chosen: "Flere i job"})
    assert PlanFocusAreaGoals.objects.get().goals == "Flere i job"
    plan_goals_set(plan=plan, goals={chosen: "  "})
    assert not PlanFocusAreaGoals.objects.exists()


def test_giving_up_a_focus_area_removes_its_goals():
    plan = PlanFactory(fund_round=fund_round("2019–26"))
    first, second = FocusArea.objects.filter(fund_round__code="2019–26")[:2]
    plan.focus_areas.set([first, second])
    plan_goals_set(plan=plan, goals={first: "Et", second: "To"})
    plan_update(plan=plan, data={}, focus_areas=[second])
    assert list(PlanFocusAreaGoals.objects.values_list("goals", flat=True)) == ["To"]


def _row(year: int, source: str, amount: str) -> BudgetEstimateInput:
    return BudgetEstimateInput(year=year, source=source, amount=Decimal(amount))


def test_budget_estimate_per_year_and_source_replaces_the_old_one():
    plan = PlanFactory()  # 2023–2026
    plan_budget_estimates_set(plan=plan, estimates=[_row(2023, "lbf", "1500000")])
    plan_budget_estimates_set(
        plan=plan,
        estimates=[_row(2023, "lbf", "1200000"), _row(2023, "municipality", "400000.50")],
    )
    assert sorted(PlanBudgetEstimate.objects.values_list("source", "amount")) == [
        ("lbf", Decimal("1200000.00")),
        ("municipality", Decimal("400000.50")),
    ]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (_row(2022, "lbf", "1"), "outside the plan's period (2023–2026)"),
        (_row(2024, "staten", "1"), "“staten” is not a source"),
        (_row(2024, "lbf", "-1"), "cannot be negative"),
        (_row(2024, "lbf", "1.005"), "more than two decimals"),
        (_row(2024, "lbf", "1000000000.01"), "more than 1,000,000,000 kr."),
        (_row(2024, "lbf", "NaN"), "not a number"),
    ],
)
def test_a_bad_budget_row_is_named_and_nothing_is_written(row, expected):
    plan = PlanFactory()
    plan_budget_estimates_set(plan=plan, estimates=[_row(2023, "lbf", "5")])
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        plan_budget_estimates_set(plan=plan, estimates=[_row(2023, "lbf", "7"), row])
    assert list(excinfo.value.message_dict) == ["budget_estimates"]
    message = excinfo.value.message_dict["budget_estimates"][0]
    assert message.startswith(f"Row 2 ({row.year}, {row.source}): ")
    assert expected in message
    assert list(PlanBudgetEstimate.objects.values_list("amount", flat=True)) == [Decimal("5")]


def test_a_year_and_source_given_twice_is_refused():
    plan = PlanFactory()
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        plan_budget_estimates_set(
            plan=plan, estimates=[_row(2024, "lbf", "1"), _row(2024, "lbf", "2")]
        )
    assert "Row 2" in excinfo.value.message_dict["budget_estimates"][0]
    assert not PlanBudgetEstimate.objects.exists()
