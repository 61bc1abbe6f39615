"""What the area pages show, as text in the reader's language: numbers and units in Danish or
English formats, criterion and threshold labels, the overview's lines (the same strings on the
page and in the CSV/XLSX export), and each criterion's chart and table from one series. No
queries: the views read through the selectors and hand the results here."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boligsocial.criteria.rules import Comparator, CriterionKey, MarginUnit
from boligsocial.indicators.charts import ChartPoint, ChartSpec, render_svg
from boligsocial.indicators.models import Indicator, Unit
from boligsocial.indicators.overview import AreaOverview
from boligsocial.indicators.reasons import designation_label
from boligsocial.indicators.redaction import ShownCriterion, ShownFigure, ShownYear
from boligsocial.indicators.rules import suppression_label
from boligsocial.indicators.series import RESIDENTS_FLOOR, CriterionSeries

DASH = "–"
MINUS = "−"

SORT_LABELS = {
    "risk": gettext_lazy("Risk: nearest a threshold first"),
    "name": gettext_lazy("Area name"),
    "municipality": gettext_lazy("Municipality"),
}
STATUS_LABELS = {
    "agree": gettext_lazy("Agrees"),
    "disagree": gettext_lazy("Disagrees"),
    "unknown": gettext_lazy("Cannot be computed"),
    "not_compared": gettext_lazy("No list stored"),
}
EXPORT_FORMATS = ("csv", "xlsx")


# Numbers in the reader's language ---------------------------------------------------------


def number(value: Decimal, *, places: int = 2) -> str:
    """At most `places` decimals, trailing zeros dropped, grouped: 1907 → "1.907",
    44.2000 → "44,2" (in Danish); a minus sign, not a hyphen."""
    rounded = value.quantize(Decimal(1).scaleb(-places)).normalize()
    exponent = rounded.as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    text = number_format(rounded, decimals, use_l10n=True, force_grouping=True)
    return text.replace("-", MINUS)


def with_unit(value: Decimal, unit: str) -> str:
    if unit == Unit.PERCENT:
        return f"{number(value)} %"
    if unit == Unit.RATIO:
        return f"{number(value)} ×"
    return number(value)


def _unit(indicators: dict[str, Indicator], key: str) -> str:
    indicator = indicators.get(key)
    return indicator.unit if indicator is not None else ""


def name_of(indicators: dict[str, Indicator], key: str) -> str:
    indicator = indicators.get(key)
    return indicator.name if indicator is not None else key


def shown_figure(figure: ShownFigure | None, unit: str) -> str:
    if figure is None:
        return DASH
    if figure.suppressed or figure.value is None:
        return suppression_label(settings.DISCLOSURE_MIN_COUNT)
    return with_unit(figure.value, unit)


def requirement(comparator: Comparator, threshold: Decimal, unit: str) -> str:
    text = with_unit(threshold, unit)
    if comparator is Comparator.GT:
        return _("exceeds %(threshold)s") % {"threshold": text}
    if comparator is Comparator.GE:
        return _("at least %(threshold)s") % {"threshold": text}
    return _("less than %(threshold)s") % {"threshold": text}


def margin_text(margin: Decimal, unit: MarginUnit) -> str:
    if unit is MarginUnit.POINTS:
        sign = "+" if margin > 0 else ""
        return _("%(value)s pp") % {"value": sign + number(margin)}
    return _("%(value)s × the threshold") % {"value": number(margin)}


SHORT_NAMES = {
    "outside_labour": gettext_lazy("Outside labour market"),
    "convicted": gettext_lazy("Convicted"),
    "non_western": gettext_lazy("Non-Western"),
    "basic_education": gettext_lazy("Basic schooling"),
    "low_income": gettext_lazy("Low income"),
}


def criterion_label(
    shown: ShownCriterion, indicators: dict[str, Indicator], *, short: bool = False
) -> str:
    """The criterion's name (its indicator's name, or a short name for tables with many
    columns), with the designation its group decides when that is not the main group."""
    if short:
        name = str(SHORT_NAMES.get(shown.result.key, shown.result.key))
    else:
        name = name_of(indicators, shown.result.field)
    if shown.primary:
        return name
    designation = designation_label(_group_designation(shown.result.group))
    return f"{name} ({designation.lower()})"


def _group_designation(group: str) -> str:
    return "forebyggelse" if group.startswith("forebyggelse") else group


def criterion_code(shown: ShownCriterion) -> str:
    """The criterion's key as in `criteria classify` output; `group:key` outside the main
    group (e.g. `forebyggelse:outside_labour`)."""
    key: CriterionKey = shown.result.key
    return key if shown.primary else f"{shown.result.group}:{key}"


# The overview's lines and exports ------------------------------------------------------------


@dataclass(frozen=True)
class OverviewLine:
    """One row of the overview, as text: the same strings on the page and in the export."""

    slug: str
    area: str
    municipality: str
    residents: str
    residents_value: Decimal | None
    computed: tuple[str, ...]  # designation keys
    official: tuple[str, ...]
    status: str
    reasons: tuple[str, ...]
    n_met: int | None
    n_criteria: int | None
    criteria_met: tuple[str, ...]  # labels
    criteria_met_codes: tuple[str, ...]
    closest_label: str
    closest_code: str
    closest_margin: Decimal | None
    closest_unit: str
    closest_text: str
    at_risk: tuple[str, ...]
    at_risk_codes: tuple[str, ...]
    suppressed: bool

    @property
    def computed_labels(self) -> list[str]:
        return [designation_label(k) for k in self.computed]

    @property
    def official_labels(self) -> list[str]:
        return [designation_label(k) for k in self.official]

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def overview_line(
    slug: str, area: str, municipality: str, shown: ShownYear, indicators: dict[str, Indicator]
) -> OverviewLine:
    c = shown.year.classification
    primary = [s for s in shown.criteria if s.primary]
    met = [s for s in primary if s.result.met]
    nearest = shown.closest
    return OverviewLine(
        slug=slug,
        area=area,
        municipality=municipality,
        residents=shown_figure(shown.residents, Unit.COUNT),
        residents_value=shown.residents.value if shown.residents is not None else None,
        computed=shown.year.computed,
        official=shown.year.official_designations,
        status=shown.year.status,
        reasons=shown.reasons,
        n_met=c.n_criteria_met if c is not None else None,
        n_criteria=c.n_criteria if c is not None else None,
        criteria_met=tuple(criterion_label(s, indicators, short=True) for s in met),
        criteria_met_codes=tuple(criterion_code(s) for s in met),
        closest_label=criterion_label(nearest, indicators, short=True) if nearest else "",
        closest_code=criterion_code(nearest) if nearest else "",
        closest_margin=nearest.margin if nearest else None,
        closest_unit=str(nearest.result.margin_unit) if nearest else "",
        closest_text=(
            margin_text(nearest.margin, nearest.result.margin_unit)
            if nearest is not None and nearest.margin is not None
            else ""
        ),
        at_risk=tuple(criterion_label(s, indicators, short=True) for s in shown.at_risk),
        at_risk_codes=tuple(criterion_code(s) for s in shown.at_risk),
        suppressed=shown.suppressed,
    )


EXPORT_COLUMNS = (
    "area",
    "municipality",
    "year",
    "rules",
    "residents",
    "computed",
    "official",
    "agreement",
    "reason",
    "n_criteria_met",
    "n_criteria",
    "criteria_met",
    "closest_criterion",
    "closest_margin",
    "closest_margin_unit",
    "at_risk",
)


def export_rows(overview: AreaOverview, lines: list[OverviewLine], rules: str) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for line in lines:
        rows.append(
            [
                line.area,
                line.municipality,
                overview.year,
                rules,
                line.residents_value if line.residents_value is not None else line.residents,
                ";".join(line.computed),
                ";".join(line.official),
                line.status,
                " ".join(line.reasons),
                "" if line.n_met is None else line.n_met,
                "" if line.n_criteria is None else line.n_criteria,
                ";".join(line.criteria_met_codes),
                line.closest_code,
                "" if line.closest_margin is None else line.closest_margin,
                line.closest_unit,
                ";".join(line.at_risk_codes),
            ]
        )
    return rows


def _plain(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def export_csv(rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    writer.writerows([_plain(v) for v in row] for row in rows)
    return out.getvalue()


# The spreadsheet is for people (docs/decisions/0012): headings in the reader's language,
# designations, statuses and criteria by name, numbers as numbers with a display format. The
# CSV above is for machines: English keys and codes that never change, plain numbers.
XLSX_COLUMNS: tuple[tuple[Any, float, str | None], ...] = (
    # heading, column width, number format
    (gettext_lazy("Area"), 28, None),
    (gettext_lazy("Municipality"), 16, None),
    (gettext_lazy("Year"), 8, "0"),
    (gettext_lazy("Rule set"), 10, None),
    (gettext_lazy("Residents"), 11, "#,##0"),
    (gettext_lazy("Computed status"), 24, None),
    (gettext_lazy("Official status"), 24, None),
    (gettext_lazy("Computed versus official"), 18, None),
    (gettext_lazy("Explanation"), 50, None),
    (gettext_lazy("Criteria met"), 10, "0"),
    (gettext_lazy("Criteria in all"), 10, "0"),
    (gettext_lazy("Which criteria are met"), 36, None),
    (gettext_lazy("Nearest threshold"), 24, None),
    (gettext_lazy("Margin to it"), 12, "0.00"),
    (gettext_lazy("Unit of the margin"), 18, None),
    (gettext_lazy("Near a threshold"), 30, None),
)
MARGIN_UNIT_LABELS = {
    MarginUnit.POINTS: gettext_lazy("percentage points"),
    MarginUnit.RATIO: gettext_lazy("times the threshold"),
}


def _xlsx_row(line: OverviewLine, year: int | None, rules: str) -> list[Any]:
    residents: Any = line.residents_value if line.residents_value is not None else line.residents
    unit = MARGIN_UNIT_LABELS.get(MarginUnit(line.closest_unit)) if line.closest_unit else None
    return [
        line.area,
        line.municipality,
        year,
        rules,
        int(residents) if isinstance(residents, Decimal) else residents,
        ", ".join(line.computed_labels) or None,
        ", ".join(line.official_labels) or None,
        line.status_label,
        " ".join(line.reasons) or None,
        line.n_met,
        line.n_criteria,
        ", ".join(line.criteria_met) or None,
        line.closest_label or None,
        float(line.closest_margin) if line.closest_margin is not None else None,
        str(unit) if unit else None,
        ", ".join(line.at_risk) or None,
    ]


def export_xlsx(overview: AreaOverview, lines: list[OverviewLine], rules: str) -> bytes:
    """The overview as a spreadsheet for people: one sheet, a bold heading row that stays in
    view, a filter on every column, and the page's rows in the page's order."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active  # a new workbook has one sheet
    sheet.title = _("Areas")[:31]
    sheet.append([str(heading) for heading, _width, _fmt in XLSX_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for line in lines:
        sheet.append(_xlsx_row(line, overview.year, rules))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                # Text, never a formula: an imported area name may begin with "=".
                cell.data_type = "s"
    for index, (_heading, width, fmt) in enumerate(XLSX_COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        if fmt:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                if isinstance(cell.value, int | float):
                    cell.number_format = fmt
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# The area page ----------------------------------------------------------------------------


def _line_label(line: str) -> str:
    if line == RESIDENTS_FLOOR:
        return _("Minimum number of residents")
    return _("Threshold for %(designation)s") % {"designation": designation_label(line).lower()}


@dataclass(frozen=True)
class SeriesRow:
    year: int
    rules: str
    value: str
    thresholds: list[dict[str, Any]]


@dataclass(frozen=True)
class SeriesView:
    key: str
    name: str
    definition: str
    svg: SafeString
    rows: list[SeriesRow]
    suppressed: bool


def series_view(series: CriterionSeries, indicators: dict[str, Indicator], area: str) -> SeriesView:
    unit = _unit(indicators, series.key)
    name = name_of(indicators, series.key)
    points = tuple(
        ChartPoint(
            year=y.year,
            value=y.figure.value if y.figure is not None and not y.figure.suppressed else None,
            thresholds=tuple((t.line, t.threshold) for t in y.thresholds),
        )
        for y in series.years
    )
    first, last = series.years[0].year, series.years[-1].year
    spec = ChartSpec(
        id=f"chart-{series.key.replace('_', '-')}",
        title=_("%(indicator)s in %(area)s, %(first)s–%(last)s")
        % {"indicator": name, "area": area, "first": first, "last": last},
        description=_(
            "The area's figure each year and the threshold of the rule set in force that year. "
            "The table below the chart has the same numbers."
        ),
        value_label=_("The area's figure"),
        line_labels={line: _line_label(line) for line in series.lines},
        points=points,
    )
    rows = [
        SeriesRow(
            year=y.year,
            rules=y.rules,
            value=shown_figure(y.figure, unit) if y.figure is not None else DASH,
            thresholds=[
                {
                    "label": _line_label(t.line),
                    "requirement": requirement(t.comparator, t.threshold, unit),
                    "met": t.met,
                }
                for t in y.thresholds
            ],
        )
        for y in series.years
    ]
    indicator = indicators.get(series.key)
    return SeriesView(
        key=series.key,
        name=name,
        definition=indicator.definition if indicator is not None else "",
        svg=mark_safe(  # noqa: S308 (render_svg escapes every text it draws; tested)
            render_svg(spec, number=lambda v: with_unit(v, unit))
        ),
        rows=rows,
        suppressed=series.suppressed,
    )


def criteria_rows(shown: ShownYear, indicators: dict[str, Indicator]) -> list[dict[str, Any]]:
    rows = []
    for s in shown.criteria:
        unit = _unit(indicators, s.result.field)
        rows.append(
            {
                "label": criterion_label(s, indicators),
                "value": (
                    suppression_label(settings.DISCLOSURE_MIN_COUNT)
                    if s.suppressed or s.value is None
                    else with_unit(s.value, unit)
                ),
                "requirement": requirement(s.result.comparator, s.result.threshold, unit),
                "met": s.result.met,
                "margin": (
                    margin_text(s.margin, s.result.margin_unit) if s.margin is not None else None
                ),
                "at_risk": s.at_risk,
                "suppressed": s.suppressed,
            }
        )
    return rows
