"""The helpers every write of a draft shares: who to record, the version's token bumped, the
draft-only and the revision-within-the-rule checks."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from boligsocial.budgets.models import BudgetLine, BudgetVersion, VersionKind, VersionState
from boligsocial.budgets.rules import LineFacts
from boligsocial.budgets.selectors import check_lines
from boligsocial.budgets.wording import breach_text
from boligsocial.plans.models import Plan


def actor(user: Any) -> Any:
    """The user to record in the history, or None (an anonymous caller, the CLI)."""
    return user if getattr(user, "pk", None) else None


def touch(version: BudgetVersion) -> None:
    """The version's lines changed: its `changed_at`, and so its token, changes too."""
    version.changed_at = timezone.now()
    BudgetVersion.objects.filter(pk=version.pk).update(changed_at=version.changed_at)


def plan_of(version: BudgetVersion) -> Plan:
    return Plan.objects.select_related("fund_round").get(pk=version.plan_id)


def require_draft(version: BudgetVersion) -> None:
    if version.state != VersionState.DRAFT:
        raise ValidationError(
            _(
                "Budget version %(number)s is approved and never changes. Start a revision "
                "to change the budget."
            )
            % {"number": version.number}
        )


def check_revision(
    version: BudgetVersion, plan: Plan, facts: list[LineFacts], *, field: str | None = "amount"
) -> None:
    """A revision may not break the round's rule over the whole period: refused with the
    breach, under `field` (None: not a field's)."""
    if version.kind != VersionKind.REVISION:
        return
    check = check_lines(plan.fund_round, facts)
    if not check.ok:
        message = _(
            "A revision moves money within the budget; it cannot raise LBF's share over the "
            "maximum. %(breach)s."
        ) % {"breach": breach_text(check)}
        raise ValidationError({field: message} if field else message)


def facts_of(version: BudgetVersion, *, without: int | None = None) -> list[LineFacts]:
    rows = BudgetLine.objects.filter(version=version)
    if without is not None:
        rows = rows.exclude(pk=without)
    return [
        LineFacts(year, kind, in_kind, amount)
        for year, kind, in_kind, amount in rows.values_list(
            "year", "source_kind", "in_kind", "amount"
        )
    ]
