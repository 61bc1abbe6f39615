"""The change history of a plan, its staff roles, its bodies and their memberships, read from
django-simple-history: who changed what, when, and each changed field's old → new value
(`diff_against` for plain fields; the m2m snapshots compared from one prefetch)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, cast

from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from boligsocial.areas.models import Afdeling
from boligsocial.governance.models import Body, Person, PlanRoleKind
from boligsocial.governance.selectors import objects_as_last_known, plan_history_rows
from boligsocial.plans.models import Plan
from boligsocial.web.forms import afdeling_label

# The m2m fields of Plan that history snapshots: (field, related name of the snapshot rows,
# attribute of a snapshot row holding the related id).
PLAN_M2M = (
    ("afdelinger", "historicalplan_afdelinger_set", "afdeling_id"),
    ("focus_areas", "historicalplan_focus_areas_set", "focusarea_id"),
)
SKIPPED_FIELDS = {"slug"}
DASH = "–"


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    when: datetime.datetime
    who: str
    subject: str
    action: str  # "created", "changed" or "deleted"
    changes: list[Change] = field(default_factory=list)
    # A deleted row's values (field, value), so the history shows what was deleted.
    removed: list[tuple[str, str]] = field(default_factory=list)
    reason: str = ""  # simple-history's change reason, e.g. a merge of two people
    # "<kind>-<history id>": names the entry in the address of its full text.
    key: str = ""
    # Some value was shortened for the list; the entry's own page shows it in full.
    cut: bool = False


class _Labels:
    """Names for the ids that history rows hold, fetched with one query per model."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self.names: dict[type[models.Model], dict[Any, str]] = {}

    def want(self, model: type[models.Model], ids: Iterable[Any]) -> None:
        self.wanted[model].update(i for i in ids if i is not None)

    def fetch(self) -> None:
        for model, ids in self.wanted.items():
            found = objects_as_last_known(model, ids)
            self.names[model] = {pk: _label(obj) for pk, obj in found.items()}

    def name(self, model: type[models.Model], pk: Any) -> str:
        if pk is None:
            return DASH
        return self.names.get(model, {}).get(pk, f"#{pk}")


def _label(obj: models.Model) -> str:
    if isinstance(obj, Afdeling):
        return afdeling_label(obj)
    if isinstance(obj, Body):
        return obj.name
    return str(obj)


def _value(model_field: models.Field, value: Any, labels: _Labels) -> str:
    if isinstance(model_field, models.ForeignKey):
        return labels.name(model_field.related_model, value)  # type: ignore[arg-type]
    if value is None or value == "":
        return DASH
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, Decimal):
        return number_format(value, use_l10n=True)
    return str(value)


def _entries(
    records: Sequence[Any],
    labels: _Labels,
    subject: Any,
    m2m: Sequence[tuple[str, str, str]] = (),
    *,
    kind: str = "",
) -> list[Entry]:
    """One entry per history row: the first row of an object is its creation, the next ones
    are diffs against the row before."""
    by_object: dict[Any, list[Any]] = defaultdict(list)
    for record in records:
        by_object[record.id].append(record)
    entries: list[Entry] = []
    for rows in by_object.values():
        previous = None
        for record in rows:
            who = _who(record)
            reason = record.history_change_reason or ""
            key = f"{kind}-{record.history_id}"
            if record.history_type == "-":
                entries.append(
                    Entry(
                        record.history_date,
                        who,
                        subject(record),
                        "deleted",
                        removed=_removed(record, labels),
                        reason=reason,
                        key=key,
                    )
                )
            elif record.history_type == "+":
                entries.append(
                    Entry(
                        record.history_date,
                        who,
                        subject(record),
                        "created",
                        reason=reason,
                        key=key,
                    )
                )
            elif previous is not None:
                changes = _changes(record, previous, labels, m2m)
                if changes:
                    entries.append(
                        Entry(
                            record.history_date,
                            who,
                            subject(record),
                            "changed",
                            changes,
                            reason=reason,
                            key=key,
                        )
                    )
            previous = record
    return entries


# Fields a deleted row's entry does not repeat: its id, and the plan or body it belonged to
# (named by the entry's subject).
NOT_REPEATED = {"id", "plan", "body"}


def _removed(record: Any, labels: _Labels) -> list[tuple[str, str]]:
    """The values a deleted row had, in the model's field order."""
    values = []
    for model_field in record.instance._meta.concrete_fields:
        if model_field.name in NOT_REPEATED or model_field.name in SKIPPED_FIELDS:
            continue
        value = getattr(record, model_field.attname)
        values.append(
            (str(model_field.verbose_name).capitalize(), _value(model_field, value, labels))
        )
    return values


def _changes(
    record: Any, previous: Any, labels: _Labels, m2m: Sequence[tuple[str, str, str]]
) -> list[Change]:
    excluded = [name for name, _rel, _attr in m2m] + sorted(SKIPPED_FIELDS)
    delta = record.diff_against(previous, excluded_fields=excluded)
    changes = []
    for change in delta.changes:
        model_field = cast(models.Field, record._meta.get_field(change.field))
        changes.append(
            Change(
                str(model_field.verbose_name).capitalize(),
                _value(model_field, change.old, labels),
                _value(model_field, change.new, labels),
            )
        )
    for name, related, attr in m2m:
        old = {getattr(row, attr) for row in getattr(previous, related).all()}
        new = {getattr(row, attr) for row in getattr(record, related).all()}
        if old != new:
            m2m_field = cast(models.ManyToManyField, Plan._meta.get_field(name))
            model = cast(type[models.Model], m2m_field.related_model)
            changes.append(
                Change(
                    str(m2m_field.verbose_name).capitalize(),
                    _names(model, old, labels),
                    _names(model, new, labels),
                )
            )
    return changes


def _names(model: type[models.Model], ids: set[Any], labels: _Labels) -> str:
    return ", ".join(sorted(labels.name(model, i) for i in ids)) or DASH


def _who(record: Any) -> str:
    user = record.history_user
    if user is None:
        return _("the system")
    return user.get_full_name() or user.get_username()


def _want_foreign_keys(records: Iterable[Any], labels: _Labels) -> None:
    for record in records:
        for model_field in record._meta.concrete_fields:
            if isinstance(model_field, models.ForeignKey) and model_field.name != "history_user":
                related = cast(type[models.Model], model_field.related_model)
                labels.want(related, [getattr(record, model_field.attname)])


def plan_history(plan: Plan, *, limit: int | None = None) -> list[Entry]:
    """The changes to the plan, its roles, its bodies and their memberships, and to the people
    in them (not their creation), newest first (the newest `limit` of them when given). Pages
    show them through `plan_history_page`."""
    found = plan_history_rows(plan=plan, m2m=[rel for _name, rel, _attr in PLAN_M2M])
    plan_rows, role_rows, body_rows = found.plan, found.roles, found.bodies
    membership_rows, person_rows = found.memberships, found.people
    body_ids = {row.id for row in body_rows}
    labels = _Labels()
    for rows in (plan_rows, role_rows, membership_rows, person_rows):
        _want_foreign_keys(rows, labels)
    for _name, rel, attr in PLAN_M2M:
        model = cast(type[models.Model], Plan._meta.get_field(_name).related_model)
        for row in plan_rows:
            labels.want(model, (getattr(r, attr) for r in getattr(row, rel).all()))
    labels.want(Body, body_ids)
    labels.fetch()
    body_names = {row.id: row.name for row in body_rows}

    def role_subject(row: Any) -> str:
        kind = PlanRoleKind(row.kind).label if row.kind in PlanRoleKind.values else row.kind
        return _("%(person)s, %(role)s") % {
            "person": labels.name(Person, row.person_id),
            "role": str(kind).lower(),
        }

    def membership_subject(row: Any) -> str:
        return _("%(person)s in %(body)s") % {
            "person": labels.name(Person, row.person_id),
            "body": body_names.get(row.body_id, f"#{row.body_id}"),
        }

    entries = [
        *_entries(plan_rows, labels, lambda row: row.name, PLAN_M2M, kind="plan"),
        *_entries(role_rows, labels, role_subject, kind="role"),
        *_entries(body_rows, labels, lambda row: row.name, kind="body"),
        *_entries(membership_rows, labels, membership_subject, kind="membership"),
        *(
            e
            for e in _entries(person_rows, labels, lambda row: row.name, kind="person")
            if e.action != "created"
        ),
    ]
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries if limit is None else entries[:limit]


# -- paging: a page shows a bounded number of entries, and long values shortened --------------

HISTORY_PAGE_SIZE = 20
HISTORY_VALUE_CHARS = 300


@dataclass(frozen=True)
class HistoryPage:
    entries: list[Entry]
    number: int
    pages: int
    total: int

    @property
    def previous_number(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next_number(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None


def page_number(text: str | None) -> int:
    """`?historik=` as a page number; anything else is the first page."""
    if text and text.isdigit() and len(text) < 10:
        return max(int(text), 1)
    return 1


def _shorten(text: str) -> tuple[str, bool]:
    if len(text) <= HISTORY_VALUE_CHARS:
        return text, False
    return text[:HISTORY_VALUE_CHARS].rstrip() + "…", True


def _shortened(entry: Entry) -> Entry:
    changes = []
    removed = []
    cut = False
    for change in entry.changes:
        old, old_cut = _shorten(change.old)
        new, new_cut = _shorten(change.new)
        cut = cut or old_cut or new_cut
        changes.append(Change(change.field, old, new))
    for name, value in entry.removed:
        short, value_cut = _shorten(value)
        cut = cut or value_cut
        removed.append((name, short))
    return replace(entry, changes=changes, removed=removed, cut=cut)


def plan_history_page(
    plan: Plan, *, page: int = 1, per_page: int = HISTORY_PAGE_SIZE
) -> HistoryPage:
    """Page `page` of the plan's history (the last page when there are fewer), each value of at
    most HISTORY_VALUE_CHARS characters: one huge text never makes a huge page."""
    entries = plan_history(plan)
    pages = max(1, -(-len(entries) // per_page))
    number = min(max(page, 1), pages)
    shown = entries[(number - 1) * per_page : number * per_page]
    return HistoryPage([_shortened(e) for e in shown], number, pages, len(entries))


def plan_history_entry(plan: Plan, key: str) -> Entry | None:
    """One entry of the plan's history in full, or None."""
    return next((e for e in plan_history(plan) if e.key == key), None)
