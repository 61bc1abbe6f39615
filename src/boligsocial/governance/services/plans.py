"""A plan's update that keeps its roles and seats inside the plan's period. Composed here
because governance builds on plans, never the other way."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from boligsocial.areas.models import Afdeling
from boligsocial.funding.models import FocusArea
from boligsocial.governance.selectors import period_breaches
from boligsocial.plans import services as plan_services
from boligsocial.plans.models import Plan


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    data: dict[str, Any],
    afdelinger: Iterable[Afdeling] | None = None,
    focus_areas: Iterable[FocusArea] | None = None,
    may_publish: bool = True,
) -> Plan:
    """`plans.services.plan_update`, and a new period must still hold the plan's roles and
    seats: each one outside it is named, on the date field that leaves it out, and nothing is
    written. Composed here because governance builds on plans, never the other way.

    `may_publish` is whether the user may change `published` (only the secretariat:
    `accounts.rules.can_publish_plan`); a change by anyone else is refused on `published`,
    and nothing is written. Sending the value it already has is no change."""
    if not may_publish and "published" in data and bool(data["published"]) != plan.published:
        raise ValidationError(
            {
                "published": _(
                    "Only the secretariat publishes a plan or takes it off the public pages."
                )
            }
        )
    plan = plan_services.plan_update(
        plan=plan, data=data, afdelinger=afdelinger, focus_areas=focus_areas
    )
    if {"start_date", "end_date"} & set(data):
        errors: dict[str, list[str]] = {}
        for breach in period_breaches(plan=plan):
            field = "start_date" if breach.code == "starts_before_period" else "end_date"
            errors.setdefault(field, []).append(
                _("%(row)s would lie outside the new period: correct, end or delete it first.")
                % {"row": breach.summary}
            )
        if errors:
            raise ValidationError(errors)  # the plan's own write is rolled back
    return plan
