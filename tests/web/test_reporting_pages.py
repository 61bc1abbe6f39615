"""The report pages that read: a plan's accounts (the reguleringskonto carried forward, budget
against actual, the reports with status, due date and lateness, the history), one year's
report, its PDF, and every report due across the plans the user may read, late first. Who
sees what, and query counts that do not grow with the plans."""

from __future__ import annotations

import html
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests import factories as f
from tests.kit import find, find_all, make_world, parse, table_rows, text
from tests.reporting.helpers import Reporting, make_reporting, stored_report

from boligsocial.reporting import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(db: Any, settings: Any) -> Reporting:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return make_reporting(make_world())


def client_for(rw: Reporting, role: str, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies["django_language"] = language
    if role != "anonymous":
        client.force_login(rw.user(role))
    return client


def accounts_url(rw: Reporting) -> str:
    return f"/intern/planer/{rw.plan.slug}/regnskab/"


def _filled(rw: Reporting) -> Any:
    leader = rw.user("leader")
    report = services.report_open(plan=rw.plan, year=rw.last_year, user=leader)
    services.report_update(
        report=report,
        data={"lbf_received": Decimal("100000.00"), "local_received": Decimal("40000.00")},
        user=leader,
    )
    services.account_line_save(
        report=report, data={"line_key": rw.line.key, "amount": Decimal("90000.50")}, user=leader
    )
    services.account_line_save(
        report=report,
        data={"category": rw.category, "text": "Sommerudflugt", "amount": Decimal("1234.50")},
        user=leader,
    )
    return report


@pytest.mark.parametrize("role", ["admin", "leader", "housing_user", "lbf"])
def test_readers_of_the_plan_see_its_accounts(rw: Reporting, role: str) -> None:
    _filled(rw)
    page = client_for(rw, role).get(accounts_url(rw))
    assert page.status_code == 200
    tree = parse(page)
    year = rw.last_year
    statement = table_rows(find(tree, "table", id="statement-table"))
    first = rw.plan.start_date.year
    assert statement[1:] == [
        [str(first), "0.00 kr.", "0.00 kr.", "0.00 kr.", "0.00 kr.", "0.00 kr."],
        [str(first + 1), "0.00 kr.", "0.00 kr.", "0.00 kr.", "0.00 kr.", "0.00 kr."],
        [str(year), "0.00 kr.", "100,000.00 kr.", "40,000.00 kr.", "91,235.00 kr.",
         "48,765.00 kr."],
        [str(year + 1), "48,765.00 kr.", "0.00 kr.", "0.00 kr.", "0.00 kr.", "48,765.00 kr."],
    ]  # fmt: skip
    reports = table_rows(find(tree, "table", id="reports-table"))
    assert reports[1] == [f"Report {first}", "Due", "30 June " + str(first + 1), "Late", "–", "–"]
    assert reports[4][1:4] == ["Not due yet", f"30 June {year + 2}", "No"]


def test_the_accounts_page_is_danish_by_default(rw: Reporting) -> None:
    _filled(rw)
    page = client_for(rw, "leader", "da").get(accounts_url(rw))
    rows = table_rows(find(parse(page), "table", id="statement-table"))
    assert rows[3][2:] == ["100.000,00 kr.", "40.000,00 kr.", "91.235,00 kr.", "48.765,00 kr."]


@pytest.mark.parametrize("role", ["other_leader", "municipality_user"])
def test_others_get_404_and_anonymous_the_login(rw: Reporting, role: str) -> None:
    assert client_for(rw, role).get(accounts_url(rw)).status_code == 404
    assert client_for(rw, role).get(f"{accounts_url(rw)}{rw.last_year}/").status_code == 404
    anonymous = client_for(rw, "anonymous").get(accounts_url(rw))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/log-ind/")


def test_budget_against_actual_per_line(rw: Reporting) -> None:
    _filled(rw)
    tree = parse(client_for(rw, "leader").get(accounts_url(rw)))
    caption = f"compare-{rw.last_year}-caption"
    region = find(tree, "div", aria_labelledby=caption)
    rows = table_rows(find(region, "table"))
    assert rows[1:] == [
        ["Lektiecafé", "Activities", rw.focus.name_en, "Landsbyggefonden (LBF)", "100,000.00 kr.",
         "90,000.50 kr.", "-9,999.50 kr."],
        ["Lektiecafé", "Activities", rw.focus.name_en, "Municipality", "40,000.00 kr.", "0.00 kr.",
         "-40,000.00 kr."],
        ["Not on a line of the budget", "–", "–", "–", "0.00 kr.", "1,234.50 kr.",
         "1,234.50 kr."],
        ["In all", "140,000.00 kr.", "91,235.00 kr.", "-48,765.00 kr."],
    ]  # fmt: skip


def test_the_history_shows_every_change_of_money(rw: Reporting) -> None:
    report = _filled(rw)
    services.report_update(
        report=report, data={"lbf_received": Decimal("99999.99")}, user=rw.user("leader")
    )
    tree = parse(client_for(rw, "leader").get(accounts_url(rw)))
    entries = find_all(find(tree, "ol", id="history-list"), "li", class_="bs-history-entry")
    newest = text(entries[0])
    assert newest.startswith(f"Report {rw.last_year}: changed by ")
    assert "100,000.00 kr. →changed to 99,999.99 kr." in newest
    assert len(entries) == 5  # the report made, its figures, two lines, the change


def test_the_years_report_page(rw: Reporting) -> None:
    _filled(rw)
    page = client_for(rw, "leader").get(f"{accounts_url(rw)}{rw.last_year}/")
    assert page.status_code == 200
    tree = parse(page)
    missing = text(find(tree, "section", id="missing"))
    assert f"The goals: no result of a goal in {rw.last_year}" in missing
    assert "accounts" not in missing
    lines = table_rows(find(tree, "table", id="account-lines-table"))
    assert lines[1][:5] == ["Lektiecafé", "Activities", rw.focus.name_en, "Yes", "90,000.50 kr."]
    actions = text(find(tree, "ul", id="report-actions"))
    assert "Submit to LBF" in actions
    assert "Record LBF's approval" not in actions


def test_a_reader_who_may_not_edit_sees_no_edit_links(rw: Reporting) -> None:
    _filled(rw)
    page = client_for(rw, "housing_user").get(f"{accounts_url(rw)}{rw.last_year}/")
    tree = parse(page)
    assert not [a for a in find_all(tree, "a") if "/konto/" in (a.attrs.get("href") or "")]
    assert "Submit to LBF" not in text(find(tree, "ul", id="report-actions"))


def test_a_year_outside_the_period_is_404(rw: Reporting) -> None:
    client = client_for(rw, "leader")
    assert client.get(f"{accounts_url(rw)}{rw.plan.start_date.year - 1}/").status_code == 404
    assert client.get(f"{accounts_url(rw)}1/rapport.pdf").status_code == 404


def test_the_pdf(rw: Reporting) -> None:
    report = _filled(rw)
    services.goal_result_save(
        report=report,
        data={"focus_area": rw.focus, "goal": "Flere i uddannelse", "indicator": "Andel",
              "target": "70 %", "result": "66 %"},
        user=rw.user("leader"),
    )  # fmt: skip
    response = client_for(rw, "housing_user").get(f"{accounts_url(rw)}{rw.last_year}/rapport.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF")
    assert f"aarsrapport-{rw.plan.slug}-{rw.last_year}.pdf" in response["Content-Disposition"]


def test_reports_due_across_plans_late_first(rw: Reporting) -> None:
    other = rw.world.plan_pub  # published: every logged-in user reads it
    today = timezone.localdate()
    other.start_date, other.end_date = date(today.year - 2, 1, 1), date(today.year + 1, 12, 31)
    other.save()
    stored_report(other, today.year - 2, "approved")
    # submitted in time (due 30 June), waiting for LBF: not late
    stored_report(other, today.year - 1, "submitted", submitted_on=date(today.year, 6, 30))
    page = client_for(rw, "leader").get("/intern/rapporter/")
    assert page.status_code == 200
    rows = table_rows(find(parse(page), "table", id="reports-due"))
    late = [r for r in rows[1:] if r[4] == "Late"]
    assert [r[0] for r in rows[1 : len(late) + 1]] == [rw.plan.name] * len(late)
    assert [r[:2] for r in rows[1:]][-1] == [other.name, str(today.year - 1)]
    assert [r[0] for r in rows[1:]].count(other.name) == 1  # approved ones not by default
    everything = parse(client_for(rw, "leader").get("/intern/rapporter/?status=all"))
    assert [r[0] for r in table_rows(find(everything, "table", id="reports-due"))[1:]].count(
        other.name
    ) == 2
    only_late = parse(client_for(rw, "leader").get("/intern/rapporter/?status=late"))
    assert {r[4] for r in table_rows(find(only_late, "table", id="reports-due"))[1:]} == {"Late"}
    # the other leader reads the published plan, not the led one
    theirs = parse(client_for(rw, "other_leader").get("/intern/rapporter/?status=all"))
    names = {r[0] for r in table_rows(find(theirs, "table", id="reports-due"))[1:]}
    assert rw.plan.name not in names


def test_a_bad_filter_is_400_with_the_message(rw: Reporting) -> None:
    page = client_for(rw, "leader").get("/intern/rapporter/?status=nope")
    assert page.status_code == 400
    assert "Select a valid choice" in html.unescape(page.content.decode())


# The session, the user, their roles, the plans with their rounds, their reports, the site
# profile (the layout).
PINNED_QUERIES = 6


def test_reports_due_query_count_does_not_grow_with_plans(rw: Reporting) -> None:
    client = client_for(rw, "admin")
    client.get("/intern/rapporter/")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/intern/rapporter/?status=all").status_code == 200
        return len(queries)

    few = count()
    for _ in range(5):
        plan = f.PlanFactory()
        stored_report(plan, plan.start_date.year, "approved")
    assert count() == few == PINNED_QUERIES


def test_the_accounts_and_report_pages_cost_the_same_whatever_the_lines(rw: Reporting) -> None:
    client = client_for(rw, "leader")
    report = _filled(rw)
    client.get(accounts_url(rw))

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    year_url = f"{accounts_url(rw)}{rw.last_year}/"
    few = (count(accounts_url(rw)), count(year_url))
    for n in range(5):
        services.account_line_save(
            report=report,
            data={"category": rw.category, "text": f"Linje {n}", "amount": Decimal("1")},
            user=rw.user("leader"),
        )
    assert (count(accounts_url(rw)), count(year_url)) == few


def test_no_edit_links_for_a_year_that_has_not_begun(rw: Reporting) -> None:
    next_year = timezone.localdate().year + 1
    rw.plan.end_date = date(next_year, 12, 31)
    rw.plan.save()
    tree = parse(client_for(rw, "leader").get(f"{accounts_url(rw)}{next_year}/"))
    assert not [a for a in find_all(tree, "a") if "/ny/" in (a.attrs.get("href") or "")]
    this_year = parse(client_for(rw, "leader").get(f"{accounts_url(rw)}{next_year - 1}/"))
    assert [a for a in find_all(this_year, "a") if "/konto/ny/" in (a.attrs.get("href") or "")]


def _compared_years(tree: Any) -> list[str]:
    return [text(h) for h in find_all(tree, "h3") if (h.attrs.get("id") or "").startswith("year-")]


def test_many_rows_show_budget_against_actual_one_year_at_a_time(
    rw: Reporting, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boligsocial.web.views.reporting import pages

    _filled(rw)
    client = client_for(rw, "leader")
    every = _compared_years(parse(client.get(accounts_url(rw))))
    assert len(every) > 1
    assert find_all(parse(client.get(accounts_url(rw))), "nav", id="accounts-years") == []
    monkeypatch.setattr(pages, "ROWS_ON_ONE_PAGE", 0)
    tree = parse(client.get(accounts_url(rw)))
    today = timezone.localdate().year
    earlier = [y for y in every if int(y) <= today]
    assert _compared_years(tree) == [earlier[-1] if earlier else every[0]]
    links = find_all(find(tree, "nav", id="accounts-years"), "a")
    assert [text(a) for a in links] == every
    assert [text(a) for a in links if a.attrs.get("aria-current") == "page"] == _compared_years(
        tree
    )
    assert links[0].attrs["href"] == f"?aar={every[0]}#budget-actual"
    # The reguleringskonto still covers every year.
    assert len(table_rows(find(tree, "table", id="statement-table"))) == len(every) + 1
    tree = parse(client.get(accounts_url(rw), {"aar": str(rw.last_year)}))
    assert _compared_years(tree) == [str(rw.last_year)]
    assert _compared_years(parse(client.get(accounts_url(rw), {"aar": "1900"}))) != every
