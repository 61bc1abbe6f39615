"""The Aarhus demo's budgets through the budgets' services: each plan's budget from
`money.toml` (`lines.plan_lines`), LBF's grant on the date of the plan's grant step, the running
plans' omplacering approved by their bestyrelse, and the grant booked against LBF's frame.
Everything is illustrative (the grant's decision says so; the plan's data note too)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from boligsocial.budgets.models import BudgetCategory, BudgetVersion, VersionKind, VersionState
from boligsocial.budgets.selectors import current_budget, lbf_total, lines_of
from boligsocial.budgets.services import (
    budget_grant,
    budget_line_save,
    budget_lines_replace,
    budget_open,
    budget_revision_approve,
    budget_revision_start,
)
from boligsocial.demo.money.data import MoneyData, PlanMoney
from boligsocial.demo.money.lines import DemoLine, plan_lines
from boligsocial.frames.models import BookingKind, FrameBooking
from boligsocial.frames.services import frame_grant_book
from boligsocial.governance.models import Body, BodyKind
from boligsocial.lifecycle import rules as lifecycle_rules
from boligsocial.organisations.models import Organisation, OrganisationKind
from boligsocial.plans.models import Plan

GRANT_DECISION = "Illustrativt tilsagn i demoen: LBF's bevilling af budgettet er opfundet."
REVISION_NOTE = "Illustrativ omplacering i demoen: beløbene er opfundne."


def grant_date(plan: Plan) -> date:
    """The day of the plan's grant step on its timeline (45 days before its start when it has
    none, as the demo's timelines put it)."""
    step = plan.transitions.filter(kind=lifecycle_rules.GRANT_DECISION).order_by("date").first()
    return step.date if step is not None else plan.start_date - timedelta(days=45)


def demo_lines(plan: Plan, spec: PlanMoney, data: MoneyData) -> list[DemoLine]:
    """The plan's budget lines as plain values, with its own focus areas and sources."""
    afdelinger = list(
        plan.afdelinger.select_related("organisation", "area").order_by(
            "organisation__name", "number"
        )
    )
    owners = sorted({a.organisation for a in afdelinger}, key=lambda o: o.name)
    municipality_ids = {a.area.municipality_id for a in afdelinger if a.area is not None}
    municipality = (
        Organisation.objects.filter(
            kind=OrganisationKind.MUNICIPALITY, municipality_id__in=municipality_ids
        )
        .order_by("pk")
        .first()
    )
    return plan_lines(
        start=plan.start_date,
        end=plan.end_date,
        yearly_total=spec.yearly_total,
        templates=data.lines,
        focus_areas=list(plan.focus_areas.order_by("position", "pk")),
        organisations=owners,
        municipality=municipality,
        afdeling=afdelinger[0] if afdelinger else None,
        foundation=data.foundation,
        lbf_share=spec.lbf_share,
    )


def _rows(lines: list[DemoLine]) -> list[dict[str, Any]]:
    category = {c.code: c for c in BudgetCategory.objects.all()}
    rows = []
    for line in lines:
        org = line.source if line.source_kind in ("municipality", "housing_organisation") else None
        rows.append(
            {
                "year": line.year,
                "category": category[line.category],
                "focus_area": line.focus_area,
                "text": line.text,
                "source_kind": line.source_kind,
                "source_organisation": org,
                "source_afdeling": line.source if line.source_kind == "afdeling" else None,
                "source_name": line.source if line.source_kind == "foundation" else "",
                "in_kind": line.in_kind,
                "amount": line.amount,
            }
        )
    return rows


def load_budget(plan: Plan, spec: PlanMoney, data: MoneyData, *, editor: Any) -> int:
    """The plan's budget, granted when `spec.granted` (on its grant step's date): 1 when made,
    0 when the plan has a budget already."""
    if BudgetVersion.objects.filter(plan=plan).exists():
        return 0
    draft = budget_open(plan=plan, user=editor)
    budget_lines_replace(version=draft, rows=_rows(demo_lines(plan, spec, data)), user=editor)
    if spec.granted:
        budget_grant(plan=plan, when=grant_date(plan), decision=GRANT_DECISION, user=editor)
    return 1


def load_revision(plan: Plan, spec: PlanMoney, *, editor: Any) -> int:
    """The running plan's omplacering (`spec.revision`): LBF's money of one year moved from one
    category's line to another's, approved by the plan's board. 1 when made."""
    rev = spec.revision
    if rev is None or BudgetVersion.objects.filter(plan=plan, kind=VersionKind.REVISION).exists():
        return 0
    draft = budget_revision_start(plan=plan, user=editor, note=REVISION_NOTE)
    lines = list(lines_of(draft).filter(year=rev.year, source_kind="lbf").order_by("position"))
    first_focus = plan.focus_areas.order_by("position", "pk").first()

    def pick(code: str) -> Any:
        found = [ln for ln in lines if ln.category.code == code]
        mine = [ln for ln in found if ln.focus_area_id == (first_focus.pk if first_focus else None)]
        return (mine or found)[0]

    source, target = pick(rev.from_category), pick(rev.to_category)
    budget_line_save(
        version=draft, line=source, data={"amount": source.amount - rev.amount}, user=editor
    )
    budget_line_save(
        version=draft, line=target, data={"amount": target.amount + rev.amount}, user=editor
    )
    board = Body.objects.filter(plan=plan, kind=BodyKind.BOARD).order_by("pk").first()
    budget_revision_approve(
        version=draft,
        user=editor,
        approved_on=rev.approved_on,
        decision=rev.decision,
        body=board,
    )
    return 1


def book_grant(plan: Plan, *, lbf: Any) -> int:
    """The granted budget's LBF total booked against the plan's round's frame in the year of
    the grant (as the lifecycle's grant decision books it). 1 when booked."""
    if FrameBooking.objects.filter(plan=plan, kind=BookingKind.GRANT).exists():
        return 0
    granted = (
        BudgetVersion.objects.filter(
            plan=plan, kind=VersionKind.ORIGINAL, state=VersionState.APPROVED
        )
        .order_by("number")
        .first()
    )
    if granted is None or granted.approved_on is None:
        return 0
    amount = lbf_total(granted)
    if amount <= Decimal(0):
        return 0
    frame_grant_book(
        plan=plan,
        user=lbf,
        year=granted.approved_on.year,
        amount=amount,
        booked_on=granted.approved_on,
    )
    return 1


def approved_budget(plan: Plan) -> BudgetVersion | None:
    version = current_budget(plan)
    return version if version is not None and version.state == VersionState.APPROVED else None
