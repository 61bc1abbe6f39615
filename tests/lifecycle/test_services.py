"""A plan's transitions as services (decision 0020): the walk from idea to ended, each refusal
(out of order, wrong role, missing parts, bad input) with its reason and nothing written."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from boligsocial.documents.models import Document, DocumentKind
from boligsocial.funding.models import FocusArea
from boligsocial.lifecycle import services as s
from boligsocial.lifecycle.models import PlanTransition
from boligsocial.lifecycle.selectors import missing_parts, plan_timeline
from boligsocial.plans.models import PlanStatus
from boligsocial.plans.services import plan_update
from tests import factories as f
from tests.lifecycle.conftest import complete

pytestmark = pytest.mark.django_db


def _refused(call, **kwargs) -> dict[str, list[str]]:
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        call(**kwargs)
    return excinfo.value.message_dict


def _document(plan, kind=DocumentKind.LBF_DECISION, internal=False) -> Document:
    return Document.objects.create(
        plan=plan,
        kind=kind,
        title="Brev fra LBF",
        file="documents/brev.pdf",
        original_name="brev.pdf",
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        internal=internal,
    )


def test_from_idea_to_ended_with_every_step_on_the_timeline(lw):
    complete(lw.plan, lw.focus)
    admin, lbf, leader = lw.users["admin"], lw.users["lbf"], lw.users["leader"]
    plan = lw.plan
    s.plan_submit_prequalification(plan=plan, user=leader, date=date(2026, 2, 1))
    s.plan_record_lbf_decision(
        plan=plan, user=lbf, decision="prequalified", date=date(2026, 4, 1), note="Fint"
    )
    s.plan_start_dialogue(plan=plan, user=admin, date=date(2026, 4, 15))
    s.plan_submit_full_plan(plan=plan, user=admin, date=date(2026, 9, 1))
    letter = _document(plan)
    s.plan_record_lbf_decision(
        plan=plan, user=admin, decision="granted", date=date(2026, 10, 1), document=letter
    )
    s.plan_start(plan=plan, user=leader, date=date(2026, 11, 1))
    s.plan_end(plan=plan, user=leader, date=date(2026, 11, 2))
    assert plan.status == PlanStatus.ENDED
    rows = list(
        PlanTransition.objects.filter(plan=plan).values_list(
            "kind", "from_status", "to_status", "capacity"
        )
    )
    assert rows == [
        ("submit_prequalification", "idea", "prequalification_submitted", "applicant"),
        ("prequalification_decision", "prequalification_submitted", "prequalified", "lbf"),
        ("start_dialogue", "prequalified", "in_dialogue", "secretariat"),
        ("submit_plan", "in_dialogue", "plan_submitted", "secretariat"),
        ("grant_decision", "plan_submitted", "granted", "admin_recording_lbf"),
        ("start", "granted", "running", "applicant"),
        ("end", "running", "ended", "applicant"),
    ]
    history = list(plan.history.order_by("history_id").values_list("status", flat=True))
    assert history[-1] == "ended"
    assert "granted" in history


def test_submitting_an_incomplete_plan_names_each_missing_part_and_writes_nothing(lw):
    errors = _refused(s.plan_submit_prequalification, plan=lw.plan, user=lw.users["admin"])
    assert set(errors) == {
        "focus_areas",
        "challenges",
        "budget_estimates",
        "municipality_recommendation_date",
    }
    assert errors["budget_estimates"] == [
        "There is no budget estimate (an amount per year and source)."
    ]
    lw.plan.refresh_from_db()
    assert lw.plan.status == PlanStatus.IDEA
    assert not PlanTransition.objects.exists()


def test_an_uploaded_recommendation_stands_in_for_the_recorded_one(lw):
    complete(lw.plan, lw.focus)
    lw.plan.municipality_recommendation_date = None
    lw.plan.save()
    assert [m.code for m in missing_parts(lw.plan)] == ["no_municipality_recommendation"]
    _document(lw.plan, kind=DocumentKind.MUNICIPAL_RECOMMENDATION)
    assert missing_parts(lw.plan) == []


def test_the_full_plan_needs_purpose_and_goals_in_every_focus_area(lw):
    complete(lw.plan, lw.focus)
    lw.plan.focus_area_goals.filter(focus_area=lw.focus[1]).delete()
    with translation.override("da"):
        (part,) = missing_parts(lw.plan, "full_plan")
        assert part.field == "goals"
        assert lw.focus[1].name_da in part.message


def test_an_applicant_cannot_record_lbfs_decision(lw):
    complete(lw.plan, lw.focus)
    s.plan_submit_prequalification(plan=lw.plan, user=lw.users["housing_user"])
    errors = _refused(
        s.plan_record_lbf_decision,
        plan=lw.plan,
        user=lw.users["leader"],
        decision="prequalified",
    )
    assert errors == {
        "capacity": [
            "Only a user acting for LBF, or an administrator recording LBF's letter, may "
            "record “LBF's pre-qualification decision”."
        ]
    }
    lw.plan.refresh_from_db()
    assert lw.plan.status == PlanStatus.PREQUALIFICATION_SUBMITTED
    assert PlanTransition.objects.count() == 1


@pytest.mark.parametrize("who", ["other_leader", "lbf"])
def test_only_the_secretariat_and_the_plans_applicants_prepare(lw, who):
    complete(lw.plan, lw.focus)
    errors = _refused(s.plan_submit_prequalification, plan=lw.plan, user=lw.users[who])
    assert list(errors) == ["capacity"]
    assert "Only the secretariat and the plan's applicants" in errors["capacity"][0]


def test_the_municipality_of_an_afdeling_is_an_applicant(lw):
    complete(lw.plan, lw.focus)
    record = s.plan_submit_prequalification(plan=lw.plan, user=lw.users["municipality_user"])
    assert record.capacity == "applicant"


def test_a_transition_out_of_order_is_refused_with_the_state(lw):
    errors = _refused(s.plan_start, plan=lw.plan, user=lw.users["admin"])
    assert errors == {
        "kind": ["“Plan started” cannot be made while the plan is “Idea (under preparation)”."]
    }
    assert not PlanTransition.objects.exists()


def test_lbf_cannot_grant_a_pre_qualification_application(lw):
    complete(lw.plan, lw.focus)
    s.plan_submit_prequalification(plan=lw.plan, user=lw.users["admin"])
    errors = _refused(
        s.plan_record_lbf_decision, plan=lw.plan, user=lw.users["lbf"], decision="granted"
    )
    assert list(errors) == ["to_status"]
    assert "Pre-qualified, Rejected (afslag)" in errors["to_status"][0]


def test_an_administrator_may_not_claim_to_act_for_lbf(lw):
    complete(lw.plan, lw.focus)
    s.plan_submit_prequalification(plan=lw.plan, user=lw.users["admin"])
    errors = _refused(
        s.plan_record_lbf_decision,
        plan=lw.plan,
        user=lw.users["admin"],
        decision="prequalified",
        capacity="lbf",
        note="Brev af 1. marts",
    )
    assert list(errors) == ["capacity"]


def test_recording_lbfs_letter_needs_the_letter_or_a_note_on_it(lw):
    complete(lw.plan, lw.focus)
    s.plan_submit_prequalification(plan=lw.plan, user=lw.users["admin"])
    errors = _refused(
        s.plan_record_lbf_decision, plan=lw.plan, user=lw.users["admin"], decision="rejected"
    )
    assert list(errors) == ["document"]
    record = s.plan_record_lbf_decision(
        plan=lw.plan,
        user=lw.users["admin"],
        decision="rejected",
        note="LBF's brev af 3. marts: området prioriteres ikke.",
    )
    assert record.to_status == "rejected"


def test_dates_in_the_future_or_before_the_previous_step_are_refused(lw):
    complete(lw.plan, lw.focus)
    tomorrow = timezone.localdate() + timedelta(days=1)
    errors = _refused(
        s.plan_submit_prequalification, plan=lw.plan, user=lw.users["admin"], date=tomorrow
    )
    assert list(errors) == ["date"]
    s.plan_submit_prequalification(plan=lw.plan, user=lw.users["admin"], date=date(2026, 3, 1))
    errors = _refused(s.plan_withdraw, plan=lw.plan, user=lw.users["admin"], date=date(2026, 2, 1))
    assert errors == {
        "date": [
            "The date is before the plan's previous step (“Pre-qualification application "
            "sent”, 1 March 2026)."
        ]
    }


def test_a_document_of_another_plan_is_refused(lw):
    complete(lw.plan, lw.focus)
    errors = _refused(
        s.plan_submit_prequalification,
        plan=lw.plan,
        user=lw.users["admin"],
        document=_document(lw.other_plan),
    )
    assert list(errors) == ["document"]


def _running(lw):
    complete(lw.plan, lw.focus)
    lw.plan.status = PlanStatus.RUNNING
    lw.plan.save()
    return lw.plan


def test_an_extension_records_the_new_end_date_with_reason_and_decision(lw):
    plan = _running(lw)
    record = s.plan_extend(
        plan=plan,
        user=lw.users["lbf"],
        new_end_date=date(2031, 6, 30),
        reason="Forsinket byggeri",
        document=_document(plan),
    )
    assert (record.old_end_date, record.new_end_date) == (date(2030, 12, 31), date(2031, 6, 30))
    assert (record.from_status, record.to_status) == ("running", "running")
    plan.refresh_from_db()
    assert plan.end_date == date(2031, 6, 30)
    assert plan.length_reason == "Forsinket byggeri"


def test_an_extension_without_reason_decision_or_a_later_end_is_refused(lw):
    plan = _running(lw)
    errors = _refused(
        s.plan_extend, plan=plan, user=lw.users["lbf"], new_end_date=date(2030, 1, 1), reason=""
    )
    assert set(errors) == {"reason", "new_end_date", "document"}
    assert "after the plan's end date" in errors["new_end_date"][0]
    errors = _refused(
        s.plan_extend,
        plan=plan,
        user=lw.users["leader"],
        new_end_date=date(2031, 6, 30),
        reason="x",
        note="y",
    )
    assert list(errors) == ["capacity"]
    plan.refresh_from_db()
    assert plan.end_date == date(2030, 12, 31)
    assert not PlanTransition.objects.exists()


def test_moving_a_prequalified_plan_to_the_2019_26_rules(lw):
    plan = f.PlanFactory(
        name="Flyttet",
        slug="flyttet",
        status=PlanStatus.PREQUALIFIED,
        fund_round=f.fund_round("2015–18"),
        start_date=date(2019, 7, 1),
        end_date=date(2023, 6, 30),
        fund_round_reason="",
        afdelinger=[f.AfdelingFactory()],
    )
    old_focus = list(FocusArea.objects.filter(fund_round__code="2015–18")[:1])
    plan.focus_areas.set(old_focus)
    new_focus = list(FocusArea.objects.filter(fund_round__code="2019–26")[:2])
    errors = _refused(
        s.plan_move_round,
        plan=plan,
        user=lw.users["lbf"],
        to_fund_round=f.fund_round("2019–26"),
        reason="Nyt regulativ fra 1. januar 2020",
        date=date(2020, 1, 1),
    )
    assert list(errors) == ["focus_areas"]
    record = s.plan_move_round(
        plan=plan,
        user=lw.users["lbf"],
        to_fund_round=f.fund_round("2019–26"),
        reason="Nyt regulativ fra 1. januar 2020",
        focus_areas=new_focus,
        date=date(2020, 1, 1),
    )
    plan.refresh_from_db()
    assert plan.fund_round.code == "2019–26"
    assert plan.status == PlanStatus.PREQUALIFIED
    assert (record.from_fund_round.code, record.to_fund_round.code) == ("2015–18", "2019–26")
    assert set(plan.focus_areas.all()) == set(new_focus)


def test_reopening_a_rejected_plan_checks_the_afdelinger_are_free(lw):
    lw.plan.status = PlanStatus.REJECTED
    lw.plan.save()
    rival = f.PlanFactory(
        name="Konkurrent",
        slug="konkurrent",
        start_date=date(2027, 1, 1),
        end_date=date(2030, 12, 31),
        afdelinger=list(lw.plan.afdelinger.all()),
    )
    errors = _refused(s.plan_reopen, plan=lw.plan, user=lw.users["admin"])
    assert list(errors) == ["afdelinger"]
    assert rival.name in errors["afdelinger"][0]
    rival.delete()
    s.plan_reopen(plan=lw.plan, user=lw.users["admin"])
    assert lw.plan.status == PlanStatus.IDEA


def test_the_status_cannot_be_edited_on_the_plan(lw):
    errors = _refused(plan_update, plan=lw.plan, data={"status": "granted"})
    assert list(errors) == ["status"]
    lw.plan.refresh_from_db()
    assert lw.plan.status == PlanStatus.IDEA


def test_only_the_lifecycle_sets_the_status():
    src = Path(__file__).resolve().parents[2] / "src" / "boligsocial"
    users = [p for p in src.rglob("*.py") if "plan_status_set" in p.read_text(encoding="utf-8")]
    assert sorted(str(p.relative_to(src)) for p in users) == [
        "lifecycle/services.py",
        "plans/services.py",
    ]


def test_a_housing_organisation_creates_an_idea_for_its_own_afdeling(lw):
    own = lw.plan.afdelinger.get()
    foreign = f.AfdelingFactory()
    kwargs = {
        "name": "Ny plan",
        "fund_round": f.fund_round("2019–26"),
        "start_date": date(2026, 1, 1),
        "end_date": date(2029, 12, 31),
        "fund_round_reason": "",
    }
    errors = _refused(
        s.plan_create_idea, user=lw.users["housing_user"], afdelinger=[foreign], **kwargs
    )
    assert list(errors) == ["afdelinger"]
    errors = _refused(
        s.plan_create_idea, user=lw.users["municipality_user"], afdelinger=[own], **kwargs
    )
    assert list(errors) == ["user"]
    second = f.AfdelingFactory(organisation=own.organisation, number="10")
    plan = s.plan_create_idea(user=lw.users["housing_user"], afdelinger=[second, foreign], **kwargs)
    assert plan.transitions.get().capacity == "applicant"


def test_a_new_idea_starts_its_timeline(lw):
    foreign = f.AfdelingFactory()
    plan = s.plan_create_idea(
        user=lw.users["admin"],
        name="Efterfølgeren",
        fund_round=f.fund_round("2019–26"),
        start_date=date(2026, 1, 1),
        end_date=date(2029, 12, 31),
        afdelinger=[foreign],
        note="Arbejdsgruppen er nedsat",
    )
    assert plan.status == PlanStatus.IDEA
    assert not plan.published
    (entry,) = plan_timeline(plan, public=False)
    assert (entry.kind, entry.to_status, entry.capacity) == ("idea", "idea", "secretariat")
    assert entry.note == "Arbejdsgruppen er nedsat"


def test_the_public_timeline_hides_notes_actors_and_internal_documents(lw):
    complete(lw.plan, lw.focus)
    s.plan_submit_prequalification(
        plan=lw.plan,
        user=lw.users["leader"],
        note="Intern bemærkning",
        public_note="Ansøgningen er sendt",
        document=_document(lw.plan, kind=DocumentKind.APPLICATION, internal=True),
    )
    (internal,) = plan_timeline(lw.plan, public=False)
    (public,) = plan_timeline(lw.plan, public=True)
    assert internal.note == "Intern bemærkning"
    assert internal.actor == lw.users["leader"].username
    assert internal.document is not None
    assert (public.note, public.actor, public.document) == ("", "", None)
    assert public.public_note == "Ansøgningen er sendt"


def test_a_past_out_of_order_is_refused_by_its_step_and_nothing_is_written(lw):
    steps = [
        s.PastStep("idea", date(2024, 1, 1)),
        s.PastStep("start", date(2024, 2, 1)),
    ]
    errors = _refused(s.plan_past_record, plan=lw.plan, steps=steps)
    assert errors == {"steps": ["Step 2: “start” cannot follow “idea”."]}
    errors = _refused(
        s.plan_past_record,
        plan=lw.plan,
        steps=[s.PastStep("submit_prequalification", date(2024, 1, 1))],
    )
    assert errors == {"steps": ["Step 1: A timeline starts with the idea."]}
    assert not PlanTransition.objects.exists()
    s.plan_past_record(
        plan=lw.plan,
        steps=[
            s.PastStep("idea", date(2024, 1, 1)),
            s.PastStep("submit_prequalification", date(2024, 3, 1), capacity="applicant"),
        ],
    )
    assert lw.plan.status == PlanStatus.PREQUALIFICATION_SUBMITTED


def test_a_plan_whose_stored_period_breaks_todays_rules_can_still_be_ended(lw):
    plan = f.PlanFactory(
        name="Gammel",
        slug="gammel",
        status=PlanStatus.RUNNING,
        start_date=date(2019, 1, 1),
        end_date=date(2023, 12, 31),  # five years, with no reason given when it was entered
        length_reason="",
        afdelinger=[f.AfdelingFactory()],
    )
    s.plan_end(plan=plan, user=lw.users["admin"], date=date(2024, 1, 2))
    assert plan.status == PlanStatus.ENDED
