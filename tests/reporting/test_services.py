"""The reports' services: who writes, what changes when, the whole report as one version for
conflicts, what a submission lacks, LBF's decisions in its capacities, the history. Refusals
write nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from boligsocial.core.concurrency import ConflictError, instance_version
from boligsocial.plans.models import PlanStatus
from boligsocial.reporting import services
from boligsocial.reporting.models import AccountLine, GoalResult, Milestone, YearlyReport
from tests.kit import nothing_written
from tests.reporting.helpers import Reporting

pytestmark = pytest.mark.django_db


def _open(rw: Reporting, year: int | None = None) -> YearlyReport:
    return services.report_open(plan=rw.plan, year=year or rw.last_year, user=rw.user("leader"))


def _complete(rw: Reporting) -> YearlyReport:
    report = _open(rw)
    leader = rw.user("leader")
    services.account_line_save(
        report=report, data={"line_key": rw.line.key, "amount": Decimal("90000.00")}, user=leader
    )
    services.goal_result_save(
        report=report,
        data={
            "focus_area": rw.focus,
            "goal": "Flere unge i uddannelse",
            "indicator": "Andel 15-24-årige i uddannelse",
            "baseline": "61 %",
            "target": "70 %",
            "result": "66 %",
        },
        user=leader,
    )
    services.milestone_save(
        report=report,
        data={"due_on": date(rw.last_year + 1, 6, 1), "text": "Ny lektiecafé åbner"},
        user=leader,
    )
    return report


def test_opening_a_report_fixes_its_due_date_once(rw: Reporting) -> None:
    report = _open(rw)
    assert (report.status, report.due_date) == ("due", date(rw.last_year + 1, 6, 30))
    assert _open(rw).pk == report.pk
    assert report.history.get().history_user == rw.user("leader")


@pytest.mark.parametrize("role", ["housing_user", "municipality_user", "other_leader", "lbf"])
def test_only_the_plans_editors_open_and_write(rw: Reporting, role: str) -> None:
    with nothing_written(), pytest.raises(PermissionDenied):
        services.report_open(plan=rw.plan, year=rw.last_year, user=rw.user(role))
    report = _open(rw)
    with nothing_written(), pytest.raises(PermissionDenied):
        services.report_update(report=report, data={"note": "x"}, user=rw.user(role))


def test_the_admin_writes_too(rw: Reporting) -> None:
    report = services.report_open(plan=rw.plan, year=rw.last_year, user=rw.user("admin"))
    services.report_update(report=report, data={"note": "Sekretariatet"}, user=rw.user("admin"))
    assert YearlyReport.objects.get().note == "Sekretariatet"


def test_refused_years_and_plans(rw: Reporting) -> None:
    today = timezone.localdate()
    leader = rw.user("leader")
    with nothing_written(), pytest.raises(ValidationError) as outside:
        services.report_open(plan=rw.plan, year=today.year - 4, user=leader)
    assert outside.value.message_dict == {
        "year": [f"{today.year - 4} is outside the plan's period ({today.year - 3}–{today.year})."]
    }
    rw.plan.end_date = date(today.year + 1, 12, 31)
    rw.plan.save()
    with nothing_written(), pytest.raises(ValidationError) as future:
        services.report_open(plan=rw.plan, year=today.year + 1, user=leader)
    assert future.value.message_dict["year"] == [
        f"The report for {today.year + 1} can be started from 1 January {today.year + 1}."
    ]
    rw.plan.status = PlanStatus.IN_DIALOGUE
    rw.plan.save()
    with nothing_written(), pytest.raises(ValidationError, match="granted, running or ended"):
        services.report_open(plan=rw.plan, year=rw.last_year, user=leader)


def test_amounts_are_checked(rw: Reporting) -> None:
    report = _open(rw)
    leader = rw.user("leader")
    for value, field_message in [
        (Decimal("-0.01"), "greater than or equal to 0"),
        (Decimal("1000000000.00"), "less than or equal to 999999999.99"),
    ]:
        with nothing_written(), pytest.raises(ValidationError) as error:
            services.report_update(report=report, data={"lbf_received": value}, user=leader)
        assert field_message in error.value.message_dict["lbf_received"][0]
    services.report_update(
        report=report,
        data={"lbf_received": Decimal("999999999.99"), "opening_balance": Decimal("-5.00")},
        user=leader,
    )
    report.refresh_from_db()
    assert report.lbf_received == Decimal("999999999.99")
    assert report.opening_balance == Decimal("-5.00")


def test_an_account_line_on_a_budget_line_takes_its_category_and_text(rw: Reporting) -> None:
    report = _open(rw)
    line = services.account_line_save(
        report=report,
        data={"line_key": rw.line.key, "amount": Decimal("1.50")},
        user=rw.user("leader"),
    )
    assert (line.category, line.focus_area, line.text) == (rw.category, rw.focus, "Lektiecafé")
    assert line.history.get().history_user == rw.user("leader")


def test_account_line_problems_name_the_field(rw: Reporting) -> None:
    report = _open(rw)
    leader = rw.user("leader")
    cases = [
        (
            {"line_key": "nope", "amount": Decimal("1")},
            "line_key",
            f"The plan's budget has no line “nope” in {rw.last_year}.",
        ),
        (
            {
                "category": rw.category,
                "text": "x",
                "amount": Decimal("1"),
                "focus_area": rw.other_focus,
            },
            "focus_area",
            "Choose one of the plan's focus areas.",
        ),
        (
            {"category": rw.category, "text": "x", "amount": Decimal("-1")},
            "amount",
            "Ensure this value is greater than or equal to 0.",
        ),
        ({"text": "x", "amount": Decimal("1")}, "category", "This field cannot be null."),
    ]
    for data, name, message in cases:
        with nothing_written(), pytest.raises(ValidationError) as error:
            services.account_line_save(report=report, data=data, user=leader)
        assert error.value.message_dict[name] == [message]
    rw.category.valid_to = date(rw.last_year - 1, 12, 31)
    rw.category.save()
    with nothing_written(), pytest.raises(ValidationError) as ended:
        services.account_line_save(
            report=report, data={"category": rw.category, "text": "x", "amount": 1}, user=leader
        )
    assert ended.value.message_dict["category"] == [
        f"The category Activities is not in use in {rw.last_year}."
    ]


def test_replacing_the_accounts_is_all_or_nothing(rw: Reporting) -> None:
    report = _open(rw)
    leader = rw.user("leader")
    services.account_line_save(
        report=report, data={"line_key": rw.line.key, "amount": Decimal("5")}, user=leader
    )
    rows = [
        {"line_key": rw.line.key, "amount": Decimal("10")},
        {"category": rw.category, "text": "Udflugt", "amount": Decimal("-1")},
        {"line_key": "gone", "amount": Decimal("1")},
    ]
    with nothing_written(), pytest.raises(ValidationError) as error:
        services.account_lines_replace(report=report, rows=rows, user=leader)
    assert [(e.params["row"], e.params["field"]) for e in error.value.error_list] == [
        (1, "amount"),
        (2, "line_key"),
    ]
    lines = services.account_lines_replace(
        report=report,
        rows=[*rows[:1], {"category": rw.category, "text": "Udflugt", "amount": Decimal("3")}],
        user=leader,
    )
    assert [(x.text, x.amount) for x in AccountLine.objects.order_by("position")] == [
        ("Lektiecafé", Decimal("10.00")),
        ("Udflugt", Decimal("3.00")),
    ]
    assert len(lines) == 2


def test_a_milestone_is_in_the_coming_year(rw: Reporting) -> None:
    report = _open(rw)
    with nothing_written(), pytest.raises(ValidationError) as error:
        services.milestone_save(
            report=report,
            data={"due_on": date(rw.last_year, 12, 1), "text": "For sent"},
            user=rw.user("leader"),
        )
    assert error.value.message_dict["due_on"] == [
        f"A milestone of the report for {rw.last_year} is in the coming year, {rw.last_year + 1}."
    ]


def test_every_write_changes_the_reports_version(rw: Reporting) -> None:
    report = _open(rw)
    leader = rw.user("leader")
    seen = instance_version(report)
    line = services.account_line_save(
        report=report,
        data={"line_key": rw.line.key, "amount": Decimal("1")},
        user=leader,
        expected=seen,
    )
    report.refresh_from_db()
    assert instance_version(report) != seen
    # someone who read the report before the line was added cannot write unseen
    with nothing_written(), pytest.raises(ConflictError):
        services.account_line_save(
            report=report, line=line, data={"amount": Decimal("2")}, user=leader, expected=seen
        )
    with nothing_written(), pytest.raises(ConflictError):
        services.goal_result_delete(goal=GoalResult(report=report), user=leader, expected=seen)
    services.account_line_delete(line=line, user=leader, expected=instance_version(report))
    assert not AccountLine.objects.exists()


def test_submission_says_exactly_what_is_missing(rw: Reporting) -> None:
    report = _open(rw)
    leader = rw.user("leader")
    with nothing_written(), pytest.raises(ValidationError) as error:
        services.report_submit(report=report, user=leader)
    year = rw.last_year
    assert error.value.messages == [
        f"The report for {year} cannot be submitted yet. It lacks the accounts: no line of what "
        f"was spent in {year}; the goals: no result of a goal in {year}; the milestone plan: no "
        f"milestone for {year + 1}."
    ]
    report = _complete(rw)
    Milestone.objects.all().delete()
    with nothing_written(), pytest.raises(ValidationError) as one:
        services.report_submit(report=report, user=leader)
    assert one.value.messages == [
        f"The report for {year} cannot be submitted yet. It lacks the milestone plan: no "
        f"milestone for {year + 1}."
    ]


def test_this_years_report_waits_for_the_year_to_end(rw: Reporting) -> None:
    this_year = timezone.localdate().year
    report = _open(rw, this_year)
    with nothing_written(), pytest.raises(ValidationError, match="has not ended"):
        services.report_submit(report=report, user=rw.user("leader"))


def test_submit_then_nothing_changes_until_lbf_returns_it(rw: Reporting) -> None:
    report = _complete(rw)
    leader = rw.user("leader")
    today = timezone.localdate()
    with nothing_written(), pytest.raises(ValidationError, match="after today"):
        services.report_submit(report=report, user=leader, submitted_on=today + timedelta(1))
    services.report_submit(report=report, user=leader)
    assert (report.status, report.submitted_on, report.submitted_by) == (
        "submitted",
        today,
        leader,
    )
    with nothing_written(), pytest.raises(ValidationError) as error:
        services.report_update(report=report, data={"note": "x"}, user=leader)
    assert error.value.messages == [
        f"The report for {rw.last_year} was submitted to LBF and no longer changes, unless LBF "
        "returns it."
    ]
    with nothing_written(), pytest.raises(PermissionDenied):
        services.report_approve(report=report, user=leader, decided_on=today)
    with nothing_written(), pytest.raises(ValidationError) as no_remarks:
        services.report_return(report=report, user=rw.user("lbf"), decided_on=today, remarks=" ")
    assert no_remarks.value.message_dict == {"remarks": ["Say what LBF asks to be changed."]}
    services.report_return(
        report=report, user=rw.user("lbf"), decided_on=today, remarks="Mangler regnskab"
    )
    assert (report.status, report.decision_capacity, report.remarks) == (
        "returned",
        "lbf",
        "Mangler regnskab",
    )
    services.report_update(report=report, data={"note": "Rettet"}, user=leader)
    services.report_submit(report=report, user=leader)
    services.report_approve(
        report=report, user=rw.user("admin"), decided_on=today, capacity="admin_recording_lbf"
    )
    report.refresh_from_db()
    assert (report.status, report.decided_by, report.decision_capacity) == (
        "approved",
        rw.user("admin"),
        "admin_recording_lbf",
    )
    with nothing_written(), pytest.raises(ValidationError, match="never changes"):
        services.goal_result_save(report=report, data={}, user=leader)
    assert [h.status for h in report.history.order_by("history_id")][-4:] == [
        "returned",
        "returned",
        "submitted",
        "approved",
    ]


def test_lbfs_decision_dates_and_capacities(rw: Reporting) -> None:
    report = _complete(rw)
    services.report_submit(report=report, user=rw.user("leader"))
    today = timezone.localdate()
    lbf = rw.user("lbf")
    with nothing_written(), pytest.raises(ValidationError) as later:
        services.report_approve(report=report, user=lbf, decided_on=today + timedelta(1))
    assert list(later.value.message_dict) == ["decided_on"]
    with nothing_written(), pytest.raises(ValidationError) as before:
        services.report_approve(report=report, user=lbf, decided_on=today - timedelta(1))
    assert "before the report was submitted" in before.value.message_dict["decided_on"][0]
    with nothing_written(), pytest.raises(PermissionDenied):
        services.report_approve(
            report=report, user=lbf, decided_on=today, capacity="admin_recording_lbf"
        )
    with nothing_written(), pytest.raises(PermissionDenied):
        services.report_approve(report=report, user=rw.user("housing_user"), decided_on=today)
    services.report_approve(report=report, user=lbf, decided_on=today)
    with nothing_written(), pytest.raises(ValidationError, match="Only a report submitted"):
        services.report_approve(report=report, user=lbf, decided_on=today)
