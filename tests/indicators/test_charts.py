"""The server-side chart: a figure over the years with each year's threshold as a step line,
the y axis from zero, gaps where a year has no (shown) value, and escaped, accessible text.

The SVG is read as a picture: where each mark sits is checked against the chart's own axis
labels (a point drawn at the height of "60 %" is 60), never against pixel numbers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import Decimal as D
from itertools import pairwise

from boligsocial.indicators.charts import ChartPoint, ChartSpec, nice_step, render_svg, y_axis

SPEC = ChartSpec(
    id="chart-x",
    title="Kun grundskole <i>2016–2019</i>",
    description="Områdets tal & grænsen",
    value_label="Områdets tal",
    line_labels={"ghetto": "Grænse for ghettoområde", "udsat": "Grænse for udsat boligområde"},
    points=(
        ChartPoint(2016, D("52"), (("ghetto", D("50")),)),
        ChartPoint(2017, None, (("ghetto", D("50")),)),  # suppressed or missing: a gap
        ChartPoint(2018, D("61"), (("udsat", D("60")),)),
        ChartPoint(2019, D("58"), (("udsat", D("60")),)),
    ),
)


def _number(text: str) -> float:
    return float(text.replace(" %", "").replace(",", "."))


@dataclass
class Picture:
    """An SVG chart as a reader sees it: the y axis's labels and the x axis's years give the
    scale, so every mark can be read back as (year, value)."""

    root: ET.Element
    ticks: list[tuple[str, float]]  # (label, y), bottom first
    years: list[tuple[int, float]]  # (year, x of its label), left first

    @classmethod
    def of(cls, svg: str) -> Picture:
        root = ET.fromstring(svg)  # noqa: S314 (our own output)
        axes = root.find("g[@class='bs-chart-axes']")
        assert axes is not None
        texts = axes.findall("text")
        ticks = [
            (t.text or "", float(t.get("y", ""))) for t in texts if t.get("text-anchor") == "end"
        ]
        years = [
            (int(t.text or ""), float(t.get("x", "")))
            for t in texts
            if t.get("text-anchor") == "middle"
        ]
        return cls(root, sorted(ticks, key=lambda t: -t[1]), sorted(years, key=lambda y: y[1]))

    def value_at(self, y: float) -> float:
        (label0, y0), (label1, y1) = self.ticks[0], self.ticks[1]
        v0, v1 = _number(label0), _number(label1)
        return v0 + (y - y0) * (v1 - v0) / (y1 - y0)

    def column(self, year: int) -> tuple[float, float]:
        """The horizontal band of a year: halfway to the neighbouring years' labels."""
        xs = [x for _, x in self.years]
        width = xs[1] - xs[0]
        x = dict(self.years)[year]
        return x - width / 2, x + width / 2

    def year_at(self, x: float) -> int:
        return next(
            year for year, _ in self.years if self.column(year)[0] <= x < self.column(year)[1]
        )

    def paths(self, **attributes: str) -> list[ET.Element]:
        return [
            p
            for p in self.root.iter("path")
            if all(p.get(k.rstrip("_").replace("_", "-")) == v for k, v in attributes.items())
        ]


def _subpaths(d: str) -> list[list[tuple[float, float]]]:
    """The points of each subpath of an SVG path of M, L and H commands."""
    subpaths: list[list[tuple[float, float]]] = []
    for command, args in re.findall(r"([MLH])([^MLH]*)", d):
        numbers = [float(n) for n in args.split()]
        if command == "M":
            subpaths.append([(numbers[0], numbers[1])])
        elif command == "L":
            subpaths[-1].append((numbers[0], numbers[1]))
        else:
            subpaths[-1].append((numbers[0], subpaths[-1][-1][1]))
    return subpaths


def _steps(picture: Picture, line: str) -> list[tuple[list[int], float]]:
    """Each horizontal step of a threshold line: the years it spans and the value it is at."""
    (path,) = picture.paths(class_="bs-chart-threshold", data_line=line)
    steps = []
    for (x1, y), (x2, _) in _subpaths(path.get("d", "")):
        years = [
            year
            for year, _ in picture.years
            if x1 <= picture.column(year)[0] and picture.column(year)[1] <= x2
        ]
        # the step covers whole years and nothing of the years beside them
        assert x1 in {picture.column(year)[0] for year in years}
        assert x2 in {picture.column(year)[1] for year in years}
        steps.append((years, round(picture.value_at(y), 6)))
    return steps


def _svg() -> str:
    return render_svg(SPEC, number=lambda v: f"{v} %")


def test_the_chart_is_an_image_named_by_its_escaped_title_and_description():
    root = ET.fromstring(_svg())  # noqa: S314
    assert root.get("role") == "img"
    named_by = [root.find(f"*[@id='{i}']") for i in root.get("aria-labelledby", "").split()]
    assert [(e.tag, e.text) for e in named_by if e is not None] == [
        ("title", "Kun grundskole <i>2016–2019</i>"),  # the title as text, not markup
        ("desc", "Områdets tal & grænsen"),
    ]
    assert root.find(".//i") is None
    # Embedded in a page it needs no namespace; standalone (a PDF report) it has the SVG one.
    assert root.tag == "svg"
    assert ET.fromstring(render_svg(SPEC, number=str, standalone=True)).tag == (  # noqa: S314
        "{http://www.w3.org/2000/svg}svg"
    )


def test_each_value_is_a_dot_at_its_year_and_height_with_the_figure_as_its_text():
    picture = Picture.of(_svg())
    dots = [
        (
            picture.year_at(float(c.get("cx", ""))),
            picture.value_at(float(c.get("cy", ""))),
            c.findtext("title"),
        )
        for c in picture.root.findall("circle")
    ]
    assert dots == [(2016, 52, "2016: 52 %"), (2018, 61, "2018: 61 %"), (2019, 58, "2019: 58 %")]


def test_the_value_line_breaks_where_a_year_has_no_value():
    picture = Picture.of(_svg())
    (line,) = picture.paths(class_="bs-chart-value")
    read = [
        [(picture.year_at(x), picture.value_at(y)) for x, y in sub]
        for sub in _subpaths(line.get("d", ""))
    ]
    assert read == [[(2016, 52)], [(2018, 61), (2019, 58)]]


def test_each_threshold_is_a_step_over_the_years_of_its_rule_set():
    picture = Picture.of(_svg())
    assert _steps(picture, "ghetto") == [([2016, 2017], 50)]
    assert _steps(picture, "udsat") == [([2018, 2019], 60)]
    # A threshold that changes, or stops and starts again, draws separate steps.
    spec = ChartSpec(
        "c",
        "t",
        "d",
        "v",
        {"ghetto": "g"},
        (
            ChartPoint(2010, D(1), (("ghetto", D("2.7")),)),
            ChartPoint(2011, D(1), (("ghetto", D("3")),)),
            ChartPoint(2012, D(1), ()),
            ChartPoint(2013, D(1), (("ghetto", D("3")),)),
        ),
    )
    picture = Picture.of(render_svg(spec, number=str))
    assert _steps(picture, "ghetto") == [([2010], 2.7), ([2011], 3), ([2013], 3)]


def test_the_y_axis_starts_at_zero_at_the_bottom_and_ends_on_a_round_number_above_every_value():
    picture = Picture.of(_svg())
    assert [label for label, _ in picture.ticks] == ["0 %", "20 %", "40 %", "60 %", "80 %"]
    heights = [y for _, y in picture.ticks]
    assert len({round(a - b, 6) for a, b in pairwise(heights)}) == 1  # even
    # The x axis is drawn at zero, and every mark lies between it and the top tick.
    (axis,) = picture.paths(stroke="#1a1a1a")
    ((_, axis_y), _) = _subpaths(axis.get("d", ""))[0]
    assert picture.value_at(axis_y) == 0
    marks = [float(c.get("cy", "")) for c in picture.root.findall("circle")]
    assert all(heights[-1] <= y <= heights[0] for y in marks)
    assert [year for year, _ in picture.years] == [2016, 2017, 2018, 2019]
    assert y_axis([D("2.76"), D("2.7")]) == (D(3), (D(0), D(1), D(2), D(3)))
    assert y_axis([D(1907), D(1000)]) == (D(3000), (D(0), D(1000), D(2000), D(3000)))
    assert y_axis([D(55)]) == (D(60), (D(0), D(20), D(40), D(60)))
    assert y_axis([]) == (D(1), (D(0), D(1)))
    assert [nice_step(D(x)) for x in ("4", "9", "11", "30")] == [D(1), D("2.5"), D(5), D(10)]


def test_the_legend_names_the_value_and_every_threshold_line_in_order_drawn_as_the_line():
    picture = Picture.of(_svg())
    legend = picture.root.find("g[@class='bs-chart-legend']")
    assert legend is not None
    assert [t.text for t in legend.findall("text")] == [
        "Områdets tal",
        "Grænse for ghettoområde",
        "Grænse for udsat boligområde",
    ]

    def style(path: ET.Element) -> tuple[str | None, str | None]:
        return path.get("stroke"), path.get("stroke-dasharray")

    (value,) = picture.paths(class_="bs-chart-value")
    (ghetto,) = picture.paths(class_="bs-chart-threshold", data_line="ghetto")
    (udsat,) = picture.paths(class_="bs-chart-threshold", data_line="udsat")
    assert [style(p) for p in legend.findall("path")] == [style(value), style(ghetto), style(udsat)]
    # Lines differ by dash pattern as well as by colour, so colour alone does not tell them apart.
    assert len({style(p)[1] for p in (value, ghetto, udsat)}) == 3
