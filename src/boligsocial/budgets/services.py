"""Writes of budgets (docs/decisions/0026). Only a draft changes: the draft original (the
budget of the application and the dialogue, approved by LBF's grant through `budget_grant`)
or a revision (omplacering) copied from the latest approved version and approved by the plan's
board. Who may edit a plan's budget is checked by the callers through `accounts` (the plan's
editors), as for every plan edit; LBF's grant is made only by the lifecycle's grant decision,
which checks LBF's capacities.

Every write to a version's lines runs inside `core.concurrency.expect_version` on the version
row and bumps its `changed_at`, so its token changes with its lines and two people editing the
same budget get the conflict message instead of overwriting each other. Bad input raises a
`ValidationError` keyed by field; then nothing is written. A revision draft may never break
the round's co-financing rule over the whole period (an omplacering moves money, it cannot
raise LBF's share); the draft original may, shown as a breach and refused at the grant."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from boligsocial.budgets.bulk import ReplaceResult, lines_replacement, replacement_write
from boligsocial.budgets.drafts import (
    actor,
    check_revision,
    facts_of,
    plan_of,
    require_draft,
    touch,
)
from boligsocial.budgets.lines import LINE_FIELDS, line_problems, plan_context
from boligsocial.budgets.models import (
    BudgetCategory,
    BudgetLine,
    BudgetVersion,
    SourceKind,
    VersionKind,
    VersionState,
)
from boligsocial.budgets.selectors import current_budget
from boligsocial.budgets.versions import (
    budget_draft_discard,
    budget_grant,
    budget_revision_approve,
    budget_revision_start,
)
from boligsocial.core.concurrency import Expected, expect_version
from boligsocial.organisations.models import Organisation, OrganisationKind
from boligsocial.plans.models import BudgetSource, Plan

__all__ = [
    "ESTIMATE_TEXT",
    "ReplaceResult",
    "budget_draft_discard",
    "budget_grant",
    "budget_line_delete",
    "budget_line_save",
    "budget_lines_replace",
    "budget_open",
    "budget_revision_approve",
    "budget_revision_start",
]

#: The text of the lines a budget starts with from the application's estimate (data, Danish).
ESTIMATE_TEXT = "Budgetoverslag fra ansøgningen"
OTHER_SOURCES_NAME = "Andre kilder"


# Opening a budget ------------------------------------------------------------------------------


def _estimate_lines(plan: Plan) -> list[dict[str, Any]]:
    """The lines of a first draft from the application's budget estimate: one per year ×
    source, category `other`. The municipality and the housing organisation are named when
    the plan has exactly one of each; otherwise the line waits for its source to be chosen."""
    ctx = plan_context(plan)
    municipalities = list(
        Organisation.objects.filter(
            kind=OrganisationKind.MUNICIPALITY, municipality__in=ctx.municipality_ids
        ).values_list("pk", flat=True)
    )
    housing = sorted(ctx.housing_organisation_ids)
    category = BudgetCategory.objects.filter(code="other").first()
    if category is None:
        return []
    lines = []
    for estimate in plan.budget_estimates.order_by("year", "source"):
        if estimate.year not in ctx.years or estimate.amount <= 0:
            continue
        line: dict[str, Any] = {
            "year": estimate.year,
            "category_id": category.pk,
            "text": ESTIMATE_TEXT,
            "amount": estimate.amount,
        }
        if estimate.source == BudgetSource.LBF:
            line["source_kind"] = SourceKind.LBF
        elif estimate.source == BudgetSource.MUNICIPALITY:
            line["source_kind"] = SourceKind.MUNICIPALITY
            line["source_organisation_id"] = municipalities[0] if len(municipalities) == 1 else None
        elif estimate.source == BudgetSource.HOUSING_ORGANISATION:
            line["source_kind"] = SourceKind.HOUSING_ORGANISATION
            line["source_organisation_id"] = housing[0] if len(housing) == 1 else None
        else:
            line["source_kind"] = SourceKind.OTHER
            line["source_name"] = OTHER_SOURCES_NAME
        lines.append(line)
    return lines


@transaction.atomic
def budget_open(*, plan: Plan, user: Any) -> BudgetVersion:
    """The plan's current budget; when it has none, a draft original (version 1) made from
    the application's budget estimate (no lines when there is none)."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    existing = current_budget(locked)
    if existing is not None:
        return existing
    version = BudgetVersion(
        plan=locked,
        number=1,
        kind=VersionKind.ORIGINAL,
        state=VersionState.DRAFT,
        created_by=actor(user),
    )
    version.full_clean()
    version._history_user = actor(user)  # type: ignore[attr-defined]
    version.save()
    for position, values in enumerate(_estimate_lines(locked), start=1):
        line = BudgetLine(version=version, key=uuid4().hex, position=position, **values)
        line._history_user = actor(user)  # type: ignore[attr-defined]
        line.save()
    return version


# Lines ---------------------------------------------------------------------------------------


def budget_line_save(
    *,
    version: BudgetVersion,
    line: BudgetLine | None = None,
    data: Mapping[str, Any],
    user: Any,
    expected: Expected = None,
) -> BudgetLine:
    """Add a line to a draft (`line` None) or change one of its lines. `data` holds the keys
    of `budgets.lines.LINE_FIELDS` (a change may give only some: the others keep the line's
    values). `expected`: the version token the user read (None: no check)."""
    with expect_version(version, expected):
        require_draft(version)
        if line is not None:
            line = BudgetLine.objects.filter(pk=line.pk, version=version).first()
            if line is None:
                raise ValidationError(_("The line is not in this version of the budget."))
            values = {name: getattr(line, name) for name in LINE_FIELDS}
        else:
            values = {}
        values.update({name: data[name] for name in LINE_FIELDS if name in data})
        plan = plan_of(version)
        clean, errors = line_problems(values, plan_context(plan))
        if clean is None:
            raise ValidationError(errors)
        check_revision(
            version, plan, [*facts_of(version, without=line.pk if line else None), clean.facts()]
        )
        if line is None:
            position = (version.lines.aggregate(n=Max("position"))["n"] or 0) + 1
            line = BudgetLine(version=version, key=uuid4().hex, position=position)
        for name in clean.__dataclass_fields__:
            setattr(line, name, getattr(clean, name))
        line.full_clean()
        line._history_user = actor(user)  # type: ignore[attr-defined]
        line.save()
        touch(version)
    return line


def budget_line_delete(*, line: BudgetLine, user: Any, expected: Expected = None) -> None:
    """Remove a line from a draft (the history keeps it)."""
    version = BudgetVersion.objects.get(pk=line.version_id)
    with expect_version(version, expected):
        require_draft(version)
        fresh = BudgetLine.objects.filter(pk=line.pk, version=version).first()
        if fresh is None:
            return
        check_revision(version, plan_of(version), facts_of(version, without=fresh.pk), field=None)
        fresh._history_user = actor(user)  # type: ignore[attr-defined]
        fresh.delete()
        touch(version)


def budget_lines_replace(
    *,
    version: BudgetVersion,
    rows: Sequence[Mapping[str, Any]],
    user: Any,
    expected: Expected = None,
    dry_run: bool = False,
) -> ReplaceResult:
    """Make the draft's lines those of `rows` (an import), all or nothing: a row with a `key`
    of a line of the version changes that line, any other row is a new line, and the lines no
    row names are removed. Every row is checked first; the problems of all rows are raised
    together (`budgets.bulk.RowErrors`, with `.rows`: row index → field → message). With
    `dry_run` nothing is written; the result counts what would change."""
    with expect_version(version, expected):
        require_draft(version)
        plan = plan_of(version)
        replacement = lines_replacement(version=version, plan=plan, rows=rows)
        check_revision(version, plan, replacement.result.facts, field="lines")
        if dry_run:
            return replacement.result
        replacement_write(replacement, actor(user))
        if replacement.result.changes:
            touch(version)
        return replacement.result
