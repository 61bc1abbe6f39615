"""The change history of money (a plan's budget lines and versions, its yearly reports, its
instalments, the frames' bookings, …), read from django-simple-history rows of any models: who
changed what, when, and each changed field's old → new value, amounts as "1.234,50 kr.".

    history = money_history_context(
        request,
        [BudgetVersion.history.filter(plan_id=plan.pk), BudgetLine.history.filter(...)],
        subjects={BudgetLine: lambda row: f"{row.year}: {row.text}"},
    )
    # template: {% include "web/includes/money_history.html" with history=history %}

One query per history queryset, plus one per model its foreign keys name, whatever the length
of the history; newest first, a page at a time (`?side=`, as `web/paging.py` lists do), each
value shortened as on the plan's history."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.http import HttpRequest, QueryDict

from boligsocial.web.history import (
    DASH,
    HISTORY_PAGE_SIZE,
    Change,
    Entry,
    HistoryPage,
    _Labels,
    _shortened,
    _value,
    _want_foreign_keys,
    _who,
    page_number,
)
from boligsocial.web.paging import page_url
from boligsocial.web.templatetags.boligsocial import kr

Subject = Callable[[Any], str]

# Fields no entry repeats: the row's id and stable key, the parent the page is about already,
# and timestamps kept by the system (history has its own "when").
OMITTED = frozenset({"id", "key", "plan", "version", "report", "changed_at", "created_at"})


def _money_value(model_field: models.Field, value: Any, labels: _Labels) -> str:
    """An amount (a decimal with 2 places) as "1.234,50 kr."; anything else as the plan's
    history shows it."""
    if (
        isinstance(model_field, models.DecimalField)
        and model_field.decimal_places == 2
        and isinstance(value, Decimal | int)
    ):
        return kr(value)
    return _value(model_field, value, labels)


def _default_subject(row: Any) -> str:
    """ "Budget line 2027, Lektiecafé": the model's name with the row's year, number and text
    when it has them."""
    name = _first_upper(str(row.instance._meta.verbose_name))
    parts = [str(getattr(row, a)) for a in ("year", "number") if getattr(row, a, None)]
    head = " ".join([name, *parts])
    text = getattr(row, "text", "")
    return f"{head}, {text}" if text else head


def _fields(record: Any, omit: frozenset[str]) -> list[models.Field]:
    return [f for f in record.instance_type._meta.concrete_fields if f.name not in omit]


def _name(model_field: models.Field) -> str:
    return _first_upper(str(model_field.verbose_name))


def _money_entries(
    rows: Sequence[Any], labels: _Labels, subject: Subject, omit: frozenset[str]
) -> list[Entry]:
    """One entry per history row (oldest first): a creation lists the values the row was
    created with (from "–"), a change the fields that differ from the object's row before, a
    deletion the values it had. A change of omitted fields only is no entry."""
    kind = str(rows[0].instance_type._meta.model_name)
    fields = _fields(rows[0], omit)
    previous: dict[Any, Any] = {}
    entries = []
    for record in rows:
        before = previous.get(record.id)
        previous[record.id] = record

        def shown(f: models.Field, row: Any = record) -> str:
            return _money_value(f, getattr(row, f.attname), labels)

        entry = Entry(
            record.history_date,
            _who(record),
            subject(record),
            {"+": "created", "-": "deleted"}.get(record.history_type, "changed"),
            reason=record.history_change_reason or "",
            key=f"{kind}-{record.history_id}",
        )
        if entry.action == "deleted":
            entry.removed = [(_name(f), shown(f)) for f in fields]
        elif entry.action == "created" or before is None:
            entry.changes = [
                Change(_name(f), DASH, shown(f))
                for f in fields
                if getattr(record, f.attname) not in (None, "")
            ]
        else:
            entry.changes = [
                Change(_name(f), shown(f, before), shown(f))
                for f in fields
                if getattr(record, f.attname) != getattr(before, f.attname)
            ]
            if not entry.changes:
                continue
        entries.append(entry)
    return entries


def money_history(
    sources: Iterable[models.QuerySet[Any]],
    *,
    subjects: Mapping[type[models.Model], Subject] | None = None,
    omit: Iterable[str] = (),
) -> list[Entry]:
    """Every change in the history querysets `sources` (e.g. `BudgetLine.history.filter(…)`),
    newest first. `subjects` names a row of a model ("2027, Lektiecafé"); the default is the
    model's name with the row's year/number/text. `omit` names more fields not to show."""
    subjects = subjects or {}
    omitted = OMITTED | frozenset(omit)
    rows_of = [
        list(qs.select_related("history_user").order_by("history_date", "history_id"))
        for qs in sources
    ]
    labels = _Labels()
    for rows in rows_of:
        _want_foreign_keys(rows, labels)
    labels.fetch()
    entries: list[Entry] = []
    for rows in rows_of:
        if not rows:
            continue
        subject = subjects.get(type(rows[0]).instance_type, _default_subject)
        entries.extend(_money_entries(rows, labels, subject, omitted))
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries


@dataclass(frozen=True)
class MoneyHistory:
    """A page of money history for `web/includes/money_history.html`."""

    entries: list[Entry]
    page: HistoryPage
    previous_url: str | None
    next_url: str | None


def money_history_page(
    sources: Iterable[models.QuerySet[Any]],
    *,
    page: int = 1,
    per_page: int = HISTORY_PAGE_SIZE,
    subjects: Mapping[type[models.Model], Subject] | None = None,
    omit: Iterable[str] = (),
) -> HistoryPage:
    """Page `page` of the history (the last page when there are fewer), values shortened."""
    entries = money_history(sources, subjects=subjects, omit=omit)
    pages = max(1, -(-len(entries) // per_page))
    number = min(max(page, 1), pages)
    shown = entries[(number - 1) * per_page : number * per_page]
    return HistoryPage([_shortened(e) for e in shown], number, pages, len(entries))


def money_history_context(
    request: HttpRequest,
    sources: Iterable[models.QuerySet[Any]],
    *,
    subjects: Mapping[type[models.Model], Subject] | None = None,
    omit: Iterable[str] = (),
    per_page: int = HISTORY_PAGE_SIZE,
) -> MoneyHistory:
    """The page of history that `?side=` asks for, with the addresses of its neighbours."""
    found = money_history_page(
        sources,
        page=page_number(request.GET.get("side")),
        per_page=per_page,
        subjects=subjects,
        omit=omit,
    )
    query: QueryDict = request.GET

    def url(number: int | None) -> str | None:
        return None if number is None else page_url(request.path, query, number) + "#history"

    return MoneyHistory(found.entries, found, url(found.previous_number), url(found.next_number))


def _first_upper(label: str) -> str:
    """The label with its first letter upper-case and the rest as written (`capitalize()` would
    turn "Received from LBF" into "Received from lbf")."""
    return label[:1].upper() + label[1:]
