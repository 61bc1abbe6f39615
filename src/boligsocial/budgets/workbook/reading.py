"""A budget workbook read back into rows for `budgets.services.budget_lines_replace`
(layout: `budgets.workbook.layout`). Every cell is checked and every problem listed with its
sheet, row and column; names (categories, focus areas, sources) are resolved against the plan
in a fixed number of queries whatever the number of rows.

A workbook that is not one of the program's budget workbooks (no `Oversigt` with the format),
or the budget of another plan, is refused as a whole. A row whose hidden key is the same as an
earlier row's (a row copied in the spreadsheet program) is a new line."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from boligsocial.areas.models import Afdeling
from boligsocial.budgets.filecheck import parse_amount
from boligsocial.budgets.lines import PlanContext, plan_context
from boligsocial.budgets.models import BudgetLine, BudgetVersion, SourceKind
from boligsocial.budgets.workbook import layout
from boligsocial.budgets.workbook.export import afdeling_text, source_text
from boligsocial.budgets.workbook.sheets import (
    Sheet,
    SheetError,
    WorkbookErrors,
    labelled_values,
    read_sheets,
    read_table,
)
from boligsocial.core.numbers import NumberFormat
from boligsocial.funding.models import FocusArea
from boligsocial.organisations.models import Organisation, OrganisationKind
from boligsocial.plans.models import Plan
from boligsocial.plans.selectors import plan_by_former_slug

# The organisation kinds a source of the kind "other" may not be (they have kinds of their own).
NOT_OTHER = (OrganisationKind.LBF, OrganisationKind.MUNICIPALITY, OrganisationKind.HOUSING)
# The column (by field) a problem of a line's field is shown in.
FIELD_COLUMN = {
    "category": "category",
    "focus_area": "focus_area",
    "text": "text",
    "source_kind": "source_kind",
    "source_organisation": "source",
    "source_afdeling": "source",
    "source_name": "source",
    "in_kind": "in_kind",
    "amount": "amount",
    "key": "key",
}
HEADINGS = {c.name: c.heading for c in layout.COLUMNS}


@dataclass(frozen=True)
class Place:
    sheet: str
    row: int


@dataclass
class BudgetRows:
    """A workbook read: the rows for the service, where each came from, and what it says of
    itself (the version it was exported from and that version's token)."""

    version_number: int | None
    token: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)


def _meta(sheets: dict[str, Sheet], plan: Plan) -> tuple[int | None, str]:
    """(version number, version token) of the workbook's summary; WorkbookErrors when the
    workbook is not a budget workbook of this plan."""
    summary = sheets.get(layout.SUMMARY)
    values = dict(labelled_values(summary)) if summary is not None else {}
    if values.get(layout.LABEL_FORMAT) != layout.FORMAT:
        raise WorkbookErrors(
            [
                SheetError(
                    None,
                    None,
                    None,
                    _(
                        "This is not a budget workbook exported by Boligsocial (its sheet "
                        "%(sheet)s with the format %(format)s is missing). Export the plan's "
                        "budget, make the changes in that workbook and import it."
                    )
                    % {"sheet": layout.SUMMARY, "format": layout.FORMAT},
                )
            ]
        )
    slug = values.get(layout.LABEL_SLUG, "")
    if slug != plan.slug and (former := plan_by_former_slug(slug)) is not None:
        slug = former.slug if former.pk == plan.pk else slug
    if slug != plan.slug:
        raise WorkbookErrors(
            [
                SheetError(
                    layout.SUMMARY,
                    None,
                    layout.LABEL_SLUG,
                    _("This is the budget of another plan (%(slug)s), not of %(plan)s.")
                    % {"slug": slug or "?", "plan": plan.name},
                )
            ]
        )
    number_text = values.get(layout.LABEL_VERSION, "").split(" ", 1)[0]
    number = int(number_text) if number_text.isdigit() else None
    return number, values.get(layout.LABEL_TOKEN, "")


@dataclass
class Names:
    """What the cells may name, in lower case, for the plan."""

    ctx: PlanContext
    categories: dict[str, int]
    focus_areas: dict[str, int]
    municipalities: dict[str, int]
    housing: dict[str, int]
    afdelinger: dict[str, int]
    category_list: str
    focus_list: str


def _names(plan: Plan) -> Names:
    ctx = plan_context(plan)
    categories: dict[str, int] = {}
    for category in sorted(ctx.categories.values(), key=lambda c: (-c.position, c.code)):
        for name in (category.code, category.name_da, category.name_en):
            if name:
                categories[name.strip().lower()] = category.pk
    focus_areas: dict[str, int] = {}
    focus = list(FocusArea.objects.filter(pk__in=ctx.focus_area_ids).order_by("position"))
    for area in focus:
        for name in (area.name_en, area.name_da):
            if name:
                focus_areas[name.strip().lower()] = area.pk
    municipalities = {
        o.name.lower(): o.pk
        for o in Organisation.objects.filter(
            kind=OrganisationKind.MUNICIPALITY, municipality_id__in=ctx.municipality_ids
        )
    }
    housing: dict[str, int] = {}
    for organisation in Organisation.objects.filter(pk__in=ctx.housing_organisation_ids):
        ctx.organisations[organisation.pk] = organisation
        housing[organisation.name.lower()] = organisation.pk
        if organisation.cvr:
            housing[organisation.cvr] = organisation.pk
    afdelinger: dict[str, int] = {}
    for afdeling in Afdeling.objects.filter(pk__in=ctx.afdeling_ids).select_related("organisation"):
        for name in (afdeling.name, f"{afdeling.organisation.name} afd. {afdeling.number}",
                     afdeling_text(afdeling)):  # fmt: skip
            afdelinger[name.lower()] = afdeling.pk
    names = sorted({c.name_da for c in ctx.categories.values()})
    return Names(
        ctx=ctx,
        categories=categories,
        focus_areas=focus_areas,
        municipalities=municipalities,
        housing=housing,
        afdelinger=afdelinger,
        category_list=", ".join(names),
        focus_list=", ".join([layout.SHARED, *(a.name_da for a in focus)]),
    )


def _registered(rows: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Foundations and other organisations the rows name, by (kind, name in lower case): one
    query for all of them."""
    names = {name for _kind, name in rows}
    found: dict[tuple[str, str], int] = {}
    if not names:
        return found
    for organisation in Organisation.objects.filter(name__in=names):
        lower = organisation.name.lower()
        if organisation.kind == OrganisationKind.FOUNDATION:
            found.setdefault((SourceKind.FOUNDATION, lower), organisation.pk)
        if organisation.kind not in NOT_OTHER:
            found.setdefault((SourceKind.OTHER, lower), organisation.pk)
    return found


def _source(
    kind: str,
    text: str,
    names: Names,
    registered: dict[tuple[str, str], int],
    existing: BudgetLine | None,
) -> tuple[dict[str, Any], str]:
    """The source fields of a line of `kind` named `text`; a message when it names none."""
    lower = text.strip().lower()
    if existing is not None and existing.source_kind == kind and source_text(existing) == text:
        return {
            "source_organisation": existing.source_organisation_id,
            "source_afdeling": existing.source_afdeling_id,
            "source_name": existing.source_name,
        }, ""
    if kind == SourceKind.LBF:
        if lower in layout.LBF_SOURCE_WORDS:
            return {}, ""
        return {}, _("Leave the source empty for LBF.")
    if kind in (SourceKind.MUNICIPALITY, SourceKind.HOUSING_ORGANISATION, SourceKind.AFDELING):
        choices = {
            SourceKind.MUNICIPALITY: names.municipalities,
            SourceKind.HOUSING_ORGANISATION: names.housing,
            SourceKind.AFDELING: names.afdelinger,
        }[SourceKind(kind)]
        field_name = "source_afdeling" if kind == SourceKind.AFDELING else "source_organisation"
        if not lower and len(set(choices.values())) == 1:
            return {field_name: next(iter(choices.values()))}, ""
        if lower in choices:
            return {field_name: choices[lower]}, ""
        what = {
            SourceKind.MUNICIPALITY: _("a municipality of the plan's areas"),
            SourceKind.HOUSING_ORGANISATION: _("a housing organisation of the plan's afdelinger"),
            SourceKind.AFDELING: _("one of the plan's afdelinger"),
        }[SourceKind(kind)]
        if not lower:
            return {}, _("Name %(what)s (see the sheet %(lists)s).") % {
                "what": what,
                "lists": layout.LISTS,
            }
        return {}, _("“%(text)s” is not %(what)s (see the sheet %(lists)s).") % {
            "text": text.strip(),
            "what": what,
            "lists": layout.LISTS,
        }
    organisation = registered.get((kind, lower))
    if organisation is not None:
        return {"source_organisation": organisation}, ""
    return {"source_name": text.strip()}, ""


def _amount(text: str) -> Decimal:
    return parse_amount(text, NumberFormat.PLAIN)


def read_budget_rows(
    data: bytes, plan: Plan, version: BudgetVersion
) -> tuple[BudgetRows, list[SheetError]]:
    """The rows of the workbook `data` for `version` of `plan`, and every problem of its cells
    (a row with a problem is given with the field at fault empty, so the service's check of
    the rows can name the problems of its other fields too). WorkbookErrors when the workbook
    as a whole is refused."""
    sheets = read_sheets(data)
    number, token = _meta(sheets, plan)
    result = BudgetRows(version_number=number, token=token)
    errors: list[SheetError] = []
    years: list[tuple[int, Sheet]] = []
    for title, sheet in sheets.items():
        if title in (layout.SUMMARY, layout.LISTS):
            continue
        if title.strip().isdigit() and len(title.strip()) == 4:
            years.append((int(title), sheet))
        elif sheet.rows:
            errors.append(
                SheetError(
                    title,
                    None,
                    None,
                    _("A sheet of a budget workbook is a year (e.g. 2025), %(a)s or %(b)s.")
                    % {"a": layout.SUMMARY, "b": layout.LISTS},
                )
            )
    names = _names(plan)
    existing = {
        line.key: line
        for line in BudgetLine.objects.filter(version=version).select_related(
            "source_organisation", "source_afdeling__organisation"
        )
    }
    tables = []
    for year, sheet in sorted(years, key=lambda pair: pair[0]):
        table, problems = read_table(sheet, layout.COLUMNS)
        errors += problems
        tables.append((year, table))
    registered = _registered(
        [
            (kind, row.get("source", "").strip())
            for _year, table in tables
            for _n, row in table.rows
            if (kind := layout.KIND_WORDS.get(row.get("source_kind", "").strip().lower()))
            in (SourceKind.FOUNDATION, SourceKind.OTHER)
        ]
    )
    seen: set[str] = set()
    for year, table in tables:
        for number_in_sheet, cells in table.rows:
            row, cell_problems = _row(year, cells, names, registered, existing, seen)
            errors += [
                SheetError(table.title, number_in_sheet, HEADINGS[column], message)
                for column, message in cell_problems
            ]
            result.rows.append(row)
            result.places.append(Place(table.title, number_in_sheet))
    return result, errors


def _row(
    year: int,
    cells: dict[str, str],
    names: Names,
    registered: dict[tuple[str, str], int],
    existing: dict[str, BudgetLine],
    seen: set[str],
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """A row's data for the service and the problems of its cells, (column, message)."""
    problems: list[tuple[str, str]] = []
    row: dict[str, Any] = {"year": year, "text": cells.get("text", "").strip()}
    key = cells.get("key", "").strip()
    if key in seen:
        key = ""  # a copied row: a new line
    elif key:
        seen.add(key)
    row["key"] = key
    category = cells.get("category", "").strip()
    row["category"] = names.categories.get(category.lower())
    if category and row["category"] is None:
        problems.append(
            ("category", _("“%(text)s” is not a category (%(list)s).")
             % {"text": category, "list": names.category_list})
        )  # fmt: skip
    focus = cells.get("focus_area", "").strip()
    if focus.lower() in layout.SHARED_WORDS:
        row["focus_area"] = None
    elif focus.lower() in names.focus_areas:
        row["focus_area"] = names.focus_areas[focus.lower()]
    else:
        problems.append(
            ("focus_area", _("“%(text)s” is not one of the plan's focus areas (%(list)s).")
             % {"text": focus, "list": names.focus_list})
        )  # fmt: skip
    kind_text = cells.get("source_kind", "").strip()
    kind = layout.KIND_WORDS.get(kind_text.lower())
    if kind is None:
        labels = ", ".join(layout.KIND_LABELS.values())
        problems.append(
            ("source_kind", _("“%(text)s” is not a kind of source (%(list)s).")
             % {"text": kind_text, "list": labels} if kind_text
             else _("Choose the kind of source (%(list)s).") % {"list": labels})
        )  # fmt: skip
    else:
        row["source_kind"] = kind.value
        source, problem = _source(
            kind, cells.get("source", ""), names, registered, existing.get(key)
        )
        row.update(source)
        if problem:
            problems.append(("source", problem))
    in_kind = layout.IN_KIND_WORDS.get(cells.get("in_kind", "").strip().lower())
    if in_kind is None:
        problems.append(("in_kind", _("Write ja or nej.")))
    row["in_kind"] = bool(in_kind)
    try:
        row["amount"] = _amount(cells.get("amount", ""))
    except ValueError as exc:
        problems.append(("amount", str(exc)))
    return row, problems
