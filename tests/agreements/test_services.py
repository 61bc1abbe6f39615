"""The agreement's services: versions copied from the latest, only drafts change, one version
open at a time, exactly one version in force once LBF approved one, and only a user acting for
LBF (or an administrator recording LBF's letter) records the approval. Refusals write
nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from boligsocial.agreements import services
from boligsocial.agreements.models import (
    Agreement,
    AgreementVersion,
    SubAgreement,
    VersionStatus,
)
from boligsocial.agreements.selectors import agreement_overview, approval_capacities_of
from boligsocial.core.concurrency import ConflictError, expect_version, instance_version
from boligsocial.funding.models import FocusArea
from tests import factories as f

from .conftest import AgreementWorld

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)


def _filled_draft(aw: AgreementWorld) -> AgreementVersion:
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    for sub in version.sub_agreements.all():
        services.sub_agreement_update(
            sub_agreement=sub,
            data={
                "goals": f"Mål for {sub.focus_area.name_da}",
                "target_groups": "Unge 15-25 år",
                "activities": ["Lektiecafé", "Jobformidling"],
                "indicators": ["Andel i uddannelse"],
            },
        )
    return version


def _approved(aw: AgreementWorld) -> AgreementVersion:
    version = _filled_draft(aw)
    services.agreement_version_submit(version=version, user=aw.users["leader"])
    return services.agreement_version_approve(
        version=version,
        user=aw.users["lbf"],
        capacity="lbf",
        approved_on=timezone.localdate(),
    )


def test_the_first_draft_has_an_empty_sub_agreement_for_each_of_the_plans_focus_areas(aw):
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"], note="Ny")
    assert version.number == 1
    assert version.status == VersionStatus.DRAFT
    assert version.created_by == aw.users["leader"]
    subs = list(version.sub_agreements.order_by("focus_area__position"))
    assert [s.focus_area for s in subs] == aw.focus[:2]
    assert all(s.goals == "" and s.activities == [] for s in subs)


def test_a_new_version_copies_the_latest_and_leaves_it_unchanged(aw):
    first = _approved(aw)
    second = services.agreement_draft_create(plan=aw.plan, user=aw.users["admin"])
    assert second.number == 2
    copied = {s.focus_area_id: s for s in second.sub_agreements.all()}
    for sub in first.sub_agreements.all():
        twin = copied[sub.focus_area_id]
        assert twin.pk != sub.pk
        assert (twin.goals, twin.activities, twin.indicators) == (
            sub.goals,
            sub.activities,
            sub.indicators,
        )
    sub = second.sub_agreements.first()
    services.sub_agreement_update(sub_agreement=sub, data={"goals": "Nye mål"})
    first.refresh_from_db()
    assert "Nye mål" not in [s.goals for s in first.sub_agreements.all()]


def test_a_focus_area_of_another_round_is_not_copied_after_the_plan_moved(aw):
    _approved(aw)
    aw.plan.fund_round = f.fund_round("2015–18")
    aw.plan.save()
    aw.plan.focus_areas.clear()
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["admin"])
    assert version.sub_agreements.count() == 0


def test_only_one_version_is_open_at_a_time(aw):
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    assert "Version 1 is a draft: finish it or discard it" in excinfo.value.messages[0]
    services.sub_agreement_update(sub_agreement=version.sub_agreements.first(), data={"goals": "x"})
    services.sub_agreement_update(sub_agreement=version.sub_agreements.last(), data={"goals": "y"})
    services.agreement_version_submit(version=version, user=aw.users["leader"])
    with pytest.raises(ValidationError, match="waits for LBF's approval: finish it"):
        services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    assert AgreementVersion.objects.count() == 1


def test_the_database_refuses_two_open_versions_and_two_versions_in_force(aw):
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementVersion.objects.create(agreement=version.agreement, number=2)
    approved = {"status": VersionStatus.APPROVED, "approved_on": TODAY, "approval_capacity": "lbf"}
    AgreementVersion.objects.create(agreement=version.agreement, number=3, **approved)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementVersion.objects.create(agreement=version.agreement, number=4, **approved)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgreementVersion.objects.create(
            agreement=version.agreement, number=5, status=VersionStatus.SUPERSEDED
        )


def test_approval_makes_the_version_current_and_supersedes_the_one_before(aw):
    first = _approved(aw)
    assert first.status == VersionStatus.APPROVED
    assert first.approval_recorded_by == aw.users["lbf"]
    assert first.approval_capacity == "lbf"
    second = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    services.agreement_version_submit(version=second, user=aw.users["leader"])
    overview = agreement_overview(aw.plan)
    assert overview.current == first
    assert overview.pending == second
    services.agreement_version_approve(
        version=second,
        user=aw.users["admin"],
        capacity="admin_recording_lbf",
        approved_on=timezone.localdate(),
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (VersionStatus.SUPERSEDED, VersionStatus.APPROVED)
    assert first.superseded_at is not None
    assert AgreementVersion.objects.filter(status=VersionStatus.APPROVED).count() == 1
    assert agreement_overview(aw.plan).current == second


@pytest.mark.parametrize(
    "role", ["leader", "other_leader", "housing_user", "municipality_user", "admin"]
)
def test_only_a_user_acting_for_lbf_approves_as_lbf(aw, role):
    version = _filled_draft(aw)
    services.agreement_version_submit(version=version, user=aw.users["leader"])
    with pytest.raises(PermissionDenied, match="acting for LBF"):
        services.agreement_version_approve(
            version=version, user=aw.users[role], capacity="lbf", approved_on=TODAY
        )
    version.refresh_from_db()
    assert version.status == VersionStatus.PENDING
    assert version.approved_on is None


@pytest.mark.parametrize(
    "role", ["leader", "other_leader", "housing_user", "municipality_user", "lbf"]
)
def test_only_an_administrator_records_lbfs_letter(aw, role):
    version = _filled_draft(aw)
    services.agreement_version_submit(version=version, user=aw.users["leader"])
    with pytest.raises(PermissionDenied):
        services.agreement_version_approve(
            version=version,
            user=aw.users[role],
            capacity="admin_recording_lbf",
            approved_on=TODAY,
        )
    assert AgreementVersion.objects.get().status == VersionStatus.PENDING


def test_who_holds_which_capacity(aw):
    assert approval_capacities_of(aw.users["lbf"]) == ("lbf",)
    assert approval_capacities_of(aw.users["admin"]) == ("admin_recording_lbf",)
    for role in ("leader", "other_leader", "housing_user", "municipality_user"):
        assert approval_capacities_of(aw.users[role]) == ()
    assert approval_capacities_of(None) == ()


def test_an_unknown_capacity_is_an_error_on_the_field(aw):
    version = _filled_draft(aw)
    services.agreement_version_submit(version=version, user=aw.users["leader"])
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_version_approve(
            version=version, user=aw.users["lbf"], capacity="boss", approved_on=TODAY
        )
    assert list(excinfo.value.message_dict) == ["approval_capacity"]


def test_a_draft_is_not_approved_and_the_approval_date_is_checked(aw):
    version = _filled_draft(aw)
    with pytest.raises(ValidationError, match="Only a version waiting for LBF"):
        services.agreement_version_approve(
            version=version, user=aw.users["lbf"], capacity="lbf", approved_on=TODAY
        )
    services.agreement_version_submit(version=version, user=aw.users["leader"])
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_version_approve(
            version=version, user=aw.users["lbf"], capacity="lbf", approved_on=tomorrow
        )
    assert list(excinfo.value.message_dict) == ["approved_on"]
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_version_approve(
            version=version, user=aw.users["lbf"], capacity="lbf", approved_on=date(2020, 1, 1)
        )
    assert "before the version was submitted" in excinfo.value.message_dict["approved_on"][0]
    assert AgreementVersion.objects.get().status == VersionStatus.PENDING


def test_approved_pending_and_superseded_versions_never_change(aw):
    first = _approved(aw)
    second = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    services.agreement_version_submit(version=second, user=aw.users["leader"])
    services.agreement_version_approve(
        version=second, user=aw.users["lbf"], capacity="lbf", approved_on=timezone.localdate()
    )
    third = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    services.agreement_version_submit(version=third, user=aw.users["leader"])
    for version, word in (
        (first, "superseded by"),
        (second, "approved by LBF"),
        (third, "waits for"),
    ):
        sub = version.sub_agreements.first()
        before = (sub.goals, version.note)
        attempts = (
            (services.sub_agreement_update, {"sub_agreement": sub, "data": {"goals": "Ændret"}}),
            (services.sub_agreement_remove, {"sub_agreement": sub}),
            (services.sub_agreement_add, {"version": version, "focus_area": aw.focus[2]}),
            (services.agreement_version_update, {"version": version, "note": "Ændret"}),
            (services.agreement_version_submit, {"version": version, "user": aw.users["leader"]}),
        )
        for service, kwargs in attempts:
            with pytest.raises(ValidationError, match=word):
                service(**kwargs)
        sub.refresh_from_db()
        version.refresh_from_db()
        assert (sub.goals, version.note) == before
        assert version.sub_agreements.count() == 2
    for version in (first, second):
        with pytest.raises(ValidationError, match="never changes"):
            services.agreement_version_discard(version=version)


def test_a_sub_agreement_only_for_a_focus_area_of_the_plans_round(aw):
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    other = FocusArea.objects.filter(fund_round__code="2015–18").first()
    with pytest.raises(ValidationError) as excinfo:
        services.sub_agreement_add(version=version, focus_area=other)
    assert list(excinfo.value.message_dict) == ["focus_area"]
    assert "not a focus area of the plan's fund round (2019–26)" in str(excinfo.value)
    with pytest.raises(ValidationError) as excinfo:
        services.sub_agreement_add(version=version, focus_area=aw.focus[0])
    assert "already has a sub-agreement" in excinfo.value.message_dict["focus_area"][0]
    added = services.sub_agreement_add(
        version=version, focus_area=aw.focus[2], data={"goals": "Flere i job"}
    )
    assert added.goals == "Flere i job"
    assert version.sub_agreements.count() == 3


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ("Lektiecafé", "Give a list of texts, one for each item."),
        (["Lektiecafé", 3], "Item 2 is not a text."),
        (["Lektiecafé", "  "], "Item 2 is empty."),
        (["x" * 501], "Item 1 is longer than 500 characters."),
        (["x"] * 51, "At most 50 items."),
    ],
)
def test_bad_items_are_refused_naming_the_field_and_item(aw, items, message):
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    sub = version.sub_agreements.first()
    with pytest.raises(ValidationError) as excinfo:
        services.sub_agreement_update(sub_agreement=sub, data={"activities": items})
    assert excinfo.value.message_dict == {"activities": [message]}
    sub.refresh_from_db()
    assert sub.activities == []


def test_submitting_needs_sub_agreements_with_goals(aw):
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    first, second = version.sub_agreements.order_by("focus_area__position")
    services.sub_agreement_update(sub_agreement=first, data={"goals": "Mål"})
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_version_submit(version=version, user=aw.users["leader"])
    assert second.focus_area.name in excinfo.value.messages[0]
    services.sub_agreement_remove(sub_agreement=second)
    services.sub_agreement_remove(sub_agreement=first)
    with pytest.raises(ValidationError, match="has no sub-agreement"):
        services.agreement_version_submit(version=version, user=aw.users["leader"])
    assert AgreementVersion.objects.get().status == VersionStatus.DRAFT


def test_discarding_a_draft_or_withdrawing_a_pending_version(aw):
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    services.agreement_version_discard(version=version)
    assert not AgreementVersion.objects.exists()
    assert not SubAgreement.objects.exists()
    assert AgreementVersion.history.filter(history_type="-").count() == 1
    version = _filled_draft(aw)
    assert version.number == 1
    services.agreement_version_submit(version=version, user=aw.users["leader"])
    services.agreement_version_discard(version=version)
    assert Agreement.objects.get().versions.count() == 0


def test_a_stale_edit_of_a_sub_agreement_is_refused(aw):
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    sub = version.sub_agreements.first()
    seen = instance_version(sub)
    with expect_version(sub, seen):
        services.sub_agreement_update(sub_agreement=sub, data={"goals": "Første"})
    with pytest.raises(ConflictError) as excinfo, expect_version(sub, seen):
        services.sub_agreement_update(sub_agreement=sub, data={"goals": "Anden"})
    assert excinfo.value.changed == ["goals"]
    sub.refresh_from_db()
    assert sub.goals == "Første"


def test_an_edit_of_a_sub_agreement_changes_the_versions_token(aw):
    """So submitting or approving content someone changed since one read it is refused."""
    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    seen = instance_version(version)
    services.sub_agreement_update(sub_agreement=version.sub_agreements.first(), data={"goals": "x"})
    with pytest.raises(ConflictError), expect_version(version, seen):
        services.agreement_version_submit(version=version, user=aw.users["leader"])
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_a_document_of_another_plan_is_refused(aw):
    from boligsocial.documents.models import Document

    version = services.agreement_draft_create(plan=aw.plan, user=aw.users["leader"])
    document = Document.objects.create(
        plan=aw.other_plan,
        title="Brev",
        file="x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        size=1,
        sha256="0" * 64,
    )
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_version_update(version=version, note="", document=document)
    assert list(excinfo.value.message_dict) == ["document"]


def test_history_records_every_change(aw):
    version = _approved(aw)
    assert version.history.count() >= 3  # created, submitted, approved
    sub = version.sub_agreements.first()
    assert sub.history.count() == 2  # created, filled


def test_a_submission_made_earlier_is_recorded_with_its_date(aw):
    version = _filled_draft(aw)
    with pytest.raises(ValidationError) as excinfo:
        services.agreement_version_submit(
            version=version, user=aw.users["admin"], submitted_on=date(2999, 1, 1)
        )
    assert list(excinfo.value.message_dict) == ["submitted_at"]
    services.agreement_version_submit(
        version=version, user=aw.users["admin"], submitted_on=date(2024, 5, 1)
    )
    version.refresh_from_db()
    assert timezone.localdate(version.submitted_at) == date(2024, 5, 1)
    services.agreement_version_approve(
        version=version,
        user=aw.users["admin"],
        capacity="admin_recording_lbf",
        approved_on=date(2024, 6, 1),
    )
    version.refresh_from_db()
    assert version.approved_on == date(2024, 6, 1)
