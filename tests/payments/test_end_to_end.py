"""The whole hold-back through the services of the three apps (decision 0030): a granted plan
whose last year's report is late has its instalment held back with the reason; paying is
refused; the plan's leader submits the report (no longer late); LBF returns it with remarks
(late again: held back again); it is submitted again and LBF approves it; now LBF pays."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from boligsocial.accounts.models import Role
from boligsocial.budgets.models import BudgetLine
from boligsocial.funding.models import FocusArea
from boligsocial.payments import rules, selectors, services
from boligsocial.payments.models import Instalment
from boligsocial.reporting import services as reports
from boligsocial.reporting.models import YearlyReport
from tests import factories as f
from tests.kit import World, make_budget, nothing_written
from tests.reporting.helpers import stored_report

pytestmark = pytest.mark.django_db


def _state(plan, year: int) -> rules.InstalmentState:
    data = selectors.plan_instalments(plan, timezone.localdate())
    return next(r.state for r in data.rows if r.instalment.year == year)


def _complete(report: YearlyReport, leader, focus: FocusArea) -> None:
    line = BudgetLine.objects.filter(version__plan=report.plan, year=report.year).first()
    reports.account_line_save(
        report=report, data={"line_key": line.key, "amount": Decimal("700000.00")}, user=leader
    )
    reports.goal_result_save(
        report=report,
        data={
            "focus_area": focus,
            "goal": "Flere unge i uddannelse",
            "indicator": "Andel 15-24-årige i uddannelse",
            "baseline": "61 %",
            "target": "70 %",
            "result": "66 %",
        },
        user=leader,
    )
    reports.milestone_save(
        report=report,
        data={"due_on": date(report.year + 1, 9, 1), "text": "Ny lektiecafé åbner"},
        user=leader,
    )


def test_late_report_holds_the_instalment_until_lbf_approves_it(world: World) -> None:
    today = timezone.localdate()
    plan = world.plan_led
    plan.start_date = date(today.year - 3, 1, 1)
    plan.end_date = date(today.year, 12, 31)
    plan.save()
    focus = FocusArea.objects.filter(fund_round=plan.fund_round).order_by("position").first()
    plan.focus_areas.set([focus])
    admin, leader = world.users["admin"], world.users["leader"]
    lbf = f.user_with_role(Role.LBF)
    make_budget(plan, granted_on=plan.start_date, user=admin)
    for year in (today.year - 3, today.year - 2):
        stored_report(plan, year, "approved")
    late_year = today.year - 1  # no report yet, due 30 June this year: late

    services.instalments_schedule(plan=plan, user=lbf)
    assert list(
        Instalment.objects.filter(plan=plan).order_by("year").values_list("year", "planned_amount")
    ) == [(today.year - 3 + n, Decimal("750000.00")) for n in range(4)]

    # Held back, with the reason.
    state = _state(plan, today.year)
    assert state.state == rules.HELD_BACK
    assert state.reasons == (rules.Overdue(late_year, date(late_year + 1, 6, 30)),)
    instalment = Instalment.objects.get(plan=plan, year=today.year)
    with nothing_written(Instalment), pytest.raises(ValidationError) as refused:
        services.instalment_pay(
            instalment=instalment, user=lbf, paid_on=today, amount=Decimal("750000.00")
        )
    assert refused.value.code == "held_back"
    assert (
        f"the report for {late_year}, due {date_format(date(late_year + 1, 6, 30), 'DATE_FORMAT')}"
    ) in refused.value.messages[0]

    # The leader submits the report after its due date: it stays late until LBF approves it
    # (decision 0029), so the instalment is still held back.
    report = reports.report_open(plan=plan, year=late_year, user=leader)
    _complete(report, leader, focus)
    report = reports.report_submit(report=report, user=leader)
    assert _state(plan, today.year).state == rules.HELD_BACK

    # LBF returns it with remarks: still late.
    report = reports.report_return(
        report=report, user=lbf, decided_on=today, remarks="Målopfyldelsen mangler tal"
    )
    assert _state(plan, today.year).state == rules.HELD_BACK
    with nothing_written(Instalment), pytest.raises(ValidationError):
        services.instalment_pay(
            instalment=instalment, user=lbf, paid_on=today, amount=Decimal("750000.00")
        )

    # Submitted again and approved by LBF: released, and LBF pays.
    report = reports.report_submit(report=report, user=leader)
    reports.report_approve(report=report, user=lbf, decided_on=today)
    assert _state(plan, today.year) == rules.InstalmentState(rules.PLANNED)
    services.instalment_pay(
        instalment=instalment, user=lbf, paid_on=today, amount=Decimal("750000.00")
    )
    assert _state(plan, today.year).state == rules.PAID
    assert Instalment.objects.get(pk=instalment.pk).paid_amount == Decimal("750000.00")
