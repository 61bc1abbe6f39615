"""The demo plans' timelines (decision 0020): an illustrative past for each plan that ran,
and the invented plans before they run (the pipeline of `demo/data/lifecycle.toml`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from boligsocial.areas.models import Afdeling
from boligsocial.demo.lifecycle import ExtensionSpec, PipelineSpec
from boligsocial.demo.source import DemoDataError, PlanSpec
from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.lifecycle import rules
from boligsocial.lifecycle.services import PastStep, plan_past_record
from boligsocial.plans.models import Plan
from boligsocial.plans.services import (
    BudgetEstimateInput,
    plan_application_update,
    plan_budget_estimates_set,
    plan_create,
)

PIPELINE_NOTE = (
    "Illustrativ plan til demoen: forløbet, teksterne, budgetoverslaget, kommunens anbefaling "
    "og alle datoer er opfundet."
)
PIPELINE_STEP_NOTE = "Illustrativt forløb, opfundet til demoen."


def past_steps(start: date, end: date, status: str) -> list[PastStep]:
    """An illustrative timeline of a plan that ran (decision 0020): the idea about 18 months
    before the start, the pre-qualification, the dialogue with LBF, the grant, the start, and
    the end when the plan has ended. The dates are invented, and the idea's public note says
    so."""
    steps = [
        PastStep(
            rules.IDEA_KIND,
            start - timedelta(days=540),
            public_note="Datoerne før planens start er illustrative.",
        ),
        PastStep(rules.SUBMIT_PREQUALIFICATION, start - timedelta(days=450), capacity="applicant"),
        PastStep(
            rules.PREQUALIFICATION_DECISION,
            start - timedelta(days=360),
            to_status=rules.PREQUALIFIED,
            capacity="lbf",
        ),
        PastStep(rules.START_DIALOGUE, start - timedelta(days=330)),
        PastStep(rules.SUBMIT_PLAN, start - timedelta(days=90), capacity="applicant"),
        PastStep(
            rules.GRANT_DECISION,
            start - timedelta(days=45),
            to_status=rules.GRANTED,
            capacity="lbf",
        ),
        PastStep(rules.START, start),
    ]
    if status == rules.ENDED:
        steps.append(PastStep(rules.END, end))
    return steps


def record_timeline(plan: Plan, spec: PlanSpec, extensions: Iterable[ExtensionSpec]) -> bool:
    """Give a demo plan that has no timeline its illustrative past (`past_steps`) with LBF's
    extensions of it; True if it was recorded."""
    if plan.transitions.exists():
        return False
    extended = [
        PastStep(
            rules.EXTEND,
            e.date,
            capacity=rules.LBF,
            new_end_date=e.new_end,
            reason=e.reason,
        )
        for e in extensions
        if e.plan == spec.name
    ]
    steps = sorted(
        [*past_steps(spec.start, spec.end, spec.status), *extended],
        key=lambda step: step.date,
    )
    plan_past_record(plan=plan, steps=steps)
    return True


def load_pipeline(
    pipeline: Iterable[PipelineSpec], afdelinger: Mapping[str, list[Afdeling]]
) -> int:
    """The illustrative plans before they run (decision 0020): each created as an idea
    with its application's data, then its steps recorded. Never published. Returns how many
    were created (a plan of the same name is left as it is)."""
    created = 0
    for spec in pipeline:
        if Plan.objects.filter(name=spec.name).exists():
            continue
        fund_round = FundRound.objects.get(code=spec.fund_round)
        focus = list(FocusArea.objects.filter(fund_round=fund_round, name_da__in=spec.focus_areas))
        if len(focus) != len(spec.focus_areas):
            raise DemoDataError(f"{spec.name}: a focus area is not one of {spec.fund_round}'s.")
        plan = plan_create(
            name=spec.name,
            fund_round=fund_round,
            start_date=spec.start,
            end_date=spec.end,
            afdelinger=afdelinger[spec.area],
            focus_areas=focus,
            fund_round_reason=spec.fund_round_reason,
            published=False,
            illustrative=True,
            data_note=PIPELINE_NOTE,
        )
        plan_application_update(
            plan=plan,
            data={
                "challenges": spec.challenges,
                "purpose": spec.purpose,
                "municipality_recommendation_date": spec.recommendation,
                "municipality_recommendation_note": spec.recommendation_note,
            },
        )
        plan_budget_estimates_set(
            plan=plan,
            estimates=[BudgetEstimateInput(y, source, amount) for y, source, amount in spec.budget],
        )
        steps = [
            PastStep(
                step.kind,
                step.date,
                to_status=step.to_status,
                capacity=step.capacity,
                public_note=PIPELINE_STEP_NOTE if number == 0 else "",
            )
            for number, step in enumerate(spec.steps)
        ]
        plan_past_record(plan=plan, steps=steps)
        created += 1
    return created
