"""The report's form pages: the plan's editors write a year's report (its first write opens
it), bad input and stale saves are shown on the form with nothing written, a submission says
what is missing, only the LBF capacities record LBF's decision (403 and nothing written
otherwise), and a returned report is edited and submitted again."""

from __future__ import annotations

import html
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from tests.kit import find, make_world, nothing_written, parse, text
from tests.reporting.helpers import Reporting, make_reporting

from boligsocial.core.concurrency import sign_values, version_values
from boligsocial.reporting import services
from boligsocial.reporting.models import AccountLine, GoalResult, Milestone, YearlyReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(db: Any, settings: Any) -> Reporting:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return make_reporting(make_world())


def client_for(rw: Reporting, role: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["django_language"] = "en"
    if role != "anonymous":
        client.force_login(rw.user(role))
    return client


def year_url(rw: Reporting, rest: str = "") -> str:
    return f"/intern/planer/{rw.plan.slug}/regnskab/{rw.last_year}/{rest}"


def page_text(response: Any) -> str:
    return html.unescape(response.content.decode())


def _version(report: YearlyReport) -> str:
    report.refresh_from_db()
    return sign_values(version_values(report))


def test_the_first_write_opens_the_report(rw: Reporting) -> None:
    client = client_for(rw, "leader")
    assert client.get(year_url(rw, "konto/ny/")).status_code == 200
    assert not YearlyReport.objects.exists()  # reading a form writes nothing
    response = client.post(
        year_url(rw, "konto/ny/"), {"line_key": rw.line.key, "amount": "1.234,50"}
    )  # an amount is read in Danish, or with a decimal point, whatever the page's language
    assert response.status_code == 302
    assert response["Location"] == year_url(rw)
    line = AccountLine.objects.get()
    assert (line.text, line.amount, line.report.status) == ("Lektiecafé", Decimal("1234.50"), "due")


def test_danish_amounts_in_the_danish_form(rw: Reporting) -> None:
    client = client_for(rw, "leader")
    client.cookies["django_language"] = "da"
    response = client.post(
        year_url(rw, "tal/"), {"lbf_received": "1.234,50", "local_received": "0"}
    )
    assert response.status_code == 302
    assert YearlyReport.objects.get().lbf_received == Decimal("1234.50")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"lbf_received": "-1", "local_received": "0"}, "cannot be negative"),
        ({"lbf_received": "1000000000", "local_received": "0"}, "The largest amount is"),
        ({"lbf_received": "12abc", "local_received": "0"}, "“12abc” is not an amount"),
        ({"lbf_received": "1,5", "local_received": "0", "opening_balance": "x"}, "not an amount"),
    ],
)
def test_bad_figures_are_shown_and_nothing_written(rw: Reporting, data: dict, message: str) -> None:
    client = client_for(rw, "leader")
    with nothing_written():
        response = client.post(year_url(rw, "tal/"), data)
    assert response.status_code == 200
    assert message in page_text(response)


def test_amount_beyond_the_largest_is_refused(rw: Reporting) -> None:
    client = client_for(rw, "leader")
    with nothing_written():
        response = client.post(
            year_url(rw, "tal/"), {"lbf_received": "999999999.999", "local_received": "0"}
        )
    assert response.status_code == 200
    with nothing_written():
        response = client.post(
            year_url(rw, "konto/ny/"),
            {"category": rw.category.pk, "text": "x", "amount": "1000000000.00"},
        )
    assert "The largest amount is 999.999.999,99 kr." in page_text(response)


@pytest.mark.parametrize("role", ["housing_user", "lbf"])
def test_readers_who_may_not_edit_get_403(rw: Reporting, role: str) -> None:
    client = client_for(rw, role)
    with nothing_written():
        for rest in ("tal/", "konto/ny/", "maal/ny/", "milepaele/ny/", "indsend/"):
            assert client.post(year_url(rw, rest), {"amount": "1"}).status_code == 403


@pytest.mark.parametrize("role", ["other_leader", "municipality_user"])
def test_non_readers_get_404(rw: Reporting, role: str) -> None:
    with nothing_written():
        assert client_for(rw, role).post(year_url(rw, "tal/"), {}).status_code == 404
        assert client_for(rw, role).get(year_url(rw, "godkend/")).status_code in (403, 404)


def test_a_stale_save_is_refused_with_the_conflict(rw: Reporting) -> None:
    report = services.report_open(plan=rw.plan, year=rw.last_year, user=rw.user("leader"))
    seen = _version(report)
    # someone else adds a line meanwhile
    services.account_line_save(
        report=report, data={"line_key": rw.line.key, "amount": Decimal("5")}, user=rw.user("admin")
    )
    with nothing_written():
        response = client_for(rw, "leader").post(
            year_url(rw, "tal/"),
            {"lbf_received": "10", "local_received": "0", "version": seen},
        )
    assert response.status_code == 200
    assert "Someone else changed this report" in page_text(response)
    # the form now carries the current version: saving again works
    fresh = find(parse(response), "input", name="version").attrs["value"]
    again = client_for(rw, "leader").post(
        year_url(rw, "tal/"), {"lbf_received": "10", "local_received": "0", "version": fresh}
    )
    assert again.status_code == 302


def test_edit_and_delete_lines(rw: Reporting) -> None:
    leader = rw.user("leader")
    report = services.report_open(plan=rw.plan, year=rw.last_year, user=leader)
    line = services.account_line_save(
        report=report, data={"line_key": rw.line.key, "amount": Decimal("5")}, user=leader
    )
    client = client_for(rw, "leader")
    form = parse(client.get(year_url(rw, f"konto/{line.pk}/")))
    version = find(form, "input", name="version").attrs["value"]
    response = client.post(
        year_url(rw, f"konto/{line.pk}/"),
        {"line_key": rw.line.key, "category": rw.category.pk, "focus_area": rw.focus.pk,
         "text": "Lektiecafé og lektiehjælp", "amount": "7.25", "version": version},
    )  # fmt: skip
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.text, line.amount) == ("Lektiecafé og lektiehjælp", Decimal("7.25"))
    confirm = client.get(year_url(rw, f"konto/{line.pk}/slet/"))
    assert "Delete the account line “Lektiecafé og lektiehjælp”?" in page_text(confirm)
    version = find(parse(confirm), "input", name="version").attrs["value"]
    assert (
        client.post(year_url(rw, f"konto/{line.pk}/slet/"), {"version": version}).status_code == 302
    )
    assert not AccountLine.objects.exists()
    assert client.get(year_url(rw, f"konto/{line.pk}/slet/")).status_code == 404
    assert client.get(year_url(rw, "nope/1/slet/")).status_code == 404


def _fill(rw: Reporting, client: Client) -> None:
    assert (
        client.post(
            year_url(rw, "konto/ny/"), {"line_key": rw.line.key, "amount": "90"}
        ).status_code
        == 302
    )
    goal = {"focus_area": rw.focus.pk, "goal": "Flere i uddannelse", "indicator": "Andel",
            "baseline": "61 %", "target": "70 %", "result": "66 %"}  # fmt: skip
    assert client.post(year_url(rw, "maal/ny/"), goal).status_code == 302
    milestone = {"due_on": f"{rw.last_year + 1}-06-01", "text": "Ny lektiecafé"}
    assert client.post(year_url(rw, "milepaele/ny/"), milestone).status_code == 302


def test_submission_says_what_is_missing_then_submits(rw: Reporting) -> None:
    client = client_for(rw, "leader")
    client.post(year_url(rw, "konto/ny/"), {"line_key": rw.line.key, "amount": "90"})
    with nothing_written():
        response = client.post(year_url(rw, "indsend/"), {})
    assert response.status_code == 200
    assert (
        f"It lacks the goals: no result of a goal in {rw.last_year}; the milestone plan: no "
        f"milestone for {rw.last_year + 1}." in page_text(response)
    )
    _fill(rw, client)
    assert client.post(year_url(rw, "indsend/"), {}).status_code == 302
    report = YearlyReport.objects.get()
    assert (report.status, report.submitted_on) == ("submitted", timezone.localdate())
    # no more changes
    with nothing_written():
        refused = client.post(year_url(rw, "maal/ny/"), {"focus_area": rw.focus.pk, "goal": "x",
                              "indicator": "y", "target": "z", "result": "r"})  # fmt: skip
    assert "was submitted to LBF and no longer changes" in page_text(refused)
    assert GoalResult.objects.count() == 1
    assert Milestone.objects.count() == 1


def test_lbf_decides_in_its_capacity_only(rw: Reporting) -> None:
    leader = client_for(rw, "leader")
    _fill(rw, leader)
    leader.post(year_url(rw, "indsend/"), {})
    today = timezone.localdate().isoformat()
    for role in ("leader", "housing_user"):
        with nothing_written():
            assert (
                client_for(rw, role)
                .post(year_url(rw, "godkend/"), {"decided_on": today, "decision_capacity": "lbf"})
                .status_code
                == 403
            )
    lbf = client_for(rw, "lbf")
    page = parse(lbf.get(year_url(rw, "returner/")))
    version = find(page, "input", name="version").attrs["value"]
    with nothing_written():
        no_remarks = lbf.post(
            year_url(rw, "returner/"),
            {"decided_on": today, "decision_capacity": "lbf", "version": version},
        )
    assert "This field is required." in page_text(no_remarks)
    with nothing_written():  # the admin's capacity is not the LBF user's
        wrong = lbf.post(
            year_url(rw, "returner/"),
            {
                "decided_on": today,
                "remarks": "x",
                "decision_capacity": "admin_recording_lbf",
                "version": version,
            },
        )
    assert "Select a valid choice" in page_text(wrong)
    returned = lbf.post(year_url(rw, "returner/"), {"decided_on": today, "remarks": "Mangler tal",
                        "decision_capacity": "lbf", "version": version})  # fmt: skip
    assert returned.status_code == 302
    report = YearlyReport.objects.get()
    assert (report.status, report.remarks) == ("returned", "Mangler tal")
    # the leader sees the remarks, changes the report and submits it again
    shown = text(find(parse(leader.get(year_url(rw))), "dl", id="report-facts"))
    assert "LBF's remarks Mangler tal" in shown
    assert (
        leader.post(year_url(rw, "tal/"), {"lbf_received": "5", "local_received": "0"}).status_code
        == 302
    )
    assert leader.post(year_url(rw, "indsend/"), {}).status_code == 302
    admin = client_for(rw, "admin")
    approved = admin.post(year_url(rw, "godkend/"), {"decided_on": today,
                          "decision_capacity": "admin_recording_lbf"})  # fmt: skip
    assert approved.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.decision_capacity) == ("approved", "admin_recording_lbf")


def test_the_decision_needs_a_stored_report(rw: Reporting) -> None:
    assert client_for(rw, "lbf").get(year_url(rw, "godkend/")).status_code == 404


def test_a_milestone_outside_the_coming_year_is_named(rw: Reporting) -> None:
    client = client_for(rw, "leader")
    with nothing_written():  # not even the report its first write would have opened
        response = client.post(
            year_url(rw, "milepaele/ny/"),
            {"due_on": date(rw.last_year, 3, 1).isoformat(), "text": "x"},
        )
    assert f"is in the coming year, {rw.last_year + 1}." in page_text(response)
    assert not Milestone.objects.exists()
