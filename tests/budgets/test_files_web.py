"""The budget page's spreadsheet: the download for the plan's readers, and for its editors the
upload's dry run (every problem by sheet, row and column, or what will change) and the import
after confirmation, all or nothing, with the edit conflict when the draft changed in between."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from boligsocial.budgets.models import BudgetLine, BudgetVersion
from boligsocial.budgets.services import budget_line_save
from boligsocial.budgets.workbook import budget_workbook
from tests.budgets.test_files_support import budget_world, edited, line_values
from tests.kit import find, find_all, nothing_written, parse, table_rows, text

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def client_of(world, role: str):
    """The role's client, reading the pages in English (the switch's cookie)."""
    client = world.client(role)
    client.cookies["django_language"] = "en"
    return client


def export_url(world) -> str:
    return reverse("web:budget_export", args=[world.plan_led.slug])


def import_url(world) -> str:
    return reverse("web:budget_import", args=[world.plan_led.slug])


def upload(client, world, data: bytes, name: str = "budget.xlsx"):
    return client.post(import_url(world), {"file": SimpleUploadedFile(name, data, XLSX)})


def test_the_plans_readers_download_the_workbook(world):
    draft = budget_world(world)
    for role in ("admin", "leader", "housing_user"):
        response = client_of(world, role).get(export_url(world))
        assert response.status_code == 200, role
        assert response["Content-Type"] == XLSX
        assert response["Content-Disposition"] == (
            f'attachment; filename="budget-{world.plan_led.slug}-v1.xlsx"'
        )
        assert response["Cache-Control"] == "private, no-store"
        assert response.content.startswith(b"PK")
    assert client_of(world, "other_leader").get(export_url(world)).status_code == 404
    anonymous = client_of(world, "anonymous").get(export_url(world))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/log-ind/")
    assert draft.lines.count() == 7


def test_only_the_plans_editors_may_import(world):
    budget_world(world)
    assert client_of(world, "leader").get(import_url(world)).status_code == 200
    assert client_of(world, "admin").get(import_url(world)).status_code == 200
    with nothing_written(BudgetLine, BudgetVersion):
        assert client_of(world, "housing_user").get(import_url(world)).status_code == 403
        assert client_of(world, "other_leader").get(import_url(world)).status_code == 404
        response = upload(client_of(world, "housing_user"), world, b"x")
        assert response.status_code == 403


def test_a_workbook_with_problems_lists_every_one_and_imports_nothing(world):
    draft = budget_world(world)
    data = edited(
        budget_workbook(draft, exported_on=draft.created_at.date()),
        lambda wb: (wb["2023"].__setitem__("G2", "mange"), wb["2024"].__setitem__("D3", "Bank")),
    )
    with nothing_written(BudgetLine, BudgetVersion):
        response = upload(client_of(world, "leader"), world, data)
    assert response.status_code == 200
    page = parse(response)
    assert text(find(page, "h2", id="import-problems-heading")) == (
        "The workbook has 2 problems; nothing was imported"
    )
    assert table_rows(find(page, "table", id="import-problems-table")) == [
        ["Sheet", "Row", "Column", "Problem"],
        ["2023", "2", "Beløb (kr.)", "'mange' is not a number"],
        ["2024", "3", "Kildetype", "“Bank” is not a kind of source (LBF, Kommune, "
         "Boligorganisation, Afdeling, Fond, Anden kilde)."],
    ]  # fmt: skip
    assert find_all(page, "form", id="import-upload-form")
    assert not find_all(page, "form", id="import-confirm-form")


def test_a_foreign_file_is_refused(world):
    budget_world(world)
    response = upload(client_of(world, "leader"), world, b"year,amount\n2024,1\n", "budget.csv")
    rows = table_rows(find(parse(response), "table", id="import-problems-table"))
    assert rows[1][3].startswith("The file is not an XLSX workbook")


def test_the_dry_run_shows_the_changes_then_the_confirmation_imports(world):
    draft = budget_world(world)
    before = line_values(draft)
    data = edited(
        budget_workbook(draft, exported_on=draft.created_at.date()),
        lambda wb: wb["2024"].__setitem__("G2", 500000),
    )
    client = client_of(world, "leader")
    with nothing_written(BudgetLine, BudgetVersion):
        response = upload(client, world, data)
    page = parse(response)
    assert [text(li) for li in find_all(find(page, "ul", id="preview-counts"), "li")] == [
        "0 new lines",
        "1 changed line",
        "0 removed lines",
        "6 unchanged lines",
    ]
    assert table_rows(find(page, "table", id="preview-check"))[2][0] == "2024"
    confirmation = find(page, "input", name="confirmation").attrs["value"]
    response = client.post(import_url(world), {"confirmation": confirmation})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:budget", args=[world.plan_led.slug])
    after = line_values(draft)
    assert after[4][-1] == 500000
    assert after[:4] == before[:4]
    message = text(find(parse(client.get(response["Location"])), "div", class_="bs-messages"))
    assert "The workbook budget.xlsx was imported into budget version 1: 7 lines: 0 new, 1 " in (
        message
    )


def test_a_change_of_the_draft_between_dry_run_and_import_is_a_conflict(world):
    draft = budget_world(world)
    data = budget_workbook(draft, exported_on=draft.created_at.date())
    client = client_of(world, "leader")
    page = parse(upload(client, world, edited(data, lambda wb: wb["2024"].delete_rows(2))))
    confirmation = find(page, "input", name="confirmation").attrs["value"]
    line = BudgetLine.objects.filter(version=draft).first()
    budget_line_save(version=draft, line=line, data={"text": "Imens"}, user=None)
    with nothing_written(BudgetLine, BudgetVersion):
        response = client.post(import_url(world), {"confirmation": confirmation})
    rows = table_rows(find(parse(response), "table", id="import-problems-table"))
    assert rows[1][3].startswith("Budget version 1 has been changed since this workbook was")


def test_a_forged_or_anothers_confirmation_is_refused(world):
    draft = budget_world(world)
    data = budget_workbook(draft, exported_on=draft.created_at.date())
    page = parse(upload(client_of(world, "leader"), world, data))
    confirmation = find(page, "input", name="confirmation").attrs["value"]
    for role, value in (("leader", confirmation[:-3] + "abc"), ("admin", confirmation)):
        with nothing_written(BudgetLine, BudgetVersion):
            response = client_of(world, role).post(import_url(world), {"confirmation": value})
        rows = table_rows(find(parse(response), "table", id="import-problems-table"))
        assert rows[1][3] == (
            "The confirmation has expired or is not for this plan: upload the workbook again."
        )


def test_without_a_draft_the_page_says_how_to_start_one(world):
    budget_world(world)
    BudgetVersion.objects.filter(plan=world.plan_led).update(
        state="approved", approved_on="2023-01-01"
    )
    response = client_of(world, "leader").get(import_url(world))
    assert "The plan has no draft budget to import into." in text(
        find(parse(response), "div", id="no-draft")
    )


def test_a_file_over_the_limit_is_refused_before_it_is_read(world, monkeypatch):
    from boligsocial.web.views import budget_files

    budget_world(world)
    monkeypatch.setattr(budget_files, "MAX_BYTES", 100)
    with nothing_written(BudgetLine, BudgetVersion):
        response = upload(client_of(world, "leader"), world, b"PK\x03\x04" + b"x" * 200)
    rows = table_rows(find(parse(response), "table", id="import-problems-table"))
    assert rows[1][3] == "“budget.xlsx” is larger than 100 bytes."


def test_the_page_and_its_problems_are_in_danish_by_default(world):
    draft = budget_world(world)
    data = edited(
        budget_workbook(draft, exported_on=draft.created_at.date()),
        lambda wb: wb["2023"].__setitem__("G2", -1),
    )
    page = parse(upload(world.client("leader"), world, data))
    assert text(find(page, "h1")) == "Indlæs en budgetprojektmappe: Plan Beta"
    assert table_rows(find(page, "table", id="import-problems-table")) == [
        ["Ark", "Række", "Kolonne", "Fejl"],
        ["2023", "2", "Beløb (kr.)", "'-1' er negativt; et beløb er 0 eller mere"],
    ]
