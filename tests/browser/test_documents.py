"""A plan leader opens the plan's documents from its internal page, is refused an HTML file
named .pdf with a message naming it (nothing stored), uploads a real PDF, downloads it as an
attachment with its Danish name, and deletes it. axe-core checks the page with its error and
with the document listed (decision 0021)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from tests.browser.helpers import (
    LEADER_PASSWORD,
    LEADER_USERNAME,
    Demo,
    assert_axe_clean,
)
from tests.documents import files

pytestmark = pytest.mark.browser


@pytest.fixture
def document_dir(settings: Any, tmp_path: Path) -> Path:
    folder = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }
    return folder


def test_a_plan_leader_uploads_downloads_and_deletes_a_document(
    page: Page, live_server: Any, demo: Demo, plan_leader: Any, document_dir: Path, tmp_path: Path
) -> None:
    from boligsocial.documents.models import Document

    page.goto(live_server.url + "/log-ind/")
    page.get_by_label("Brugernavn").fill(LEADER_USERNAME)
    page.get_by_label("Adgangskode").fill(LEADER_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(re.compile(r"/intern/$"))
    page.goto(f"{live_server.url}/intern/planer/{demo.plan_slug}/")
    page.get_by_role("link", name="Dokumenter", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(f"/intern/planer/{demo.plan_slug}/dokumenter/")))
    expect(page.locator("#no-documents")).to_be_visible()

    hostile = tmp_path / "referat.pdf"
    hostile.write_bytes(files.HTML)
    page.get_by_label("Fil", exact=True).set_input_files(str(hostile))
    page.get_by_role("button", name="Upload dokumentet").click()
    expect(page.get_by_text("“referat.pdf” er en HTML- eller XML-tekst").first).to_be_visible()
    assert Document.objects.count() == 0
    assert not document_dir.exists() or not any(document_dir.rglob("*.*"))
    assert_axe_clean(page)

    real = tmp_path / "Årsrapport.pdf"
    real.write_bytes(files.PDF)
    page.get_by_label("Fil", exact=True).set_input_files(str(real))
    page.get_by_role("button", name="Upload dokumentet").click()
    expect(page.get_by_text("“Årsrapport.pdf” blev føjet til planens dokumenter.")).to_be_visible()
    link = page.locator("#documents-table").get_by_role("link", name=re.compile("^Årsrapport"))
    expect(link).to_be_visible()
    assert_axe_clean(page)

    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "Årsrapport.pdf"
    assert Path(download.path()).read_bytes() == files.PDF

    page.locator("#documents-table").get_by_role("link", name=re.compile("^Slet")).click()
    page.get_by_role("button", name="Slet dokumentet").click()
    expect(page.get_by_text("“Årsrapport” blev slettet.")).to_be_visible()
    expect(page.locator("#no-documents")).to_be_visible()
    assert Document.objects.count() == 0
