"""The categories come from the data migration; the budget's constraints hold in the database."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from boligsocial.budgets.models import BudgetCategory, BudgetLine, BudgetVersion
from tests.kit import make_budget


@pytest.mark.django_db
def test_the_five_categories_are_seeded_in_danish_and_english():
    rows = list(
        BudgetCategory.objects.values_list("code", "name_da", "name_en", "valid_from", "valid_to")
    )
    assert rows == [
        ("salaries", "Løn", "Salaries", date(2006, 1, 1), None),
        ("activities", "Aktiviteter", "Activities", date(2006, 1, 1), None),
        ("administration", "Administration", "Administration", date(2006, 1, 1), None),
        ("evaluation", "Evaluering", "Evaluation", date(2006, 1, 1), None),
        ("other", "Andet", "Other", date(2006, 1, 1), None),
    ]


@pytest.mark.django_db
def test_category_validity_by_year():
    category = BudgetCategory(code="x", name_da="X", valid_from=date(2010, 7, 1))
    assert not category.valid_in_year(2009)
    assert category.valid_in_year(2010)
    assert category.valid_in_year(2099)
    category.valid_to = date(2012, 1, 31)
    assert category.valid_in_year(2012)
    assert not category.valid_in_year(2013)


def test_one_draft_per_plan_and_no_negative_amounts(world):
    version = make_budget(world.plan_pub)
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetVersion.objects.create(plan=world.plan_pub, number=2, kind="revision")
    line = version.lines.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.filter(pk=line.pk).update(amount=Decimal("-0.01"))
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetVersion.objects.filter(pk=version.pk).update(state="approved")


def test_every_line_has_history(world):
    version = make_budget(world.plan_pub)
    assert BudgetLine.history.filter(version_id=version.pk, history_type="+").count() == 8
