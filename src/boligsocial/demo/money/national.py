"""Writing the national installation's money (`national_data`) with `bulk_create`: what is
missing by natural key (a plan's budget by its plan, a report by plan and year, an instalment
by plan and year, a grant's booking by plan), so a second load writes nothing. Called by
`load_national` after its writer, in its transaction; every row gets its one "created" history
row with the national installation's reason, as the writer's do (decision 0013)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import models
from simple_history.utils import bulk_create_with_history

from boligsocial.areas.models import Afdeling
from boligsocial.budgets.models import (
    BudgetCategory,
    BudgetLine,
    BudgetVersion,
    VersionKind,
    VersionState,
)
from boligsocial.demo.money.national_data import NOTE, PlanMoneySpec, plan_money
from boligsocial.demo.national.base import HISTORY_REASON, REFERENCE_DATE
from boligsocial.demo.national.specs import NationalData
from boligsocial.demo.national.writer import NationalReport
from boligsocial.frames.models import BookingKind, FrameBooking
from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.organisations.models import Organisation
from boligsocial.payments.models import Instalment
from boligsocial.payments.rules import planned_on
from boligsocial.plans.models import Plan
from boligsocial.reporting.models import AccountLine, GoalResult, Milestone, YearlyReport
from boligsocial.reporting.rules import report_due_date

Create = Callable[[str, type[models.Model], list[Any]], None]
BATCH = 2000
PAID_THROUGH = 2026  # instalments up to the reference date's year are paid
ENDED_NOTE = "Fiktiv rapport (syntetisk national installation): kun status, intet regnskab."


def national_money(data: NationalData, plans: Mapping[str, Plan]) -> list[PlanMoneySpec]:
    """The money of every running plan of `data`, as plain values."""
    kommune = {o.municipality_code: o.slug for o in data.organisations if o.municipality_code}
    municipality_of = {a.slug: a.municipality_code for a in data.areas}
    afdelinger: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for a in data.afdelinger:
        if a.area_slug:
            afdelinger[a.area_slug].append((a.org_slug, a.number))
    due_months = dict(FundRound.objects.values_list("code", "report_due_months"))
    running = [p for p in data.plans if p.status == "running"]
    out = []
    for index, p in enumerate(running):
        own = afdelinger[p.area_slug]
        months = due_months.get(p.round_code)
        due = {y: report_due_date(y, months) for y in range(p.start.year, p.end.year + 1)}
        out.append(
            plan_money(
                p,
                municipality=kommune[municipality_of[p.area_slug]],
                housing=sorted({org for org, _ in own}),
                afdelinger=own,
                due=due,
                index=index,
            )
        )
    return out


def write_national_money(data: NationalData, report: NationalReport) -> None:
    """Write what is missing of the running plans' money; count it in `report.created`."""
    plans = {p.slug: p for p in Plan.objects.filter(slug__in=[p.slug for p in data.plans])}

    def create(label: str, model: type[models.Model], objs: list[Any]) -> None:
        if not objs:
            return
        saved = bulk_create_with_history(
            objs, model, batch_size=BATCH, default_change_reason=HISTORY_REASON
        )
        if not all(o.pk for o in saved):
            raise RuntimeError("bulk_create must return primary keys")
        report.created[label] += len(objs)

    MoneyWriter(data, plans, create).run()


class MoneyWriter:
    def __init__(self, data: NationalData, plans: Mapping[str, Plan], create: Create) -> None:
        self.data = data
        self.plans = plans
        self.create = create

    def run(self) -> None:
        specs = national_money(self.data, self.plans)
        self.category = {c.code: c for c in BudgetCategory.objects.all()}
        slugs = {line.organisation for s in specs for line in s.lines if line.organisation}
        slugs |= {line.afdeling[0] for s in specs for line in s.lines if line.afdeling}
        self.org = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
        org_ids = [o.pk for o in self.org.values()]
        self.afdeling = {
            (a.organisation.slug, a.number): a
            for a in Afdeling.objects.filter(organisation_id__in=org_ids).select_related(
                "organisation"
            )
        }
        self.focus = {(f.fund_round_id, f.name_da): f for f in FocusArea.objects.all()}
        self._budgets(specs)
        self._reports(specs)
        self._instalments(specs)
        self._grants(specs)
        self._ended_reports()

    # budgets ----------------------------------------------------------------------------------

    def _budgets(self, specs: list[PlanMoneySpec]) -> None:
        plan_ids = [self.plans[s.plan_slug].pk for s in specs]
        have = set(
            BudgetVersion.objects.filter(plan_id__in=plan_ids).values_list("plan_id", flat=True)
        )
        wanted = [s for s in specs if self.plans[s.plan_slug].pk not in have]
        versions = [
            BudgetVersion(
                plan=self.plans[s.plan_slug],
                number=1,
                kind=VersionKind.ORIGINAL,
                state=VersionState.APPROVED,
                approved_on=s.granted_on,
                decision="Fiktivt tilsagn fra Landsbyggefonden (syntetisk national installation).",
                note=NOTE,
            )
            for s in wanted
        ]
        self.create("budget versions", BudgetVersion, versions)
        version = {v.plan_id: v for v in versions}
        lines = []
        for s in wanted:
            plan = self.plans[s.plan_slug]
            for line in s.lines:
                lines.append(
                    BudgetLine(
                        version=version[plan.pk],
                        key=line.key,
                        position=line.position,
                        year=line.year,
                        category=self.category[line.category],
                        focus_area=(
                            self.focus[(plan.fund_round_id, line.focus_area)]
                            if line.focus_area
                            else None
                        ),
                        text=line.text,
                        source_kind=line.source_kind,
                        source_organisation=(
                            self.org[line.organisation] if line.organisation else None
                        ),
                        source_afdeling=self.afdeling[line.afdeling] if line.afdeling else None,
                        source_name=line.source_name,
                        in_kind=line.in_kind,
                        amount=line.amount,
                    )
                )
        self.create("budget lines", BudgetLine, lines)

    # reports and accounts ---------------------------------------------------------------------

    def _reports(self, specs: list[PlanMoneySpec]) -> None:
        plan_ids = [self.plans[s.plan_slug].pk for s in specs]
        have = set(YearlyReport.objects.filter(plan_id__in=plan_ids).values_list("plan_id", "year"))
        reports: list[YearlyReport] = []
        made: list[tuple[PlanMoneySpec, YearlyReport]] = []
        for s in specs:
            plan = self.plans[s.plan_slug]
            lbf = s.lbf_by_year()
            for r in s.reports:
                if (plan.pk, r.year) in have:
                    continue
                local = sum(
                    (
                        line.amount
                        for line in s.lines
                        if line.year == r.year and line.source_kind != "lbf" and not line.in_kind
                    ),
                    Decimal(0),
                )
                report = YearlyReport(
                    plan=plan,
                    year=r.year,
                    due_date=r.due_date,
                    status=r.status,
                    submitted_on=r.submitted_on,
                    decided_on=r.decided_on,
                    decision_capacity="lbf" if r.decided_on else "",
                    lbf_received=lbf.get(r.year, Decimal(0)),
                    local_received=local,
                    note=NOTE,
                )
                reports.append(report)
                made.append((s, report))
        self.create("yearly reports", YearlyReport, reports)
        accounts, goals, milestones = [], [], []
        for s, report in made:
            plan = self.plans[s.plan_slug]
            for line in s.lines:
                if line.year != report.year or line.key not in s.spent:
                    continue
                accounts.append(
                    AccountLine(
                        report=report,
                        position=line.position,
                        line_key=line.key,
                        category=self.category[line.category],
                        focus_area=(
                            self.focus[(plan.fund_round_id, line.focus_area)]
                            if line.focus_area
                            else None
                        ),
                        text=line.text,
                        amount=s.spent[line.key],
                    )
                )
            for focus_id, focus in sorted(self._plan_focus(plan)):
                goals.append(
                    GoalResult(
                        report=report,
                        focus_area=focus,
                        goal=f"Fiktivt mål for {focus.name_da.lower()}.",
                        indicator="Antal deltagere (fiktivt)",
                        baseline="40",
                        target="60",
                        result=f"{45 + (report.year + focus_id) % 20} deltagere (fiktivt).",
                    )
                )
            for month in (3, 9):
                milestones.append(
                    Milestone(
                        report=report,
                        due_on=date(report.year + 1, month, 30),
                        text="Fiktiv milepæl: status på aktiviteterne til bestyrelsen.",
                    )
                )
        self.create("account lines", AccountLine, accounts)
        self.create("goal results", GoalResult, goals)
        self.create("milestones", Milestone, milestones)

    def _plan_focus(self, plan: Plan) -> list[tuple[int, FocusArea]]:
        if not hasattr(self, "_focus_of"):
            through = Plan.focus_areas.through
            self._focus_of: dict[int, list[tuple[int, FocusArea]]] = defaultdict(list)
            by_id = {f.pk: f for f in self.focus.values()}
            for plan_id, focus_id in through.objects.values_list("plan_id", "focusarea_id"):
                self._focus_of[plan_id].append((focus_id, by_id[focus_id]))
        return self._focus_of[plan.pk]

    def _ended_reports(self) -> None:
        """The ended plans' reports: approved rows with their status only (they have no
        budget here), so the reports page lists the late ones, not every ended year."""
        due_months = dict(FundRound.objects.values_list("pk", "report_due_months"))
        ended = [self.plans[p.slug] for p in self.data.plans if p.status == "ended"]
        have = set(YearlyReport.objects.filter(plan__in=ended).values_list("plan_id", "year"))
        rows = []
        for plan in ended:
            last = min(plan.end_date.year, REFERENCE_DATE.year - 1)
            for year in range(plan.start_date.year, last + 1):
                if (plan.pk, year) in have:
                    continue
                due = report_due_date(year, due_months[plan.fund_round_id])
                rows.append(
                    YearlyReport(
                        plan=plan,
                        year=year,
                        due_date=due,
                        status="approved",
                        submitted_on=due - timedelta(days=21),
                        decided_on=due + timedelta(days=21),
                        decision_capacity="lbf",
                        note=ENDED_NOTE,
                    )
                )
        self.create("yearly reports", YearlyReport, rows)

    # instalments ------------------------------------------------------------------------------

    def _instalments(self, specs: list[PlanMoneySpec]) -> None:
        plan_ids = [self.plans[s.plan_slug].pk for s in specs]
        have = set(Instalment.objects.filter(plan_id__in=plan_ids).values_list("plan_id", "year"))
        rows = []
        for s in specs:
            plan = self.plans[s.plan_slug]
            for year, amount in sorted(s.lbf_by_year().items()):
                if (plan.pk, year) in have or amount <= 0:
                    continue
                when = planned_on(year, plan.start_date)
                paid = year <= PAID_THROUGH
                rows.append(
                    Instalment(
                        plan=plan,
                        year=year,
                        planned_on=when,
                        planned_amount=amount,
                        paid_on=when + timedelta(days=3) if paid else None,
                        paid_amount=amount if paid else None,
                        note=NOTE,
                    )
                )
        self.create("instalments", Instalment, rows)

    # LBF's frame ------------------------------------------------------------------------------

    def _grants(self, specs: list[PlanMoneySpec]) -> None:
        """Each running plan's grant booked against its round's frame in the year of the grant
        (as the lifecycle's grant decision books it)."""
        plan_ids = [self.plans[s.plan_slug].pk for s in specs]
        have = set(
            FrameBooking.objects.filter(plan_id__in=plan_ids, kind=BookingKind.GRANT).values_list(
                "plan_id", flat=True
            )
        )
        rows = []
        for s in specs:
            plan = self.plans[s.plan_slug]
            total = sum(s.lbf_by_year().values(), Decimal(0))
            if plan.pk in have or total <= 0:
                continue
            rows.append(
                FrameBooking(
                    fund_round_id=plan.fund_round_id,
                    year=s.granted_on.year,
                    kind=BookingKind.GRANT,
                    plan=plan,
                    amount=total,
                    booked_on=s.granted_on,
                    illustrative=True,
                    note=NOTE,
                )
            )
        self.create("frame bookings", FrameBooking, rows)
