"""`boligsocial plan application --plan SLUG -o FILE.pdf|FILE.xlsx`: the format follows the
extension; an unknown plan, extension or folder is a clear message, exit 2, nothing written."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook
from pypdf import PdfReader

from boligsocial.plans.models import PlanSlugHistory

pytestmark = pytest.mark.django_db


def test_writes_the_xlsx_by_its_extension(small, tmp_path):
    out = io.StringIO()
    target = tmp_path / "ansøgning.xlsx"
    call_command("plan", "application", "--plan", small.plan.slug, "-o", str(target), stdout=out)
    assert load_workbook(target).sheetnames[0] == "Ansøgning"
    assert f"Wrote {target}" in out.getvalue()
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind


@pytest.mark.pdf
def test_writes_the_pdf_by_its_extension_and_finds_a_former_slug(small, tmp_path):
    PlanSlugHistory.objects.create(plan=small.plan, slug="lilleparken-gammel")
    target = tmp_path / "a.PDF"
    call_command("plan", "application", "--plan", "lilleparken-gammel", "--output", str(target),
                 stdout=io.StringIO())  # fmt: skip
    reader = PdfReader(target)
    assert reader.metadata.title == "Prækvalifikationsansøgning: Lilleparken 2027–2030"


@pytest.mark.parametrize(
    ("plan", "name", "message"),
    [
        ("ingen-saadan", "a.pdf", "--plan ingen-saadan: no plan has this slug; nothing written"),
        ("lilleparken-2027-2030", "a.docx", "must end in .pdf or .xlsx"),
        ("lilleparken-2027-2030", "a", "must end in .pdf or .xlsx"),
        ("lilleparken-2027-2030", "mappe/a.pdf", "does not exist; nothing written"),
    ],
)
def test_bad_input_is_a_clear_message_exit_2_and_nothing_written(small, tmp_path, plan, name,
                                                                  message):  # fmt: skip
    with pytest.raises(CommandError, match=message) as raised:
        call_command("plan", "application", "--plan", plan, "-o", str(tmp_path / name))
    assert raised.value.returncode == 2
    assert list(tmp_path.iterdir()) == []
