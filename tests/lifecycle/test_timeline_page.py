"""The plan page shows its timeline (decision 0020): to the plan's participants with who
recorded each step and the internal notes, to everybody else (a published plan) without."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from boligsocial.lifecycle.services import plan_submit_prequalification
from tests.lifecycle.conftest import complete

pytestmark = pytest.mark.django_db


def _page(client: Client, plan) -> str:
    response = client.get(f"/planer/{plan.slug}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def submitted(lw):
    complete(lw.plan, lw.focus)
    lw.users["leader"].first_name, lw.users["leader"].last_name = "Lise", "Testleder"
    lw.users["leader"].save()
    plan_submit_prequalification(
        plan=lw.plan,
        user=lw.users["leader"],
        date=date(2026, 2, 1),
        note="Ring til LBF om budgettet",
        public_note="Ansøgningen er sendt til LBF",
    )
    lw.plan.published = True
    lw.plan.save()
    return lw


def test_the_public_page_shows_the_steps_without_internal_notes_or_actors(client, submitted):
    html = _page(client, submitted.plan)
    assert 'id="plan-timeline"' in html
    assert "1. februar 2026" in html
    assert "Prækvalifikationsansøgning sendt" in html
    assert "Ansøgningen er sendt til LBF" in html
    assert "ansøger" in html
    assert "Ring til LBF om budgettet" not in html
    assert "Lise Testleder" not in html


def test_the_plans_leader_sees_who_recorded_it_and_the_internal_note(client, submitted):
    client.force_login(submitted.users["leader"])
    html = _page(client, submitted.plan)
    assert "Lise Testleder, ansøger" in html
    assert "Ring til LBF om budgettet" in html


def test_another_plans_leader_sees_the_public_timeline(client, submitted):
    client.force_login(submitted.users["other_leader"])
    html = _page(client, submitted.plan)
    assert "Ansøgningen er sendt til LBF" in html
    assert "Ring til LBF om budgettet" not in html


@pytest.fixture
def with_letter(lw, settings, tmp_path):
    """A step that rests on a document; `internal` set by the test."""
    from boligsocial.documents.services import document_store
    from tests.documents.files import PDF, upload

    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documents")},
        },
    }
    complete(lw.plan, lw.focus)
    letter = document_store(
        plan=lw.plan, upload=upload("ansoegning.pdf", PDF), title="Ansøgningen som sendt"
    )
    plan_submit_prequalification(
        plan=lw.plan, user=lw.users["leader"], date=date(2026, 2, 1), document=letter
    )
    lw.plan.published = True
    lw.plan.save()
    return lw, letter


def test_a_steps_document_is_a_download_for_those_who_may_download_it(client, with_letter):
    lw, letter = with_letter
    href = f'href="/intern/planer/{lw.plan.slug}/dokumenter/{letter.pk}/hent/"'
    anonymous = _page(client, lw.plan)
    assert "Ansøgningen som sendt" in anonymous
    assert href not in anonymous  # documents are for logged-in readers (decision 0021)

    client.force_login(lw.users["leader"])
    assert href in _page(client, lw.plan)
    assert (
        client.get(f"/intern/planer/{lw.plan.slug}/dokumenter/{letter.pk}/hent/").status_code == 200
    )


def test_an_internal_document_is_neither_shown_nor_linked_to_outsiders(client, with_letter):
    lw, letter = with_letter
    letter.internal = True
    letter.save()
    client.force_login(lw.users["other_leader"])
    html = _page(client, lw.plan)
    assert "Ansøgningen som sendt" not in html
    assert "/hent/" not in html
