"""A plan's steps in the web: the page shows the state, what is missing, the steps the user
may take (forms) and those they may not (with the reason); a refused step writes nothing;
the secretariat takes a plan from idea to granted, with LBF's letter uploaded on the way."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from tests.kit import find, find_all, make_budget, nothing_written, parse, text
from tests.web.test_plan_create import CreateWorld, client_for, create_world

from boligsocial.documents.models import Document
from boligsocial.lifecycle import rules
from boligsocial.lifecycle.models import PlanTransition
from boligsocial.lifecycle.selectors import missing_parts
from boligsocial.lifecycle.wording import refusal_text
from boligsocial.plans.models import Plan, PlanStatus
from boligsocial.plans.services import (
    BudgetEstimateInput,
    plan_application_update,
    plan_budget_estimates_set,
    plan_goals_set,
)

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def cw(db: Any, settings: Any) -> CreateWorld:
    return create_world(settings)


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


def stored_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def life_url(plan: Plan) -> str:
    return f"/intern/planer/{plan.slug}/forloeb/"


def step_url(plan: Plan, kind: str) -> str:
    return f"/intern/planer/{plan.slug}/forloeb/{kind}/"


def complete(plan: Plan) -> None:
    focus = list(plan.focus_areas.all())
    plan_application_update(
        plan=plan,
        data={
            "challenges": "Mange unge uden uddannelse.",
            "purpose": "Flere i uddannelse og job.",
            "municipality_recommendation_date": date(2026, 1, 15),
        },
    )
    plan_goals_set(plan=plan, goals={fa: f"Mål for {fa.name}" for fa in focus})
    plan_budget_estimates_set(
        plan=plan, estimates=[BudgetEstimateInput(2027, "lbf", Decimal("3000000"))]
    )
    make_budget(plan)  # what LBF's grant approves (decision 0026)


def missing_messages(plan: Plan) -> list[str]:
    """What lifecycle says the plan lacks, in Danish (its own wording, tested there)."""
    with translation.override("da"):
        return [part.message for part in missing_parts(plan)]


def lbf_only() -> str:
    with translation.override("da"):
        return refusal_text(
            rules.Refusal("no_capacity", "capacity", {"kind": rules.PREQUALIFICATION_DECISION})
        )


def errors_of(response: Any) -> str:
    return text(find(parse(response), id="error-summary"))


@pytest.mark.parametrize(("role", "status"), [("other_leader", 404), ("analyst", 404)])
def test_the_page_is_missing_to_those_who_may_not_read_the_plan(
    cw: CreateWorld, role: str, status: int
) -> None:
    assert client_for(cw.users[role]).get(life_url(cw.plan)).status_code == status


def test_the_idea_shows_its_state_what_is_missing_and_its_steps(cw: CreateWorld) -> None:
    page = parse(client_for(cw.users["admin"]).get(life_url(cw.plan)))
    assert text(find(page, id="plan-status")) == "Idé (under forberedelse)"
    missing = [text(li) for li in find_all(find(page, id="missing-parts"), "li")]
    assert missing == missing_messages(cw.plan)
    assert len(missing) == 3  # challenges, budget, the municipality's recommendation
    assert find(page, "form", id="form-submit_prequalification")
    assert find(page, "form", id="form-withdraw")
    # LBF's decisions are not made from an idea: not offered, not listed as refused.
    assert find_all(page, "form", id="form-prequalification_decision") == []


def test_a_submission_with_missing_parts_is_refused_naming_them(cw: CreateWorld) -> None:
    client = client_for(cw.users["housing_user"])
    with nothing_written(Plan, PlanTransition, Document):
        response = client.post(step_url(cw.plan, "submit_prequalification"), {})
    assert response.status_code == 200
    summary = errors_of(response)
    for message in missing_messages(cw.plan):
        assert message in summary
    assert find(parse(response), id="plan-status")


def test_an_applicant_sees_lbfs_decision_as_not_theirs_and_cannot_post_it(
    cw: CreateWorld,
) -> None:
    complete(cw.plan)
    client = client_for(cw.users["housing_user"])
    assert client.post(step_url(cw.plan, "submit_prequalification"), {}).status_code == 302
    cw.plan.refresh_from_db()
    assert cw.plan.status == PlanStatus.PREQUALIFICATION_SUBMITTED
    page = parse(client.get(life_url(cw.plan)))
    refused = text(find(page, id="refused"))
    assert lbf_only() in refused
    assert find_all(page, "form", id="form-prequalification_decision") == []
    with nothing_written(Plan, PlanTransition):
        response = client.post(
            step_url(cw.plan, "prequalification_decision"),
            {"prequalification_decision-to_status": "prequalified"},
        )
    assert lbf_only() in errors_of(response)


def test_a_hostile_letter_is_refused_and_nothing_is_left(
    cw: CreateWorld, document_dir: Path
) -> None:
    complete(cw.plan)
    client = client_for(cw.users["admin"])
    client.post(step_url(cw.plan, "submit_prequalification"), {})
    letter = SimpleUploadedFile("brev.pdf", b"<html><script>x</script></html>", "application/pdf")
    with nothing_written(Plan, PlanTransition, Document):
        response = client.post(
            step_url(cw.plan, "prequalification_decision"),
            {
                "prequalification_decision-to_status": "prequalified",
                "prequalification_decision-file": letter,
            },
        )
    assert "“brev.pdf”" in errors_of(response)
    assert stored_files(document_dir) == []


def test_a_refused_step_leaves_no_uploaded_file(cw: CreateWorld, document_dir: Path) -> None:
    complete(cw.plan)
    client = client_for(cw.users["admin"])
    client.post(step_url(cw.plan, "submit_prequalification"), {})
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    letter = SimpleUploadedFile("lbf.pdf", PDF, "application/pdf")
    with nothing_written(Plan, PlanTransition, Document):
        response = client.post(
            step_url(cw.plan, "prequalification_decision"),
            {
                "prequalification_decision-to_status": "prequalified",
                "prequalification_decision-date": future,
                "prequalification_decision-file": letter,
            },
        )
    assert (
        find(parse(response), "input", id="id_prequalification_decision-date").attrs["aria-invalid"]
        == "true"
    )
    assert stored_files(document_dir) == []


def test_unknown_steps_are_missing(cw: CreateWorld) -> None:
    client = client_for(cw.users["admin"])
    assert client.post(step_url(cw.plan, "publish"), {}).status_code == 404
    assert client.post(step_url(cw.plan, "idea"), {}).status_code == 404
    assert client.get(step_url(cw.plan, "submit_prequalification")).status_code == 405


def test_the_secretariat_takes_a_plan_from_idea_to_granted(
    cw: CreateWorld, document_dir: Path
) -> None:
    complete(cw.plan)
    client = client_for(cw.users["admin"])
    today = timezone.localdate().isoformat()
    steps = [
        (
            "submit_prequalification",
            {"note": "Sendt med bilag."},
            PlanStatus.PREQUALIFICATION_SUBMITTED,
        ),
        (
            "prequalification_decision",
            {
                "to_status": "prequalified",
                "file": SimpleUploadedFile("lbf-brev.pdf", PDF, "application/pdf"),
                "document_internal": "on",
                "public_note": "Området er prækvalificeret.",
            },
            PlanStatus.PREQUALIFIED,
        ),
        ("start_dialogue", {"date": today}, PlanStatus.IN_DIALOGUE),
        ("submit_plan", {}, PlanStatus.PLAN_SUBMITTED),
        (
            "grant_decision",
            {"to_status": "granted", "note": "Tilsagnsbrev af i dag."},
            PlanStatus.GRANTED,
        ),
    ]
    for kind, fields, status in steps:
        data = {f"{kind}-{name}": value for name, value in fields.items()}
        if kind == "start_dialogue":
            data[f"{kind}-capacity"] = "secretariat"
        response = client.post(step_url(cw.plan, kind), data)
        assert response.status_code == 302, (kind, errors_of(response))
        cw.plan.refresh_from_db()
        assert cw.plan.status == status
    kinds = list(cw.plan.transitions.order_by("id").values_list("kind", "capacity"))
    assert kinds == [
        ("submit_prequalification", "secretariat"),
        ("prequalification_decision", "admin_recording_lbf"),
        ("start_dialogue", "secretariat"),
        ("submit_plan", "secretariat"),
        ("grant_decision", "admin_recording_lbf"),
    ]
    letter = cw.plan.transitions.get(kind="prequalification_decision").document
    assert letter is not None
    assert (letter.kind, letter.original_name, letter.internal) == (
        "lbf_decision",
        "lbf-brev.pdf",
        True,
    )
    page = parse(client.get(life_url(cw.plan)))
    assert text(find(page, id="plan-status")) == "Tilsagn"
    timeline = text(find(page, id="plan-timeline"))
    assert "Området er prækvalificeret." in timeline
    assert "Tilsagnsbrev af i dag." in timeline
    assert find(page, "form", id="form-start")
    assert find(page, "form", id="form-extend")


def test_an_extension_takes_a_later_end_date_and_a_reason(cw: CreateWorld) -> None:
    Plan.objects.filter(pk=cw.plan.pk).update(status=PlanStatus.GRANTED)
    client = client_for(cw.users["lbf"])
    with nothing_written(Plan, PlanTransition):
        response = client.post(
            step_url(cw.plan, "extend"),
            {
                "extend-new_end_date": "2029-12-31",
                "extend-reason": "Forsinket start.",
                "extend-note": "LBF's brev af 1. marts.",
            },
        )
    new_end = find(parse(response), "input", id="id_extend-new_end_date")
    assert new_end.attrs["aria-invalid"] == "true"
    assert "31. december 2030" in errors_of(response)
    response = client.post(
        step_url(cw.plan, "extend"),
        {
            "extend-new_end_date": "2031-06-30",
            "extend-reason": "Forsinket start.",
            "extend-note": "LBF's brev af 1. marts.",
        },
    )
    assert response.status_code == 302, errors_of(response)
    cw.plan.refresh_from_db()
    assert (cw.plan.status, cw.plan.end_date) == (PlanStatus.GRANTED, date(2031, 6, 30))
