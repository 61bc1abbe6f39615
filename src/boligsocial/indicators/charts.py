"""One chart definition: a figure over the years with the threshold of each year's rule set,
drawn as SVG on the server (no Django imports, no JavaScript, nothing from the internet).

The page embeds the SVG and puts a table of the same `ChartSpec` under it; a PDF report can
embed the same SVG (`standalone=True` adds the XML namespace). The SVG is an image with a
title and a description for screen readers; the table is the accessible alternative with
every number. Line styles differ by dash pattern as well as colour, so the chart does not rely
on colour alone."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

WIDTH = 640
PLOT_HEIGHT = 200
LEFT = 64
RIGHT = 16
BOTTOM = 32
LEGEND_LINE = 22
FONT_SIZE = 13
TEXT = "#1a1a1a"
GRID = "#d9d9d9"
VALUE_COLOUR = "#004993"
# (colour, dash pattern) of threshold lines, in order of appearance; each has a contrast of at
# least 3:1 against white (WCAG 2.1 1.4.11).
THRESHOLD_STYLES: tuple[tuple[str, str], ...] = (
    ("#b51d09", "8 4"),
    ("#5c4a00", "2 4"),
    ("#6b2d84", "12 4 3 4"),
    ("#454545", "4 2"),
)


@dataclass(frozen=True)
class ChartPoint:
    year: int
    value: Decimal | None  # None: no figure, or suppressed for the reader
    thresholds: tuple[tuple[str, Decimal], ...] = ()  # (line key, threshold) in force


@dataclass(frozen=True)
class ChartSpec:
    id: str
    title: str
    description: str
    value_label: str
    line_labels: dict[str, str]  # threshold line key → legend text, in drawing order
    points: tuple[ChartPoint, ...]


def _fmt(x: float) -> str:
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def nice_step(span: Decimal, ticks: int = 4) -> Decimal:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` intervals."""
    if span <= 0:
        return Decimal(1)
    raw = span / ticks
    exponent = raw.adjusted()
    base = Decimal(1).scaleb(exponent)
    for factor in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)):
        if base * factor >= raw:
            return base * factor
    return base * 10  # pragma: no cover


def y_axis(values: Sequence[Decimal]) -> tuple[Decimal, tuple[Decimal, ...]]:
    """The top of the y axis (from 0) and its ticks: at least 5 % above the largest value."""
    largest = max(values, default=Decimal(0))
    step = nice_step(largest * Decimal("1.05"))
    top = step
    while top < largest * Decimal("1.05"):
        top += step
    ticks = []
    tick = Decimal(0)
    while tick <= top:
        ticks.append(tick)
        tick += step
    return top, tuple(ticks)


def render_svg(
    spec: ChartSpec, *, number: Callable[[Decimal], str], standalone: bool = False
) -> str:
    """The chart as an SVG element. `number` formats axis numbers in the reader's language."""
    lines = list(spec.line_labels)
    legend_items = 1 + len(lines)
    top_margin = LEGEND_LINE * legend_items + 12
    height = top_margin + PLOT_HEIGHT + BOTTOM
    x0, x1 = LEFT, WIDTH - RIGHT
    y0, y1 = top_margin, top_margin + PLOT_HEIGHT
    years = [p.year for p in spec.points]
    first, last = (min(years), max(years)) if years else (0, 0)
    step = (x1 - x0) / (last - first + 1)

    def x(year: int) -> float:
        return x0 + step * (year - first + 0.5)

    numbers = [p.value for p in spec.points if p.value is not None]
    numbers += [t for p in spec.points for _, t in p.thresholds]
    top, ticks = y_axis(numbers)

    def y(value: Decimal) -> float:
        return y1 - float(value / top) * (y1 - y0)

    out: list[str] = []
    namespace = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    # In a page the style sheet scales the chart (.bs-chart): no inline style under the CSP.
    scaling = ' style="max-width:100%;height:auto"' if standalone else ""
    out.append(
        f'<svg{namespace} id="{spec.id}" class="bs-chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}"{scaling} role="img" '
        f'aria-labelledby="{spec.id}-title {spec.id}-desc" font-size="{FONT_SIZE}">'
    )
    out.append(f'<title id="{spec.id}-title">{escape(spec.title)}</title>')
    out.append(f'<desc id="{spec.id}-desc">{escape(spec.description)}</desc>')

    # legend: the value line, then each threshold line
    legend_y = LEGEND_LINE - 6
    out.append('<g class="bs-chart-legend">')
    out.append(
        f'<path d="M{x0} {legend_y - 4}h28" stroke="{VALUE_COLOUR}" stroke-width="3" '
        f'fill="none"/><circle cx="{x0 + 14}" cy="{legend_y - 4}" r="4" '
        f'fill="{VALUE_COLOUR}"/>'
        f'<text x="{x0 + 36}" y="{legend_y}" fill="{TEXT}">{escape(spec.value_label)}</text>'
    )
    for i, line in enumerate(lines):
        colour, dash = THRESHOLD_STYLES[i % len(THRESHOLD_STYLES)]
        ly = legend_y + LEGEND_LINE * (i + 1)
        out.append(
            f'<path d="M{x0} {ly - 4}h28" stroke="{colour}" stroke-width="3" '
            f'stroke-dasharray="{dash}" fill="none"/>'
            f'<text x="{x0 + 36}" y="{ly}" fill="{TEXT}">{escape(spec.line_labels[line])}</text>'
        )
    out.append("</g>")

    # axes and grid
    out.append('<g class="bs-chart-axes">')
    for tick in ticks:
        ty = _fmt(y(tick))
        out.append(
            f'<path d="M{x0} {ty}H{x1}" stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{x0 - 8}" y="{ty}" dy="4" text-anchor="end" fill="{TEXT}">'
            f"{escape(number(tick))}</text>"
        )
    out.append(f'<path d="M{x0} {y1}H{x1}" stroke="{TEXT}" stroke-width="1"/>')
    label_every = max(1, round((last - first + 1) / 12))
    for year in range(first, last + 1) if years else ():
        if (year - first) % label_every:
            continue
        out.append(
            f'<text x="{_fmt(x(year))}" y="{y1 + 20}" text-anchor="middle" '
            f'fill="{TEXT}">{year}</text>'
        )
    out.append("</g>")

    # threshold lines: a step per year at the threshold of the rule set in force
    for i, line in enumerate(lines):
        colour, dash = THRESHOLD_STYLES[i % len(THRESHOLD_STYLES)]
        segments: list[tuple[int, int, Decimal]] = []
        for point in spec.points:
            for key, threshold in point.thresholds:
                if key != line:
                    continue
                if segments and segments[-1][1] == point.year - 1 and segments[-1][2] == threshold:
                    segments[-1] = (segments[-1][0], point.year, threshold)
                else:
                    segments.append((point.year, point.year, threshold))
        d = "".join(
            f"M{_fmt(x(a) - step / 2)} {_fmt(y(t))}H{_fmt(x(b) + step / 2)}" for a, b, t in segments
        )
        out.append(
            f'<path class="bs-chart-threshold" data-line="{escape(line)}" d="{d}" '
            f'stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}" fill="none"/>'
        )

    # the figure: a line broken where a year has no (shown) value, and a dot per year
    d_parts: list[str] = []
    previous: int | None = None
    for point in spec.points:
        if point.value is None:
            continue
        command = "L" if previous == point.year - 1 else "M"
        d_parts.append(f"{command}{_fmt(x(point.year))} {_fmt(y(point.value))}")
        previous = point.year
    out.append(
        f'<path class="bs-chart-value" d="{"".join(d_parts)}" stroke="{VALUE_COLOUR}" '
        f'stroke-width="3" fill="none"/>'
    )
    for point in spec.points:
        if point.value is None:
            continue
        out.append(
            f'<circle cx="{_fmt(x(point.year))}" cy="{_fmt(y(point.value))}" r="4" '
            f'fill="{VALUE_COLOUR}"><title>{point.year}: {escape(number(point.value))}</title>'
            f"</circle>"
        )
    out.append("</svg>")
    return "".join(out)
