"""The server-side chart: a figure over the years with each year's threshold as a step line,
the y axis from zero, gaps where a year has no (shown) value, and escaped text."""

from __future__ import annotations

import re
from decimal import Decimal as D

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


def _svg() -> str:
    return render_svg(SPEC, number=lambda v: f"{v} %")


def test_the_chart_is_an_image_with_a_title_and_a_description():
    svg = _svg()
    assert svg.startswith(
        '<svg id="chart-x" class="bs-chart" viewBox="0 0 640 310" width="640" height="310" '
        'role="img" aria-labelledby="chart-x-title '
        'chart-x-desc" font-size="13">'
    )
    assert '<title id="chart-x-title">Kun grundskole &lt;i&gt;2016–2019&lt;/i&gt;</title>' in svg
    assert '<desc id="chart-x-desc">Områdets tal &amp; grænsen</desc>' in svg
    assert "<i>" not in svg
    assert "xmlns" not in svg
    assert render_svg(SPEC, number=str, standalone=True).startswith(
        '<svg xmlns="http://www.w3.org/2000/svg" id="chart-x"'
    )


def test_each_threshold_is_a_step_over_the_years_of_its_rule_set():
    svg = _svg()
    # 4 years over a plot from x=64 to x=624: 140 px a year, 2016 centred at 134
    assert (
        '<path class="bs-chart-threshold" data-line="ghetto" d="M64 153H344" stroke="#b51d09" '
        'stroke-width="2" stroke-dasharray="8 4" fill="none"/>'
    ) in svg
    assert (
        '<path class="bs-chart-threshold" data-line="udsat" d="M344 128H624" stroke="#5c4a00" '
        'stroke-width="2" stroke-dasharray="2 4" fill="none"/>'
    ) in svg
    # a threshold that changes, or stops and starts again, draws separate steps
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
    path = re.search(r'data-line="ghetto" d="([^"]+)"', render_svg(spec, number=str))
    assert path is not None
    # y axis 0–4 over y=256 (bottom) to y=56: 2.7 at y=121, 3 at y=106
    assert path.group(1) == "M64 121H204M204 106H344M484 106H624"


def test_the_value_line_breaks_where_a_year_has_no_value_and_each_value_has_a_dot():
    svg = _svg()
    assert '<path class="bs-chart-value" d="M134 148M414 125.5L554 133"' in svg
    assert re.findall(r"<title>(\d{4}: [^<]+)</title>", svg) == [
        "2016: 52 %",
        "2018: 61 %",
        "2019: 58 %",
    ]


def test_the_y_axis_starts_at_zero_and_ends_on_a_round_number_above_every_value():
    svg = _svg()
    ticks = re.findall(r'text-anchor="end" fill="#1a1a1a">([^<]+)</text>', svg)
    assert ticks == ["0 %", "20 %", "40 %", "60 %", "80 %"]
    assert re.findall(r'text-anchor="middle" fill="#1a1a1a">(\d+)</text>', svg) == [
        "2016",
        "2017",
        "2018",
        "2019",
    ]
    assert y_axis([D("2.76"), D("2.7")]) == (D(3), (D(0), D(1), D(2), D(3)))
    assert y_axis([D(1907), D(1000)]) == (D(3000), (D(0), D(1000), D(2000), D(3000)))
    assert y_axis([D(55)]) == (D(60), (D(0), D(20), D(40), D(60)))
    assert y_axis([]) == (D(1), (D(0), D(1)))
    assert [nice_step(D(x)) for x in ("4", "9", "11", "30")] == [D(1), D("2.5"), D(5), D(10)]


def test_legend_names_the_value_and_every_threshold_line_in_order():
    svg = _svg()
    legend = svg[svg.index('<g class="bs-chart-legend">') : svg.index("</g>")]
    assert re.findall(r">([^<>]+)</text>", legend) == [
        "Områdets tal",
        "Grænse for ghettoområde",
        "Grænse for udsat boligområde",
    ]
