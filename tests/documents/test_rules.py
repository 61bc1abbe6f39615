"""What a file is, from its bytes alone (documents/rules.py; no database)."""

from __future__ import annotations

import io

import pytest

from boligsocial.accounts.rules import PlanFacts, Scopes
from boligsocial.documents import rules
from tests.documents import files

LIMITS = rules.Limits(max_bytes=25 * 1024 * 1024)


def detect(data: bytes, limits: rules.Limits = LIMITS) -> rules.FileType:
    return rules.detect_type(io.BytesIO(data), size=len(data), limits=limits)


def refusal(data: bytes, limits: rules.Limits = LIMITS) -> str:
    with pytest.raises(rules.Refused) as caught:
        detect(data, limits)
    return caught.value.code


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda: files.PDF, rules.PDF),
        (files.docx, rules.DOCX),
        (files.xlsx, rules.XLSX),
        (files.odt, rules.ODT),
        (files.ods, rules.ODS),
    ],
)
def test_each_allowed_type_is_recognised_by_its_content(make, expected):
    assert detect(make()) == expected


def test_html_is_refused_as_markup_whatever_its_name():
    assert refusal(files.HTML) == "markup"
    assert refusal(b"\xef\xbb\xbf  \n<html><body>x</body></html>") == "markup"


def test_a_pdf_header_after_other_bytes_is_not_a_pdf():
    assert refusal(b"<html>%PDF-1.4</html>") == "markup"
    assert refusal(b"GIF89a%PDF-1.4") == "unknown_type"


def test_a_zip_with_html_before_it_is_not_a_document():
    # zipfile would open it (it finds the directory from the end); the first bytes decide.
    assert refusal(files.HTML + files.docx()) == "markup"


def test_empty_and_too_large_are_refused_before_the_content_is_read():
    assert refusal(b"") == "empty"
    small = rules.Limits(max_bytes=len(files.PDF) - 1)
    with pytest.raises(rules.Refused) as caught:
        detect(files.PDF, small)
    assert caught.value.code == "too_large"
    assert caught.value.params == {"size": len(files.PDF), "limit": len(files.PDF) - 1}
    assert detect(files.PDF, rules.Limits(max_bytes=len(files.PDF))) == rules.PDF


def test_zip_bombs_are_refused_without_unpacking():
    assert refusal(files.zip_bomb()) == "zip_bomb"
    # The total a document would unpack to is capped too, however well it packs.
    assert refusal(files.docx(), rules.Limits(max_bytes=10**6, max_unzipped_bytes=20)) == (
        "zip_bomb"
    )
    assert refusal(files.docx(), rules.Limits(max_bytes=10**6, max_zip_entries=2)) == (
        "zip_entries"
    )
    assert detect(files.docx(), rules.Limits(max_bytes=10**6, max_zip_entries=3)) == rules.DOCX


def test_zips_that_are_not_documents_are_refused():
    assert refusal(files.docx_without_word()) == "other_zip"
    assert refusal(files.zipped({"notes.txt": b"hello"})) == "other_zip"
    assert refusal(files.zipped({"mimetype": b"application/epub+zip"})) == "other_zip"
    assert refusal(files.docx()[:40]) == "damaged_zip"


def test_macro_documents_are_refused():
    assert refusal(files.docm()) == "macros"


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("Referat.pdf", True),
        ("REFERAT.PDF", True),
        ("referat.docx", False),
        ("referat", False),
        (".pdf", False),
        ("referat.pdf.html", False),
    ],
)
def test_the_extension_must_agree_with_the_content(name, ok):
    if ok:
        rules.check_name(name, rules.PDF)
    else:
        with pytest.raises(rules.Refused) as caught:
            rules.check_name(name, rules.PDF)
        assert caught.value.code == "extension"
        assert caught.value.params == {"type": "PDF", "extension": "pdf"}


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\x\\Årsrapport.pdf", "Årsrapport.pdf"),
        ("a\x00b\nc.pdf", "abc.pdf"),
        ("A\u030arsrapport.pdf", "Årsrapport.pdf"),
        ("..", ""),
        ("", ""),
        ("x" * 300 + ".docx", "x" * 195 + ".docx"),
    ],
)
def test_clean_name_keeps_only_a_plain_file_name(given, kept):
    assert rules.clean_name(given) == kept


def test_who_may_read_and_change_documents():
    plan = PlanFacts(
        plan_id=1, published=True, organisation_ids=frozenset({7}), municipality_ids=frozenset()
    )
    anonymous = Scopes()
    reader = Scopes(is_authenticated=True)
    leader = Scopes(is_authenticated=True, led_plan_ids=frozenset({1}))
    admin = Scopes(is_authenticated=True, is_admin=True)
    assert not rules.can_read_documents(anonymous, plan)
    assert rules.can_read_documents(reader, plan)
    assert not rules.can_read_internal_documents(reader, 1)
    assert not rules.can_change_documents(reader, 1)
    assert rules.can_read_internal_documents(leader, 1)
    assert rules.can_change_documents(leader, 1)
    assert not rules.can_change_documents(leader, 2)
    assert rules.can_change_documents(admin, 2)
    hidden = PlanFacts(
        plan_id=2, published=False, organisation_ids=frozenset({7}), municipality_ids=frozenset()
    )
    assert not rules.can_read_documents(reader, hidden)
    assert rules.can_read_documents(
        Scopes(is_authenticated=True, organisation_ids=frozenset({7})), hidden
    )
