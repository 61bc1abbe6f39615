"""The area pages: the overview of computed versus official status (sort, filters, exports that
round-trip what is shown, a clear error for a bad parameter), an area's page (plans, status,
explanation, margins, designation history, a chart and a table per criterion with the
threshold of each year's rule set), the data dictionary, disclosure control per role, and
pinned query counts."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from html import unescape
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from openpyxl import load_workbook
from tests import factories as f
from tests.web.conftest import logged_in

from boligsocial.accounts.models import Role
from boligsocial.areas.models import Area
from boligsocial.indicators.models import Indicator, IndicatorValue, OfficialListEntry
from boligsocial.site.models import SiteProfile

pytestmark = pytest.mark.django_db

FIELDS = ("residents", "pct_outside_labour", "pct_non_western", "pct_convicted")
SOURCE = "Liste over ghettoområder pr. 1. december"

# Rows of the published lists 2010–2012 (src/boligsocial/demo/data/official_lists/).
LISTS = {
    ("Agervang", "Holbæk", "agervang"): {
        2010: (1447, "47.7", "59.3", "2.62"),
        2011: (1447, "47.7", "59.3", "2.34"),
        2012: (1439, "49.9", "58.2", "2.93"),
    },
    ("Bispehaven", "Aarhus", "bispehaven"): {
        2010: (2395, "43.3", "68.6", "2.79"),
        2011: (2395, "43.3", "68.6", "2.79"),
        2012: (2371, "43.0", "67.1", "2.71"),
    },
    ("Gellerup/Toveshøj", "Aarhus", "gellerup"): {2012: (7200, "50.8", "79.4", "4.44")},
    ("Ringparken, Slagelse", "Slagelse", "ringparken"): {
        2010: (1907, "44.2", "51.0", "2.76"),
        2011: (1907, "44.2", "51.0", "2.61"),
        2012: (1858, "55.0", "44.8", "2.64"),
    },
}


def page(response) -> str:
    return response.content.decode()


def text(html: str) -> str:
    """The visible text of a fragment, whitespace collapsed."""
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip())


def table_rows(html: str, table_id: str) -> list[list[str]]:
    table = html[html.index(f'id="{table_id}"') :]
    body = table[table.index("<tbody>") : table.index("</tbody>")]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [[text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows]


def _indicators() -> dict[str, Indicator]:
    return {i.key: i for i in Indicator.objects.all()}


def store(
    area: Area,
    year: int,
    values: dict[str, Any],
    *,
    official: bool | None = True,
    counts: dict[str, tuple[int | None, int | None]] | None = None,
) -> None:
    indicators = _indicators()
    for key, value in values.items():
        persons, population = (counts or {}).get(key, (None, None))
        IndicatorValue.objects.create(
            area=area,
            indicator=indicators[key],
            year=year,
            value=Decimal(str(value)),
            persons=persons,
            population=population,
            source=f"{SOURCE} {year}",
        )
    if official is not None:
        OfficialListEntry.objects.create(
            area=area, year=year, designation="ghetto", on_list=official, source=f"{SOURCE} {year}"
        )


@pytest.fixture
def lists(db: Any) -> dict[str, Area]:
    areas = {}
    for (name, municipality, slug), years in LISTS.items():
        area = f.AreaFactory(name=name, slug=slug, municipality=f.municipality(municipality))
        for year, row in years.items():
            store(area, year, dict(zip(FIELDS, row, strict=True)))
        areas[slug] = area
    return areas


# The overview ------------------------------------------------------------------------------


def test_overview_shows_the_latest_year_with_computed_and_official_side_by_side(
    client: Client, lists
):
    response = client.get("/omraader/")
    assert response.status_code == 200
    html = page(response)
    assert "<title>Boligområder og kriterierne – Boligsociale helhedsplaner</title>" in html
    assert "<h1>Boligområder og kriterierne</h1>" in html
    assert '<h2 id="areas-heading">2012: 4 områder</h2>' in html
    assert "<p>Listen for 2012 følger regelsæt 2010.</p>" in html
    assert table_rows(html, "areas-table") == [
        [
            "Bispehaven",
            "Aarhus",
            "2.371",
            "Ghettoområde",
            "Ghettoområde",
            "Stemmer overens",
            "3 af 3",
            "Dømte: +0,01 pct.-point",
            "Uden for arbejdsmarkedet, Dømte",
        ],
        [
            "Ringparken, Slagelse",
            "Slagelse",
            "1.858",
            "Ingen",
            "Ghettoområde",
            "Afviger På listen som ghettoområde, men tallene opfylder 1 af 3 kriterier "
            "(mindst 2 kræves).",
            "1 af 3",
            "Dømte: −0,06 pct.-point",
            "Dømte",
        ],
        [
            "Agervang",
            "Holbæk",
            "1.439",
            "Ghettoområde",
            "Ghettoområde",
            "Stemmer overens",
            "3 af 3",
            "Dømte: +0,23 pct.-point",
            "Dømte",
        ],
        [
            "Gellerup/Toveshøj",
            "Aarhus",
            "7.200",
            "Ghettoområde",
            "Ghettoområde",
            "Stemmer overens",
            "3 af 3",
            "Uden for arbejdsmarkedet: +10,8 pct.-point",
            "–",
        ],
    ]
    # the disagreement is flagged by text and a row marker, and summarised above the table
    assert '<tr id="area-ringparken" class="bs-disagree">' in html
    assert '<strong class="bs-badge">Afviger</strong>' in html
    assert (
        '<li><a href="#area-ringparken">Ringparken, Slagelse</a>: På listen som ghettoområde, '
        "men tallene opfylder 1 af 3 kriterier (mindst 2 kræves).</li>"
    ) in html
    assert "1 område afviger fra den officielle liste" in html
    assert '<th scope="row"><a href="/omraader/ringparken/">Ringparken, Slagelse</a></th>' in html
    assert '<th scope="col" aria-sort="ascending">Nærmeste grænse</th>' in html
    assert "suppression-note" not in html


def test_overview_is_in_the_main_menu_and_marked_current(client: Client, lists):
    html = page(client.get("/omraader/"))
    assert (
        '<li class="active current">\n              <a href="/omraader/" class="nav-link" '
        'aria-current="page"><span>Boligområder</span></a>'
    ) in html
    home = page(client.get("/"))
    assert '<a href="/omraader/" class="nav-link"><span>Boligområder</span></a>' in home
    assert '<a href="/datakatalog/">Datakatalog: hvad tallene om boligområderne betyder</a>' in home


def _names(html: str) -> list[str]:
    return [row[0] for row in table_rows(html, "areas-table")]


def test_overview_sorts_by_risk_name_or_municipality(client: Client, lists):
    by_risk = ["Bispehaven", "Ringparken, Slagelse", "Agervang", "Gellerup/Toveshøj"]
    assert _names(page(client.get("/omraader/"))) == by_risk
    assert _names(page(client.get("/omraader/?sort=risk"))) == by_risk
    html = page(client.get("/omraader/?sort=name"))
    assert _names(html) == ["Agervang", "Bispehaven", "Gellerup/Toveshøj", "Ringparken, Slagelse"]
    assert '<th scope="col" aria-sort="ascending">Område</th>' in html
    assert _names(page(client.get("/omraader/?sort=municipality"))) == [
        "Bispehaven",
        "Gellerup/Toveshøj",
        "Agervang",
        "Ringparken, Slagelse",
    ]


def test_overview_chooses_a_year_and_filters_by_municipality(client: Client, lists):
    html = page(client.get("/omraader/?aar=2010"))
    assert '<h2 id="areas-heading">2010: 3 områder</h2>' in html
    assert _names(html) == ["Ringparken, Slagelse", "Agervang", "Bispehaven"]
    assert "Afviger" not in html
    assert "Den beregnede status stemmer overens med alle gemte officielle" in html
    assert '<option value="2010" selected>2010</option>' in html
    for kommune in ("751", "Aarhus", "aarhus kommune"):
        html = page(client.get(f"/omraader/?kommune={kommune}&aar=2012"))
        assert '<h2 id="areas-heading">2012: 2 områder i Aarhus</h2>' in html, kommune
        assert _names(html) == ["Bispehaven", "Gellerup/Toveshøj"]
    assert '<option value="751" selected>Aarhus</option>' in page(
        client.get("/omraader/?kommune=751")
    )
    # only municipalities with areas are offered
    options = re.findall(r'<option value="(\w+)"', page(client.get("/omraader/")))
    assert options == ["2012", "2011", "2010", "alle", "751", "316", "330", "risk", "name",
                       "municipality"]  # fmt: skip


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("aar=tyve", "aar", "Angiv året som et helt tal, fx 2012; “tyve” er ikke et år."),
        (
            "aar=1999",
            "aar",
            "Der er ingen tal eller lister for 1999. Vælg et af disse år: 2010, 2011, 2012.",
        ),
        (
            "kommune=Narnia",
            "kommune",
            "“Narnia” er ikke en kommune med boligområder på denne side. Vælg en på listen.",
        ),
        ("sort=alder", "sort", "Sortér efter risiko, navn eller kommune; “alder” er ingen af dem."),
    ],
)
def test_a_bad_parameter_gives_a_clear_error_and_no_table(
    client: Client, lists, query, field, message
):
    response = client.get(f"/omraader/?{query}")
    assert response.status_code == 400
    html = page(response)
    assert "<title>Fejl: Boligområder og kriterierne – Boligsociale helhedsplaner</title>" in html
    assert f'<li><a href="#id_{field}">{message}</a></li>' in html
    assert (
        f'<span class="form-error-message" id="id_{field}-error"><span class="sr-only">Fejl: '
        f"</span>{message}</span>"
    ) in html
    assert 'aria-invalid="true"' in html
    assert "areas-table" not in html


def test_a_bad_export_format_is_an_error_too(client: Client, lists):
    response = client.get("/omraader/?format=pdf")
    assert response.status_code == 400
    assert "<li>Eksportformatet skal være csv eller xlsx; “pdf” er ingen af dem.</li>" in page(
        response
    )


def test_overview_without_any_data_says_so(client: Client, db):
    html = page(client.get("/omraader/"))
    assert "<p>Der er endnu ikke gemt tal eller officielle lister.</p>" in html
    assert "areas-table" not in html


def test_overview_in_english(client: Client, lists):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = page(client.get("/omraader/?sort=name"))
    assert "<h1>Housing areas and the criteria</h1>" in html
    assert '<h2 id="areas-heading">2012: 4 areas</h2>' in html
    assert table_rows(html, "areas-table")[3] == [
        "Ringparken, Slagelse",
        "Slagelse",
        "1,858",
        "None",
        "Ghettoområde",
        "Disagrees On the list as ghettoområde, but its figures meet 1 of 3 criteria (at "
        "least 2 required).",
        "1 of 3",
        "Convicted: −0.06 pp",
        "Convicted",
    ]


# Exports -----------------------------------------------------------------------------------

EXPORT_HEADER = [
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
]


XLSX_HEADER_DA = [
    "Område", "Kommune", "År", "Regelsæt", "Beboere", "Beregnet status", "Officiel status",
    "Beregnet mod officiel", "Forklaring", "Opfyldte kriterier", "Kriterier i alt",
    "Opfyldte kriterier", "Nærmeste grænse", "Afstand til grænsen", "Afstandens enhed",
    "Tæt på en grænse",
]  # fmt: skip


def test_csv_export_has_the_rows_shown_in_the_same_order(client: Client, lists):
    response = client.get("/omraader/?sort=name&kommune=alle&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="omraader-2012.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert rows[0] == EXPORT_HEADER
    assert rows[1:] == [
        ["Agervang", "Holbæk", "2012", "2010", "1439", "ghetto", "ghetto", "agree", "", "3",
         "3", "outside_labour;convicted;non_western", "convicted", "0.23", "pp", "convicted"],
        ["Bispehaven", "Aarhus", "2012", "2010", "2371", "ghetto", "ghetto", "agree", "", "3",
         "3", "outside_labour;convicted;non_western", "convicted", "0.01", "pp",
         "outside_labour;convicted"],
        ["Gellerup/Toveshøj", "Aarhus", "2012", "2010", "7200", "ghetto", "ghetto", "agree", "",
         "3", "3", "outside_labour;convicted;non_western", "outside_labour", "10.8", "pp", ""],
        ["Ringparken, Slagelse", "Slagelse", "2012", "2010", "1858", "", "ghetto", "disagree",
         "På listen som ghettoområde, men tallene opfylder 1 af 3 kriterier (mindst 2 kræves).",
         "1", "3", "outside_labour", "convicted", "-0.06", "pp", "convicted"],
    ]  # fmt: skip
    # the export is exactly the page: same areas, order and numbers
    html = page(client.get("/omraader/?sort=name"))
    shown = table_rows(html, "areas-table")
    assert [r[0] for r in shown] == [r[0] for r in rows[1:]]
    assert [r[2].replace(".", "") for r in shown] == [r[4] for r in rows[1:]]
    margins = [re.search(r"([+−]?[\d,]+) pct\.-point", r[7]) for r in shown]
    assert [
        m.group(1).replace("−", "-").replace("+", "").replace(",", ".") for m in margins if m
    ] == [r[13] for r in rows[1:]]
    assert [r[6] for r in shown] == [f"{r[9]} af {r[10]}" for r in rows[1:]]


def test_xlsx_export_has_the_same_rows_with_numbers_as_numbers(client: Client, lists):
    response = client.get("/omraader/?kommune=751&aar=2011&format=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="omraader-2011-751.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    # for people: Danish headings, names instead of codes, numbers as formatted numbers
    assert rows == [
        XLSX_HEADER_DA,
        ["Bispehaven", "Aarhus", 2011, "2010", 2395, "Ghettoområde", "Ghettoområde",
         "Stemmer overens", None, 3, 3, "Uden for arbejdsmarkedet, Dømte, Ikke-vestlige",
         "Dømte", 0.09, "procentpoint", "Uden for arbejdsmarkedet, Dømte"],
    ]  # fmt: skip
    assert sheet.title == "Områder"
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == "A1:P2"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet["E2"].number_format == "#,##0"
    assert sheet["N2"].number_format == "0.00"


def test_xlsx_export_writes_text_that_looks_like_a_formula_as_text(client: Client, lists):
    """An imported area name is data, never a formula: a spreadsheet program opening the
    public download must not run `=HYPERLINK(…)` (formula injection)."""
    hostile = '=HYPERLINK("http://evil.example","klik")'
    Area.objects.filter(slug="bispehaven").update(name=hostile)
    response = client.get("/omraader/?kommune=751&aar=2011&format=xlsx")
    cell = load_workbook(io.BytesIO(response.content)).active["A2"]
    assert (cell.value, cell.data_type) == (hostile, "s")


def test_xlsx_export_speaks_the_readers_language(client: Client, lists):
    client.cookies["django_language"] = "en"
    response = client.get("/omraader/?kommune=751&aar=2011&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Areas"
    assert [c.value for c in sheet[1]][:8] == [
        "Area", "Municipality", "Year", "Rule set", "Residents", "Computed status",
        "Official status", "Computed versus official",
    ]  # fmt: skip
    assert [c.value for c in sheet[2]][5:8] == ["Ghettoområde", "Ghettoområde", "Agrees"]
    # the CSV's keys and codes are the same in every language
    danish = Client().get("/omraader/?kommune=751&aar=2011&format=csv").content
    assert client.get("/omraader/?kommune=751&aar=2011&format=csv").content == danish
    assert danish.decode("utf-8").splitlines()[0] == ",".join(EXPORT_HEADER)


def test_export_links_keep_the_choices_of_the_page_and_say_who_they_are_for(client: Client, lists):
    html = page(client.get("/omraader/?aar=2011&kommune=751&sort=name"))
    assert (
        '<a class="button button-secondary" '
        'href="?aar=2011&amp;kommune=751&amp;sort=name&amp;format=csv" download '
        'aria-describedby="export-csv-hint">Hent data til maskinel brug (CSV)</a>'
    ) in html
    assert (
        '<a class="button button-secondary" '
        'href="?aar=2011&amp;kommune=751&amp;sort=name&amp;format=xlsx" download '
        'aria-describedby="export-xlsx-hint">Hent regneark til læsning (XLSX)</a>'
    ) in html
    assert (
        '<span class="form-hint" id="export-csv-hint">Til maskiner: UTF-8, kommasepareret, '
        "engelske kolonnenavne og koder, der ikke ændres, tal uden formatering.</span>"
    ) in html
    assert (
        '<span class="form-hint" id="export-xlsx-hint">Til mennesker: overskrifter og navne i '
        "ord, tal formateret til læsning.</span>"
    ) in html


# The area page -----------------------------------------------------------------------------


def test_area_page_shows_status_explanation_margins_and_history(client: Client, lists):
    response = client.get("/omraader/ringparken/")
    assert response.status_code == 200
    html = page(response)
    assert "<title>Ringparken, Slagelse – Boligsociale helhedsplaner</title>" in html
    assert "<h1>Ringparken, Slagelse</h1>" in html
    assert "<dt>Kommune</dt>\n  <dd>Slagelse</dd>" in html
    assert "<dd>1.858 (2012)</dd>" in html
    assert "<dd>Der er ikke registreret nogen helhedsplan for området.</dd>" in html
    assert '<h2 id="status">Status 2012</h2>' in html
    facts = html[html.index('id="status-facts"') : html.index("</dl>", html.index("status-facts"))]
    assert text(facts.split(">", 1)[1]) == (
        "Regelsæt 2010 Beregnet ud fra tallene Ingen Officiel liste Ghettoområde "
        "Overensstemmelse Afviger På listen som ghettoområde, men tallene opfylder 1 af 3 "
        "kriterier (mindst 2 kræves)."
    )
    assert (
        '<p lang="da" id="explanation">Opfylder 1 af 3 kriterier: andelen af 18–64-årige uden '
        "for arbejdsmarked og uddannelse er 55 % (overstiger 40 %). Opfylder ikke: andelen af "
        "dømte blandt beboere på 18 år og derover er 2,64 % (skal overstige 2,7 %); andelen af "
        "indvandrere og efterkommere fra ikke-vestlige lande er 44,8 % (skal overstige 50 %). "
        "Ghettoområde kræver mindst 2 af 3. Ingen betegnelse. Tæt på grænsen (inden for 10 % af "
        "tærsklen): andelen af dømte blandt beboere på 18 år og derover er 2,64 % (skal "
        "overstige 2,7 %).</p>"
    ) in html
    assert table_rows(html, "margins-table") == [
        ["Uden for arbejdsmarked og uddannelse", "55 %", "overstiger 40 %", "Ja",
         "+15 pct.-point", "Nej"],
        ["Dømte", "2,64 %", "overstiger 2,7 %", "Nej", "−0,06 pct.-point", "Ja"],
        ["Ikke-vestlig oprindelse", "44,8 %", "overstiger 50 %", "Nej", "−5,2 pct.-point",
         "Nej"],
    ]  # fmt: skip
    assert '<p id="at-risk">Tæt på grænsen: Dømte.</p>' in html
    assert table_rows(html, "history-table") == [
        ["2012", "2010", "1 af 3", "Ingen", "Ghettoområde",
         "Afviger På listen som ghettoområde, men tallene opfylder 1 af 3 kriterier "
         "(mindst 2 kræves)."],
        ["2011", "2010", "2 af 3", "Ghettoområde", "Ghettoområde", "Stemmer overens"],
        ["2010", "2010", "3 af 3", "Ghettoområde", "Ghettoområde", "Stemmer overens"],
    ]  # fmt: skip
    assert '<tr id="year-2012" class="bs-disagree">' in html
    assert "<li>Liste over ghettoområder pr. 1. december 2010</li>" in html


def test_area_page_has_a_chart_and_a_table_per_criterion_from_the_same_numbers(
    client: Client, lists
):
    html = page(client.get("/omraader/ringparken/"))
    headings = re.findall(r'<h3 id="series-(\w+)">([^<]+)</h3>', html)
    assert headings == [
        ("residents", "Beboere"),
        ("pct_outside_labour", "Uden for arbejdsmarked og uddannelse"),
        ("pct_non_western", "Ikke-vestlig oprindelse"),
        ("pct_convicted", "Dømte"),
    ]
    assert table_rows(html, "table-pct_convicted") == [
        ["2010", "2010", "2,76 %", "Grænse for ghettoområde: overstiger 2,7 % (opfyldt)"],
        ["2011", "2010", "2,61 %", "Grænse for ghettoområde: overstiger 2,7 % (ikke opfyldt)"],
        ["2012", "2010", "2,64 %", "Grænse for ghettoområde: overstiger 2,7 % (ikke opfyldt)"],
    ]
    assert table_rows(html, "table-residents")[2] == [
        "2012",
        "2010",
        "1.858",
        "Mindste antal beboere: mindst 1.000 (opfyldt)",
    ]
    svg = html[html.index('<svg id="chart-pct-convicted"') :]
    svg = svg[: svg.index("</svg>")]
    assert 'role="img" aria-labelledby="chart-pct-convicted-title chart-pct-convicted-desc"' in svg
    assert (
        '<title id="chart-pct-convicted-title">Dømte i Ringparken, Slagelse, 2010–2012</title>'
    ) in svg
    assert re.findall(r"<title>(\d{4}: [^<]+)</title>", svg) == [
        "2010: 2,76 %",
        "2011: 2,61 %",
        "2012: 2,64 %",
    ]
    assert 'data-line="ghetto"' in svg
    assert ">Grænse for ghettoområde</text>" in svg
    assert ">Områdets tal</text>" in svg


def test_the_threshold_in_each_chart_is_that_of_the_rule_set_in_force_each_year(client: Client, db):
    area = f.AreaFactory(name="Skiftparken", slug="skiftparken")
    base = {"residents": 1500, "pct_outside_labour": 45, "pct_non_western": 60}
    store(area, 2013, {**base, "pct_convicted": 3}, official=None)
    store(area, 2014, {**base, "pct_convicted": 3, "pct_basic_education": 55,
                       "income_pct_of_region": 50}, official=None)  # fmt: skip
    store(area, 2018, {**base, "conviction_ratio": "3.2", "pct_basic_education": 62,
                       "income_pct_of_region": 50}, official=None)  # fmt: skip
    store(area, 2021, {**base, "conviction_ratio": "2.5", "pct_basic_education": 58,
                       "income_pct_of_region": 50}, official=None)  # fmt: skip
    html = page(client.get("/omraader/skiftparken/"))
    assert table_rows(html, "table-pct_basic_education") == [
        ["2013", "2010", "–", "–"],
        ["2014", "2014", "55 %", "Grænse for ghettoområde: overstiger 50 % (opfyldt)"],
        ["2018", "2018", "62 %", "Grænse for udsat boligområde: overstiger 60 % (opfyldt)"],
        ["2021", "2021", "58 %",
         "Grænse for udsat boligområde: overstiger 60 % (ikke opfyldt) "
         "Grænse for forebyggelsesområde: overstiger 60 % (ikke opfyldt)"],
    ]  # fmt: skip
    assert table_rows(html, "table-conviction_ratio") == [
        ["2013", "2010", "–", "–"],
        ["2014", "2014", "–", "–"],
        ["2018", "2018", "3,2 ×", "Grænse for udsat boligområde: mindst 3 × (opfyldt)"],
        ["2021", "2021", "2,5 ×",
         "Grænse for udsat boligområde: mindst 3 × (ikke opfyldt) "
         "Grænse for forebyggelsesområde: mindst 2 × (opfyldt)"],
    ]  # fmt: skip
    # the chart draws the same thresholds: 50 in 2014, 60 from 2018 (rule sets 2014 and 2018)
    svg = html[html.index('<svg id="chart-pct-basic-education"') :]
    svg = svg[: svg.index("</svg>")]
    paths = dict(re.findall(r'data-line="(\w+)" d="([^"]+)"', svg))
    assert set(paths) == {"ghetto", "udsat", "forebyggelse"}
    assert paths["ghetto"].count("M") == 1  # 2014 only
    assert paths["udsat"].count("M") == 2  # 2018 and 2021 (a gap for 2019–2020)
    assert table_rows(html, "history-table")[0][:4] == [
        "2021",
        "2021",
        "2 af 4",
        "Udsat boligområde, Parallelsamfund, Forebyggelsesområde",
    ]
    assert table_rows(html, "history-table")[0][4:] == ["Ingen liste gemt", "Ingen liste gemt"]


def test_area_page_links_the_plans_the_reader_may_see(client: Client, lists, site: SiteProfile):
    area = lists["bispehaven"]
    f.PlanFactory(
        name="Helhedsplan for Bispehaven",
        slug="bispehaven-2024",
        afdelinger=[f.AfdelingFactory(area=area), f.AfdelingFactory(area=area)],
    )
    f.PlanFactory(
        name="Skjult plan",
        slug="skjult",
        published=False,
        afdelinger=[f.AfdelingFactory(area=area)],
    )
    html = page(client.get("/omraader/bispehaven/"))
    assert (
        '<dd><a href="/planer/bispehaven-2024/">Helhedsplan for Bispehaven</a> (2023–2026)</dd>'
    ) in html
    assert "Skjult plan" not in html
    admin = logged_in(f.user_with_role(Role.SECRETARIAT_ADMIN))
    assert '<a href="/planer/skjult/">Skjult plan</a>' in page(admin.get("/omraader/bispehaven/"))


def test_area_page_of_an_area_without_figures_says_so(client: Client, db):
    f.AreaFactory(name="Nyparken", slug="nyparken")
    html = page(client.get("/omraader/nyparken/"))
    assert (
        '<p id="no-figures">Der er ikke gemt tal eller officielle listeoplysninger for dette '
        "område.</p>"
    ) in html
    assert "<svg id=" not in html


def test_area_page_for_an_unknown_area_is_404(client: Client, db):
    assert client.get("/omraader/findes-ikke/").status_code == 404


def test_area_page_in_english_keeps_the_danish_explanation_marked_as_danish(client: Client, lists):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = page(client.get("/omraader/ringparken/"))
    assert '<h2 id="status">Status 2012</h2>' in html
    assert "<p>The explanation is in Danish, the language of the law.</p>" in html
    assert '<p lang="da" id="explanation">Opfylder 1 af 3 kriterier' in html
    assert table_rows(html, "margins-table")[1] == [
        "Convicted",
        "2.64 %",
        "exceeds 2.7 %",
        "No",
        "−0.06 pp",
        "Yes",
    ]


# Disclosure control per role -------------------------------------------------------------


@pytest.fixture
def small(lists) -> Area:
    """An area whose convicted share counts 4 persons, and whose residents count 3."""
    area = f.AreaFactory(name="Lilleparken", slug="lilleparken")
    store(
        area,
        2012,
        {"residents": 1200, "pct_outside_labour": 45, "pct_non_western": 60,
         "pct_convicted": "2.6"},
        counts={"pct_convicted": (4, 154), "pct_outside_labour": (300, 667)},
    )  # fmt: skip
    tiny = f.AreaFactory(name="Minihuset", slug="minihuset")
    store(tiny, 2012, {"residents": 3}, official=None, counts={"residents": (3, None)})
    return area


NON_ANALYSTS = ["anonymous", Role.PLAN_LEADER, Role.HOUSING_ORG, Role.MUNICIPALITY]
ANALYSTS = [Role.ANALYST, Role.SECRETARIAT_ADMIN]


def _client(role: str) -> Client:
    if role == "anonymous":
        return Client()
    scope: dict[str, Any] = {}
    if role == Role.PLAN_LEADER:
        scope["plan"] = f.PlanFactory()
    elif role == Role.HOUSING_ORG:
        scope["organisation"] = f.HousingOrganisationFactory()
    elif role == Role.MUNICIPALITY:
        scope["municipality"] = f.municipality("Aarhus")
    return logged_in(f.user_with_role(role, **scope))


def _row(html: str, name: str) -> list[str]:
    return next(r for r in table_rows(html, "areas-table") if r[0] == name)


@pytest.mark.parametrize("role", NON_ANALYSTS)
def test_figures_about_fewer_than_five_persons_are_suppressed_for_non_analysts(role, small):
    client = _client(role)
    html = page(client.get("/omraader/"))
    assert _row(html, "Lilleparken") == [
        "Lilleparken", "Aarhus", "1.200", "Ghettoområde", "Ghettoområde", "Stemmer overens",
        "2 af 3", "Uden for arbejdsmarkedet: +5 pct.-point", "–",
    ]  # fmt: skip
    assert _row(html, "Minihuset")[:3] == ["Minihuset", "Aarhus", "<5"]
    assert (
        '<p id="suppression-note"><strong>&lt;5</strong>: tallet handler om færre end 5 '
        "personer og vises ikke (statistisk diskretionering). Analytikere med adgang kan se "
        "det.</p>"
    ) in html
    assert 'aria-describedby="suppression-note"' in html

    html = page(client.get("/omraader/lilleparken/"))
    assert table_rows(html, "margins-table")[1] == [
        "Dømte", "<5", "overstiger 2,7 %", "Nej", "vises ikke", "vises ikke",
    ]  # fmt: skip
    assert table_rows(html, "table-pct_convicted") == [
        ["2012", "2010", "<5", "Grænse for ghettoområde: overstiger 2,7 % (ikke opfyldt)"],
    ]
    assert "2,6 %" not in html
    assert "2: 2,6" not in html
    assert "vises ikke, da tallet bygger på færre end 5 personer" in html
    assert "Tæt på grænsen" not in html.split('id="explanation"')[1].split("</p>")[0]
    svg = html[html.index('<svg id="chart-pct-convicted"') :]
    assert "<circle" not in svg[: svg.index("</svg>")].split("bs-chart-value")[1]

    csv_text = client.get("/omraader/?format=csv").content.decode()
    rows = {r[0]: r for r in csv.reader(io.StringIO(csv_text))}
    assert rows["Lilleparken"][12:] == ["outside_labour", "5", "pp", ""]
    assert rows["Minihuset"][4] == "<5"
    assert "2.6" not in csv_text
    sheet = load_workbook(io.BytesIO(client.get("/omraader/?format=xlsx").content)).active
    by_name = {r[0]: r for r in sheet.iter_rows(values_only=True)}
    assert by_name["Minihuset"][4] == "<5"
    assert by_name["Lilleparken"][12:] == ("Uden for arbejdsmarkedet", 5, "procentpoint", None)


@pytest.mark.parametrize("role", ANALYSTS)
def test_analysts_and_administrators_see_every_figure(role, small):
    client = _client(role)
    html = page(client.get("/omraader/"))
    assert _row(html, "Lilleparken")[7:] == ["Dømte: −0,1 pct.-point", "Dømte"]
    assert _row(html, "Minihuset")[:3] == ["Minihuset", "Aarhus", "3"]
    assert "suppression-note" not in html
    html = page(client.get("/omraader/lilleparken/"))
    assert table_rows(html, "margins-table")[1] == [
        "Dømte", "2,6 %", "overstiger 2,7 %", "Nej", "−0,1 pct.-point", "Ja",
    ]  # fmt: skip
    export = client.get("/omraader/?format=csv").content.decode()
    rows = {r[0]: r for r in csv.reader(io.StringIO(export))}
    assert rows["Lilleparken"][12:] == ["convicted", "-0.1", "pp", "convicted"]
    assert rows["Minihuset"][4] == "3"


# The data dictionary -------------------------------------------------------------------


def test_data_dictionary_lists_every_active_indicator(client: Client, db):
    Indicator.objects.filter(key="pct_youth_without_upper_secondary").update(active=False)
    html = page(client.get("/datakatalog/"))
    assert "<title>Datakatalog – Boligsociale helhedsplaner</title>" in html
    assert "<h1>Datakatalog</h1>" in html
    assert "<p>9 indikatorer." in html
    keys = re.findall(r'<h2 id="indicator-(\w+)" class="h3">', html)
    assert keys == [
        "residents",
        "pct_outside_labour",
        "pct_non_western",
        "pct_convicted",
        "conviction_ratio",
        "pct_basic_education",
        "income_pct_of_region",
        "children_0_17",
        "pct_households_moving_out",
    ]
    section = html[html.index('id="indicator-pct_convicted"') :]
    section = section[: section.index("</section>")]
    assert text(section.split("</h2>", 1)[1]) == (
        "Nøgle pct_convicted Definition Andelen af beboere på 18 år og derover, der er dømt for "
        "overtrædelse af straffeloven, våbenloven eller lov om euforiserende stoffer. Enhed "
        "procent Befolkning beboere 18 år og derover Kilde Almenboligloven §61a og §61b; "
        "Social- og Boligministeriets liste over udsatte boligområder (1. december). "
        "Lovbestemt kriterium Ja"
    )
    section = html[html.index('id="indicator-children_0_17"') :]
    section = section[: section.index("</section>")]
    assert "<dt>Lovbestemt kriterium</dt>\n    <dd>Nej</dd>" in section
    assert "<dd>Ikke registreret</dd>" in section


# Query counts ---------------------------------------------------------------------------


def _many(count: int) -> None:
    for i in range(count):
        area = f.AreaFactory(name=f"Område {i:02d}", slug=f"omraade-{i}")
        for year in (2010, 2011, 2012):
            store(area, year, dict(zip(FIELDS, (1500, 45, 60, "2.5"), strict=True)))


@pytest.mark.parametrize("count", [3, 10])
def test_overview_query_count_does_not_grow_with_areas(
    client: Client, site: SiteProfile, django_assert_num_queries, count: int
):
    _many(count)
    # data version (page cache), areas' version, stored lists, years, municipalities, areas'
    # version (assessments), areas, values, list entries, indicators, site
    with django_assert_num_queries(11):
        response = client.get("/omraader/")
    assert len(table_rows(page(response), "areas-table")) == count
    # the same table as a download: kept for the areas' version (docs/decisions/0014), so
    # only the data version and the areas' version are read
    with django_assert_num_queries(2):
        client.get("/omraader/?format=csv")


def test_the_overview_is_kept_across_other_writes_and_new_after_a_write_to_the_areas(
    client: Client, site: SiteProfile, settings, django_assert_num_queries
):
    """docs/decisions/0014: a write to a plan leaves the classification of every area; a write
    to the areas' data (names, figures, lists), by any means, is seen on the next request."""
    settings.PAGE_CACHE_SECONDS = 0  # the classification itself, not the page cache
    _many(3)
    before = page(client.get("/omraader/"))
    f.PlanFactory(name="En ny plan")
    # the areas' version, the site profile: nothing classified again
    with django_assert_num_queries(2):
        assert page(client.get("/omraader/")) == before
    Area.objects.filter(slug="omraade-1").update(name="Omdøbt område")
    html = page(client.get("/omraader/"))
    assert "Omdøbt område" in html
    assert "Område 01" not in html
    # a figure that changes the classification: 'Område 02' no longer meets the criteria
    assert "Område 02" in html
    row = next(r for r in table_rows(html, "areas-table") if "Område 02" in r[0])
    IndicatorValue.objects.filter(area__slug="omraade-2", indicator__key="pct_convicted").update(
        value=Decimal("0.1")
    )
    changed = next(
        r for r in table_rows(page(client.get("/omraader/")), "areas-table") if "Område 02" in r[0]
    )
    assert changed != row
    # an official list entry deleted
    OfficialListEntry.objects.filter(area__slug="omraade-0").delete()
    assert page(client.get("/omraader/")) != html


@pytest.mark.parametrize("count", [3, 10])
def test_area_page_query_count_does_not_grow_with_years_or_plans(
    client: Client, site: SiteProfile, django_assert_num_queries, count: int
):
    area = f.AreaFactory(name="Storparken", slug="storparken")
    for year in range(2010, 2010 + count):
        store(area, year, dict(zip(FIELDS, (1500, 45, 60, "2.5"), strict=True)))
    for i in range(count):
        f.PlanFactory(slug=f"plan-{i}", afdelinger=[f.AfdelingFactory(area=area)])
    # data version (page cache), area, values, list entries, stored lists, indicators, plans, site
    with django_assert_num_queries(8):
        response = client.get("/omraader/storparken/")
    html = page(response)
    assert len(table_rows(html, "history-table")) == count
    assert html.count('<a href="/planer/plan-') == count
