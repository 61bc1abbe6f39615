"""The year's report as a tagged PDF: its title and language, the goals, the milestone plan and
the accounts (the reguleringskonto, the lines, budget against actual) in Danish formats, and
what it lacks; nothing fetched from text in the data."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from boligsocial.reporting import services
from boligsocial.reporting.pdf import report_pdf
from boligsocial.reporting.statements import report_detail
from tests.reporting.helpers import Reporting

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"[ \u00a0]+", " ", text)


def _report(rw: Reporting, **extra: str) -> None:
    leader = rw.user("leader")
    report = services.report_open(plan=rw.plan, year=rw.last_year, user=leader)
    services.report_update(
        report=report,
        data={"lbf_received": Decimal("100000.00"), "local_received": Decimal("40000.00")},
        user=leader,
    )
    services.account_line_save(
        report=report, data={"line_key": rw.line.key, "amount": Decimal("90000.50")}, user=leader
    )
    services.goal_result_save(
        report=report,
        data={
            "focus_area": rw.focus,
            "goal": extra.get("goal", "Flere unge i uddannelse"),
            "indicator": "Andel 15-24-årige i uddannelse",
            "baseline": "61 %",
            "target": "70 %",
            "result": "66 %",
        },
        user=leader,
    )


@pytest.mark.pdf
def test_the_pdf_in_danish(rw: Reporting) -> None:
    _report(rw)
    today = timezone.localdate()
    with translation.override("da"):
        pdf = report_pdf(report_detail(rw.plan, rw.last_year, today), today)
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert reader.metadata.title == f"Årsrapport til LBF {rw.last_year}: {rw.plan.name}"
    assert root["/Lang"] == "da"
    assert "/StructTreeRoot" in root
    text = pdf_text(pdf)
    assert f"ÅRSRAPPORT TIL LANDSBYGGEFONDEN FOR {rw.last_year}" in text  # the kicker's capitals
    assert f"milepælsplanen: ingen milepæl for {rw.last_year + 1}" in text
    flat = re.sub(r"\s+", " ", text)  # a cell's text wraps within its cell
    assert "61 % 70 % 66 %" in flat
    assert "Flere unge" in flat
    assert "Modtaget fra LBF 100.000,00 kr." in text
    assert "Ultimosaldo, overført 49.999,50 kr." in text
    assert "Landsbyggefonden (LBF) 100.000,00 kr. 90.000,50 kr. −9.999,50 kr." in text
    assert re.search(r"Side 1 af \d", text)


@pytest.mark.pdf
def test_the_pdf_fetches_nothing(rw: Reporting) -> None:
    _report(rw, goal='<img src="http://127.0.0.1:9/x.png"> <link href="file:///etc/passwd">')
    today = timezone.localdate()
    with translation.override("en"):
        pdf = report_pdf(report_detail(rw.plan, rw.last_year, today), today)
    # the text is shown as text, and nothing was fetched (the renderer refuses every URL)
    assert '<img src="http://' in pdf_text(pdf).replace("\n", " ")


def test_an_unopened_year_renders(rw: Reporting) -> None:
    detail = report_detail(rw.plan, rw.last_year, date(rw.last_year + 1, 12, 3))
    assert detail.report is None
    assert detail.status == "due"
    assert detail.missing == ["accounts", "goals", "milestones"]
