"""The application shows the plan's budget against the round's 75/25 rule (decision 0026):
per year and over the period, and a breach explained in kroner and percentage points, in the
HTML behind the PDF, the PDF itself and the XLSX; nothing when the plan has no budget."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from boligsocial.applications.pdf import application_html, application_pdf
from boligsocial.applications.selectors import application_content, application_plans
from boligsocial.applications.xlsx import application_xlsx
from boligsocial.budgets.models import SourceKind
from boligsocial.budgets.services import budget_line_save
from tests.applications.test_outputs import pdf_text
from tests.kit import find, find_all, make_budget, parse, text

pytestmark = pytest.mark.django_db

BREACH_DA = (
    "LBF's andel er 77,4 %, 2,4 procentpoint over det højeste; der mangler 128.000,00 kr. i "
    "lokal medfinansiering"
)


def _content(plan):
    return application_content(application_plans().get(pk=plan.pk))


def test_no_budget_no_section(small):
    app = _content(small.plan)
    assert app.budget_check is None
    with translation.override("da"):
        assert 'id="budget-check"' not in application_html(app)
        workbook = load_workbook(io.BytesIO(application_xlsx(app)))
    assert "Medfinansieringstjek" not in workbook.sheetnames


def test_a_budget_within_the_rule(small):
    make_budget(small.plan)
    app = _content(small.plan)
    section = app.budget_check
    assert (section.version, section.ok, section.explanation, section.year_warnings) == (
        1,
        True,
        "",
        (),
    )
    with translation.override("da"):
        page = parse(application_html(app))
    rows = [text(tr) for tr in find_all(page, "tr")]
    assert "2027 750.000 kr. 250.000 kr. 0 kr. 1.000.000 kr. 75 % Ja" in [
        r.replace("\u00a0", " ") for r in rows
    ]
    result = text(find(page, id="budget-check-result"))
    assert result == "Budgettet overholder medfinansieringsreglen for 2019–26-runden over perioden."


def test_a_breach_is_explained_with_the_years_over_and_in_kind(small):
    version = make_budget(small.plan, lbf="774000", local="226000")
    afdeling = small.plan.afdelinger.order_by("pk").first()
    budget_line_save(
        version=version,
        data={
            "year": 2028,
            "category": version.lines.first().category_id,
            "text": "Frivillige timer",
            "source_kind": SourceKind.AFDELING,
            "source_afdeling": afdeling,
            "in_kind": True,
            "amount": "5000",
        },
        user=None,
    )
    with translation.override("da"):
        app = _content(small.plan)
        page = parse(application_html(app))
    section = app.budget_check
    assert not section.ok
    assert section.explanation == BREACH_DA
    assert len(section.year_warnings) == 4
    assert section.year_warnings[0].startswith("2027: LBF's andel er 77,4 %")
    assert text(find(page, id="budget-breach")).replace("\u00a0", " ") == BREACH_DA + "."
    assert text(find(page, id="budget-in-kind")) == (
        "Det vides ikke, om naturalier tæller som medfinansiering i denne pulje: 5.000,00 kr. "
        "i naturalier er holdt uden for beregningen."
    )
    assert len(find_all(find(page, id="budget-year-warnings"), "li")) == 4
    with translation.override("da"):
        workbook = load_workbook(io.BytesIO(application_xlsx(app)))
    rows = list(workbook["Medfinansieringstjek"].iter_rows(values_only=True))
    assert rows[0] == (
        "År",
        "LBF",
        "Lokal medfinansiering",
        "Heraf naturalier",
        "Budget i alt",
        "LBF's andel",
        "Inden for reglen",
    )
    assert rows[2] == (2028, 774000, 226000, 5000, 1005000, pytest.approx(0.774), "Nej")
    assert rows[5][:5] == ("Periode", 3096000, 904000, 5000, 4005000)
    assert ("Note", BREACH_DA) in [r[:2] for r in rows]
    assert ("Opfyldt", "Nej") in [r[:2] for r in rows]


@pytest.mark.pdf
def test_the_pdf_explains_the_breach(small):
    make_budget(small.plan, lbf="774000", local="226000")
    with translation.override("da"):
        pdf_words = pdf_text(application_pdf(_content(small.plan)))
    assert "Budgettet overholder ikke medfinansieringsreglen for 2019–26-runden" in pdf_words
    # (the PDF hyphenates "medfinansiering" at the line's end)
    assert BREACH_DA.split(" i lokal")[0] in pdf_words.replace("\n", " ")
    assert "2027: LBF's andel er 77,4 %, 2,4 procentpoint over det højeste" in pdf_words
