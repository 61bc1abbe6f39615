"""The area pages: the overview of every area's computed versus official status (with CSV and
XLSX export of exactly what it shows), an area's page with each criterion over time, and the
data dictionary. Disclosure control is applied by the selectors for readers without analyst
rights; every page costs a fixed number of queries. `web/area_tables.py` turns what the
selectors give into the text shown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.accounts.rules import can_see_unsuppressed_statistics
from boligsocial.accounts.selectors import plans_readable_by, scopes_for
from boligsocial.core import data_version
from boligsocial.criteria.rules import DEFAULT_RISK_MARGIN
from boligsocial.indicators.overview import SORT_KEYS, AreaOverview, SortKey
from boligsocial.indicators.redaction import shown_year
from boligsocial.indicators.rules import suppression_label
from boligsocial.indicators.selectors import (
    area_assessment,
    area_by_slug,
    area_overview,
    indicator_list,
    indicators_by_key,
    known_lists,
    overview_municipalities,
    overview_years,
)
from boligsocial.indicators.series import criterion_series
from boligsocial.organisations.models import Municipality
from boligsocial.plans.models import Plan
from boligsocial.web.area_tables import (
    EXPORT_FORMATS,
    SORT_LABELS,
    OverviewLine,
    criteria_rows,
    criterion_label,
    export_csv,
    export_rows,
    export_xlsx,
    name_of,
    number,
    overview_line,
    series_view,
)
from boligsocial.web.history import page_number
from boligsocial.web.paging import page_links

# The overview -----------------------------------------------------------------------------


class AreaOverviewForm(forms.Form):
    """`?aar=` (a year with figures or lists; the latest by default), `?kommune=` (a
    municipality code or name) and `?sort=` (risk, name or municipality)."""

    ALL = "alle"

    aar = forms.CharField(label=gettext_lazy("Year"))
    kommune = forms.CharField(label=gettext_lazy("Municipality"))
    sort = forms.CharField(label=gettext_lazy("Sort by"))

    def __init__(
        self,
        *args: Any,
        years: Sequence[int],
        municipalities: Sequence[Municipality],
        **kwargs: Any,
    ) -> None:
        if args:
            # a parameter left out or empty means its default
            data = args[0].copy()
            defaults = {"aar": str(years[0]) if years else "", "kommune": self.ALL}
            for key, default in {**defaults, "sort": "risk"}.items():
                if not data.get(key, "").strip():
                    data[key] = default
            args = (data, *args[1:])
        super().__init__(*args, **kwargs)
        self.years = tuple(years)
        self.municipalities = tuple(municipalities)
        self.fields["aar"].required = bool(self.years)
        self.fields["aar"].widget = forms.Select(
            choices=[(str(y), str(y)) for y in self.years], attrs={"class": "form-select"}
        )
        self.fields["kommune"].widget = forms.Select(
            choices=[(self.ALL, _("All municipalities"))]
            + [(str(m.code), m.name) for m in self.municipalities],
            attrs={"class": "form-select"},
        )
        self.fields["sort"].widget = forms.Select(
            choices=[(k, SORT_LABELS[k]) for k in SORT_KEYS], attrs={"class": "form-select"}
        )

    def clean_aar(self) -> int | None:
        text = self.cleaned_data["aar"].strip()
        if not text:
            return None  # no year has figures yet
        if not text.isdigit():
            raise forms.ValidationError(
                _("Give the year as a whole number, e.g. %(example)s; “%(value)s” is not one.")
                % {"example": self.years[0] if self.years else 2024, "value": text}
            )
        year = int(text)
        if year not in self.years:
            raise forms.ValidationError(
                _("There are no figures or lists for %(year)s. Choose one of: %(years)s.")
                % {"year": year, "years": ", ".join(str(y) for y in sorted(self.years))}
            )
        return year

    def clean_kommune(self) -> int | None:
        text = self.cleaned_data["kommune"].strip()
        if text == self.ALL:
            return None
        for m in self.municipalities:
            if text == str(m.code) or text.lower() in {m.name.lower(), f"{m.name} kommune".lower()}:
                return m.code
        raise forms.ValidationError(
            _("“%(value)s” is not a municipality with areas on this page. Choose one in the list.")
            % {"value": text}
        )

    def clean_sort(self) -> SortKey:
        text = self.cleaned_data["sort"].strip() or "risk"
        for key in SORT_KEYS:
            if text == key:
                return key
        raise forms.ValidationError(
            _("Sort by risk, name or municipality; “%(value)s” is not one of them.")
            % {"value": text}
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        fmt = self.data.get("format", "")
        if fmt and fmt not in EXPORT_FORMATS:
            raise forms.ValidationError(
                _("The export format must be csv or xlsx; “%(value)s” is not one of them.")
                % {"value": fmt}
            )
        cleaned["format"] = fmt
        return cleaned


def _analyst(request: HttpRequest) -> bool:
    return can_see_unsuppressed_statistics(scopes_for(request.user))


AREAS_PER_PAGE = 100
# The overview's choices, rows and lines per areas' version, language and reader (decision 0014).
kept_overviews = data_version.KeptPerAreasVersion(32)


def _overview_choices() -> tuple[
    frozenset[tuple[int, str]], tuple[int, ...], tuple[Municipality, ...]
]:
    lists = known_lists()
    return lists, overview_years(lists), tuple(overview_municipalities())


def areas(request: HttpRequest) -> HttpResponse:
    """Every area with figures or list entries in a year: computed versus official status,
    criteria met, the margin to the nearest threshold and the criteria at risk."""
    analyst = _analyst(request)
    # What the table shows depends on the areas' data alone: kept per process for its version,
    # so a render after a write elsewhere (a plan, a person) classifies nothing (decision 0014).
    version = data_version.areas_version()
    lists, years, municipalities = kept_overviews.get(version, ("choices",), _overview_choices)
    form = AreaOverviewForm(request.GET, years=years, municipalities=municipalities)
    status = 200
    overview = AreaOverview(None, years, ())
    lines: list[OverviewLine] = []
    fmt = ""
    municipality_name = ""
    if not form.is_valid():
        status = 400
    else:
        data = form.cleaned_data
        code = data.get("kommune")
        municipality_name = next((m.name for m in municipalities if m.code == code), "")
        fmt = data.get("format", "")
        year = data.get("aar")
        sort_key: SortKey = data.get("sort") or "risk"

        def compute() -> tuple[AreaOverview, tuple[OverviewLine, ...]]:
            computed = area_overview(
                analyst=analyst,
                year=year,
                years=years,
                stored_lists=lists,
                municipality_code=code,
                sort=sort_key,
            )
            indicators = indicators_by_key()
            return computed, tuple(
                overview_line(r.area.slug, r.area.name, r.area.municipality, r.shown, indicators)
                for r in computed.rows
            )

        key = (
            "overview",
            translation.get_language(),
            analyst,
            settings.DISCLOSURE_MIN_COUNT,
            year,
            code,
            sort_key,
            lists,
        )
        overview, kept_lines = kept_overviews.get(version, key, compute)
        lines = list(kept_lines)
    rules = next((r.shown.year.rules for r in overview.rows), "")
    if fmt:
        name = "omraader" + (f"-{overview.year}" if overview.year else "")
        if municipality_name:
            name += f"-{form.cleaned_data['kommune']}"
        rows = export_rows(overview, lines, rules)
        if fmt == "csv":
            response = HttpResponse(export_csv(rows), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                export_xlsx(overview, lines, rules),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response
    sort = form.cleaned_data.get("sort", "risk") if not form.errors else "risk"
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("side", None)
    # A national installation has some 600 areas: the table shows them a page at a time (the
    # downloads hold them all), so the page stays small (issue 8).
    area_page = Paginator(lines, AREAS_PER_PAGE).get_page(page_number(request.GET.get("side")))

    context = {
        "form": form,
        "overview": overview,
        "lines": lines,
        "area_page": area_page,
        "page_slugs": {line.slug for line in area_page.object_list},
        **page_links(request.path, query, area_page),
        "rules": rules,
        "municipality_name": municipality_name,
        "disagreeing": [line for line in lines if line.status == "disagree"],
        "suppressed": any(line.suppressed for line in lines),
        "suppression_label": suppression_label(settings.DISCLOSURE_MIN_COUNT),
        "min_count": settings.DISCLOSURE_MIN_COUNT,
        "sort": sort,
        "export_query": query.urlencode(),
        "risk_percent": number(DEFAULT_RISK_MARGIN * 100),
    }
    return render(request, "web/areas/overview.html", context, status=status)


def area_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An area: its plans, its status in the latest year with the explanation and the margin
    to each threshold, the designation history (computed versus official), and each
    criterion over time with its threshold line."""
    area = area_by_slug(slug)
    if area is None:
        raise Http404("No such area.")
    analyst = _analyst(request)
    assessment = area_assessment(area)
    indicators = indicators_by_key()
    plans = list(
        plans_readable_by(request.user, Plan.objects.filter(afdelinger__area=area))
        .distinct()
        .order_by("-start_date", "name")
    )
    history = [shown_year(y, analyst=analyst) for y in assessment.years]
    latest = history[-1] if history else None
    history_rows = [
        {
            "shown": h,
            "line": overview_line(area.slug, area.name, area.municipality.name, h, indicators),
            "missing": [name_of(indicators, k) for k in h.year.missing],
        }
        for h in reversed(history)
    ]
    series = [
        series_view(s, indicators, area.name)
        for s in criterion_series(assessment, analyst=analyst, indicators=indicators)
    ]
    context = {
        "area": area,
        "plans": plans,
        "history": history_rows,
        "latest": latest,
        "latest_criteria": criteria_rows(latest, indicators) if latest else [],
        "latest_at_risk": [criterion_label(s, indicators) for s in latest.at_risk]
        if latest
        else [],
        "series": series,
        "suppressed": any(h.suppressed for h in history),
        "suppression_label": suppression_label(settings.DISCLOSURE_MIN_COUNT),
        "min_count": settings.DISCLOSURE_MIN_COUNT,
        "sources": sorted({s.source for y in assessment.years for s in y.official if s.source}),
    }
    return render(request, "web/areas/detail.html", context)


# The data dictionary ----------------------------------------------------------------------


def data_dictionary(request: HttpRequest) -> HttpResponse:
    """Every active indicator: name, definition, unit, population, source, and whether it is
    one of the legal criteria."""
    return render(
        request,
        "web/areas/data_dictionary.html",
        {"indicators": list(indicator_list())},
    )
