"""What a budget line may hold, checked against its plan: one context read per plan (a fixed
number of queries), then any number of lines checked without a query each, so an import of
10,000 lines costs what one line costs.

A line's data is a mapping with the keys of `LINE_FIELDS`; foreign keys are given as model
instances or primary keys (a form's or a serializer's instance, an import's id). Messages are
keyed by field and name the value at fault."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from boligsocial.areas.models import Afdeling
from boligsocial.budgets.models import BudgetCategory, BudgetLine, SourceKind
from boligsocial.budgets.rules import AMOUNT_MAX, LineFacts
from boligsocial.organisations.models import Organisation, OrganisationKind
from boligsocial.plans.models import Plan

LINE_FIELDS = (
    "year",
    "category",
    "focus_area",
    "text",
    "source_kind",
    "source_organisation",
    "source_afdeling",
    "source_name",
    "in_kind",
    "amount",
)
FOREIGN_KEYS = ("category", "focus_area", "source_organisation", "source_afdeling")
TEXT_MAX = 200
SOURCE_KINDS = frozenset(SourceKind.values)
# The organisation kinds a source of kind `other` may not be: they have their own source kind.
OWN_KINDS = {OrganisationKind.LBF, OrganisationKind.MUNICIPALITY, OrganisationKind.HOUSING}


@dataclass
class PlanContext:
    """What a line of `plan` may refer to, read once."""

    plan: Plan
    years: range
    focus_area_ids: frozenset[int]
    afdeling_ids: frozenset[int]
    housing_organisation_ids: frozenset[int]
    municipality_ids: frozenset[int]  # kommuner of the plan's areas
    categories: dict[int, BudgetCategory]
    organisations: dict[int, Organisation] = field(default_factory=dict)

    def load_organisations(self, ids: Iterable[int]) -> None:
        """Read the organisations the lines name that are not read yet (one query)."""
        missing = {pk for pk in ids if pk not in self.organisations}
        if missing:
            for organisation in Organisation.objects.filter(pk__in=missing):
                self.organisations[organisation.pk] = organisation


def plan_context(plan: Plan) -> PlanContext:
    afdelinger = list(
        Afdeling.objects.filter(plans=plan).values_list(
            "pk", "organisation_id", "area__municipality_id"
        )
    )
    return PlanContext(
        plan=plan,
        years=range(plan.start_date.year, plan.end_date.year + 1),
        focus_area_ids=frozenset(plan.focus_areas.values_list("pk", flat=True)),
        afdeling_ids=frozenset(pk for pk, _org, _mun in afdelinger),
        housing_organisation_ids=frozenset(org for _pk, org, _mun in afdelinger),
        municipality_ids=frozenset(mun for _pk, _org, mun in afdelinger if mun is not None),
        categories={category.pk: category for category in BudgetCategory.objects.all()},
    )


def pk_of(value: Any) -> int | None:
    """A foreign key's id from an instance, an id, or nothing."""
    if value is None or value == "":
        return None
    if isinstance(value, models.Model):
        return int(value.pk)
    return int(value)


@dataclass(frozen=True)
class CleanLine:
    """A line's values once checked, ready to store."""

    year: int
    category_id: int
    focus_area_id: int | None
    text: str
    source_kind: str
    source_organisation_id: int | None
    source_afdeling_id: int | None
    source_name: str
    in_kind: bool
    amount: Decimal

    def facts(self) -> LineFacts:
        return LineFacts(self.year, self.source_kind, self.in_kind, self.amount)

    def differs_from(self, line: BudgetLine) -> bool:
        return any(getattr(self, name) != getattr(line, name) for name in self.__dataclass_fields__)


def _amount(value: Any) -> tuple[Decimal | None, str]:
    if isinstance(value, float):
        value = str(value)
    try:
        amount = Decimal(value) if value is not None and value != "" else None
    except (InvalidOperation, TypeError, ValueError):
        return None, _("“%(value)s” is not an amount.") % {"value": value}
    if amount is None:
        return None, _("Give the amount.")
    if not amount.is_finite():
        return None, _("“%(value)s” is not an amount.") % {"value": value}
    if amount < 0:
        return None, _("The amount cannot be negative.")
    if amount > AMOUNT_MAX:
        return None, _("The amount is more than 999,999,999.99 kr.")
    if amount != amount.quantize(Decimal("0.01")):
        return None, _("An amount has at most two decimals (øre).")
    return amount.quantize(Decimal("0.01")), ""


def _year(value: Any, ctx: PlanContext) -> tuple[int | None, str]:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None, _("“%(value)s” is not a year.") % {"value": value}
    if year not in ctx.years:
        return None, _("%(year)s is outside the plan's period (%(first)s–%(last)s).") % {
            "year": year,
            "first": ctx.years.start,
            "last": ctx.years.stop - 1,
        }
    return year, ""


def line_problems(data: Mapping[str, Any], ctx: PlanContext) -> tuple[CleanLine | None, dict]:
    """The line's checked values, or the problems by field (then None)."""
    errors: dict[str, str] = {}
    year, problem = _year(data.get("year"), ctx)
    if problem:
        errors["year"] = problem
    amount, problem = _amount(data.get("amount"))
    if problem:
        errors["amount"] = problem
    ids: dict[str, int | None] = {}
    for name in FOREIGN_KEYS:
        try:
            ids[name] = pk_of(data.get(name))
        except (TypeError, ValueError):
            errors[name] = _("“%(value)s” is not a known id.") % {"value": data.get(name)}
            ids[name] = None
    category = ctx.categories.get(ids["category"] or 0)
    if "category" not in errors:
        if category is None:
            errors["category"] = _("Choose a category.")
        elif year is not None and not category.valid_in_year(year):
            errors["category"] = _("The category %(category)s is not in use in %(year)s.") % {
                "category": category,
                "year": year,
            }
    focus_area = ids["focus_area"]
    if focus_area is not None and focus_area not in ctx.focus_area_ids:
        errors["focus_area"] = _("Choose one of the plan's focus areas, or none (shared).")
    text = str(data.get("text") or "").strip()
    if not text:
        errors["text"] = _("Say what the money is for.")
    elif len(text) > TEXT_MAX:
        errors["text"] = _("At most %(max)s characters.") % {"max": TEXT_MAX}
    source_name = str(data.get("source_name") or "").strip()
    if len(source_name) > TEXT_MAX:
        errors["source_name"] = _("At most %(max)s characters.") % {"max": TEXT_MAX}
    in_kind = bool(data.get("in_kind") or False)
    kind = str(data.get("source_kind") or "")
    if kind not in SOURCE_KINDS:
        errors["source_kind"] = _("“%(value)s” is not a source (one of %(kinds)s).") % {
            "value": kind,
            "kinds": ", ".join(SourceKind.values),
        }
    else:
        errors |= _source_problems(kind, ids, source_name, in_kind, ctx)
    if errors or year is None or amount is None or category is None:
        return None, errors
    return (
        CleanLine(
            year=year,
            category_id=category.pk,
            focus_area_id=focus_area,
            text=text,
            source_kind=kind,
            source_organisation_id=ids["source_organisation"],
            source_afdeling_id=ids["source_afdeling"],
            source_name=source_name,
            in_kind=in_kind,
            amount=amount,
        ),
        {},
    )


def _source_problems(
    kind: str, ids: Mapping[str, int | None], name: str, in_kind: bool, ctx: PlanContext
) -> dict[str, str]:
    organisation_id, afdeling_id = ids["source_organisation"], ids["source_afdeling"]
    if organisation_id is not None:
        ctx.load_organisations([organisation_id])
    organisation = ctx.organisations.get(organisation_id or 0)
    errors: dict[str, str] = {}
    if organisation_id is not None and organisation is None:
        return {
            "source_organisation": _("There is no organisation %(id)s.") % {"id": organisation_id}
        }
    if kind == SourceKind.LBF:
        if organisation_id or afdeling_id or name:
            errors["source_kind"] = _("LBF is the source itself: name no organisation with it.")
        if in_kind:
            errors["in_kind"] = _("LBF pays money, not contributions in kind.")
        return errors
    if kind != SourceKind.AFDELING and afdeling_id is not None:
        errors["source_afdeling"] = _("Name an afdeling only with the source kind afdeling.")
    if kind == SourceKind.MUNICIPALITY:
        if organisation is None:
            errors["source_organisation"] = _("Choose the municipality.")
        elif (
            organisation.kind != OrganisationKind.MUNICIPALITY
            or organisation.municipality_id not in ctx.municipality_ids
        ):
            errors["source_organisation"] = _(
                "%(organisation)s is not the municipality of one of the plan's areas."
            ) % {"organisation": organisation}
    elif kind == SourceKind.HOUSING_ORGANISATION:
        if organisation is None:
            errors["source_organisation"] = _("Choose the housing organisation.")
        elif organisation.pk not in ctx.housing_organisation_ids:
            errors["source_organisation"] = _(
                "%(organisation)s owns none of the plan's afdelinger."
            ) % {"organisation": organisation}
    elif kind == SourceKind.AFDELING:
        if afdeling_id is None:
            errors["source_afdeling"] = _("Choose the afdeling.")
        elif afdeling_id not in ctx.afdeling_ids:
            errors["source_afdeling"] = _("The afdeling is not one of the plan's afdelinger.")
        if organisation_id is not None:
            errors["source_organisation"] = _(
                "An afdeling is the source itself: name no organisation with it."
            )
    else:  # foundation, other
        if organisation is None and not name:
            errors["source_name"] = _(
                "Choose the organisation, or give the source's name when it is not registered."
            )
        elif organisation is not None and (
            (kind == SourceKind.FOUNDATION and organisation.kind != OrganisationKind.FOUNDATION)
            or (kind == SourceKind.OTHER and organisation.kind in OWN_KINDS)
        ):
            errors["source_organisation"] = _(
                "%(organisation)s is not a source of the kind %(kind)s."
            ) % {"organisation": organisation, "kind": SourceKind(kind).label}
    if name and kind not in (SourceKind.FOUNDATION, SourceKind.OTHER):
        errors["source_name"] = _("Give a name only for a foundation or another source.")
    return errors
