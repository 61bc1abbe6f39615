"""A plan leader builds their plan's pre-qualification application: from the plan's internal
page by the button's text to the application's page (axe-clean, with what is missing), then
downloads the PDF, which opens and shows its tables and the missing-parts list, and the XLSX
(decision 0022)."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from tests.browser.helpers import Demo, assert_axe_clean, assert_h1
from tests.browser.test_plan_leader import log_in

pytestmark = [pytest.mark.browser, pytest.mark.pdf]


def test_a_plan_leader_builds_and_downloads_the_application(
    page: Page, live_server: Any, demo: Demo, plan_leader: Any
) -> None:
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/intern/planer/{demo.plan_slug}/")
    page.get_by_role("link", name="Byg prækvalifikationsansøgning").click()
    expect(page).to_have_url(re.compile(re.escape(f"/intern/planer/{demo.plan_slug}/ansoegning/")))
    assert_h1(page, f"Prækvalifikationsansøgning: {demo.plan_name}")
    expect(page.locator("#missing-heading")).to_have_text("Mangler før indsendelse")
    missing = page.locator("#missing li").all_inner_texts()
    assert missing  # the demo's plans have no application texts yet
    assert_axe_clean(page)

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Ansøgningen som PDF").click()
    pdf = PdfReader(pdf_download.value.path())
    text = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in pdf.pages))
    assert pdf.metadata.title == f"Prækvalifikationsansøgning: {demo.plan_name}"
    assert "Boligorganisation Afd.nr. Navn Boligområde Boliger" in text
    assert "Mangler før indsendelse" in text
    for line in missing:
        assert re.sub(r"\s+", " ", line) in text
    assert pdf_download.value.suggested_filename == (
        f"praekvalifikationsansoegning-{demo.plan_slug}.pdf"
    )

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Dens tabeller som XLSX").click()
    path = xlsx_download.value.path()
    with open(path, "rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()))
    assert workbook.sheetnames[:3] == ["Ansøgning", "Mangler", "Afdelinger"]
