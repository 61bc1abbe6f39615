"""The national installation's money (boligsocial.demo.money.national, decision 0032): every
running plan has a granted budget of 4 × 200 lines within the budget rules, accounts for its
years that have ended, instalments and its grant booked against the frame; fictional; a second
load writes nothing (tests/demo/test_national.py compares every table)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest

from boligsocial.budgets.models import BudgetLine, BudgetVersion
from boligsocial.budgets.rules import LineFacts, budget_check
from boligsocial.demo.money.national_data import (
    LINES_PER_YEAR,
    YEARS,
    line_key,
    plan_money,
)
from boligsocial.demo.national import REFERENCE_DATE, load_national
from boligsocial.demo.national.specs import PlanSpec
from boligsocial.frames.models import FrameBooking
from boligsocial.funding.selectors import round_rules
from boligsocial.payments.models import Instalment
from boligsocial.plans.models import Plan
from boligsocial.reporting.models import AccountLine, YearlyReport
from boligsocial.reporting.rules import report_due_date

PASSWORD = "Baenk-Kodeord-4821-xq"


def _spec(slug: str = "belparken-2023-2027-101") -> PlanSpec:
    return PlanSpec(
        slug=slug,
        name="Belparken 2023-2027",
        round_code="2019–26",
        area_slug="belparken-101",
        start=date(2023, 7, 1),
        end=date(2027, 6, 30),
        status="running",
        focus_areas=("Beskæftigelse", "Uddannelse og livschancer"),
        lbf_number="FIKTIV-2023-0001",
    )


def _money(index: int = 0, slug: str = "belparken-2023-2027-101"):  # type: ignore[no-untyped-def]
    due = {y: report_due_date(y, 6) for y in range(2023, 2028)}
    return plan_money(
        _spec(slug),
        municipality="kommune",
        housing=["org-a", "org-b"],
        afdelinger=[("org-a", "1"), ("org-b", "2")],
        due=due,
        index=index,
    )


def test_a_plans_money_is_800_lines_over_its_calendar_years_within_the_rule() -> None:
    money = _money()
    assert len(money.lines) == LINES_PER_YEAR * YEARS == 800
    # 2023 and 2027 have six months each, so half the lines of a whole year.
    assert Counter(line.year for line in money.lines) == {
        2023: 100,
        2024: 200,
        2025: 200,
        2026: 200,
        2027: 100,
    }
    assert len({line.key for line in money.lines}) == 800
    assert money.lines[0].key == line_key("belparken-2023-2027-101", 0)
    assert all(len(line.key) == 32 for line in money.lines)
    facts = [LineFacts(ln.year, ln.source_kind, ln.in_kind, ln.amount) for ln in money.lines]
    rules = _rules()
    for in_kind_counts in (None, True, False):
        check = budget_check(facts, rules, in_kind_counts)
        assert check.ok
        assert not check.years_in_breach
    assert check.period.lbf_share > Decimal("0.70")
    assert {ln.source_kind for ln in money.lines} == {
        "lbf",
        "municipality",
        "housing_organisation",
        "afdeling",
        "foundation",
    }
    assert money.granted_on == date(2023, 5, 17)


def test_the_same_plan_always_gets_the_same_money_and_another_plan_other_money() -> None:
    assert _money() == _money()
    assert _money().lines != _money(slug="kalparken-2023-2027-102").lines


def test_reports_cover_the_years_that_have_ended_every_tenth_plan_late_or_waiting() -> None:
    on_time = _money(index=0)
    assert [(r.year, r.status) for r in on_time.reports] == [
        (2023, "approved"),
        (2024, "approved"),
        (2025, "approved"),
    ]
    report = on_time.reports[-1]
    assert report.due_date == date(2026, 6, 30)
    assert report.submitted_on < report.due_date
    assert report.decided_on is not None
    assert report.decided_on <= REFERENCE_DATE
    late = _money(index=3)
    assert [r.year for r in late.reports] == [2023, 2024]  # 2025 has no row: due, late
    waiting = _money(index=7)
    assert waiting.reports[-1].status == "submitted"
    assert waiting.reports[-1].decided_on is None
    # Spending is recorded for the lines of the reported years only, never for in-kind lines.
    reported_lines = [ln for ln in on_time.lines if ln.year <= 2025 and not ln.in_kind]
    assert set(on_time.spent) == {ln.key for ln in reported_lines}


@pytest.mark.django_db
def test_the_national_installation_has_the_running_plans_money() -> None:
    report = load_national(scale=0.02, seed=3, password=PASSWORD)
    running = list(Plan.objects.filter(status="running").order_by("pk"))
    assert len(running) == 2
    assert report.created["budget versions"] == 2
    assert report.created["budget lines"] == 2 * 800
    for plan in running:
        version = BudgetVersion.objects.get(plan=plan)
        assert (version.number, version.kind, version.state) == (1, "original", "approved")
        assert version.approved_on == plan.start_date - timedelta(days=45)
        assert "Fiktive data" in version.note
        lines = list(version.lines.select_related("source_organisation", "source_afdeling"))
        assert len(lines) == 800
        assert {ln.year for ln in lines} <= set(range(plan.start_date.year, plan.end_date.year + 1))
        focus = set(plan.focus_areas.values_list("pk", flat=True))
        assert {ln.focus_area_id for ln in lines} - {None} <= focus
        afdelinger = set(plan.afdelinger.values_list("pk", flat=True))
        owners = set(plan.afdelinger.values_list("organisation_id", flat=True))
        municipalities = set(plan.afdelinger.values_list("area__municipality_id", flat=True))
        for line in lines:
            if line.source_kind == "afdeling":
                assert line.source_afdeling_id in afdelinger
            elif line.source_kind == "housing_organisation":
                assert line.source_organisation_id in owners
            elif line.source_kind == "municipality":
                org = line.source_organisation
                assert org is not None
                assert org.kind == "municipality"
                assert org.municipality_id in municipalities
            elif line.source_kind == "lbf":
                assert line.source_organisation_id is None
        facts = [LineFacts(ln.year, ln.source_kind, ln.in_kind, ln.amount) for ln in lines]
        rules = round_rules(plan.fund_round)
        assert budget_check(facts, rules, plan.fund_round.in_kind_counts).ok
        lbf_total = sum((ln.amount for ln in lines if ln.source_kind == "lbf"), Decimal(0))
        # The grant booked against the round's frame in the year of the grant.
        booking = FrameBooking.objects.get(plan=plan)
        assert (booking.kind, booking.amount, booking.year) == (
            "grant",
            lbf_total,
            version.approved_on.year,
        )
        assert booking.illustrative
        # Instalments: the LBF money of each year, paid up to 2026.
        instalments = list(Instalment.objects.filter(plan=plan).order_by("year"))
        assert sum((i.planned_amount for i in instalments), Decimal(0)) == lbf_total
        assert all(i.is_paid == (i.year <= 2026) for i in instalments)
        # Reports with accounts for the years that have ended (as of the reference date).
        years = list(
            YearlyReport.objects.filter(plan=plan).order_by("year").values_list("year", flat=True)
        )
        assert years == list(range(plan.start_date.year, REFERENCE_DATE.year))
        assert AccountLine.objects.filter(report__plan=plan).count() > 0
        keys = set(version.lines.values_list("key", flat=True))
        assert (
            set(AccountLine.objects.filter(report__plan=plan).values_list("line_key", flat=True))
            <= keys
        )
    # The ended plans' years have approved reports (status only), none in the future.
    ended = YearlyReport.objects.filter(plan__status="ended")
    assert ended.exists()
    assert set(ended.values_list("status", flat=True)) == {"approved"}
    assert max(ended.values_list("year", flat=True)) < REFERENCE_DATE.year
    # Every row has its one "created" history row saying where it came from.
    assert BudgetLine.history.count() == BudgetLine.objects.count()
    assert set(YearlyReport.history.values_list("history_change_reason", flat=True)) == {
        "Fiktive data indlæst af boligsocial national"
    }


def _rules():  # type: ignore[no-untyped-def]
    from boligsocial.funding.rules import RoundRules

    return RoundRules(
        code="2019–26",
        first_year=2019,
        last_year=2026,
        normal_plan_years=4,
        lbf_max_share=Decimal("0.75"),
        local_min_share=Decimal("0.25"),
    )
