"""The application as a tagged PDF (text of its tables and the missing list, title, language,
tags, page numbers) and as an XLSX of its tables (numbers as numbers, text never a formula).
A PDF takes about a second to render: one plan, rendered once per test that needs it."""

from __future__ import annotations

import io
import re

import pytest
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from boligsocial.applications.content import Missing
from boligsocial.applications.pdf import application_html, application_pdf
from boligsocial.applications.selectors import application_content, application_plans
from boligsocial.applications.xlsx import application_xlsx
from tests import factories as f

pytestmark = pytest.mark.django_db


def _content(plan):
    return application_content(application_plans().get(pk=plan.pk))


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"[ \u00a0]+", " ", text)


@pytest.mark.pdf
def test_the_pdf_shows_its_tables_the_missing_list_and_danish_formats(small):
    app = _content(small.plan)
    app = app.__class__(**{**app.__dict__, "missing": (Missing("budget", "Et budgetoverslag"),)})
    with translation.override("da"):
        pdf = application_pdf(app)
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert reader.metadata.title == "Prækvalifikationsansøgning: Lilleparken 2027–2030"
    assert root["/Lang"] == "da"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    text = pdf_text(pdf)
    assert "Mangler før indsendelse" in text
    assert "Et budgetoverslag" in text
    # the afdelinger's table, its total, the key figures (suppressed) and the budget
    assert "Boligforeningen Øst 7 Lilleparken Nord Lilleparken 1.234" in text
    assert "I alt 1.300" in text
    assert "<5 overstiger 2,7 %" in text
    assert "45 % overstiger 40 %" in text
    assert "2027 750.000 150.000 100.000 0 1.000.000 25 %" in text
    assert "Overslaget overholder medfinansieringsreglen for 2019–26-runden." in text
    assert "30. november 2026" in text
    assert "2,6 %" not in text
    assert re.search(r"Side 1 af \d", text)


@pytest.mark.pdf
def test_the_pdf_in_english_and_a_complete_application_says_so(small):
    app = _content(small.plan)
    with translation.override("en"):
        pdf = application_pdf(app)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    text = pdf_text(pdf)
    assert reader.metadata.title == "Pre-qualification application: Lilleparken 2027–2030"
    assert "Nothing: the application has every part it needs to be submitted." in text
    assert "1,234" in text


@pytest.mark.pdf
def test_the_pdf_fetches_nothing_from_text_in_the_data(small):
    small.plan.challenges = (
        '<img src="http://127.0.0.1:9/x.png"> <link rel=stylesheet href="file:///etc/passwd">'
    )
    small.plan.save()
    with translation.override("da"):
        text = pdf_text(application_pdf(_content(small.plan)))
    assert '<img src="http://127.0.0.1:9/x.png">' in text.replace("\n", "")


def test_the_xlsx_has_the_tables_with_numbers_as_numbers_and_text_as_text(small):
    with translation.override("da"):
        workbook = load_workbook(io.BytesIO(application_xlsx(_content(small.plan))))
    assert workbook.sheetnames == [
        "Ansøgning", "Mangler", "Afdelinger", "Nøgletal", "Indsatsområder", "Budget",
    ]  # fmt: skip
    afdelinger = list(workbook["Afdelinger"].iter_rows(values_only=True))
    assert afdelinger[0][:4] == ("Boligorganisation", "Afd.nr.", "LBF-nummer", "Navn")
    assert afdelinger[1] == (
        "Andelsbo Vest", "12", None, '=HYPERLINK("x")', "Lilleparken", None, 66,
    )  # fmt: skip
    cell = workbook["Afdelinger"]["D2"]
    assert cell.data_type == "s"  # a name beginning with "=" is text, not a formula
    figures = list(workbook["Nøgletal"].iter_rows(values_only=True))
    convicted = next(r for r in figures if r[7] and r[7].startswith("Dømte"))
    assert convicted[8] == "<5"
    assert any(r[8] == 45 for r in figures[1:])
    budget = list(workbook["Budget"].iter_rows(values_only=True))
    assert budget[1][:6] == (2027, 750000, 150000, 100000, 0, 1000000)
    assert budget[1][6] == pytest.approx(0.25)
    assert budget[3][0] == "Periode"
    assert budget[-1] == ("Opfyldt", "Ja", None, None, None, None, None, None)
    goals = list(workbook["Indsatsområder"].iter_rows(values_only=True))
    assert goals[1][1] == "20 % flere i job."


@pytest.mark.pdf
def test_the_pdf_lists_what_the_lifecycle_finds_missing(small):
    small.plan.challenges = ""
    small.plan.save()
    small.plan.budget_estimates.all().delete()
    with translation.override("en"):
        text = pdf_text(application_pdf(_content(small.plan)))
    assert "The application lacks 2 parts before it can be submitted:" in text
    assert "The description of the challenges is empty." in text
    assert "No budget estimate yet." in text


@pytest.mark.pdf
def test_a_table_over_several_pages_repeats_its_header_row(small):
    organisation = small.plan.afdelinger.first().organisation
    small.plan.afdelinger.add(
        *(
            f.AfdelingFactory(organisation=organisation, number=str(100 + n), area=small.area)
            for n in range(70)
        )
    )
    with translation.override("da"):
        reader = PdfReader(io.BytesIO(application_pdf(_content(small.plan))))
    header = "Boligorganisation Afd.nr. Navn Boligområde Boliger"
    pages = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]
    with_rows = [p for p in pages if "Afdeling " in p and header in p]
    assert len(with_rows) >= 2


def test_texts_from_the_data_are_marked_danish_in_an_english_application(small):
    with translation.override("en"):
        html = application_html(_content(small.plan))
    assert '<html lang="en">' in html
    assert '<div lang="da"><p>Mange unge står uden uddannelse.</p>' in html
    assert '<div lang="da"><p>Flere unge i uddannelse og job.</p></div>' in html


def test_a_challenges_text_longer_than_a_cell_goes_on_over_the_next_rows(small):
    text = "Udfordringerne er mange. " * 1_800  # 45,000 characters, more than a cell holds
    small.plan.challenges = text
    small.plan.save()
    with translation.override("da"):
        sheet = load_workbook(io.BytesIO(application_xlsx(_content(small.plan))))["Ansøgning"]
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "Udfordringerne")
    assert rows[start + 1][0] == "(fortsat)"
    assert all(len(r[1]) <= 32_767 for r in rows if isinstance(r[1], str))
    assert rows[start][1] + rows[start + 1][1] == text
