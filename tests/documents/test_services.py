"""Uploading and deleting documents: checked by content, nothing written on a refusal (no row,
no file in the storage), the checksum stored, only the plan's editors."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from boligsocial.documents.models import Document, DocumentKind
from boligsocial.documents.services import document_delete, document_upload
from tests.documents import files
from tests.documents.conftest import stored_files


def refused(world, name: str, content: bytes, **kwargs) -> str:
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        document_upload(
            plan=world.plan,
            actor=world.user("leader"),
            upload=files.upload(name, content),
            **kwargs,
        )
    return caught.value.message_dict["file"][0]


def test_an_upload_stores_the_file_its_detected_type_size_and_checksum(world, document_dir):
    document = document_upload(
        plan=world.plan,
        actor=world.user("leader"),
        upload=files.upload("Kommunens indstilling.pdf", files.PDF, "text/html"),
        kind=DocumentKind.MUNICIPAL_RECOMMENDATION,
        internal=True,
    )
    document.refresh_from_db()
    assert document.plan == world.plan
    assert document.kind == "municipal_recommendation"
    assert document.title == "Kommunens indstilling"
    assert document.original_name == "Kommunens indstilling.pdf"
    assert document.content_type == "application/pdf"  # not what the browser claimed
    assert document.size == len(files.PDF)
    assert document.sha256 == hashlib.sha256(files.PDF).hexdigest()
    assert document.uploaded_by == world.user("leader")
    assert document.internal is True
    [path] = stored_files(document_dir)
    assert path.read_bytes() == files.PDF
    assert path.relative_to(document_dir).as_posix() == document.file.name
    assert document.file.name.startswith(f"plans/{world.plan.pk}/")
    assert document.file.name.endswith(".pdf")
    assert document.history.get().history_user == world.user("leader")


@pytest.mark.parametrize(
    ("name", "make", "kind"),
    [
        (
            "Budget.xlsx",
            files.xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "Aftale.docx",
            files.docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("Notat.odt", files.odt, "application/vnd.oasis.opendocument.text"),
        ("Tal.ods", files.ods, "application/vnd.oasis.opendocument.spreadsheet"),
    ],
)
def test_office_and_opendocument_files_are_accepted(world, name, make, kind):
    document = document_upload(
        plan=world.plan, actor=world.user("admin"), upload=files.upload(name, make())
    )
    assert document.content_type == kind


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "referat.pdf",
            files.HTML,
            "“referat.pdf” is an HTML or XML text, not a document; allowed are PDF, DOCX, "
            "XLSX, ODT, ODS, recognised by their content, not their name.",
        ),
        ("tom.pdf", b"", "“tom.pdf” is empty."),
        (
            "bombe.docx",
            files.zip_bomb(),
            "“bombe.docx” would unpack to more than 250.0\xa0MB or packs its content "
            "implausibly tightly; it is refused as a possible ZIP bomb.",
        ),
        (
            "aftale.docx",
            files.docx_without_word(),
            "“aftale.docx” is a ZIP archive, but not a DOCX, XLSX, ODT or ODS document (it "
            "lacks their required parts).",
        ),
        (
            "aftale.pdf",
            files.docx(),
            "“aftale.pdf” is a Word (DOCX) document by its content, so its name must end in .docx.",
        ),
        (
            "billede.png",
            b"\x89PNG\r\n\x1a\n0000",
            "“billede.png” is not a PDF, DOCX, XLSX, ODT, ODS file; the type is recognised by "
            "the content, not by the name.",
        ),
        (
            "makro.docx",
            files.docm(),
            "“makro.docx” contains macros (vbaProject.bin); save it without macros.",
        ),
    ],
    ids=["html", "empty", "zip-bomb", "docx-without-word", "docx-named-pdf", "png", "macros"],
)
def test_hostile_and_wrong_files_are_refused_naming_the_file_and_nothing_is_written(
    world, document_dir, name, content, message
):
    assert refused(world, name, content) == message
    assert Document.objects.count() == 0
    assert Document.history.count() == 0
    assert stored_files(document_dir) == []


def test_too_large_is_refused_with_both_sizes(world, document_dir, settings):
    settings.DOCUMENT_MAX_BYTES = 20
    assert refused(world, "stor.pdf", files.PDF) == (
        f"“stor.pdf” is {len(files.PDF)}\xa0bytes; a document may be at most 20\xa0bytes."
    )
    assert stored_files(document_dir) == []


def test_path_traversal_in_the_name_stays_inside_the_storage(world, document_dir):
    document = document_upload(
        plan=world.plan,
        actor=world.user("leader"),
        upload=files.upload("x.pdf", files.PDF),
    )
    # Django's uploads already drop directories; a File from another caller may not.
    from django.core.files.base import ContentFile

    evil = ContentFile(files.PDF, name="../../../../tmp/evil.pdf")
    other = document_upload(plan=world.plan, actor=world.user("leader"), upload=evil)
    assert other.original_name == "evil.pdf"
    assert ".." not in other.file.name
    paths = stored_files(document_dir)
    assert len(paths) == 2
    assert all(document_dir in p.parents for p in paths)
    assert document.file.name != other.file.name


def test_a_database_failure_after_storing_removes_the_file(world, document_dir, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Document, "save", fail)
    with pytest.raises(RuntimeError):
        document_upload(
            plan=world.plan, actor=world.user("leader"), upload=files.upload("x.pdf", files.PDF)
        )
    assert stored_files(document_dir) == []


def test_a_bad_title_is_refused_before_the_file_is_stored(world, document_dir):
    with pytest.raises(ValidationError) as caught:
        document_upload(
            plan=world.plan,
            actor=world.user("leader"),
            upload=files.upload("x.pdf", files.PDF),
            title="x" * 201,
            kind="nonsense",
        )
    assert set(caught.value.message_dict) == {"title", "kind"}
    assert stored_files(document_dir) == []


@pytest.mark.parametrize("role", ["other_leader", "housing", "municipality", "analyst", "plain"])
def test_only_the_plans_editors_may_upload(world, document_dir, role):
    with pytest.raises(PermissionDenied):
        document_upload(
            plan=world.plan, actor=world.user(role), upload=files.upload("x.pdf", files.PDF)
        )
    with pytest.raises(PermissionDenied):
        document_upload(plan=world.plan, actor=None, upload=files.upload("x.pdf", files.PDF))
    assert Document.objects.count() == 0
    assert stored_files(document_dir) == []


def test_delete_removes_the_row_and_the_file_and_keeps_the_history(
    world, document_dir, django_capture_on_commit_callbacks
):
    document = document_upload(
        plan=world.plan, actor=world.user("leader"), upload=files.upload("x.pdf", files.PDF)
    )
    with pytest.raises(PermissionDenied):
        document_delete(document=document, actor=world.user("housing"))
    assert len(stored_files(document_dir)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        document_delete(document=document, actor=world.user("admin"))
    assert Document.objects.count() == 0
    assert stored_files(document_dir) == []
    deleted = Document.history.filter(history_type="-").get()
    assert deleted.history_user == world.user("admin")
    assert (deleted.title, deleted.original_name, deleted.sha256) == (
        "x",
        "x.pdf",
        hashlib.sha256(files.PDF).hexdigest(),
    )


def test_a_document_a_lifecycle_step_rests_on_cannot_be_deleted(world, document_dir):
    from datetime import date

    from boligsocial.lifecycle.models import PlanTransition

    document = document_upload(
        plan=world.plan,
        actor=world.user("admin"),
        upload=files.upload("Tilsagn.pdf", files.PDF),
        kind=DocumentKind.LBF_DECISION,
    )
    PlanTransition.objects.create(
        plan=world.plan,
        kind="grant_decision",
        from_status="plan_submitted",
        to_status="granted",
        date=date(2026, 1, 5),
        capacity="admin_recording_lbf",
        document=document,
    )
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        document_delete(document=document, actor=world.user("admin"))
    assert caught.value.messages == [
        "“Tilsagn” is the document a recorded step of the plan rests on; it cannot be deleted."
    ]
    assert Document.objects.filter(pk=document.pk).exists()
    assert len(stored_files(document_dir)) == 1
    assert Document.history.filter(history_type="-").count() == 0
