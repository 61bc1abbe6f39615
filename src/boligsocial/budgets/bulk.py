"""Replacing a draft's lines with an import's rows, all or nothing, in a fixed number of
queries whatever the number of rows (bulk writes, each with its history rows: who, when, old →
new), so a workbook of 10,000 lines imports in seconds. Called by
`budgets.services.budget_lines_replace`, which holds the version's lock."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import uuid4

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from boligsocial.budgets.lines import CleanLine, line_problems, pk_of, plan_context
from boligsocial.budgets.models import BudgetLine, BudgetVersion
from boligsocial.budgets.rules import LineFacts
from boligsocial.plans.models import Plan

KEY_PATTERN = re.compile(r"^[0-9A-Za-z_-]{1,32}$")
BATCH = 1000
STORED = (*CleanLine.__dataclass_fields__, "position")


class RowErrors(ValidationError):
    """The problems of an import's rows: `rows` maps a row's index in the rows given (from 0)
    to its problems by field."""

    def __init__(self, rows: dict[int, dict[str, str]]) -> None:
        self.rows = rows
        messages = [
            _("Row %(row)s, %(field)s: %(problem)s")
            % {"row": index + 1, "field": name, "problem": problem}
            for index, problems in sorted(rows.items())
            for name, problem in problems.items()
        ]
        super().__init__({"lines": messages})


@dataclass
class ReplaceResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    facts: list[LineFacts] = field(default_factory=list)

    @property
    def changes(self) -> int:
        return self.created + self.updated + self.deleted


def _organisation_ids(rows: Sequence[Mapping[str, Any]]) -> set[int]:
    ids = set()
    for row in rows:
        try:
            pk = pk_of(row.get("source_organisation"))
        except (TypeError, ValueError):
            continue
        if pk is not None:
            ids.add(pk)
    return ids


def _checked_rows(rows: Sequence[Mapping[str, Any]], plan: Plan) -> list[tuple[str, CleanLine]]:
    ctx = plan_context(plan)
    ctx.load_organisations(_organisation_ids(rows))
    errors: dict[int, dict[str, str]] = {}
    seen: dict[str, int] = {}
    checked: list[tuple[str, CleanLine]] = []
    for index, row in enumerate(rows):
        clean, problems = line_problems(row, ctx)
        key = str(row.get("key") or "").strip()
        if key and not KEY_PATTERN.match(key):
            problems["key"] = _("“%(key)s” is not a line key.") % {"key": key}
        elif key in seen:
            problems["key"] = _("The line key %(key)s is also in row %(row)s.") % {
                "key": key,
                "row": seen[key] + 1,
            }
        elif key:
            seen[key] = index
        if problems or clean is None:
            errors[index] = problems
        else:
            checked.append((key, clean))
    if errors:
        raise RowErrors(errors)
    return checked


@dataclass
class Replacement:
    """What an import will do to a draft's lines, checked and counted, not yet written."""

    result: ReplaceResult
    create: list[BudgetLine]
    update: list[BudgetLine]
    removed: list[BudgetLine]


def lines_replacement(
    *, version: BudgetVersion, plan: Plan, rows: Sequence[Mapping[str, Any]]
) -> Replacement:
    """Check every row (RowErrors with all problems) and work out the changes: changed lines
    updated, new ones created, lines no row names deleted; unchanged lines untouched."""
    checked = _checked_rows(rows, plan)
    existing = {line.key: line for line in BudgetLine.objects.filter(version=version)}
    result = ReplaceResult(facts=[clean.facts() for _key, clean in checked])
    create: list[BudgetLine] = []
    update: list[BudgetLine] = []
    kept: set[str] = set()
    for position, (key, clean) in enumerate(checked, start=1):
        line = existing.get(key) if key else None
        if line is None:
            line = BudgetLine(version=version, key=key or uuid4().hex, position=position)
            for name in clean.__dataclass_fields__:
                setattr(line, name, getattr(clean, name))
            create.append(line)
            continue
        kept.add(key)
        if clean.differs_from(line) or line.position != position:
            for name in clean.__dataclass_fields__:
                setattr(line, name, getattr(clean, name))
            line.position = position
            update.append(line)
        else:
            result.unchanged += 1
    removed = [line for key, line in existing.items() if key not in kept]
    result.created, result.updated, result.deleted = len(create), len(update), len(removed)
    return Replacement(result=result, create=create, update=update, removed=removed)


def replacement_write(replacement: Replacement, user: Any) -> None:
    """Write the changes of `replacement` in bulk, each line with its history row."""
    if replacement.removed:
        _delete_with_history(replacement.removed, user)
    if replacement.update:
        bulk_update_with_history(
            replacement.update, BudgetLine, list(STORED), batch_size=BATCH, default_user=user
        )
    if replacement.create:
        bulk_create_with_history(
            replacement.create, BudgetLine, batch_size=BATCH, default_user=user
        )


def _delete_with_history(lines: list[BudgetLine], user: Any) -> None:
    """Delete the lines, writing their history rows ("-", with the user) in bulk, as a delete
    one by one would."""
    history = BudgetLine.history.model
    now = timezone.now()
    names = [f.attname for f in BudgetLine._meta.concrete_fields]
    history.objects.bulk_create(
        [
            history(
                **{name: getattr(line, name) for name in names},
                history_date=now,
                history_type="-",
                history_user=user,
            )
            for line in lines
        ],
        batch_size=BATCH,
    )
    # The rows go without Django's delete signals, whose history row (without the user) would
    # duplicate the one written above; nothing refers to a line by foreign key.
    doomed = BudgetLine.objects.filter(pk__in=[line.pk for line in lines])
    doomed._raw_delete(doomed.db)
