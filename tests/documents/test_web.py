"""The documents page on the internal pages, per role: list, download, upload, delete and the
history (decision 0021)."""

from __future__ import annotations

import pytest

from boligsocial.documents.models import Document
from boligsocial.documents.services import document_upload
from tests.documents import files
from tests.documents.conftest import stored_files


@pytest.fixture
def docs(world):
    admin = world.user("admin")
    return {
        "public": document_upload(
            plan=world.plan, actor=admin, upload=files.upload("Årsrapport 2024.pdf", files.PDF)
        ),
        "internal": document_upload(
            plan=world.plan,
            actor=admin,
            upload=files.upload("Budget.xlsx", files.xlsx()),
            internal=True,
        ),
        "hidden": document_upload(
            plan=world.hidden, actor=admin, upload=files.upload("Notat.odt", files.odt())
        ),
    }


def page(plan) -> str:
    return f"/intern/planer/{plan.slug}/dokumenter/"


def download(document) -> str:
    return f"/intern/planer/{document.plan.slug}/dokumenter/{document.pk}/hent/"


# (titles listed on the published plan's page, titles on the hidden plan's page or None: 404)
SEES = {
    "admin": ({"Årsrapport 2024", "Budget"}, {"Notat"}),
    "leader": ({"Årsrapport 2024", "Budget"}, {"Notat"}),
    "other_leader": ({"Årsrapport 2024"}, None),
    "housing": ({"Årsrapport 2024"}, {"Notat"}),
    "municipality": ({"Årsrapport 2024"}, {"Notat"}),
    "analyst": ({"Årsrapport 2024"}, None),
}
EDITORS = {"admin", "leader"}


def listed(response) -> set[str]:
    text = response.content.decode()
    return {title for title in ("Årsrapport 2024", "Budget", "Notat") if f">{title}<" in text}


@pytest.mark.parametrize("role", sorted(SEES))
def test_list_and_download_per_role(world, docs, role):
    client = world.client(role)
    published, hidden = SEES[role]
    response = client.get(page(world.plan))
    assert response.status_code == 200
    assert listed(response) == published
    text = response.content.decode()
    assert ('id="document-upload-form"' in text) == (role in EDITORS)
    assert ('id="documents-history"' in text) == (role in EDITORS)
    response = client.get(page(world.hidden))
    if hidden is None:
        assert response.status_code == 404
    else:
        assert listed(response) == hidden
    for document in docs.values():
        titles = published if document.plan == world.plan else hidden
        response = client.get(download(document))
        if titles is not None and document.title in titles:
            assert response.status_code == 200, (role, document.title)
            assert response["Content-Disposition"].startswith("attachment; ")
            assert response["Content-Type"] == document.content_type
            assert response["X-Content-Type-Options"] == "nosniff"
        else:
            assert response.status_code == 404, (role, document.title)


def test_anonymous_visitors_are_sent_to_the_login_for_every_document_address(world, docs):
    client = world.client("anonymous")
    for path in (page(world.plan), download(docs["public"]), page(world.other)):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/log-ind/?next=")
    assert "plan-documents-link" not in client.get(f"/planer/{world.plan.slug}/").content.decode()


def test_the_plan_page_links_to_the_documents_for_logged_in_users(world):
    text = world.client("housing").get(f"/planer/{world.plan.slug}/").content.decode()
    assert f'href="{page(world.plan)}" id="plan-documents-link"' in text
    text = world.client("leader").get(f"/intern/planer/{world.plan.slug}/").content.decode()
    assert f'href="{page(world.plan)}"' in text


def test_an_editor_uploads_and_sees_it_in_the_list_and_the_history(world, document_dir):
    client = world.client("leader")
    response = client.post(
        page(world.plan),
        {
            "file": files.upload("Indstilling.pdf", files.PDF),
            "title": "",
            "kind": "municipal_recommendation",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == page(world.plan)
    document = Document.objects.get()
    assert (document.title, document.kind, document.internal) == (
        "Indstilling",
        "municipal_recommendation",
        False,
    )
    text = client.get(page(world.plan)).content.decode()
    assert "“Indstilling.pdf” was added to the plan&#x27;s documents." in text
    assert ">Indstilling<" in text
    assert "Uploaded" in text
    assert len(stored_files(document_dir)) == 1


@pytest.mark.parametrize("role", ["housing", "municipality", "analyst", "other_leader"])
def test_others_cannot_upload(world, document_dir, role):
    response = world.client(role).post(
        page(world.plan), {"file": files.upload("x.pdf", files.PDF), "kind": "other"}
    )
    assert response.status_code == 403
    assert Document.objects.count() == 0
    assert stored_files(document_dir) == []


def test_a_hostile_upload_is_refused_on_the_form_naming_the_file(world, document_dir):
    response = world.client("leader").post(
        page(world.plan),
        {"file": files.upload("referat.pdf", files.HTML, "application/pdf"), "kind": "other"},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "“referat.pdf” is an HTML or XML text, not a document;" in text
    assert "<title>Error:" in text
    assert Document.objects.count() == 0
    assert stored_files(document_dir) == []


def test_a_missing_file_is_an_error_on_the_field(world):
    response = world.client("leader").post(page(world.plan), {"kind": "other"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Document.objects.count() == 0


def test_delete_is_for_editors_and_keeps_the_history(
    world, docs, document_dir, django_capture_on_commit_callbacks
):
    public = docs["public"]
    delete = f"/intern/planer/{world.plan.slug}/dokumenter/{public.pk}/slet/"
    assert world.client("housing").get(delete).status_code == 403
    assert world.client("housing").post(delete).status_code == 403
    assert (
        world.client("other_leader")
        .post(f"/intern/planer/{world.hidden.slug}/dokumenter/{docs['hidden'].pk}/slet/")
        .status_code
        == 404
    )
    client = world.client("leader")
    assert (
        "Delete the document “Årsrapport 2024” (Årsrapport 2024.pdf)?"
        in client.get(delete).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete)
    assert response.status_code == 302
    assert not Document.objects.filter(pk=public.pk).exists()
    assert len(stored_files(document_dir)) == 2
    text = client.get(page(world.plan)).content.decode()
    assert "“Årsrapport 2024” was deleted." in text
    history = text.split('id="documents-history"')[1]
    assert "Deleted" in history
    assert "Årsrapport 2024 (Årsrapport 2024.pdf" in history


def test_the_page_and_its_refusals_are_in_danish_first(world, document_dir):
    client = world.client("leader", language="da")
    response = client.post(
        page(world.plan), {"file": files.upload("referat.pdf", files.HTML), "kind": "other"}
    )
    text = response.content.decode()
    assert "Dokumenter for Plan Delta" in text
    assert (
        "“referat.pdf” er en HTML- eller XML-tekst, ikke et dokument; tilladt er PDF, DOCX, "
        "XLSX, ODT, ODS, genkendt på indholdet, ikke på navnet." in text
    )
    assert "Upload dokumentet" in text
    assert stored_files(document_dir) == []


def test_a_file_over_the_limit_is_refused_while_it_is_read(world, document_dir, settings):
    settings.DOCUMENT_MAX_BYTES = 1000
    client = world.client("leader")
    client.handler.enforce_csrf_checks = True
    token = client.get(page(world.plan)).context["csrf_token"]
    response = client.post(
        page(world.plan),
        {
            "file": files.upload("stor.pdf", files.PDF + b"0" * 200_000),
            "kind": "other",
            "csrfmiddlewaretoken": str(token),
        },
    )
    assert response.status_code == 200
    assert "“stor.pdf” is larger than 1000\xa0bytes, the most a document may be." in (
        response.content.decode()
    )
    assert Document.objects.count() == 0
    assert stored_files(document_dir) == []


def test_the_upload_form_is_still_protected_against_cross_site_requests(world, document_dir):
    client = world.client("leader")
    client.handler.enforce_csrf_checks = True
    response = client.post(
        page(world.plan), {"file": files.upload("x.pdf", files.PDF), "kind": "other"}
    )
    assert response.status_code == 403
    assert Document.objects.count() == 0
