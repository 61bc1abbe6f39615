"""The redistribution: per housing organisation, contributed to LBF against received as social
plans, rent support and renovation support, net contributors and receivers (decision 0031)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from boligsocial.frames.models import LbfContribution, RenovationSupport
from boligsocial.frames.redistribution import redistribution
from boligsocial.frames.services import frame_grant_book, rent_support_book
from tests import factories as f
from tests.frames.conftest import FrameWorld

D = Decimal


@pytest.fixture
def orgs(fw: FrameWorld) -> dict[str, Any]:
    """Org R(amme) owns afdeling 7 (300 dwellings) of fw.plan; org S joins the plan with 100
    dwellings; org T only pays in."""
    s = f.HousingOrganisationFactory(name="Boligselskabet Syd")
    t = f.HousingOrganisationFactory(name="Boligselskabet Top")
    s_afd = f.AfdelingFactory(organisation=s, number="1", name="Syd 1", dwellings=100)
    fw.plan.afdelinger.add(s_afd)
    return {"r": fw.afdeling.organisation, "s": s, "t": t, "s_afd": s_afd}


def _flows(result: Any) -> dict[str, tuple[Decimal, ...]]:
    return {
        row.organisation.name: (
            row.flows.contributed,
            row.flows.social_plans,
            row.flows.rent_support,
            row.flows.renovation,
            row.flows.net,
        )
        for row in result.rows
    }


def test_grants_split_by_dwellings_and_the_other_flows(fw: FrameWorld, orgs: Any) -> None:
    lbf = fw.users["lbf"]
    frame_grant_book(plan=fw.plan, user=lbf, year=2031, amount=D("1000000.00"))
    rent_support_book(
        fund_round=fw.fund_round, year=2032, afdeling=orgs["s_afd"], amount=D("50000"), user=lbf
    )
    LbfContribution.objects.create(organisation=orgs["t"], year=2031, amount=D("2000000"))
    LbfContribution.objects.create(organisation=orgs["s"], year=2032, amount=D("100000"))
    LbfContribution.objects.create(organisation=orgs["s"], year=2040, amount=D("9"))  # outside
    RenovationSupport.objects.create(organisation=orgs["r"], year=2031, amount=D("25000"))
    result = redistribution(2031, 2032)
    assert _flows(result) == {
        "Boligforeningen Ramme": (D("0"), D("750000.00"), D("0"), D("25000.00"), D("775000.00")),
        "Boligselskabet Syd": (
            D("100000.00"),
            D("250000.00"),
            D("50000.00"),
            D("0"),
            D("200000.00"),
        ),
        "Boligselskabet Top": (D("2000000.00"), D("0"), D("0"), D("0"), D("-2000000.00")),
    }
    assert [r.organisation.name for r in result.receivers] == [
        "Boligforeningen Ramme",
        "Boligselskabet Syd",
    ]
    assert [r.organisation.name for r in result.contributors] == ["Boligselskabet Top"]
    assert result.totals.net == D("-1025000.00")
    assert result.illustrative is False


def test_unknown_dwellings_split_the_grant_evenly(fw: FrameWorld, orgs: Any) -> None:
    orgs["s_afd"].dwellings = None
    orgs["s_afd"].save()
    frame_grant_book(plan=fw.plan, user=fw.users["lbf"], year=2031, amount=D("1000.01"))
    assert {
        row.organisation.name: row.flows.social_plans for row in redistribution(2031, 2031).rows
    } == {
        "Boligforeningen Ramme": D("500.01"),
        "Boligselskabet Syd": D("500.00"),
    }


def test_a_plan_without_afdelinger_is_counted_apart(fw: FrameWorld) -> None:
    fw.plan.afdelinger.clear()
    frame_grant_book(plan=fw.plan, user=fw.users["lbf"], year=2031, amount=D("10"))
    result = redistribution(2031, 2031)
    assert result.rows == []
    assert result.unassigned_grants == D("10.00")
    assert result.totals.social_plans == D("10.00")


def test_illustrative_figures_are_said(fw: FrameWorld, orgs: Any) -> None:
    LbfContribution.objects.create(
        organisation=orgs["t"], year=2031, amount=D("1"), illustrative=True
    )
    assert redistribution(2031, 2031).illustrative is True
    assert redistribution(2032, 2032).illustrative is False


def _queries(first: int, last: int) -> int:
    with CaptureQueriesContext(connection) as ctx:
        result = redistribution(first, last)
        _ = [r.organisation.name for r in result.rows]
    return len(ctx.captured_queries)


def test_the_query_count_does_not_grow_with_the_data(fw: FrameWorld, orgs: Any) -> None:
    lbf = fw.users["lbf"]
    frame_grant_book(plan=fw.plan, user=lbf, year=2031, amount=D("10"))
    small = _queries(2031, 2032)
    for n in range(5):
        org = f.HousingOrganisationFactory(name=f"Ekstra {n}")
        afd = f.AfdelingFactory(organisation=org, number=str(50 + n), dwellings=10 + n)
        plan = f.PlanFactory(fund_round=fw.fund_round, afdelinger=[afd, orgs["s_afd"]])
        frame_grant_book(plan=plan, user=lbf, year=2032, amount=D("1000"))
        rent_support_book(
            fund_round=fw.fund_round, year=2031, afdeling=afd, amount=D("5"), user=lbf
        )
        LbfContribution.objects.create(organisation=org, year=2031, amount=D("7"))
        RenovationSupport.objects.create(organisation=org, year=2032, amount=D("3"))
    assert _queries(2031, 2032) == small == 6
