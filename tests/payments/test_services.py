"""The services of LBF's instalments (decision 0030): planning from the approved budget,
re-planning that keeps paid instalments, paying (LBF's capacities only, refused while held
back with the late reports named, the amount's boundaries, conflicts) and changing the plan of
an unpaid instalment. A refusal writes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from boligsocial.budgets.models import BudgetVersion
from boligsocial.core.concurrency import ConflictError, instance_version
from boligsocial.payments import rules, selectors, services
from boligsocial.payments.models import Instalment
from tests.kit import nothing_written
from tests.payments.conftest import Payments, add_lines

pytestmark = pytest.mark.django_db

NOT_LBF = (
    "Only a user acting for LBF, or a secretariat administrator recording LBF's letter, may "
    "plan and record LBF's instalments."
)


def _instalments(pw: Payments) -> list[tuple[int, date, Decimal, date | None, Decimal | None]]:
    return [
        (i.year, i.planned_on, i.planned_amount, i.paid_on, i.paid_amount)
        for i in Instalment.objects.filter(plan=pw.plan).order_by("year")
    ]


def _messages(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}


def _late(pw: Payments, year: int, status: str = "due") -> None:
    report = pw.report(year)
    report.status = status
    report.save()


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


# Planning -------------------------------------------------------------------------------------


def test_schedule_plans_one_instalment_a_year_from_the_lbf_amounts(pw: Payments) -> None:
    first = pw.first_year
    change = services.instalments_schedule(plan=pw.plan, user=pw.lbf_user)
    assert [p.year for p in change.create] == pw.years
    assert _instalments(pw) == [
        (first, date(first, 3, 1), Decimal("100000.00"), None, None),  # the plan's start
        (first + 1, date(first + 1, 1, 1), Decimal("200000.00"), None, None),
        (first + 2, date(first + 2, 1, 1), Decimal("300000.00"), None, None),
        (first + 3, date(first + 3, 1, 1), Decimal("400000.50"), None, None),
    ]
    # each creation is in the history, with who made it
    rows = Instalment.history.filter(plan_id=pw.plan.pk)
    assert rows.count() == 4
    assert {r.history_user_id for r in rows} == {pw.lbf_user.pk}


@pytest.mark.parametrize("role", ["admin", "lbf"])
def test_lbf_and_an_administrator_recording_lbfs_letter_may_plan(pw: Payments, role) -> None:
    services.instalments_schedule(plan=pw.plan, user=pw.user(role))
    assert len(_instalments(pw)) == 4


@pytest.mark.parametrize("role", ["leader", "other_leader", "housing_user", "municipality_user"])
def test_nobody_else_may_plan(pw: Payments, role) -> None:
    with nothing_written(Instalment), pytest.raises(PermissionDenied) as refused:
        services.instalments_schedule(plan=pw.plan, user=pw.user(role))
    assert str(refused.value) == NOT_LBF


def test_schedule_is_refused_without_an_approved_budget(pw: Payments) -> None:
    pw.budget.state = "draft"
    pw.budget.approved_on = None
    pw.budget.save()
    with nothing_written(Instalment), pytest.raises(ValidationError) as refused:
        services.instalments_schedule(plan=pw.plan, user=pw.lbf_user)
    assert refused.value.messages == [
        "Plan Beta has no approved budget, so its instalments cannot be planned: they follow "
        "the budget LBF granted (and its approved revisions)."
    ]
    BudgetVersion.objects.filter(plan=pw.plan).delete()
    with nothing_written(Instalment), pytest.raises(ValidationError):
        services.instalments_schedule(plan=pw.plan, user=pw.lbf_user)


def test_replanning_keeps_paid_instalments_and_follows_the_approved_revision(
    pw: Payments,
) -> None:
    first = pw.first_year
    services.instalments_schedule(plan=pw.plan, user=pw.lbf_user)
    paid = Instalment.objects.get(plan=pw.plan, year=first)
    services.instalment_pay(
        instalment=paid, user=pw.lbf_user, paid_on=date(first, 3, 10), amount=Decimal("99000")
    )
    edited = Instalment.objects.get(plan=pw.plan, year=first + 1)
    services.instalment_plan_edit(
        instalment=edited,
        user=pw.lbf_user,
        planned_on=date(first + 1, 2, 1),
        planned_amount=Decimal("1.00"),
    )
    # An omplacering approved by the board: other LBF amounts, none in the last year.
    revision = BudgetVersion.objects.create(
        plan=pw.plan, number=2, kind="revision", state="approved", approved_on=date(first, 6, 1)
    )
    add_lines(
        revision,
        {first: "150000.00", first + 1: "250000.00", first + 2: "300000.00"},
    )
    change = services.instalments_schedule(plan=pw.plan, user=pw.lbf_user)
    assert (change.kept_paid, change.remove, change.unchanged) == (
        (first,),
        (first + 3,),
        (first + 2,),
    )
    assert [u.year for u in change.update] == [first + 1]
    assert _instalments(pw) == [
        (first, date(first, 3, 1), Decimal("100000.00"), date(first, 3, 10), Decimal("99000.00")),
        (first + 1, date(first + 1, 1, 1), Decimal("250000.00"), None, None),
        (first + 2, date(first + 2, 1, 1), Decimal("300000.00"), None, None),
    ]
    # the removed instalment's deletion is in the history
    assert Instalment.history.filter(year=first + 3, history_type="-").count() == 1


# Paying ---------------------------------------------------------------------------------------


@pytest.fixture
def scheduled(pw: Payments) -> Payments:
    services.instalments_schedule(plan=pw.plan, user=pw.lbf_user)
    return pw


def _last(pw: Payments) -> Instalment:
    return Instalment.objects.get(plan=pw.plan, year=pw.years[-1])


def test_paying_records_date_amount_note_and_who(scheduled: Payments) -> None:
    pw = scheduled
    today = timezone.localdate()
    paid = services.instalment_pay(
        instalment=_last(pw),
        user=pw.lbf_user,
        paid_on=today,
        amount=Decimal("400000.00"),
        note="Udbetalt efter godkendt rapport",
    )
    fresh = _last(pw)
    assert (fresh.paid_on, fresh.paid_amount, fresh.note, fresh.recorded_by) == (
        today,
        Decimal("400000.00"),
        "Udbetalt efter godkendt rapport",
        pw.lbf_user,
    )
    assert paid.pk == fresh.pk
    assert fresh.planned_amount == Decimal("400000.50")  # the plan is kept beside the payment
    change = Instalment.history.filter(id=fresh.pk).order_by("history_date").last()
    assert (change.history_type, change.history_user_id) == ("~", pw.lbf_user.pk)


@pytest.mark.parametrize("role", ["leader", "housing_user", "municipality_user"])
def test_nobody_but_lbf_pays(scheduled: Payments, role) -> None:
    with nothing_written(Instalment), pytest.raises(PermissionDenied):
        services.instalment_pay(
            instalment=_last(scheduled),
            user=scheduled.user(role),
            paid_on=timezone.localdate(),
            amount=Decimal("1"),
        )


def test_paying_is_refused_while_any_report_is_late_naming_each(scheduled: Payments) -> None:
    pw = scheduled
    y1, y2 = pw.years[0], pw.years[1]
    _late(pw, y1, "returned")
    _late(pw, y2, "due")
    with nothing_written(Instalment), pytest.raises(ValidationError) as refused:
        services.instalment_pay(
            instalment=_last(pw),
            user=pw.lbf_user,
            paid_on=timezone.localdate(),
            amount=Decimal("1.00"),
        )
    assert refused.value.code == "held_back"
    assert refused.value.messages == [
        f"The instalment for {pw.years[-1]} cannot be paid: Held back while reports are late: "
        f"the report for {y1}, due {_day(date(y1 + 1, 6, 30))}; the report for {y2}, due "
        f"{_day(date(y2 + 1, 6, 30))}. It is released when LBF has approved the late reports."
    ]


def test_a_payment_recorded_afterwards_is_judged_on_its_own_date(scheduled: Payments) -> None:
    """The report for y1 is late since 1 July y1+1: a payment LBF made on 30 June y1+1 (the
    report's last day) is recorded; the same payment dated a day later is refused."""
    pw = scheduled
    y1 = pw.years[0]
    _late(pw, y1, "due")
    with nothing_written(Instalment), pytest.raises(ValidationError) as refused:
        services.instalment_pay(
            instalment=_last(pw), user=pw.lbf_user, paid_on=date(y1 + 1, 7, 1), amount=Decimal(1)
        )
    assert refused.value.code == "held_back"
    paid = services.instalment_pay(
        instalment=_last(pw), user=pw.lbf_user, paid_on=date(y1 + 1, 6, 30), amount=Decimal(1)
    )
    assert paid.paid_on == date(y1 + 1, 6, 30)


def test_released_when_the_late_report_is_approved(scheduled: Payments) -> None:
    pw = scheduled
    _late(pw, pw.years[2], "due")
    with nothing_written(Instalment):  # the state is derived, never stored
        row = selectors.plan_instalments(pw.plan, timezone.localdate()).rows[-1]
        assert row.state.state == rules.HELD_BACK
        _late(pw, pw.years[2], "approved")
        row = selectors.plan_instalments(pw.plan, timezone.localdate()).rows[-1]
        assert row.state.state == rules.PLANNED
    services.instalment_pay(
        instalment=_last(pw), user=pw.lbf_user, paid_on=timezone.localdate(), amount=Decimal("5")
    )
    assert _last(pw).paid_amount == Decimal("5.00")


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0", "The amount must be more than 0 kr."),
        ("-0.01", "The amount must be more than 0 kr."),
        ("1000000000.00", "The amount can be at most 999,999,999.99 kr."),
        ("1.005", "The amount is in kroner with at most two decimals (øre)."),
    ],
)
def test_a_bad_amount_is_refused_on_its_field(scheduled: Payments, amount, message) -> None:
    with nothing_written(Instalment), pytest.raises(ValidationError) as refused:
        services.instalment_pay(
            instalment=_last(scheduled),
            user=scheduled.lbf_user,
            paid_on=timezone.localdate(),
            amount=Decimal(amount),
        )
    assert _messages(refused.value) == {"amount": [message]}


@pytest.mark.parametrize("amount", ["0.01", "999999999.99"])
def test_the_boundary_amounts_are_paid(scheduled: Payments, amount) -> None:
    services.instalment_pay(
        instalment=_last(scheduled),
        user=scheduled.lbf_user,
        paid_on=timezone.localdate(),
        amount=Decimal(amount),
    )
    assert _last(scheduled).paid_amount == Decimal(amount)


def test_a_payment_dated_after_today_is_refused(scheduled: Payments) -> None:
    tomorrow = timezone.localdate() + timedelta(days=1)
    with nothing_written(Instalment), pytest.raises(ValidationError) as refused:
        services.instalment_pay(
            instalment=_last(scheduled),
            user=scheduled.lbf_user,
            paid_on=tomorrow,
            amount=Decimal("1"),
        )
    assert _messages(refused.value) == {
        "paid_on": [f"A payment cannot be dated after today ({_day(timezone.localdate())})."]
    }


def test_an_instalment_is_paid_once(scheduled: Payments) -> None:
    pw = scheduled
    today = timezone.localdate()
    services.instalment_pay(
        instalment=_last(pw), user=pw.lbf_user, paid_on=today, amount=Decimal("1234.5")
    )
    with nothing_written(Instalment), pytest.raises(ValidationError) as refused:
        services.instalment_pay(
            instalment=_last(pw), user=pw.lbf_user, paid_on=today, amount=Decimal("1")
        )
    assert refused.value.messages == [
        f"The instalment for {pw.years[-1]} was paid on {_day(today)} (1,234.50 kr.); a paid "
        "instalment does not change."
    ]


def test_a_payment_on_a_version_changed_meanwhile_is_a_conflict(scheduled: Payments) -> None:
    pw = scheduled
    seen = _last(pw)
    token = instance_version(seen)
    services.instalment_plan_edit(
        instalment=_last(pw),
        user=pw.user("admin"),
        planned_on=date(pw.years[-1], 2, 1),
        planned_amount=Decimal("10"),
    )
    with nothing_written(Instalment), pytest.raises(ConflictError) as conflict:
        services.instalment_pay(
            instalment=seen,
            user=pw.lbf_user,
            paid_on=timezone.localdate(),
            amount=Decimal("10"),
            expected=token,
        )
    assert conflict.value.changed == ["planned_amount", "planned_on"]
    services.instalment_pay(
        instalment=seen,
        user=pw.lbf_user,
        paid_on=timezone.localdate(),
        amount=Decimal("10"),
        expected=instance_version(_last(pw)),
    )
    assert _last(pw).is_paid


# Changing the plan of an instalment -----------------------------------------------------------


def test_the_plan_of_an_unpaid_instalment_changes_and_zero_is_allowed(scheduled: Payments) -> None:
    pw = scheduled
    services.instalment_plan_edit(
        instalment=_last(pw),
        user=pw.lbf_user,
        planned_on=date(pw.years[-1], 4, 1),
        planned_amount=Decimal("0"),
        note="Udskudt",
    )
    fresh = _last(pw)
    assert (fresh.planned_on, fresh.planned_amount, fresh.note) == (
        date(pw.years[-1], 4, 1),
        Decimal("0.00"),
        "Udskudt",
    )


def test_a_negative_or_too_large_planned_amount_is_refused(scheduled: Payments) -> None:
    pw = scheduled
    for amount, message in (
        ("-1", "The planned amount cannot be negative."),
        ("1000000000", "The amount can be at most 999,999,999.99 kr."),
    ):
        with nothing_written(Instalment), pytest.raises(ValidationError) as refused:
            services.instalment_plan_edit(
                instalment=_last(pw),
                user=pw.lbf_user,
                planned_on=date(pw.years[-1], 1, 1),
                planned_amount=Decimal(amount),
            )
        assert _messages(refused.value) == {"planned_amount": [message]}


def test_a_paid_instalment_is_not_replanned_and_only_lbf_plans(scheduled: Payments) -> None:
    pw = scheduled
    with nothing_written(Instalment), pytest.raises(PermissionDenied):
        services.instalment_plan_edit(
            instalment=_last(pw),
            user=pw.user("leader"),
            planned_on=date(pw.years[-1], 1, 1),
            planned_amount=Decimal("1"),
        )
    services.instalment_pay(
        instalment=_last(pw), user=pw.lbf_user, paid_on=timezone.localdate(), amount=Decimal("1")
    )
    with nothing_written(Instalment), pytest.raises(ValidationError) as refused:
        services.instalment_plan_edit(
            instalment=_last(pw),
            user=pw.lbf_user,
            planned_on=date(pw.years[-1], 1, 1),
            planned_amount=Decimal("1"),
        )
    assert refused.value.code == "paid"
