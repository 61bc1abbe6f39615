"""The money history (web/money_history.py): history rows of any money models as entries of
who changed what and when, amounts in Danish kroner, newest first, a page at a time."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from tests import factories as f

from boligsocial.accounts.models import Role
from boligsocial.plans.models import BudgetSource, Plan, PlanBudgetEstimate
from boligsocial.web.money_history import money_history, money_history_context

pytestmark = pytest.mark.django_db


def _save(obj: Any, user: Any) -> None:
    obj._history_user = user
    obj.save()


def _estimates(plan: Plan) -> Any:
    return PlanBudgetEstimate.history.filter(plan_id=plan.pk)


def test_creation_change_and_deletion_with_amounts_in_kroner(world: Any) -> None:
    user = f.user_with_role(Role.PLAN_LEADER, plan=world.plan)
    estimate = PlanBudgetEstimate(
        plan=world.plan, year=2024, source=BudgetSource.LBF, amount=Decimal("1234.5")
    )
    with translation.override("da"):
        _save(estimate, user)
        estimate.amount = Decimal("1234567.25")
        _save(estimate, user)
        estimate.save()  # nothing changed: no entry
        estimate._history_user = user
        estimate.delete()
        entries = money_history([_estimates(world.plan)])
    assert [e.action for e in entries] == ["deleted", "changed", "created"]
    deleted, changed, created = entries
    assert changed.who == user.get_username()
    assert changed.subject.endswith("2024")
    assert [(c.old, c.new) for c in changed.changes] == [("1.234,50 kr.", "1.234.567,25 kr.")]
    assert ("Beløb (kr.)", "1.234.567,25 kr.") in deleted.removed
    created_values = {c.field: (c.old, c.new) for c in created.changes}
    assert created_values["Beløb (kr.)"] == ("–", "1.234,50 kr.")
    assert created_values["Kilde"] == ("–", "Landsbyggefonden (LBF)")
    assert "Plan" not in created_values  # the page is about the plan already


def test_several_models_newest_first_with_own_subjects(world: Any) -> None:
    first = PlanBudgetEstimate.objects.create(
        plan=world.plan, year=2024, source=BudgetSource.LBF, amount=Decimal(1)
    )
    world.plan.description = "Ny beskrivelse"
    world.plan.save()
    first.amount = Decimal(2)
    first.save()
    entries = money_history(
        [_estimates(world.plan), Plan.history.filter(id=world.plan.pk)],
        subjects={PlanBudgetEstimate: lambda row: f"Overslag {row.year}"},
    )
    assert entries[0].subject == "Overslag 2024"
    assert entries[0].action == "changed"
    assert entries[1].subject == str(Plan._meta.verbose_name).capitalize()
    assert [e.when for e in entries] == sorted((e.when for e in entries), reverse=True)
    assert entries[0].who  # "the system" when no user is known


def test_queries_are_constant_in_the_length_of_the_history(world: Any) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            money_history([_estimates(world.plan)])
        return len(queries)

    PlanBudgetEstimate.objects.create(
        plan=world.plan, year=2023, source=BudgetSource.LBF, amount=Decimal(1)
    )
    few = count()
    for year in range(2024, 2027):
        for source in BudgetSource.values:
            estimate = PlanBudgetEstimate.objects.create(
                plan=world.plan, year=year, source=source, amount=Decimal(year)
            )
            estimate.amount = Decimal(7)
            estimate.save()
    assert count() == few


def test_pages_of_history_and_the_include(world: Any) -> None:
    estimate = PlanBudgetEstimate.objects.create(
        plan=world.plan, year=2024, source=BudgetSource.LBF, amount=Decimal(0)
    )
    for amount in range(1, 25):
        estimate.amount = Decimal(amount)
        estimate.save()
    request = RequestFactory().get("/intern/x/?fra=1&side=2")
    with translation.override("da"):
        history = money_history_context(request, [_estimates(world.plan)], per_page=10)
        html = render_to_string(
            "web/includes/money_history.html", {"history": history}, request=request
        )
    assert history.page.number == 2
    assert history.page.pages == 3
    assert history.page.total == 25
    assert len(history.entries) == 10
    assert history.previous_url == "/intern/x/?fra=1#history"
    assert history.next_url == "/intern/x/?fra=1&side=3#history"
    assert html.count('class="bs-history-entry"') == 10
    assert "Side 2 af 3 (25 ændringer)" in html
    assert "14,00 kr." in html
    first = money_history_context(RequestFactory().get("/x/?side=abc"), [_estimates(world.plan)])
    assert first.page.number == 1
    assert first.previous_url is None


def test_no_history_says_so() -> None:
    request = RequestFactory().get("/x/")
    history = money_history_context(request, [PlanBudgetEstimate.history.none()])
    with translation.override("en"):
        html = render_to_string("web/includes/money_history.html", {"history": history})
    assert "No changes are recorded." in html


def test_a_field_label_keeps_its_capitals() -> None:
    from boligsocial.web.money_history import _first_upper

    assert _first_upper("received from LBF") == "Received from LBF"
    assert _first_upper("") == ""
