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
from boligsocial.plans.services import plan_update


def _own_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("boligsocial.")]


def test_every_text_field_has_a_maximum_length():
    unbounded = [
        f"{model._meta.label}.{field.name}"
        for model in _own_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField)
        and not any(
            isinstance(v, MaxLengthValidator) and v.limit_value == LONG_TEXT_MAX
            for v in field.validators
        )
    ]
    assert unbounded == []


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
