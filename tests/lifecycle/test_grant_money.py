"""LBF's grant decision and the money (decision 0026): the plan's draft original becomes the
granted budget and LBF's total is booked against the frame of the decision's year, in the
transition's transaction; a budget that breaks the co-financing rule, or a frame too small
without an administrator's written decision, refuses the grant with nothing written. Through
the service, the API and the web's step form."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation
from rest_framework.test import APIClient

from boligsocial.budgets.models import BudgetLine, BudgetVersion
from boligsocial.budgets.services import budget_line_save
from boligsocial.frames.models import FrameBooking, FrameYear
from boligsocial.lifecycle import services as s
from boligsocial.lifecycle.grant import grant_decision_text
from boligsocial.lifecycle.models import PlanTransition
from boligsocial.plans.models import PlanStatus
from tests.kit import find, nothing_written, parse, text
from tests.lifecycle.conftest import complete

pytestmark = pytest.mark.django_db


def submitted(lw):
    complete(lw.plan, lw.focus)
    plan, admin = lw.plan, lw.users["admin"]
    s.plan_submit_prequalification(plan=plan, user=admin, date=date(2026, 2, 1))
    s.plan_record_lbf_decision(
        plan=plan, user=admin, decision="prequalified", date=date(2026, 3, 1), note="x"
    )
    s.plan_start_dialogue(plan=plan, user=admin, date=date(2026, 4, 1))
    s.plan_submit_full_plan(plan=plan, user=admin, date=date(2026, 5, 1))
    return plan


def small_frame(plan, amount: str = "100000") -> None:
    """Every frame year of the plan's round at `amount` kr.: 2019–2026 leaves 800.000 kr., less
    than the grant's 3.000.000 kr."""
    FrameYear.objects.filter(fund_round=plan.fund_round).update(base_amount=Decimal(amount))


def test_the_grant_approves_the_budget_and_books_lbfs_total(lw):
    plan = submitted(lw)
    s.plan_record_lbf_decision(
        plan=plan,
        user=lw.users["lbf"],
        decision="granted",
        date=date(2026, 6, 1),
        note="Tilsagn 1.6.",
    )
    version = BudgetVersion.objects.get(plan=plan)
    assert (version.state, version.approved_on, version.decision) == (
        "approved",
        date(2026, 6, 1),
        "Tilsagn 1.6.",
    )
    booking = FrameBooking.objects.get(plan=plan)
    assert (
        booking.kind,
        booking.year,
        booking.amount,
        booking.booked_on,
        booking.exceeds_frame,
    ) == (
        "grant",
        2026,
        Decimal("3000000.00"),
        date(2026, 6, 1),
        False,
    )


def test_the_decision_text_defaults_to_the_date():
    with translation.override("en"):
        assert grant_decision_text(when=date(2026, 6, 1), note=" ", document=None) == (
            "LBF's tilsagn of 1 June 2026"
        )
    with translation.override("da"):
        assert grant_decision_text(when=date(2026, 6, 1), note="", document=None) == (
            "LBF's tilsagn af 1. juni 2026"
        )


def test_a_budget_one_ore_over_75_percent_refuses_the_grant(lw):
    plan = submitted(lw)
    line = BudgetLine.objects.get(version__plan=plan, source_kind="lbf", year=2027)
    budget_line_save(version=line.version, line=line, data={"amount": "750000.01"}, user=None)
    with nothing_written(), translation.override("en"), pytest.raises(ValidationError) as excinfo:
        s.plan_record_lbf_decision(
            plan=plan, user=lw.users["lbf"], decision="granted", date=date(2026, 6, 1), note="x"
        )
    assert list(excinfo.value.message_dict) == ["budget"]
    assert "LBF's share is 75.0000001 %" in excinfo.value.message_dict["budget"][0]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PLAN_SUBMITTED


def test_other_decisions_leave_the_budget_alone(lw):
    plan = submitted(lw)
    s.plan_record_lbf_decision(
        plan=plan, user=lw.users["lbf"], decision="in_dialogue", date=date(2026, 6, 1), note="x"
    )
    assert BudgetVersion.objects.get(plan=plan).state == "draft"
    assert not FrameBooking.objects.filter(plan=plan).exists()


def test_a_frame_too_small_refuses_unless_an_administrator_decides_to_exceed_it(lw):
    plan = submitted(lw)
    small_frame(plan)
    for user, decision in [(lw.users["lbf"], "Vi overskrider"), (lw.users["admin"], "")]:
        with nothing_written(), pytest.raises(ValidationError) as excinfo:
            s.plan_record_lbf_decision(
                plan=plan,
                user=user,
                decision="granted",
                date=date(2026, 6, 1),
                note="x",
                exceed_frame_decision=decision,
            )
        assert list(excinfo.value.message_dict) == ["exceed_frame_decision"]
    s.plan_record_lbf_decision(
        plan=plan,
        user=lw.users["admin"],
        decision="granted",
        date=date(2026, 6, 1),
        note="x",
        exceed_frame_decision="Bestyrelsen for LBF besluttede 1.6. at overskride rammen.",
    )
    booking = FrameBooking.objects.get(plan=plan)
    assert (booking.exceeds_frame, booking.exceed_decision, booking.exceed_decided_by) == (
        True,
        "Bestyrelsen for LBF besluttede 1.6. at overskride rammen.",
        lw.users["admin"],
    )
    assert BudgetVersion.objects.get(plan=plan).state == "approved"


def _api(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_api_grant_with_the_decision_to_exceed_the_frame(lw):
    plan = submitted(lw)
    small_frame(plan)
    url = f"/api/v1/plans/{plan.slug}/transitions/"
    body = {
        "kind": "grant_decision",
        "to_status": "granted",
        "note": "Tilsagn",
        "date": "2026-06-01",
    }
    with nothing_written():
        response = _api(lw.users["admin"]).post(url, body, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["exceed_frame_decision"]
    response = _api(lw.users["admin"]).post(
        url, {**body, "exceed_frame_decision": "Overskrides efter LBF's beslutning."}, format="json"
    )
    assert response.status_code == 201, response.content
    assert FrameBooking.objects.get(plan=plan).exceeds_frame


def test_api_grant_refused_for_the_budget_is_400_on_budget(lw):
    plan = submitted(lw)
    BudgetVersion.objects.filter(plan=plan).delete()
    response = _api(lw.users["lbf"]).post(
        f"/api/v1/plans/{plan.slug}/transitions/",
        {"kind": "grant_decision", "to_status": "granted", "note": "Tilsagn"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["budget"] == [
        "The plan has no budget lines: enter the budget LBF grants before recording the grant."
    ]
    assert PlanTransition.objects.filter(plan=plan, kind="grant_decision").count() == 0


def _web(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_web_grant_form_offers_administrators_the_decision_to_exceed_the_frame(lw):
    plan = submitted(lw)
    small_frame(plan)
    url = f"/intern/planer/{plan.slug}/forloeb/"
    page = parse(_web(lw.users["admin"]).get(url))
    assert find(page, "textarea", name="grant_decision-exceed_frame_decision")
    lbf_page = _web(lw.users["lbf"]).get(url).content.decode()
    assert "exceed_frame_decision" not in lbf_page
    post = f"/intern/planer/{plan.slug}/forloeb/grant_decision/"
    data = {"grant_decision-to_status": "granted", "grant_decision-note": "Tilsagn"}
    with nothing_written():
        response = _web(lw.users["admin"]).post(post, data)
    assert response.status_code == 200
    field = find(parse(response), "textarea", name="grant_decision-exceed_frame_decision")
    assert field.attrs["aria-invalid"] == "true"
    data["grant_decision-exceed_frame_decision"] = "Overskrides efter LBF's beslutning."
    response = _web(lw.users["admin"]).post(post, data)
    assert response.status_code == 302
    assert (
        FrameBooking.objects.get(plan=plan).exceed_decision == "Overskrides efter LBF's beslutning."
    )


def test_web_grant_refused_for_the_budget_says_why(lw):
    plan = submitted(lw)
    BudgetVersion.objects.filter(plan=plan).delete()
    response = _web(lw.users["lbf"]).post(
        f"/intern/planer/{plan.slug}/forloeb/grant_decision/",
        {"grant_decision-to_status": "granted", "grant_decision-note": "Tilsagn"},
    )
    assert response.status_code == 200
    assert "Helhedsplanen har ingen budgetlinjer" in text(find(parse(response), id="error-summary"))
