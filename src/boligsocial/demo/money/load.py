"""`load_money()`: the Aarhus demo's money from `demo/data/money.toml`, through the apps'
services, idempotent (each part is made only when the plan has none of it yet). Called by the
demo loader (`demo.load`) inside its transaction, after the users exist: the demo's
administrator records the plans' side (budgets, omplaceringer, reports), the `lbf` user LBF's
(grants booked against the frame, instalments, decisions on reports, rent support)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from boligsocial.demo.money.accounts import (
    decide_reports,
    load_reports,
    pay_instalments,
    schedule_instalments,
)
from boligsocial.demo.money.budgets import approved_budget, book_grant, load_budget, load_revision
from boligsocial.demo.money.data import MoneyData, read_money_data
from boligsocial.demo.money.flows import load_flows, load_rent_support
from boligsocial.demo.source import DemoDataError
from boligsocial.organisations.models import Organisation
from boligsocial.plans.models import Plan
from boligsocial.plans.services import plan_update

LBF_USERNAME = "lbf"


def _users() -> tuple[Any, Any] | None:
    """(the administrator, the user acting for LBF, else the administrator), or None."""
    users = get_user_model()._default_manager
    admin = users.filter(is_superuser=True).order_by("pk").first()
    if admin is None:
        return None
    lbf = users.filter(username=LBF_USERNAME).first()
    return admin, lbf or admin


def mark_illustrative(plan: Plan, data: MoneyData) -> bool:
    """Add the data's sentence on the money to the plan's data note (once)."""
    if data.plan_note in plan.data_note:
        return False
    note = f"{plan.data_note} {data.plan_note}".strip()
    plan_update(plan=plan, data={"data_note": note})
    return True


def load_money(orgs: Mapping[str, Organisation], data: MoneyData | None = None) -> Counter[str]:
    """Load what is missing of the demo's money; what was made, by kind. `orgs` are the demo's
    organisations by their key in illustrative.toml."""
    data = data if data is not None else read_money_data()
    made: Counter[str] = Counter()
    users = _users()
    if users is None:
        return made
    editor, lbf = users
    as_of = min(data.as_of, timezone.localdate())
    for spec in data.plans:
        plan = Plan.objects.filter(name=spec.plan).first()
        if plan is None:
            raise DemoDataError(f"money.toml: there is no plan {spec.plan!r}.")
        made["budgets"] += load_budget(plan, spec, data, editor=editor)
        made["budget revisions"] += load_revision(plan, spec, editor=editor)
        made["frame bookings"] += book_grant(plan, lbf=lbf)
        version = approved_budget(plan)
        if version is not None:
            made["instalments"] += schedule_instalments(plan, lbf=lbf)
            reports = load_reports(plan, spec, version, editor=editor, as_of=as_of)
            made["yearly reports"] += len(reports)
            made["instalment payments"] += pay_instalments(plan, spec, lbf=lbf, as_of=as_of)
            decide_reports(reports, spec, lbf=lbf, as_of=as_of)
        if mark_illustrative(plan, data):
            made["plan data notes"] += 1
    made["frame bookings"] += load_rent_support(data, orgs, lbf=lbf)
    made["contributions to LBF and renovation support"] += load_flows(data, orgs, user=editor)
    return +made  # without the kinds of which nothing was made
