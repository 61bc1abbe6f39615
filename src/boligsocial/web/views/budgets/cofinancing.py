"""`intern/medfinansiering/`: what a co-financer has committed per plan and year, from each
plan's budget in force (budgets not granted yet apart, as proposed), and for the secretariat's
administrators the city's total per source kind and year; `?format=xlsx` downloads the same
as a workbook. A municipality user sees their municipality, a housing-organisation user their
organisation; administrators and LBF choose any. A fixed number of queries whatever the
number of plans and lines."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from boligsocial.accounts.rules import Scopes
from boligsocial.accounts.selectors import readable_plan_ids, scopes_for
from boligsocial.budgets.models import SourceKind
from boligsocial.budgets.rules import ZERO
from boligsocial.budgets.selectors import (
    CityOverview,
    Overview,
    PlanCommitment,
    city_commitments,
    cofinancer_commitments,
)
from boligsocial.core.spreadsheets import append_row
from boligsocial.organisations.models import Municipality, Organisation, OrganisationKind
from boligsocial.pipeline.selectors import plans_in_site_scope
from boligsocial.plans.models import Plan
from boligsocial.web.context_processors import current_site
from boligsocial.web.forms.budgets import CofinancerForm
from boligsocial.web.views.budgets.widgets import fast_selects

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
AMOUNT_FORMAT = "#,##0.00"
COFINANCER_KINDS = (
    OrganisationKind.HOUSING,
    OrganisationKind.FOUNDATION,
    OrganisationKind.OTHER,
)


@dataclass
class Table:
    """Rows of amounts per year with a total column and a total row."""

    caption: str
    years: list[int]
    rows: list[tuple[str, str, list[Decimal], Decimal, Decimal]]  # label, slug, cells, total, kind
    totals: list[Decimal]
    total: Decimal


def _plan_table(caption: str, rows: list[PlanCommitment], years: list[int]) -> Table:
    cells = [
        (
            row.name,
            row.slug,
            [row.by_year.get(y, ZERO) for y in years],
            row.total,
            row.in_kind_total,
        )
        for row in rows
    ]
    totals = [sum((r.by_year.get(y, ZERO) for r in rows), ZERO) for y in years]
    return Table(caption, years, cells, totals, sum(totals, ZERO))


def _city_table(caption: str, kinds: dict[str, dict[int, Decimal]], years: list[int]) -> Table:
    cells = [
        (
            str(SourceKind(kind).label),
            "",
            [by_year.get(y, ZERO) for y in years],
            sum(by_year.values(), ZERO),
            ZERO,
        )
        for kind, by_year in kinds.items()
    ]
    totals = [sum((by.get(y, ZERO) for by in kinds.values()), ZERO) for y in years]
    return Table(caption, years, cells, totals, sum(totals, ZERO))


def _choices(scopes: Scopes) -> tuple[Any, Any]:
    """The organisations and municipalities the user may choose."""
    organisations = Organisation.objects.filter(kind__in=COFINANCER_KINDS).order_by("name")
    municipalities = Municipality.objects.order_by("name")
    if scopes.is_admin or scopes.acts_for_lbf:
        return organisations, municipalities
    return (
        organisations.filter(pk__in=scopes.organisation_ids),
        municipalities.filter(pk__in=scopes.municipality_ids),
    )


def _chosen(form: CofinancerForm, scopes: Scopes) -> tuple[Any, Any]:
    """The organisation or municipality to show: the one asked for, else the user's own."""
    if form.is_bound and form.is_valid():
        organisation = form.cleaned_data.get("organisation")
        municipality = form.cleaned_data.get("kommune")
        if organisation or municipality:
            return organisation, municipality
    if scopes.is_admin or scopes.acts_for_lbf:
        return None, None
    if scopes.municipality_ids:
        return None, Municipality.objects.filter(pk__in=scopes.municipality_ids).order_by(
            "name"
        ).first()
    return Organisation.objects.filter(pk__in=scopes.organisation_ids).order_by(
        "name"
    ).first(), None


def may_see_cofinancers(scopes: Scopes) -> bool:
    """The overview is for the co-financers themselves (municipalities, housing
    organisations), LBF and the secretariat's administrators; a plan leader sees their plan's
    budget instead."""
    return bool(
        scopes.is_admin or scopes.acts_for_lbf or scopes.organisation_ids or scopes.municipality_ids
    )


@login_required
@require_GET
def cofinancer_overview(request: HttpRequest) -> HttpResponse:
    scopes = scopes_for(request.user)
    if not may_see_cofinancers(scopes):
        raise PermissionDenied(
            _(
                "The co-financers' overview is for municipalities, housing organisations, LBF "
                "and the secretariat's administrators."
            )
        )
    organisations, municipalities = _choices(scopes)
    query = {k: v for k, v in request.GET.items() if k in ("organisation", "kommune") and v}
    form = CofinancerForm(query or None, organisations=organisations, municipalities=municipalities)
    organisation, municipality = _chosen(form, scopes)
    overview: Overview | None = None
    if organisation is not None or municipality is not None:
        overview = cofinancer_commitments(
            organisation=organisation,
            municipality=municipality,
            plan_ids=readable_plan_ids(request.user),
        )
    city: CityOverview | None = None
    if scopes.is_admin:
        city = city_commitments(
            plans_in_site_scope(Plan.objects.all(), current_site(request)).values("pk")
        )
    name = str(organisation or municipality or "")
    tables = _tables(name, overview, city)
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(_workbook(tables), content_type=XLSX)
        filename = slugify(f"medfinansiering-{name}" if name else "medfinansiering")
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    if not form.is_bound:
        form = CofinancerForm(
            initial={
                "organisation": organisation.slug if organisation else None,
                "kommune": municipality.code if municipality else None,
            },
            organisations=organisations,
            municipalities=municipalities,
        )
    context = {
        "form": fast_selects(form),
        "name": name,
        "overview": overview,
        "city": city,
        "tables": tables,
        "query": urlencode(query),
        "may_choose": scopes.is_admin
        or scopes.acts_for_lbf
        or len(organisations) > 1
        or len(municipalities) > 1,
    }
    return render(
        request, "web/budgets/cofinancing.html", context, status=400 if form.errors else 200
    )


def _tables(name: str, overview: Overview | None, city: CityOverview | None) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    if overview is not None:
        years = overview.years
        tables["committed"] = _plan_table(
            _("%(name)s: committed in budgets in force, per plan and year") % {"name": name},
            overview.committed,
            years,
        )
        tables["proposed"] = _plan_table(
            _("%(name)s: proposed in budgets not granted yet, per plan and year") % {"name": name},
            overview.proposed,
            years,
        )
    if city is not None:
        years = city.years
        tables["city"] = _city_table(
            _("The city's plans: budgets in force per source and year"), city.committed, years
        )
        tables["city_proposed"] = _city_table(
            _("The city's plans: budgets not granted yet per source and year"),
            city.proposed,
            years,
        )
    return tables


def _workbook(tables: dict[str, Table]) -> bytes:
    """The page's tables as sheets: headings in the reader's language (Danish by default),
    amounts as numbers with two decimals and thousands' separators."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    titles = {
        "committed": _("Committed"),
        "proposed": _("Proposed"),
        "city": _("City in force"),
        "city_proposed": _("City proposed"),
    }
    for key, table in tables.items():
        sheet = workbook.create_sheet(str(titles[key])[:31])
        append_row(sheet, [table.caption])
        sheet["A1"].font = Font(bold=True)
        first = _("Source") if key.startswith("city") else _("Plan")
        append_row(sheet, [first, *table.years, _("Total")])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for label, _slug, cells, total, _kind in table.rows:
            append_row(sheet, [label, *cells, total])
        append_row(sheet, [_("Total"), *table.totals, table.total])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in sheet.iter_rows(min_row=3, min_col=2):
            for cell in row:
                cell.number_format = AMOUNT_FORMAT
        sheet.column_dimensions["A"].width = 40
        for index in range(2, len(table.years) + 3):
            sheet.column_dimensions[sheet.cell(row=2, column=index).column_letter].width = 16
        sheet.freeze_panes = "B3"
    if not workbook.sheetnames:
        workbook.create_sheet(_("Committed"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
