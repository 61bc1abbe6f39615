"""`/api/v1/plans/{slug}/documents/` per role: list, download, upload and delete (decision 0021)."""

from __future__ import annotations

import pytest

from boligsocial.documents.models import Document, DocumentKind
from boligsocial.documents.services import document_upload
from tests.documents import files
from tests.documents.conftest import stored_files


@pytest.fixture
def docs(world):
    """A public and an internal document on the published plan, one on the hidden plan."""
    admin = world.user("admin")
    return {
        "public": document_upload(
            plan=world.plan,
            actor=admin,
            upload=files.upload("Årsrapport 2024.pdf", files.PDF),
            kind=DocumentKind.REPORT,
        ),
        "internal": document_upload(
            plan=world.plan,
            actor=admin,
            upload=files.upload("Budget.xlsx", files.xlsx()),
            internal=True,
        ),
        "hidden": document_upload(
            plan=world.hidden,
            actor=admin,
            upload=files.upload("Notat.odt", files.odt()),
        ),
    }


def url(plan, *rest) -> str:
    return "/api/v1/plans/" + "/".join([plan.slug, "documents", *map(str, rest)]) + "/"


# Who reads what: (list of the published plan, list of the hidden plan), by title.
READS = {
    "admin": ({"Årsrapport 2024", "Budget"}, {"Notat"}),
    "leader": ({"Årsrapport 2024", "Budget"}, {"Notat"}),
    "other_leader": ({"Årsrapport 2024"}, None),
    "housing": ({"Årsrapport 2024"}, {"Notat"}),
    "municipality": ({"Årsrapport 2024"}, {"Notat"}),
    "analyst": ({"Årsrapport 2024"}, None),
}


@pytest.mark.parametrize("role", sorted(READS))
def test_list_per_role(world, docs, role):
    client = world.api(role)
    published, hidden = READS[role]
    response = client.get(url(world.plan))
    assert response.status_code == 200
    assert {row["title"] for row in response.json()["results"]} == published
    response = client.get(url(world.hidden))
    if hidden is None:
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}
    else:
        assert {row["title"] for row in response.json()["results"]} == hidden


def test_anonymous_reads_no_document_even_of_a_published_plan(world, docs):
    client = world.api("anonymous")
    for path in (
        url(world.plan),
        url(world.plan, docs["public"].pk),
        url(world.plan, docs["public"].pk, "download"),
        url(world.plan, 999),
        url(world.other),
    ):
        response = client.get(path)
        assert response.status_code == 403, path
        assert b"%PDF" not in response.content


def test_a_listed_document_says_what_it_is(world, docs):
    row = world.api("housing").get(url(world.plan)).json()["results"][0]
    document = docs["public"]
    assert row == {
        "id": document.pk,
        "kind": "report",
        "title": "Årsrapport 2024",
        "original_name": "Årsrapport 2024.pdf",
        "content_type": "application/pdf",
        "size": len(files.PDF),
        "sha256": document.sha256,
        "internal": False,
        "uploaded_at": row["uploaded_at"],
        "uploaded_by": world.user("admin").username,
        "download": f"http://testserver{url(world.plan, document.pk, 'download')}",
    }


@pytest.mark.parametrize("role", sorted(READS))
def test_download_per_role(world, docs, role):
    client = world.api(role)
    for key, document in docs.items():
        response = client.get(url(document.plan, document.pk, "download"))
        plan_titles = READS[role][0 if document.plan == world.plan else 1]
        if plan_titles is not None and document.title in plan_titles:
            assert response.status_code == 200, (key, role)
            assert response["Content-Type"] == document.content_type
            assert response["Content-Disposition"].startswith("attachment; ")
            assert response["X-Content-Type-Options"] == "nosniff"
            assert (
                b"".join(response.streaming_content)
                == document.file.storage.open(document.file.name).read()
            )
        else:
            assert response.status_code == 404, (key, role)
            assert response.json() == {"detail": "Not found."}


def test_the_download_names_the_file_for_every_browser(world, docs):
    response = world.api("leader").get(
        url(world.plan, docs["public"].pk, "download"), HTTP_ACCEPT="application/pdf"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Aarsrapport 2024.pdf\"; filename*=UTF-8''%C3%85rsrapport%202024.pdf"
    )
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"


def test_a_document_of_another_plan_is_not_found_under_this_one(world, docs):
    response = world.api("admin").get(url(world.plan, docs["hidden"].pk, "download"))
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["admin", "leader"])
def test_editors_upload(world, role, document_dir):
    response = world.api(role).post(
        url(world.plan),
        {
            "file": files.upload("Indstilling.pdf", files.PDF),
            "kind": "municipal_recommendation",
            "internal": "true",
            "title": "Kommunens indstilling",
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["title"], body["kind"], body["internal"], body["content_type"]) == (
        "Kommunens indstilling",
        "municipal_recommendation",
        True,
        "application/pdf",
    )
    document = Document.objects.get(pk=body["id"])
    assert document.uploaded_by == world.user(role)
    assert len(stored_files(document_dir)) == 1


@pytest.mark.parametrize(
    ("role", "plan", "code"),
    [
        ("other_leader", "plan", 403),
        ("housing", "plan", 403),
        ("municipality", "plan", 403),
        ("analyst", "plan", 403),
        ("analyst", "hidden", 404),
        ("other_leader", "hidden", 404),
        ("anonymous", "plan", 403),
    ],
)
def test_others_may_not_upload_and_nothing_is_stored(world, document_dir, role, plan, code):
    response = world.api(role).post(
        url(getattr(world, plan)), {"file": files.upload("x.pdf", files.PDF)}, format="multipart"
    )
    assert response.status_code == code
    assert Document.objects.count() == 0
    assert stored_files(document_dir) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("referat.pdf", files.HTML, "“referat.pdf” is an HTML or XML text, not a document;"),
        ("aftale.docx", files.docx_without_word(), "“aftale.docx” is a ZIP archive, but not"),
        ("bombe.xlsx", files.zip_bomb(), "“bombe.xlsx” would unpack to more than"),
        ("tom.pdf", b"", "“tom.pdf” is empty."),
    ],
    ids=["html", "docx-without-word", "zip-bomb", "empty"],
)
def test_hostile_uploads_answer_400_on_file_and_store_nothing(
    world, document_dir, name, content, message
):
    response = world.api("leader").post(
        url(world.plan), {"file": files.upload(name, content)}, format="multipart"
    )
    assert response.status_code == 400
    [text] = response.json()["file"]
    assert text.startswith(message)
    assert Document.objects.count() == 0
    assert stored_files(document_dir) == []


def test_a_body_over_the_limit_is_refused_before_it_is_read(world, document_dir, settings):
    settings.DOCUMENT_MAX_BYTES = 1000
    response = world.api("leader").post(
        url(world.plan),
        {"file": files.upload("stor.pdf", files.PDF + b"0" * 70_000)},
        format="multipart",
    )
    assert response.status_code == 400
    [text] = response.json()["file"]
    assert "a document may be at most 1000\xa0bytes" in text
    assert stored_files(document_dir) == []


def test_upload_without_a_file_names_the_field(world):
    response = world.api("leader").post(url(world.plan), {"title": "x"}, format="multipart")
    assert response.status_code == 400
    assert response.json() == {"file": ["No file was submitted."]}


def test_delete_per_role(world, docs, document_dir, django_capture_on_commit_callbacks):
    public = docs["public"]
    for role, code in [
        ("housing", 403),
        ("other_leader", 403),
        ("analyst", 403),
        ("anonymous", 403),
    ]:
        assert world.api(role).delete(url(world.plan, public.pk)).status_code == code
    assert world.api("housing").delete(url(world.plan, docs["internal"].pk)).status_code == 404
    assert Document.objects.count() == 3
    with django_capture_on_commit_callbacks(execute=True):
        response = world.api("leader").delete(url(world.plan, public.pk))
    assert response.status_code == 204
    assert not Document.objects.filter(pk=public.pk).exists()
    assert len(stored_files(document_dir)) == 2
