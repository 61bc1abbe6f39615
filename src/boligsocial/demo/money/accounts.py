"""The Aarhus demo's yearly reports to LBF and LBF's instalments, through the reporting's and
the payments' services, in the order things happened: each report of a year that has ended is
filled (accounts per budget line, a goal result per focus area, the milepælsplan) and submitted
two weeks before it was due; then LBF's instalments are paid; then LBF decides on the reports
(approved six weeks after submission, or returned with remarks). A report the data keeps "due"
is started but never sent, so it is late and holds the plan's next instalment back.

Two writes go past a service, because the service judges them on today's facts and not on the
day they happened (said in decision 0032): a payment dated before a late report was due (the
payments' service refuses any payment while a report is late today), and the approval of a
report of a plan whose focus areas are not recorded (Herredsvang: no goal result can be given,
so the reporting's service cannot submit it)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from boligsocial.budgets.models import BudgetVersion
from boligsocial.budgets.selectors import lines_of
from boligsocial.demo.agreements import GENERIC, TEXTS
from boligsocial.demo.money.data import PlanMoney
from boligsocial.payments.models import Instalment
from boligsocial.payments.selectors import late_reports_of
from boligsocial.payments.services import instalment_pay, instalments_schedule
from boligsocial.plans.models import Plan
from boligsocial.reporting import rules as reporting_rules
from boligsocial.reporting import services as reporting
from boligsocial.reporting.models import ReportStatus, YearlyReport

SUBMITTED_DAYS_BEFORE_DUE = 14
DECIDED_DAYS_AFTER_SUBMISSION = 45
PAID_DAYS_AFTER_PLANNED = 3
REPORT_NOTE = "Illustrativ rapport i demoen: regnskab, resultater og milepæle er opfundne."
PAYMENT_NOTE = "Illustrativ udbetaling i demoen."


def report_years(plan: Plan, as_of: date) -> list[int]:
    return reporting_rules.report_years(plan.status, plan.start_date, plan.end_date, as_of)


def _spent(amount: Decimal, index: int) -> Decimal:
    """An illustrative spending of a budget line: 90–102 % of it, by the line's place."""
    return (amount * (Decimal("0.90") + Decimal("0.03") * (index % 5))).quantize(Decimal(1))


def fill_report(report: YearlyReport, version: BudgetVersion, *, editor: Any) -> None:
    """The report's accounts (what was spent on each budget line of its year), its figures
    (received from LBF and locally, as budgeted), a goal result per focus area of the plan and
    two milestones for the coming year."""
    plan = report.plan
    lines = [ln for ln in lines_of(version).filter(year=report.year) if not ln.in_kind]
    reporting.account_lines_replace(
        report=report,
        rows=[{"line_key": ln.key, "amount": _spent(ln.amount, i)} for i, ln in enumerate(lines)],
        user=editor,
    )
    lbf = sum((ln.amount for ln in lines if ln.source_kind == "lbf"), Decimal(0))
    local = sum((ln.amount for ln in lines if ln.source_kind != "lbf"), Decimal(0))
    reporting.report_update(
        report=report,
        data={"lbf_received": lbf, "local_received": local, "note": REPORT_NOTE},
        user=editor,
    )
    for number, focus in enumerate(plan.focus_areas.order_by("position", "pk")):
        goal, _groups, _activities, indicators = TEXTS.get(focus.name_da, GENERIC)
        reporting.goal_result_save(
            report=report,
            data={
                "focus_area": focus,
                "goal": goal,
                "indicator": indicators[0],
                "baseline": f"{40 + number * 5} (illustrativt)",
                "target": f"{55 + number * 5} (illustrativt)",
                "result": f"{48 + number * 5 + report.year % 4} (illustrativt)",
            },
            user=editor,
        )
    for month, text in ((3, "Status på aktiviteterne til bestyrelsen"), (9, "Midtvejsstatus")):
        reporting.milestone_save(
            report=report,
            data={"due_on": date(report.year + 1, month, 30), "text": f"{text} (illustrativt)."},
            user=editor,
        )


def load_reports(
    plan: Plan, spec: PlanMoney, version: BudgetVersion, *, editor: Any, as_of: date
) -> list[YearlyReport]:
    """Open, fill and submit each report the plan owes on `as_of` that it has no row for yet
    (a "due" one is filled but not submitted; one not yet due two weeks later is left due).
    Returns the reports made, for LBF's decisions."""
    made = []
    have = set(YearlyReport.objects.filter(plan=plan).values_list("year", flat=True))
    for year in report_years(plan, as_of):
        if year in have:
            continue
        report = reporting.report_open(plan=plan, year=year, user=editor)
        fill_report(report, version, editor=editor)
        report.refresh_from_db()
        made.append(report)
        if spec.reports.get(year) == reporting_rules.DUE:
            continue
        submitted = report.due_date - timedelta(days=SUBMITTED_DAYS_BEFORE_DUE)
        if submitted > as_of:
            continue
        if plan.focus_areas.exists():
            reporting.report_submit(report=report, user=editor, submitted_on=submitted)
        else:
            _submit_without_goals(report, submitted, editor)
    return made


def _submit_without_goals(report: YearlyReport, submitted: date, editor: Any) -> None:
    """A plan without recorded focus areas cannot give a goal result, so the service cannot
    submit its report: its illustrative submission is written as it would have been recorded
    (LBF's approval then goes through the service)."""
    report.status = ReportStatus.SUBMITTED
    report.submitted_on = submitted
    report.submitted_by = editor
    report.note = (
        f"{REPORT_NOTE} Planens indsatsområder er ikke registreret, så målopfyldelsen er ikke "
        "ført her."
    )
    report.full_clean()
    report._history_user = editor  # type: ignore[attr-defined]
    report.save()


def decide_reports(reports: list[YearlyReport], spec: PlanMoney, *, lbf: Any, as_of: date) -> None:
    """LBF's decisions on the submitted reports: approved, or returned with the data's remarks;
    one the data keeps "submitted", or submitted too recently for a decision by `as_of`,
    waits for LBF."""
    for report in reports:
        report.refresh_from_db()
        if report.status != ReportStatus.SUBMITTED or report.submitted_on is None:
            continue
        wanted = spec.reports.get(report.year, reporting_rules.APPROVED)
        decided = report.submitted_on + timedelta(days=DECIDED_DAYS_AFTER_SUBMISSION)
        if decided > as_of:
            continue
        if wanted == reporting_rules.APPROVED:
            reporting.report_approve(report=report, user=lbf, decided_on=decided)
        elif wanted == reporting_rules.RETURNED:
            reporting.report_return(
                report=report,
                user=lbf,
                decided_on=decided,
                remarks=spec.remarks.get(report.year, "Illustrative bemærkninger fra LBF."),
            )


def schedule_instalments(plan: Plan, *, lbf: Any) -> int:
    """The plan's instalments from its approved budget; how many were made."""
    if Instalment.objects.filter(plan=plan).exists():
        return 0
    return len(instalments_schedule(plan=plan, user=lbf).create)


def pay_instalments(plan: Plan, spec: PlanMoney, *, lbf: Any, as_of: date) -> int:
    """LBF's payments of the unpaid instalments up to `spec.paid_through` planned by `as_of`,
    each three days after it was planned; how many were paid."""
    if spec.paid_through is None:
        return 0
    paid = 0
    unpaid = Instalment.objects.filter(
        plan=plan, paid_on=None, year__lte=spec.paid_through, planned_on__lte=as_of
    )
    for instalment in unpaid.order_by("year"):
        day = min(instalment.planned_on + timedelta(days=PAID_DAYS_AFTER_PLANNED), as_of)
        try:
            instalment_pay(
                instalment=instalment,
                user=lbf,
                paid_on=day,
                amount=instalment.planned_amount,
                note=PAYMENT_NOTE,
            )
        except ValidationError as refused:
            if refused.code != "held_back" or not _paid_before_it_was_late(plan, day):
                raise
            _record_payment(instalment, day, lbf)
        paid += 1
    return paid


def _paid_before_it_was_late(plan: Plan, day: date) -> bool:
    """True when every report late today was not yet due on `day`: the payment then was made
    while no report was late."""
    late = late_reports_of([plan.pk], timezone.localdate()).get(plan.pk, [])
    return all(report.due_date >= day for report in late)


def _record_payment(instalment: Instalment, day: date, lbf: Any) -> None:
    instalment.paid_on = day
    instalment.paid_amount = instalment.planned_amount
    instalment.recorded_by = lbf
    instalment.note = PAYMENT_NOTE
    instalment.full_clean()
    instalment._history_user = lbf  # type: ignore[attr-defined]
    instalment.save()
