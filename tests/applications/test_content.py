"""The application's content is assembled from the data: afdelinger with master data, the
area's key figures and legal status with disclosure control, texts, focus areas with goals,
the budget with the round's 75/25 check, and the municipality's recommendation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from boligsocial.applications.rules import Estimate, budget
from boligsocial.applications.selectors import application_content, application_plans
from boligsocial.funding.rules import RoundRules
from boligsocial.plans.models import PlanBudgetEstimate
from tests import factories as f

pytestmark = pytest.mark.django_db

RULES = RoundRules("2019–26", 2019, 2026, 4, Decimal("0.75"), Decimal("0.25"))


def _content(plan):
    return application_content(application_plans().get(pk=plan.pk))


def test_afdelinger_with_their_master_data(small):
    app = _content(small.plan)
    assert [(a.organisation, a.number, a.name, a.area, a.dwellings) for a in app.afdelinger] == [
        ("Andelsbo Vest", "12", '=HYPERLINK("x")', "Lilleparken", 66),
        ("Boligforeningen Øst", "7", "Lilleparken Nord", "Lilleparken", 1234),
    ]
    assert app.dwellings == 1300
    assert app.organisations == ("Andelsbo Vest", "Boligforeningen Øst")
    assert app.municipalities == ("Aarhus",)


def test_key_figures_and_legal_status_with_figures_about_few_persons_suppressed(small):
    [area] = _content(small.plan).areas
    assert (area.name, area.year, area.rules, area.residents) == ("Lilleparken", 2012, "2010", 1200)
    assert area.computed == ("Ghettoområde",)
    assert area.official == ("Ghettoområde",)
    by_label = {fig.label: fig for fig in area.figures}
    convicted = next(fig for label, fig in by_label.items() if label.startswith("Dømte"))
    assert convicted.suppressed
    assert convicted.value is None
    outside = next(fig for fig in area.figures if not fig.suppressed and fig.value == 45)
    assert outside.met
    assert outside.comparator == ">"
    assert outside.threshold == 40
    assert "er 2,6 %" not in area.explanation
    assert "færre end 5 personer" in area.explanation


def test_suppression_does_not_depend_on_who_builds_it(small):
    """The application leaves the system, so even an analyst's or an administrator's copy
    has the figures about fewer than five persons suppressed (decision 0022)."""
    app = _content(small.plan)
    assert app.any_suppressed
    assert app.suppression_label == "<5"


def test_texts_focus_areas_goals_and_recommendation(small):
    app = _content(small.plan)
    assert app.challenges.startswith("Mange unge")
    assert app.purpose == "Flere unge i uddannelse og job."
    assert [g.goals for g in app.focus_areas] == ["20 % flere i job.", ""]
    assert app.recommendation is not None
    assert app.recommendation.decided_on == date(2026, 11, 30)
    assert app.recommendation.note == "Anbefalet af Socialudvalget."


def test_budget_per_year_and_source_with_the_local_share(small):
    b = _content(small.plan).budget
    assert [y.year for y in b.years] == [2027, 2028]
    assert b.years[0].amounts == (Decimal(750_000), Decimal(150_000), Decimal(100_000), 0)
    assert b.totals == (Decimal(1_500_000), Decimal(300_000), Decimal(200_000), 0)
    assert b.check.local_share == Decimal("0.25")
    assert b.ok


def test_budget_over_lbf_share_fails_the_check(small):
    PlanBudgetEstimate.objects.filter(plan=small.plan, source="municipality").update(
        amount=Decimal(149_999)
    )
    b = _content(small.plan).budget
    assert not b.ok
    assert b.check.lbf_share > Decimal("0.75")


def test_budget_rule_counts_every_other_source_as_local():
    estimates = [
        Estimate(2027, "lbf", Decimal(75)),
        Estimate(2027, "other", Decimal(25)),
        Estimate(2028, "lbf", Decimal(80)),
        Estimate(2028, "housing_organisation", Decimal(20)),
    ]
    b = budget(estimates, RULES)
    assert [y.check.ok for y in b.years] == [True, False]
    # the rule is about the period: 155 of 200 = 77.5 % from LBF is too much
    assert not b.ok
    assert b.check.lbf_share == Decimal("0.775")


def test_an_empty_budget_is_not_a_met_rule_and_an_unknown_source_is_an_error():
    assert not budget([], RULES).ok
    with pytest.raises(ValueError, match="unknown budget source 'state'"):
        budget([Estimate(2027, "state", Decimal(1))], RULES)


def test_a_plan_without_afdelinger_or_data_is_assembled_with_nothing_invented(db):
    plan = f.PlanFactory()
    app = _content(plan)
    assert app.afdelinger == ()
    assert app.areas == ()
    assert app.budget.empty
    assert app.recommendation is None
    assert app.challenges == ""


def test_query_count_does_not_grow_with_afdelinger(small):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _content(small.plan)
        return len(queries)

    before = count()
    for _ in range(5):
        small.plan.afdelinger.add(f.AfdelingFactory())
    assert count() == before


def test_the_missing_parts_come_from_the_lifecycle_rules(small):
    assert _content(small.plan).missing == ()
    bare = f.PlanFactory()
    missing = _content(bare).missing
    assert [m.key for m in missing] == [
        "no_afdelinger",
        "no_focus_areas",
        "no_challenges",
        "no_budget_estimate",
        "no_municipality_recommendation",
    ]
    assert all(m.text for m in missing)
