"""The overview's lines (the same strings on the page and in the exports) and the CSV
export, which is for machines: English keys and codes that never change, plain numbers."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy

from boligsocial.indicators.models import Indicator, Unit
from boligsocial.indicators.overview import AreaOverview
from boligsocial.indicators.reasons import designation_label
from boligsocial.indicators.redaction import ShownYear
from boligsocial.web.area_tables.text import (
    criterion_code,
    criterion_label,
    margin_text,
    shown_figure,
)

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
