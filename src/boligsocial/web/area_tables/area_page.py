"""The area page: each criterion's chart and table from one series, and the criteria of a
shown year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from boligsocial.indicators.charts import ChartPoint, ChartSpec, render_svg
from boligsocial.indicators.models import Indicator
from boligsocial.indicators.reasons import designation_label
from boligsocial.indicators.redaction import ShownYear
from boligsocial.indicators.rules import suppression_label
from boligsocial.indicators.series import RESIDENTS_FLOOR, CriterionSeries
from boligsocial.web.area_tables.text import (
    DASH,
    criterion_label,
    margin_text,
    name_of,
    requirement,
    shown_figure,
    unit_of,
    with_unit,
)


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
    unit = unit_of(indicators, series.key)
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
        unit = unit_of(indicators, s.result.field)
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
