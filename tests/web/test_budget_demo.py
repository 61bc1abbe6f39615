"""The budget pages on the Aarhus demo's money (decision 0032's data: granted budgets, approved
omplaceringer, a draft in breach, every kind of source): each plan's budget, versions,
comparison and history, the co-financers' overview and the budget API answer for the
administrator, and the plan whose budget breaks the rule says so. One test: the demo is
loaded once."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from boligsocial.budgets.models import BudgetVersion
from boligsocial.budgets.selectors import budget_summary, current_budget
from boligsocial.demo.load import load_demo
from boligsocial.organisations.models import Organisation, OrganisationKind
from boligsocial.plans.models import Plan

pytestmark = pytest.mark.django_db


def test_every_budget_page_and_co_financer_of_the_demo(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo()
    admin = Client()
    admin.force_login(get_user_model().objects.get(username="admin"))
    plans = Plan.objects.filter(budget_versions__isnull=False).distinct()
    assert plans.exists()
    breaches = 0
    for plan in plans:
        base = f"/intern/planer/{plan.slug}/budget/"
        page = admin.get(base)
        assert page.status_code == 200, plan.slug
        current = current_budget(plan)
        assert current is not None
        if not budget_summary(current).check.ok:
            breaches += 1
            assert 'id="budget-breach"' in page.content.decode()
        numbers = list(
            BudgetVersion.objects.filter(plan=plan)
            .order_by("number")
            .values_list("number", flat=True)
        )
        for number in numbers:
            assert admin.get(f"{base}versioner/{number}/").status_code == 200
        if len(numbers) > 1:
            assert admin.get(f"{base}sammenlign/?fra=1&til={numbers[-1]}").status_code == 200
        assert admin.get(f"{base}historik/").status_code == 200
        assert admin.get(f"/api/v1/plans/{plan.slug}/budget/").status_code == 200
    assert breaches >= 1  # the demo keeps one draft in breach, so its explanation shows

    assert admin.get("/intern/medfinansiering/").status_code == 200
    assert admin.get("/intern/medfinansiering/", {"format": "xlsx"}).status_code == 200
    for organisation in Organisation.objects.filter(
        kind__in=[OrganisationKind.HOUSING, OrganisationKind.MUNICIPALITY]
    ):
        api = admin.get(f"/api/v1/cofinancers/{organisation.slug}/commitments/")
        assert api.status_code == 200
        page = admin.get("/intern/medfinansiering/", {"organisation": organisation.slug})
        assert page.status_code == (200 if organisation.kind == OrganisationKind.HOUSING else 400)

    # The demo's municipality and housing-organisation users see their own commitments.
    for username, name in (("kommune", "Aarhus"), ("boligorg", "Brabrand Boligforening")):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        page = client.get("/intern/medfinansiering/").content.decode()
        assert name in page, username
        assert 'id="committed"' in page, username
