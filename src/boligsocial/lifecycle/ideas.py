"""A new plan starts as an idea (decision 0020): created with the first entry of its
timeline. Re-exported by `lifecycle.services`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date as date_type
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from boligsocial.accounts.selectors import scopes_for
from boligsocial.areas.models import Afdeling
from boligsocial.funding.models import FundRound
from boligsocial.lifecycle import rules
from boligsocial.lifecycle.models import PlanTransition
from boligsocial.lifecycle.steps import actor_name, check_date
from boligsocial.plans.models import Plan
from boligsocial.plans.services import plan_create


@transaction.atomic
def plan_create_idea(
    *,
    user: Any,
    name: str,
    fund_round: FundRound,
    start_date: date_type,
    end_date: date_type,
    afdelinger: Iterable[Afdeling] = (),
    date: date_type | None = None,
    note: str = "",
    **fields: Any,
) -> Plan:
    """A new plan as an idea, with the first entry of its timeline. The secretariat creates
    any plan; a housing organisation's user only a plan covering an afdeling of theirs (so
    they can see and prepare it). It is not published (the secretariat publishes it). Other
    `fields` are `plans.services.plan_create`'s; only the secretariat may publish the plan at
    once (a housing organisation's plan is unpublished until the secretariat publishes it)."""
    scopes = scopes_for(user)
    afdelinger = list(afdelinger)
    if not scopes.is_admin:
        if not scopes.organisation_ids:
            raise ValidationError(
                {"user": _("Only the secretariat and housing organisations' users create plans.")}
            )
        if not any(a.organisation_id in scopes.organisation_ids for a in afdelinger):
            raise ValidationError(
                {"afdelinger": _("Choose at least one afdeling of your housing organisation.")}
            )
    if not scopes.is_admin:
        fields["published"] = False
    plan = plan_create(
        name=name,
        fund_round=fund_round,
        start_date=start_date,
        end_date=end_date,
        afdelinger=afdelinger,
        **fields,
    )
    when = date or timezone.localdate()
    errors = check_date(plan, when)
    if errors:
        raise ValidationError(errors)
    record = PlanTransition(
        plan=plan,
        kind=rules.IDEA_KIND,
        from_status="",
        to_status=rules.IDEA,
        date=when,
        actor=user,
        actor_name=actor_name(user),
        capacity=rules.SECRETARIAT if scopes.is_admin else rules.APPLICANT,
        note=note,
    )
    record.full_clean()
    record.save()
    return plan
