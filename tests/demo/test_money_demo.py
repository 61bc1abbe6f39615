"""The Aarhus demo's money (boligsocial.demo.money, decision 0032): every plan has a budget,
the granted ones within 75/25 and one draft in breach with its explanation; the running plans an
approved omplacering; reports in every state, instalments paid, planned and held back with the
late report as the reason; grants and rent support booked against LBF's frame; the
redistribution's flows; all marked illustrative; loading twice writes nothing."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from tests import kit

from boligsocial.budgets.models import BudgetLine, BudgetVersion
from boligsocial.budgets.selectors import budget_summary, current_budget, lbf_total, versions_of
from boligsocial.budgets.wording import breach_text
from boligsocial.demo.load import load_demo
from boligsocial.demo.money.data import MONEY_PATH, read_money_data
from boligsocial.demo.money.lines import distribute, months_by_year, plan_lines
from boligsocial.demo.source import DemoDataError
from boligsocial.frames.models import FrameBooking, LbfContribution, RenovationSupport
from boligsocial.payments.models import Instalment
from boligsocial.payments.selectors import plan_instalments
from boligsocial.plans.models import Plan
from boligsocial.reporting.models import YearlyReport
from boligsocial.reporting.selectors import late_reports

TODAY = date(2026, 12, 3)
GRANTED = (
    "Gellerup/Toveshøj 2018-2022",
    "Frydenlund/Vandtårnsområdet 2018-2022",
    "Viby Syd 2015-2019",
    "Trigeparken 2014-2018",
    "Herredsvang 2014-2017",
    "Langkærparken 2021-2025",
    "Bispehaven 2024-2028",
    "Skovgårdsparken 2023-2027",
    "Skovgårdsparken 2028-2031",
)
DRAFTS = ("Frydenlund/Vandtårnsområdet 2027-2031", "Langkærparken 2027-2031")


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The data file and the pure line builder --------------------------------------------------------


def test_the_money_file_reads_and_every_plan_in_it_is_a_demo_plan() -> None:
    data = read_money_data()
    assert [p.plan for p in data.plans] == [*GRANTED[:8], *GRANTED[8:], *DRAFTS]
    assert sum(t.share for t in data.lines if not t.in_kind) == 1
    assert sum(t.share for t in data.lines if t.source_kind == "lbf") == Decimal("0.74")
    assert data.as_of == date(2026, 11, 30)
    assert "Illustrativ" in data.note
    assert "illustrative" in data.plan_note


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('yearly_total = "5200000"', 'yearly_total = "mange"'), "'mange' is not an amount"),
        (("paid_through = 2022\n", "paid_through = 2022\nbudget = 1\n"), "unknown key `budget`"),
        (('reports = { 2025 = "due" }', 'reports = { 2025 = "late" }'), "'late' is not one"),
        (('"0.44"]', '"0.45"]'), "must add up to 1"),
    ],
)
def test_a_bad_money_file_is_refused_naming_the_place(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    text = MONEY_PATH.read_text(encoding="utf-8")
    assert change[0] in text
    path = tmp_path / "money.toml"
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(DemoDataError, match=message) as refused:
        read_money_data(path)
    assert "money.toml" in str(refused.value)


def test_distribute_gives_whole_kroner_that_add_up_exactly() -> None:
    parts = distribute(Decimal(1000), [Decimal(1), Decimal(1), Decimal(1)])
    assert parts == [Decimal(334), Decimal(333), Decimal(333)]
    assert (
        sum(distribute(Decimal(999_999), [Decimal("0.44"), Decimal("0.3"), Decimal("0.26")]))
        == 999_999
    )
    assert distribute(Decimal(5), []) == []


def test_a_plan_period_is_counted_in_months_per_calendar_year() -> None:
    assert months_by_year(date(2024, 7, 1), date(2028, 6, 30)) == {
        2024: 6,
        2025: 12,
        2026: 12,
        2027: 12,
        2028: 6,
    }
    assert months_by_year(date(2014, 1, 1), date(2017, 12, 31)) == {
        2014: 12,
        2015: 12,
        2016: 12,
        2017: 12,
    }


def test_a_plans_lines_hold_lbfs_share_of_every_year_to_the_krone() -> None:
    data = read_money_data()
    lines = plan_lines(
        start=date(2024, 7, 1),
        end=date(2028, 6, 30),
        yearly_total=Decimal(3_400_000),
        templates=data.lines,
        focus_areas=["A", "B", "C"],
        organisations=["org"],
        municipality="kommune",
        afdeling="afdeling",
        foundation=data.foundation,
    )
    by_year: dict[int, dict[bool, Decimal]] = {}
    for line in lines:
        if not line.in_kind:
            sums = by_year.setdefault(line.year, {True: Decimal(0), False: Decimal(0)})
            sums[line.source_kind == "lbf"] += line.amount
    assert {y: sum(c.values()) for y, c in by_year.items()} == {
        2024: 1_700_000,
        2025: 3_400_000,
        2026: 3_400_000,
        2027: 3_400_000,
        2028: 1_700_000,
    }
    for year, sums in by_year.items():
        assert sums[True] == (sum(sums.values()) * Decimal("0.74")).quantize(Decimal(1)), year
    # One line per focus area for "each", the foundation on the first focus area only.
    assert {ln.focus_area for ln in lines if ln.text == "Medarbejdere i indsatsområdet"} == {
        "A",
        "B",
        "C",
    }
    assert {ln.focus_area for ln in lines if ln.source_kind == "foundation"} == {"A"}
    assert all(ln.amount == ln.amount.to_integral_value() for ln in lines)


# The loaded demo ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_money_is_in_every_state_and_within_the_rules() -> None:
    report = load_demo()
    assert report.created["budgets"] == 11
    assert report.created["budget revisions"] == 2
    plans = {p.name: p for p in Plan.objects.all()}

    # Every plan with a budget in money.toml has one; the granted ones keep 75/25.
    for name in GRANTED:
        versions = list(versions_of(plans[name]))
        assert versions[0].is_granted, name
        assert "Illustrativt tilsagn" in versions[0].decision
        summary = budget_summary(current_budget(plans[name]))  # type: ignore[arg-type]
        assert summary.check.ok, name
        assert Decimal("0.73") < summary.check.period.lbf_share <= Decimal("0.75"), name
        assert "illustrative" in plans[name].data_note, name
    # The dates of the grants are the plans' grant steps.
    bispehaven = plans["Bispehaven 2024-2028"]
    assert versions_of(bispehaven)[0].approved_on == date(2024, 5, 17)
    # Lines across categories, focus areas and every kind of source, in whole kroner.
    lines = BudgetLine.objects.filter(version__plan=bispehaven, version__number=1)
    assert set(lines.values_list("category__code", flat=True)) == {
        "salaries",
        "activities",
        "administration",
        "evaluation",
        "other",
    }
    assert set(lines.values_list("source_kind", flat=True)) == {
        "lbf",
        "municipality",
        "housing_organisation",
        "afdeling",
        "foundation",
    }
    assert lines.filter(in_kind=True).exists()
    assert lines.values("focus_area").distinct().count() == 4  # three focus areas and shared
    assert lines.get(source_kind="foundation", year=2025).source_name == (
        "Fiktorfonden (illustrativ fond)"
    )

    # The drafts: one within the rule, one in breach, explained in kroner and points.
    fryd = current_budget(plans[DRAFTS[0]])
    assert fryd is not None
    assert fryd.state == "draft"
    assert budget_summary(fryd).check.ok
    breach = budget_summary(current_budget(plans[DRAFTS[1]])).check  # type: ignore[arg-type]
    assert not breach.ok
    assert breach_text(breach) == (
        "LBF's andel er 77,4 %, 2,4 procentpoint over det højeste; der mangler 320.000,00 kr. "
        "i lokal medfinansiering"
    )

    # The running plans' omplacering, approved by their bestyrelse, moves LBF's money only.
    for name in ("Bispehaven 2024-2028", "Skovgårdsparken 2023-2027"):
        granted, revision = list(versions_of(plans[name]))
        assert (revision.kind, revision.state) == ("revision", "approved")
        assert revision.body is not None
        assert revision.body.name == "Bestyrelsen"
        assert "Bestyrelsen godkendte" in revision.decision
        assert lbf_total(revision) == lbf_total(granted)
    assert BudgetVersion.objects.filter(kind="revision").count() == 2

    # Reports in every state, late ones as the reporting derives them.
    states = Counter(YearlyReport.objects.values_list("status", flat=True))
    assert set(states) == {"approved", "submitted", "returned", "due"}
    late = late_reports(None, TODAY)
    assert {plans_by_pk(p): [(r.year, r.status) for r in rows] for p, rows in late.items()} == {
        "Bispehaven 2024-2028": [(2025, "due")],
        "Langkærparken 2021-2025": [(2025, "returned")],
    }
    returned = YearlyReport.objects.get(plan__name="Langkærparken 2021-2025", year=2025)
    assert "mangler bilag" in returned.remarks
    waiting = YearlyReport.objects.get(plan__name="Skovgårdsparken 2023-2027", year=2025)
    assert waiting.status == "submitted"
    assert waiting.submitted_on is not None
    assert waiting.submitted_on <= waiting.due_date
    approved = YearlyReport.objects.get(plan=bispehaven, year=2024)
    assert approved.status == "approved"
    assert approved.decided_by == get_user_model().objects.get(username="lbf")
    assert approved.account_lines.count() > 0
    assert approved.goal_results.count() == 3
    assert approved.milestones.count() == 2
    assert "Illustrativ" in approved.note

    # Instalments: paid, planned and held back with the late report as the reason.
    rows = {r.instalment.year: r for r in plan_instalments(bispehaven, TODAY).rows}
    assert {y: r.state.state for y, r in rows.items()} == {
        2024: "paid",
        2025: "paid",
        2026: "held_back",
        2027: "held_back",
        2028: "held_back",
    }
    assert "2025" in rows[2026].reason
    skov = {
        r.instalment.year: r.state.state
        for r in plan_instalments(plans["Skovgårdsparken 2023-2027"], TODAY).rows
    }
    assert skov == {2023: "paid", 2024: "paid", 2025: "paid", 2026: "paid", 2027: "planned"}
    lang = {
        r.instalment.year: r.state.state
        for r in plan_instalments(plans["Langkærparken 2021-2025"], TODAY).rows
    }
    assert lang[2025] == "held_back"
    assert not Instalment.objects.filter(plan__name="Gellerup/Toveshøj 2018-2022", paid_on=None)
    # Every instalment adds up to the LBF money of the budget in force.
    for name in GRANTED:
        total = sum(
            Instalment.objects.filter(plan=plans[name]).values_list("planned_amount", flat=True),
            Decimal(0),
        )
        assert total == lbf_total(current_budget(plans[name])), name  # type: ignore[arg-type]

    # LBF's frame: each grant in its grant's year, rent support apart; all illustrative.
    grants = FrameBooking.objects.filter(kind="grant")
    assert grants.count() == len(GRANTED)
    assert grants.get(plan=bispehaven).year == 2024
    assert grants.get(plan=bispehaven).amount == lbf_total(versions_of(bispehaven)[0])
    assert FrameBooking.objects.filter(kind="rent_support").count() == 5
    assert not FrameBooking.objects.filter(illustrative=False).exists()
    assert LbfContribution.objects.count() == 11
    assert RenovationSupport.objects.count() == 3
    assert not LbfContribution.objects.filter(illustrative=False).exists()
    assert not RenovationSupport.objects.filter(illustrative=False).exists()


def plans_by_pk(pk: int) -> str:
    return Plan.objects.get(pk=pk).name


@pytest.mark.django_db
def test_loading_the_demo_twice_writes_no_money_again() -> None:
    load_demo()
    with kit.nothing_written():
        report = load_demo()
    assert report.total_created == 0
