"""Free text has a maximum length everywhere (issue 6): names are CharFields of at most 200
characters (some fields, like sources and addresses, a little more), and every TextField has a
5,000-character validator, so a service refuses a longer text on its field."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from tests import factories as f

from boligsocial.areas.services import area_update
from boligsocial.core.validation import LONG_TEXT_MAX
from boligsocial.documents.models import Document
from boligsocial.plans.models import CHALLENGES_MAX
from boligsocial.plans.services import plan_update


def _own_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("boligsocial.")]


# Text fields whose cap is another one, each with its reason.
OWN_LIMITS = {
    # the application's description of the challenges: a fund round's own limit is checked by
    # the service; the model caps what any installation stores (decision 0020)
    "plans.Plan.challenges": CHALLENGES_MAX,
    "plans.HistoricalPlan.challenges": CHALLENGES_MAX,
}
# simple_history keeps a FileField's stored path as text; the model's FileField caps it (300).
HISTORY_COPIES_OF_FILE_FIELDS = {"documents.HistoricalDocument.file"}


def test_every_text_field_has_a_maximum_length():
    unbounded = []
    for model in _own_models():
        for field in model._meta.get_fields():
            name = f"{model._meta.label}.{field.name}"
            if not isinstance(field, models.TextField) or name in HISTORY_COPIES_OF_FILE_FIELDS:
                continue
            limit = OWN_LIMITS.get(name, LONG_TEXT_MAX)
            if not any(
                isinstance(v, MaxLengthValidator) and v.limit_value == limit
                for v in field.validators
            ):
                unbounded.append(name)
    assert unbounded == []
    assert Document._meta.get_field("file").max_length == 300


def test_names_are_at_most_200_characters():
    too_long = [
        f"{model._meta.label}.{field.name}"
        for model in _own_models()
        for field in model._meta.get_fields()
        if field.name in {"name", "name_da", "name_en", "title", "title_da", "title_en"}
        and isinstance(field, models.CharField)
        and (field.max_length or 0) > 200
    ]
    assert too_long == []


@pytest.mark.django_db
def test_services_refuse_a_longer_description_on_its_field():
    plan = f.PlanFactory()
    with pytest.raises(ValidationError) as raised:
        plan_update(plan=plan, data={"description": "x" * (LONG_TEXT_MAX + 1)})
    assert set(raised.value.message_dict) == {"description"}
    area = f.AreaFactory()
    with pytest.raises(ValidationError) as raised:
        area_update(area=area, data={"description": "ø" * (LONG_TEXT_MAX + 1)})
    assert set(raised.value.message_dict) == {"description"}
    area_update(area=area, data={"description": "ø" * LONG_TEXT_MAX})
