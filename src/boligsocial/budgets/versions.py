"""Writes of whole budget versions: a revision (omplacering) started from the latest approved
version and approved by the plan's board, a draft discarded, and LBF's grant approving the
draft original (called by the lifecycle's grant decision). See `budgets.services`."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from boligsocial.budgets.drafts import actor, check_revision, facts_of, plan_of, require_draft
from boligsocial.budgets.models import BudgetLine, BudgetVersion, VersionKind, VersionState
from boligsocial.budgets.selectors import check_lines
from boligsocial.budgets.wording import breach_text
from boligsocial.core.concurrency import Expected, expect_version
from boligsocial.governance.models import Body
from boligsocial.plans.models import Plan

# Versions ------------------------------------------------------------------------------------


def _next_number(plan: Plan) -> int:
    return (BudgetVersion.objects.filter(plan=plan).aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def budget_revision_start(*, plan: Plan, user: Any, note: str = "") -> BudgetVersion:
    """A revision (omplacering) draft copied from the latest approved version, every line
    with its key. Refused before the grant and while another draft exists."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    latest = (
        BudgetVersion.objects.filter(plan=locked, state=VersionState.APPROVED)
        .order_by("-number")
        .first()
    )
    if latest is None:
        raise ValidationError(
            _("The budget is not granted yet: change the draft budget instead of revising it.")
        )
    draft = BudgetVersion.objects.filter(plan=locked, state=VersionState.DRAFT).first()
    if draft is not None:
        raise ValidationError(
            _("Version %(number)s is a draft: approve or discard it before starting another.")
            % {"number": draft.number}
        )
    version = BudgetVersion(
        plan=locked,
        number=_next_number(locked),
        kind=VersionKind.REVISION,
        state=VersionState.DRAFT,
        note=note,
        created_by=actor(user),
    )
    version.full_clean()
    version._history_user = actor(user)  # type: ignore[attr-defined]
    version.save()
    copies = [
        BudgetLine(
            version=version,
            key=line.key,
            position=line.position,
            **{name: getattr(line, name) for name in COPIED},
        )
        for line in latest.lines.order_by("year", "position", "pk")
    ]
    bulk_create_with_history(copies, BudgetLine, default_user=actor(user))
    return version


COPIED = (
    "year",
    "category_id",
    "focus_area_id",
    "text",
    "source_kind",
    "source_organisation_id",
    "source_afdeling_id",
    "source_name",
    "in_kind",
    "amount",
)


def budget_revision_approve(
    *,
    version: BudgetVersion,
    user: Any,
    approved_on: date,
    decision: str,
    body: Body | None = None,
    expected: Expected = None,
) -> BudgetVersion:
    """Record the plan's board's approval of a revision: the date and the decision (and the
    body, of the plan). The revision becomes the budget in force and never changes again."""
    with expect_version(version, expected):
        require_draft(version)
        plan = plan_of(version)
        errors: dict[str, str] = {}
        if version.kind != VersionKind.REVISION:
            errors["state"] = _(
                "The original budget is approved by LBF's grant, recorded on the plan's timeline."
            )
        previous = (
            BudgetVersion.objects.filter(plan=plan, state=VersionState.APPROVED)
            .order_by("-number")
            .first()
        )
        if approved_on > timezone.localdate():
            errors["approved_on"] = _("The approval cannot be dated after today.")
        elif previous is not None and previous.approved_on and approved_on < previous.approved_on:
            errors["approved_on"] = _(
                "The approval cannot be dated before version %(number)s's, %(date)s."
            ) % {
                "number": previous.number,
                "date": date_format(previous.approved_on, "DATE_FORMAT"),
            }
        if not decision.strip():
            errors["decision"] = _("Give the board's decision.")
        if body is not None and body.plan_id != plan.pk:
            errors["body"] = _("The body is not one of the plan's.")
        if errors:
            raise ValidationError(errors)
        check_revision(version, plan, facts_of(version))
        version.state = VersionState.APPROVED
        version.approved_on = approved_on
        version.decision = decision.strip()
        version.body = body
        version.full_clean()
        version._history_user = actor(user)  # type: ignore[attr-defined]
        version.save()
    return version


def budget_draft_discard(*, version: BudgetVersion, user: Any, expected: Expected = None) -> None:
    """Throw a draft away with its lines (the history keeps them)."""
    with expect_version(version, expected):
        require_draft(version)
        for line in version.lines.all():
            line._history_user = actor(user)  # type: ignore[attr-defined]
            line.delete()
        version._history_user = actor(user)  # type: ignore[attr-defined]
        version.delete()


@transaction.atomic
def budget_grant(*, plan: Plan, when: date, decision: str, user: Any) -> BudgetVersion:
    """LBF's grant approves the draft original: it becomes the granted budget (approved on the
    grant's date, with the decision). Refused, with nothing written, when the plan has no
    budget or no lines, when a line is outside the plan's period, or when the whole period
    breaks the round's co-financing rule (the message explains the breach)."""
    locked = Plan.objects.select_for_update().select_related("fund_round").get(pk=plan.pk)
    versions = BudgetVersion.objects.select_for_update().filter(plan=locked)
    if versions.filter(kind=VersionKind.ORIGINAL, state=VersionState.APPROVED).exists():
        raise ValidationError({"budget": _("The plan's budget is already granted.")})
    draft = versions.filter(kind=VersionKind.ORIGINAL, state=VersionState.DRAFT).first()
    facts = facts_of(draft) if draft is not None else []
    if draft is None or not facts:
        raise ValidationError(
            {
                "budget": _(
                    "The plan has no budget lines: enter the budget LBF grants before recording "
                    "the grant."
                )
            }
        )
    period = range(locked.start_date.year, locked.end_date.year + 1)
    outside = sorted({fact.year for fact in facts if fact.year not in period})
    if outside:
        raise ValidationError(
            {
                "budget": _(
                    "The budget has lines in %(years)s, outside the plan's period "
                    "(%(first)s–%(last)s)."
                )
                % {
                    "years": ", ".join(str(year) for year in outside),
                    "first": period.start,
                    "last": period.stop - 1,
                }
            }
        )
    check = check_lines(locked.fund_round, facts)
    if not check.ok:
        raise ValidationError(
            {
                "budget": _("The budget breaks the fund round's co-financing rule: %(breach)s.")
                % {"breach": breach_text(check)}
            }
        )
    draft.state = VersionState.APPROVED
    draft.approved_on = when
    draft.decision = decision
    draft.full_clean()
    draft._history_user = actor(user)  # type: ignore[attr-defined]
    draft.save()
    return draft
