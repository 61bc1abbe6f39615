"""The Aarhus demo's cooperation agreements: every running plan has an approved version with a
sub-agreement per focus area, one plan also a version waiting for LBF, all marked
illustrative; loading again creates none."""

from __future__ import annotations

import pytest

from boligsocial.agreements.models import AgreementVersion, VersionStatus
from boligsocial.agreements.selectors import agreement_comparison, agreement_overview
from boligsocial.demo.load import load_demo
from boligsocial.funding.models import FocusArea
from boligsocial.plans.models import Plan, PlanStatus

pytestmark = pytest.mark.django_db


def test_the_running_plans_have_illustrative_agreements():
    report = load_demo(password="a-long-demo-password")
    running = list(Plan.objects.filter(status=PlanStatus.RUNNING).order_by("name"))
    assert running
    assert report.created["cooperation agreements"] == len(running)
    pending = []
    for plan in running:
        overview = agreement_overview(plan)
        assert overview.current is not None, plan
        assert overview.current.number == 1
        assert overview.current.approval_capacity == "admin_recording_lbf"
        assert overview.current.approved_on < plan.start_date
        assert "Illustrativ" in overview.current.note
        areas = {sub.focus_area_id for sub in overview.current.sub_agreements.all()}
        assert areas == set(plan.focus_areas.values_list("pk", flat=True))
        assert all(sub.goals for sub in overview.current.sub_agreements.all())
        if overview.pending is not None:
            pending.append(plan)
            assert "Illustrativ" in overview.pending.note
            comparison = agreement_comparison(plan, 1, 2)
            changed = [a.focus_area_id for a in comparison.focus_areas if a.change == "changed"]
            assert changed == [FocusArea.objects.get(pk=changed[0], name_da="Beskæftigelse").pk]
    assert [p.name for p in pending] == ["Bispehaven 2024-2028"]
    versions = AgreementVersion.objects.count()
    again = load_demo(password="a-long-demo-password")
    assert again.created["cooperation agreements"] == 0
    assert AgreementVersion.objects.count() == versions
    assert AgreementVersion.objects.filter(status=VersionStatus.PENDING).count() == 1


def test_the_demos_lbf_user_is_offered_the_approval_of_the_pending_version():
    from django.contrib.auth import get_user_model
    from django.test import Client

    load_demo(password="a-long-demo-password")
    client = Client()
    client.force_login(get_user_model().objects.get(username="lbf"))
    plan = Plan.objects.get(name="Bispehaven 2024-2028")
    page = client.get(f"/intern/planer/{plan.slug}/samarbejdsaftale/").content.decode()
    assert f"/intern/planer/{plan.slug}/samarbejdsaftale/versioner/2/godkend/" in page
