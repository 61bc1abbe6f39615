"""Reports due are derived from the plans' periods and states; `late_reports` (what the
payments hold instalments back for) and `reports_due` (the all-plans page) at their boundaries,
with a query count that does not grow with the number of plans."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from boligsocial.plans.models import Plan, PlanStatus
from boligsocial.reporting.selectors import ReportDue, late_reports, plan_years, reports_due
from tests import factories as f
from tests.reporting.helpers import stored_report

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)


def test_a_year_without_a_report_is_due_and_late_after_its_due_date() -> None:
    plan = f.PlanFactory()  # running 2023-2026, round 2019–26 (6 months)
    stored_report(plan, 2023, "approved")
    stored_report(plan, 2024, "submitted")
    assert late_reports([plan.pk], TODAY) == {
        plan.pk: [ReportDue(plan.pk, 2025, date(2026, 6, 30), "due", True)]
    }
    # on the due date itself the report is on time; the next day it is late
    assert late_reports([plan.pk], date(2026, 6, 30)) == {}
    assert late_reports([plan.pk], date(2026, 7, 1))[plan.pk][0].year == 2025


def test_a_returned_report_past_its_due_date_is_late() -> None:
    plan = f.PlanFactory()
    stored_report(plan, 2023, "returned")
    stored_report(plan, 2024, "approved")
    stored_report(plan, 2025, "submitted")
    late = late_reports([plan.pk], TODAY)
    assert [(r.year, r.status, r.late) for r in late[plan.pk]] == [(2023, "returned", True)]


def test_the_stored_due_date_counts() -> None:
    plan = f.PlanFactory()
    for year in (2023, 2024):
        stored_report(plan, year, "approved")
    stored_report(plan, 2025, "due", due_date=date(2026, 12, 31))  # postponed by LBF
    assert late_reports([plan.pk], TODAY) == {}


def test_the_rounds_report_due_months() -> None:
    plan = f.PlanFactory()
    plan.fund_round.report_due_months = 3
    plan.fund_round.save()
    for year in (2023, 2024):
        stored_report(plan, year, "approved")
    assert late_reports([plan.pk], date(2026, 3, 31)) == {}
    assert late_reports([plan.pk], date(2026, 4, 1)) == {
        plan.pk: [ReportDue(plan.pk, 2025, date(2026, 3, 31), "due", True)]
    }
    plan.fund_round.report_due_months = None  # not known: the default 6 months
    plan.fund_round.save()
    assert late_reports([plan.pk], date(2026, 6, 30)) == {}


def test_only_plans_with_money_report() -> None:
    dialogue = f.PlanFactory(status=PlanStatus.IN_DIALOGUE)
    ended = f.PlanFactory(
        status=PlanStatus.ENDED, start_date=date(2019, 1, 1), end_date=date(2022, 12, 31)
    )
    stored_report(ended, 2019, "approved")
    late = late_reports(None, TODAY)
    assert dialogue.pk not in late
    assert [r.year for r in late[ended.pk]] == [2020, 2021, 2022]
    assert late_reports([dialogue.pk], TODAY) == {}


def test_reports_due_late_first_and_filtered() -> None:
    early = f.PlanFactory(name="Aaa")
    late_plan = f.PlanFactory(name="Bbb")
    for year in (2023, 2024, 2025):
        stored_report(early, year, "approved" if year < 2025 else "submitted")
    stored_report(late_plan, 2023, "approved")
    stored_report(late_plan, 2024, "returned")
    plans = Plan.objects.filter(pk__in=[early.pk, late_plan.pk])
    rows = reports_due(plans, TODAY)
    assert [(r.plan.name, r.due.year, r.due.status, r.due.late) for r in rows] == [
        ("Bbb", 2024, "returned", True),
        ("Bbb", 2025, "due", True),
        ("Aaa", 2023, "approved", False),
        ("Bbb", 2023, "approved", False),
        ("Aaa", 2024, "approved", False),
        ("Aaa", 2025, "submitted", False),
    ]
    assert [r.due.year for r in reports_due(plans, TODAY, statuses=["submitted"])] == [2025]
    assert len(reports_due(plans, TODAY, late=True)) == 2
    assert len(reports_due(plans, TODAY, late=False)) == 4


def test_query_count_does_not_grow_with_the_plans() -> None:
    def count(n: int) -> int:
        for _ in range(n):
            f.PlanFactory()
        with CaptureQueriesContext(connection) as queries:
            late_reports(None, TODAY)
            reports_due(Plan.objects.all(), TODAY)
        return len(queries)

    assert count(1) == count(5) == 4


def test_plan_years_cover_the_period() -> None:
    plan = f.PlanFactory()
    stored_report(plan, 2024, "approved")
    years = plan_years(plan, TODAY)
    assert [(y.year, y.status, y.owed, y.late) for y in years] == [
        (2023, "due", True, True),
        (2024, "approved", True, False),
        (2025, "due", True, True),
        (2026, "due", False, False),
    ]
