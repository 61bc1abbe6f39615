"""A user acting for LBF reads every plan (LBF decides on plans before they are published) and
edits none (decision 0003)."""

from __future__ import annotations

import pytest
from tests import factories as f

from boligsocial.accounts.models import Role
from boligsocial.accounts.selectors import (
    can_edit_plan,
    can_read_plan,
    plans_editable_by,
    plans_readable_by,
    scopes_for,
)
from boligsocial.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_a_user_acting_for_lbf_reads_every_plan_and_edits_none():
    published = f.PlanFactory(published=True)
    hidden = f.PlanFactory(published=False)
    lbf = f.user_with_role(Role.LBF)
    assert scopes_for(lbf).acts_for_lbf
    assert set(plans_readable_by(lbf)) == {published, hidden}
    assert can_read_plan(lbf, hidden)
    assert not can_edit_plan(lbf, hidden)
    assert not plans_editable_by(lbf).exists()
    other = f.user_with_role(Role.ANALYST)
    assert not scopes_for(other).acts_for_lbf
    assert list(plans_readable_by(other, Plan.objects.all())) == [published]
