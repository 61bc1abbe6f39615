"""A small plan for the application tests: two afdelinger of two housing organisations in one
area with the 2012 figures of a published list (one figure about 4 persons, so suppressed),
focus areas with goals, a budget estimate that meets 75/25, and the municipality's
recommendation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from boligsocial.areas.models import Area
from boligsocial.indicators.models import Indicator, IndicatorValue, OfficialListEntry
from boligsocial.plans.models import Plan, PlanBudgetEstimate, PlanFocusAreaGoals, PlanStatus
from tests import factories as f

SOURCE = "Liste over ghettoområder pr. 1. december 2012"


@dataclass
class Small:
    plan: Plan
    area: Area


def store_figures(area: Area) -> None:
    indicators = {i.key: i for i in Indicator.objects.all()}
    figures = {
        "residents": ("1200", None, None),
        "pct_outside_labour": ("45", 300, 667),
        "pct_non_western": ("60", None, None),
        "pct_convicted": ("2.6", 4, 154),  # 4 persons: suppressed
    }
    for key, (value, persons, population) in figures.items():
        IndicatorValue.objects.create(
            area=area,
            indicator=indicators[key],
            year=2012,
            value=Decimal(value),
            persons=persons,
            population=population,
            source=SOURCE,
        )
    OfficialListEntry.objects.create(
        area=area, year=2012, designation="ghetto", on_list=True, source=SOURCE
    )


@pytest.fixture
def small(db) -> Small:
    area = f.AreaFactory(name="Lilleparken", slug="lilleparken")
    store_figures(area)
    first = f.HousingOrganisationFactory(name="Boligforeningen Øst")
    second = f.HousingOrganisationFactory(name="Andelsbo Vest")
    afdelinger = [
        f.AfdelingFactory(organisation=first, number="7", name="Lilleparken Nord", area=area,
                          dwellings=1234),
        f.AfdelingFactory(organisation=second, number="12", name="=HYPERLINK(\"x\")", area=area,
                          dwellings=66),
    ]  # fmt: skip
    plan = f.PlanFactory(
        name="Lilleparken 2027–2030",
        slug="lilleparken-2027-2030",
        start_date=date(2027, 1, 1),
        end_date=date(2030, 12, 31),
        status=PlanStatus.IDEA,
        published=False,
        afdelinger=afdelinger,
        challenges="Mange unge står uden uddannelse.\n\nTrygheden er lav om aftenen.",
        purpose="Flere unge i uddannelse og job.",
        municipality_recommendation_date=date(2026, 11, 30),
        municipality_recommendation_note="Anbefalet af Socialudvalget.",
    )
    focus = list(plan.fund_round.focus_areas.order_by("position")[:2])
    plan.focus_areas.set(focus)
    PlanFocusAreaGoals.objects.create(plan=plan, focus_area=focus[0], goals="20 % flere i job.")
    for year in (2027, 2028):
        for source, amount in (
            ("lbf", 750_000),
            ("municipality", 150_000),
            ("housing_organisation", 100_000),
        ):
            PlanBudgetEstimate.objects.create(
                plan=plan, year=year, source=source, amount=Decimal(amount)
            )  # fmt: skip
    return Small(plan=plan, area=area)
