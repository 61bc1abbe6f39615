"""Reads of budgets: the current budget, totals and the check, LBF per year, comparisons and
the co-financers' commitments, each a fixed number of queries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from boligsocial.budgets.selectors import (
    budget_summary,
    city_commitments,
    cofinancer_commitments,
    compare_versions,
    current_budget,
    draft_of,
    granted_budget,
    lbf_amount_by_year,
    lbf_total,
    versions_of,
)
from boligsocial.budgets.services import (
    budget_grant,
    budget_line_delete,
    budget_line_save,
    budget_lines_replace,
    budget_open,
    budget_revision_approve,
    budget_revision_start,
)
from boligsocial.plans.models import Plan
from tests.budgets.conftest import row
from tests.kit import make_budget

D = Decimal


def test_current_budget_is_the_latest_approved_else_the_draft_original(plan):
    assert current_budget(plan) is None
    original = make_budget(plan)
    assert current_budget(plan) == original
    assert granted_budget(plan) is None
    assert draft_of(plan) == original
    budget_grant(plan=plan, when=date(2023, 1, 2), decision="", user=None)
    revision = budget_revision_start(plan=plan, user=None)
    assert current_budget(plan) == original  # the draft revision is not in force
    assert draft_of(plan) == revision
    budget_revision_approve(version=revision, user=None, approved_on=date(2024, 1, 1), decision="x")
    assert current_budget(plan) == revision
    assert granted_budget(plan) == original
    assert [v.number for v in versions_of(plan)] == [1, 2]


def test_lbf_amounts(plan, django_assert_num_queries):
    version = make_budget(plan, lbf="300000.50", local="100000.17")
    with django_assert_num_queries(1):
        assert lbf_amount_by_year(version) == {
            2023: D("300000.50"),
            2024: D("300000.50"),
            2025: D("300000.50"),
            2026: D("300000.50"),
        }
    with django_assert_num_queries(1):
        assert lbf_total(version) == D("1200002.00")
    assert lbf_total(budget_open(plan=Plan.objects.get(pk=plan.pk), user=None)) == D("1200002.00")


def test_summary_totals_and_check(plan, categories, world):
    version = make_budget(plan, years=[2024, 2025])
    budget_line_save(
        version=version,
        data=row(
            categories,
            source_kind="afdeling",
            source_afdeling=world.afd_a,
            in_kind=True,
            amount="50000",
            category=categories["administration"],
        ),
        user=None,
    )
    summary = budget_summary(version)
    assert summary.years == [2023, 2024, 2025, 2026]
    assert summary.total == D("2050000.00")
    assert summary.by_year == {2024: D("1050000.00"), 2025: D("1000000.00")}
    assert summary.by_source_kind == {
        "lbf": D("1500000.00"),
        "housing_organisation": D("500000.00"),
        "afdeling": D("50000.00"),
    }
    assert summary.by_category[categories["administration"].pk] == D("50000.00")
    assert summary.by_year_category[(2024, categories["salaries"].pk)] == D("750000.00")
    assert summary.by_focus_area == {None: D("2050000.00")}
    # 2019–26 does not say whether in-kind counts: checked without it, exactly 75 %.
    assert summary.check.ok
    assert summary.check.period.in_kind_unknown
    assert summary.check.period.in_kind_amount == D("50000.00")
    assert [line.year for line in summary.lines_by_year[2023]] == []
    assert len(summary.lines_by_year[2024]) == 3


def test_summary_queries_do_not_grow_with_lines(plan, categories, django_assert_num_queries):
    version = make_budget(plan)
    version = type(version).objects.get(pk=version.pk)
    with django_assert_num_queries(2):
        budget_summary(version)
    budget_lines_replace(
        version=version,
        rows=[row(categories, year=2023 + i % 4, text=f"L{i}") for i in range(200)],
        user=None,
    )
    version = type(version).objects.get(pk=version.pk)
    with django_assert_num_queries(2):
        summary = budget_summary(version)
    assert len(summary.lines) == 200


def test_compare_versions_by_key(plan, categories, world):
    original = make_budget(plan, granted_on=date(2023, 1, 2))
    revision = budget_revision_start(plan=plan, user=None)
    lines = {(line.year, line.source_kind): line for line in revision.lines.all()}
    budget_line_save(
        version=revision,
        line=lines[(2025, "lbf")],
        data={"amount": "700000", "text": "Færre timer"},
        user=None,
    )
    added = budget_line_save(
        version=revision,
        data=row(
            categories,
            year=2026,
            amount="50000",
            source_kind="housing_organisation",
            source_organisation=world.org_a,
        ),
        user=None,
    )
    budget_line_delete(line=lines[(2023, "lbf")], user=None)
    comparison = compare_versions(original, revision)
    assert [(c.kind, c.key) for c in comparison.changes] == [
        ("removed", lines[(2023, "lbf")].key),
        ("changed", lines[(2025, "lbf")].key),
        ("added", added.key),
    ]
    changed = comparison.changed[0]
    assert changed.fields == ("text", "amount")
    assert (changed.before.amount, changed.after.amount) == (D("750000.00"), D("700000.00"))
    assert changed.amount_difference == D("-50000.00")
    assert comparison.unchanged == 6
    assert comparison.difference_by_year == {
        2023: D("-750000.00"),
        2024: D("0.00"),
        2025: D("-50000.00"),
        2026: D("50000.00"),
    }


def test_cofinancer_commitments(world, aarhus, categories, django_assert_num_queries):
    granted = make_budget(world.plan_pub, granted_on=date(2023, 1, 2))
    # plan_pub's municipality line, and an in-kind line from its afdeling, in a revision.
    revision = budget_revision_start(plan=world.plan_pub, user=None)
    budget_line_save(
        version=revision,
        data=row(categories, source_kind="municipality", source_organisation=aarhus, amount="40"),
        user=None,
    )
    budget_line_save(
        version=revision,
        data=row(
            categories,
            source_kind="afdeling",
            source_afdeling=world.afd_a,
            amount="10",
            in_kind=True,
            year=2025,
        ),
        user=None,
    )
    # Not approved yet: the granted budget counts.
    overview = cofinancer_commitments(organisation=world.org_a)
    assert [row.plan_id for row in overview.committed] == [world.plan_pub.pk]
    assert overview.committed[0].by_year == {year: D("250000.00") for year in range(2023, 2027)}
    budget_revision_approve(version=revision, user=None, approved_on=date(2024, 1, 1), decision="x")
    make_budget(world.plan_led)  # not granted: proposed
    with django_assert_num_queries(3):
        overview = cofinancer_commitments(organisation=world.org_a)
    assert overview.committed[0].by_year[2025] == D("250010.00")
    assert overview.committed[0].in_kind_by_year == {2025: D("10.00")}
    assert overview.total == D("1000010.00")
    assert overview.proposed == []
    other = cofinancer_commitments(organisation=world.org_b)
    assert other.committed == []
    assert [(r.name, r.total) for r in other.proposed] == [("Plan Beta", D("1000000.00"))]
    assert other.proposed_totals_by_year == {y: D("250000.00") for y in range(2023, 2027)}
    municipal = cofinancer_commitments(municipality=aarhus.municipality)
    assert [(r.name, r.by_year) for r in municipal.committed] == [("Plan Alfa", {2024: D("40.00")})]
    scoped = cofinancer_commitments(plan_ids=[world.plan_led.pk])
    assert scoped.committed == []
    assert len(scoped.proposed) == 1
    assert granted.pk != revision.pk


def test_city_commitments(world, django_assert_num_queries):
    make_budget(world.plan_pub, granted_on=date(2023, 1, 2))
    make_budget(world.plan_led)
    with django_assert_num_queries(2):
        city = city_commitments(Plan.objects.all())
    assert list(city.committed) == ["lbf", "housing_organisation"]
    assert city.committed["lbf"] == {year: D("750000.00") for year in range(2023, 2027)}
    assert city.total == D("4000000.00")
    assert city.local_total == D("1000000.00")
    assert city.totals_by_year[2023] == D("1000000.00")
    assert city.proposed["housing_organisation"][2024] == D("250000.00")
    assert city.years == [2023, 2024, 2025, 2026]
