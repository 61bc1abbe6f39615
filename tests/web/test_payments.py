"""The instalment pages (decision 0030): who reads a plan's instalments and the overview, who
plans and pays them (403 and nothing written for anybody else), the reason of a hold-back in
words, a payment refused while held back or stale shown on the form, Danish amounts, the
history, and the overview's query count, which does not grow with the number of plans."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format
from tests import factories as f
from tests.kit import (
    definitions,
    find,
    find_all,
    make_world,
    nothing_written,
    parse,
    table_rows,
    text,
)
from tests.payments.conftest import Payments, add_lines, make_payments
from tests.reporting.helpers import stored_report

from boligsocial.budgets.models import BudgetVersion
from boligsocial.core.concurrency import sign_values, version_values
from boligsocial.payments import services
from boligsocial.payments.models import Instalment
from boligsocial.site.models import SiteProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def pw(site: SiteProfile) -> Payments:
    return make_payments(make_world())


@pytest.fixture
def scheduled(pw: Payments) -> Payments:
    services.instalments_schedule(plan=pw.plan, user=pw.lbf_user)
    return pw


def client_for(pw: Payments, role: str, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies["django_language"] = language
    if role != "anonymous":
        client.force_login(pw.user(role))
    return client


def page_url(pw: Payments, tail: str = "") -> str:
    return f"/intern/planer/{pw.plan.slug}/udbetalinger/{tail}"


def _late(pw: Payments, year: int, status: str = "due") -> None:
    report = pw.report(year)
    report.status = status
    report.save()


def _day(value: date, language: str = "en") -> str:
    with translation.override(language):
        return date_format(value, "DATE_FORMAT")


# The plan's page --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "lbf", "leader", "housing_user"])
def test_every_reader_of_the_plan_reads_its_instalments(scheduled: Payments, role) -> None:
    response = client_for(scheduled, role).get(page_url(scheduled))
    assert response.status_code == 200
    rows = table_rows(find(parse(response), "table", id="instalments-table"))
    first = scheduled.first_year
    assert rows[0] == [
        "Year",
        "State",
        "Planned on",
        "Planned amount",
        "Paid on",
        "Amount paid",
        "Why held back",
        *(["LBF's decisions"] if role in ("admin", "lbf") else []),
    ]
    assert rows[1][:7] == [
        str(first),
        "Planned",
        _day(date(first, 3, 1)),
        "100,000.00 kr.",
        "–",
        "–",
        "–",
    ]


@pytest.mark.parametrize(("role", "status"), [("other_leader", 404), ("municipality_user", 404)])
def test_others_get_404_as_for_a_missing_plan(scheduled: Payments, role, status) -> None:
    assert client_for(scheduled, role).get(page_url(scheduled)).status_code == status


def test_an_anonymous_visitor_is_sent_to_log_in(scheduled: Payments) -> None:
    response = client_for(scheduled, "anonymous").get(page_url(scheduled))
    assert response.status_code == 302
    assert response["Location"].startswith("/log-ind/")


def test_the_page_is_danish_with_danish_amounts(scheduled: Payments) -> None:
    response = client_for(scheduled, "lbf", "da").get(page_url(scheduled))
    page = parse(response)
    assert text(find(page, "h1")) == "LBF's udbetalinger til Plan Beta"
    rows = table_rows(find(page, "table", id="instalments-table"))
    year = scheduled.years[3]
    assert rows[4][1:4] == ["Planlagt", _day(date(year, 1, 1), "da"), "400.000,50 kr."]
    assert rows[4][2] == f"1. januar {year}"


def test_held_back_instalments_say_which_reports_are_late_in_words(scheduled: Payments) -> None:
    pw = scheduled
    year = pw.years[1]
    services.instalment_pay(
        instalment=Instalment.objects.get(plan=pw.plan, year=pw.years[0]),
        user=pw.lbf_user,
        paid_on=date(pw.years[0], 3, 5),
        amount=Decimal("100000"),
    )
    _late(pw, year, "returned")  # a paid instalment stays paid
    page = parse(client_for(pw, "leader").get(page_url(pw)))
    reason = (
        f"Held back while a report is late: the report for {year}, due "
        f"{_day(date(year + 1, 6, 30))}."
    )
    assert text(find(page, id="instalments-held-back")) == f"Held back: {reason}"
    rows = table_rows(find(page, "table", id="instalments-table"))
    assert [row[1] for row in rows[1:]] == ["Paid", "Held back", "Held back", "Held back"]
    assert rows[1][4:6] == [_day(date(pw.years[0], 3, 5)), "100,000.00 kr."]
    assert rows[2][6] == reason
    assert definitions_of(page) == [
        ("Planned, not yet paid", "0.00 kr."),
        ("Held back", "900,000.50 kr."),
        ("Paid", "100,000.00 kr."),
    ]


def definitions_of(page: Any) -> list[tuple[str, str]]:
    return definitions(find(page, "dl", id="instalments-totals"))


def test_lbf_is_offered_the_decisions_and_a_leader_is_not(scheduled: Payments) -> None:
    pw = scheduled
    _late(pw, pw.years[0])
    lbf = parse(client_for(pw, "lbf").get(page_url(pw)))
    links = [text(a) for a in find_all(find(lbf, "table", id="instalments-table"), "a")]
    # held back: no payment offered, only a change of plan
    assert links == [f"Change the plan for {year}" for year in pw.years]
    _late(pw, pw.years[0], "approved")
    lbf = parse(client_for(pw, "lbf").get(page_url(pw)))
    assert f"Record the payment for {pw.years[0]}" in text(lbf)
    assert "Plan the instalments from the approved budget" in text(lbf)
    leader = text(parse(client_for(pw, "leader").get(page_url(pw))))
    assert "Record the payment" not in leader
    assert "Plan the instalments from the approved budget" not in leader


# Planning ---------------------------------------------------------------------------------------


def test_lbf_plans_the_instalments_from_the_page(pw: Payments) -> None:
    client = client_for(pw, "lbf")
    assert client.get(page_url(pw, "planlaeg/")).status_code == 200
    response = client.post(page_url(pw, "planlaeg/"), follow=True)
    assert response.redirect_chain == [(page_url(pw), 302)]
    assert (
        "The instalments were planned from the approved budget: 4 new, 0 changed, 0 removed; "
        "paid instalments are kept as paid."
    ) in text(parse(response))
    assert Instalment.objects.filter(plan=pw.plan).count() == 4


@pytest.mark.parametrize("role", ["leader", "housing_user"])
def test_others_may_not_plan_or_pay(scheduled: Payments, role) -> None:
    client = client_for(scheduled, role)
    year = scheduled.years[0]
    with nothing_written(Instalment):
        for tail in ("planlaeg/", f"{year}/betal/", f"{year}/ret/"):
            assert client.get(page_url(scheduled, tail)).status_code == 403
            assert client.post(page_url(scheduled, tail), {}).status_code == 403


def test_planning_without_an_approved_budget_says_why(pw: Payments) -> None:
    pw.budget.state = "draft"
    pw.budget.approved_on = None
    pw.budget.save()
    with nothing_written(Instalment):
        response = client_for(pw, "lbf").post(page_url(pw, "planlaeg/"))
    assert response.status_code == 200
    assert "Plan Beta has no approved budget, so its instalments cannot be planned" in text(
        parse(response)
    )


# Paying -----------------------------------------------------------------------------------------


def _pay_form(pw: Payments, year: int, **data: str) -> dict[str, str]:
    instalment = Instalment.objects.get(plan=pw.plan, year=year)
    values = {
        "version": sign_values(version_values(instalment)),
        "paid_on": timezone.localdate().isoformat(),
        "amount": "1.234,50",
        "note": "",
    }
    values.update(data)
    return values


def test_lbf_records_a_payment_typed_in_danish(scheduled: Payments) -> None:
    pw = scheduled
    year = pw.years[3]
    client = client_for(pw, "lbf")
    form = parse(client.get(page_url(pw, f"{year}/betal/")))
    assert find(form, "input", name="amount").attrs["value"] == "400.000,50"
    response = client.post(page_url(pw, f"{year}/betal/"), _pay_form(pw, year))
    assert response.status_code == 302
    paid = Instalment.objects.get(plan=pw.plan, year=year)
    assert (paid.paid_on, paid.paid_amount, paid.recorded_by) == (
        timezone.localdate(),
        Decimal("1234.50"),
        pw.lbf_user,
    )
    page = parse(client.get(page_url(pw)))
    history = text(find(page, "ol", id="history-list"))
    assert f"Instalment {year}: changed" in history
    assert "Amount paid (kr.): – →changed to 1,234.50 kr." in history


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("1234.50", "1234.50"), ("1.234.567", "1234567.00"), ("0,01", "0.01"), ("12 kr.", "12.00")],
)
def test_amounts_as_they_are_typed(scheduled: Payments, amount, expected) -> None:
    year = scheduled.years[3]
    response = client_for(scheduled, "lbf").post(
        page_url(scheduled, f"{year}/betal/"), _pay_form(scheduled, year, amount=amount)
    )
    assert response.status_code == 302
    assert Instalment.objects.get(plan=scheduled.plan, year=year).paid_amount == Decimal(expected)


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("tolv", "“tolv” is not an amount; write it like 1.234.567,50 or 1234567.50."),
        (
            "1,500",
            "“1,500” can be read as 1,50 kr. or 1.500,00 kr.; write the øre after a decimal "
            "comma (e.g. 1.500,00), or leave out the thousands' dot.",
        ),
        ("0", "The amount must be more than 0 kr."),
        ("999.999.999,995", "An amount has at most two decimals (øre)."),
    ],
)
def test_a_bad_amount_is_an_error_on_its_field(scheduled: Payments, amount, message) -> None:
    year = scheduled.years[3]
    with nothing_written(Instalment):
        response = client_for(scheduled, "lbf").post(
            page_url(scheduled, f"{year}/betal/"), _pay_form(scheduled, year, amount=amount)
        )
    assert response.status_code == 200
    assert text(find(parse(response), id="id_amount-error")) == f"Error: {message}"


def test_a_held_back_payment_is_refused_on_the_form_with_the_reason(scheduled: Payments) -> None:
    pw = scheduled
    late_year, year = pw.years[2], pw.years[3]
    _late(pw, late_year)
    client = client_for(pw, "lbf")
    reason = (
        f"Held back while a report is late: the report for {late_year}, due "
        f"{_day(date(late_year + 1, 6, 30))}."
    )
    assert reason in text(parse(client.get(page_url(pw, f"{year}/betal/"))))
    with nothing_written(Instalment):
        response = client.post(page_url(pw, f"{year}/betal/"), _pay_form(pw, year))
    assert response.status_code == 200
    assert (
        f"The instalment for {year} cannot be paid: {reason} It is released when LBF has "
        "approved the late reports."
    ) in text(parse(response))


def test_a_stale_payment_shows_the_conflict(scheduled: Payments) -> None:
    pw = scheduled
    year = pw.years[3]
    form = _pay_form(pw, year)
    services.instalment_plan_edit(
        instalment=Instalment.objects.get(plan=pw.plan, year=year),
        user=pw.user("admin"),
        planned_on=date(year, 5, 1),
        planned_amount=Decimal("7"),
    )
    with nothing_written(Instalment):
        response = client_for(pw, "lbf").post(page_url(pw, f"{year}/betal/"), form)
    assert response.status_code == 200
    summary = text(find(parse(response), id="error-summary"))
    assert summary.startswith(
        "There is a problem Someone else saved changes after you opened this form, so your "
        "changes were not saved."
    ), summary


def test_a_missing_year_is_404(scheduled: Payments) -> None:
    client = client_for(scheduled, "lbf")
    for year in (1999, 2100, 99999999999999999999):
        assert client.get(page_url(scheduled, f"{year}/betal/")).status_code == 404


def test_lbf_changes_the_plan_of_an_unpaid_instalment(scheduled: Payments) -> None:
    pw = scheduled
    year = pw.years[3]
    instalment = Instalment.objects.get(plan=pw.plan, year=year)
    response = client_for(pw, "lbf").post(
        page_url(pw, f"{year}/ret/"),
        {
            "version": sign_values(version_values(instalment)),
            "planned_on": f"{year}-02-01",
            "planned_amount": "350.000,00",
            "note": "Aftalt med LBF",
        },
    )
    assert response.status_code == 302
    instalment.refresh_from_db()
    assert (instalment.planned_on, instalment.planned_amount, instalment.note) == (
        date(year, 2, 1),
        Decimal("350000.00"),
        "Aftalt med LBF",
    )


# The overview -----------------------------------------------------------------------------------


def test_the_overview_lists_held_back_first_with_totals_per_year(scheduled: Payments) -> None:
    pw = scheduled
    other = pw.world.plan_pub
    other.start_date, other.end_date = pw.plan.start_date, pw.plan.end_date
    other.save()
    budget = BudgetVersion.objects.create(
        plan=other, number=1, kind="original", state="approved", approved_on=other.start_date
    )
    add_lines(budget, {pw.years[3]: "10.00"})
    for year in pw.years[:3]:
        stored_report(other, year, "approved")
    services.instalments_schedule(plan=other, user=pw.lbf_user)
    _late(pw, pw.years[0])
    page = parse(client_for(pw, "admin").get("/intern/udbetalinger/"))
    held = table_rows(find(page, "table", id="held-back"))
    assert [row[:3] for row in held[1:]] == [
        ["Plan Beta", str(y), amount]
        for y, amount in zip(
            pw.years,
            ["100,000.00 kr.", "200,000.00 kr.", "300,000.00 kr.", "400,000.50 kr."],
            strict=True,
        )
    ]
    totals = table_rows(find(page, "table", id="instalment-totals"))
    assert totals[-1] == ["Total", "10.00 kr.", "1,000,000.50 kr.", "0.00 kr."]
    plans = table_rows(find(page, "table", id="instalment-plans"))
    assert [row[0] for row in plans[1:]] == ["Plan Beta", "Plan Alfa"]  # held back first
    # another plan's leader reads only the plans they may read: not Plan Beta
    other_leader = parse(client_for(pw, "other_leader").get("/intern/udbetalinger/"))
    plans = table_rows(find(other_leader, "table", id="instalment-plans"))
    assert [row[0] for row in plans[1:]] == ["Plan Alfa"]
    assert "Plan Beta" not in text(other_leader)


def _plans_with_instalments(pw: Payments, count: int) -> None:
    for n in range(count):
        plan = f.PlanFactory(
            name=f"Ekstra {n}", start_date=pw.plan.start_date, end_date=pw.plan.end_date
        )
        for year in pw.years:
            Instalment.objects.create(
                plan=plan, year=year, planned_on=date(year, 1, 1), planned_amount=Decimal("1")
            )


@pytest.mark.parametrize("extra", [1, 6])
def test_the_overviews_query_count_does_not_grow_with_plans(scheduled: Payments, extra) -> None:
    _plans_with_instalments(scheduled, extra)
    client = client_for(scheduled, "admin")
    client.get("/intern/udbetalinger/")  # the session and the user, once
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/intern/udbetalinger/")
    assert response.status_code == 200
    # session, user, role assignments, instalments with their plans, the late reports' plans
    # and stored reports, the site profile
    assert len(queries) == 7, "\n".join(q["sql"][:70] for q in queries.captured_queries)
