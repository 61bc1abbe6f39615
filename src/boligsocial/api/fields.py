"""Serializer fields shared by the API's serializers."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from boligsocial.core.numbers import ID_MAX
from boligsocial.organisations.models import Municipality

# Dates the domain can compute with (plan lengths add years and days to them); anything outside
# is a typing error, reported on the field instead of failing deep inside a rule.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)
POSITIVE_INT_MAX = 2_147_483_647  # PositiveIntegerField's range on every supported database


class EnumField(serializers.ChoiceField):
    """A choice field over a Django `TextChoices`. In the schema each choice set is one named
    component (`PlanStatus`, `BodyKind`, ...) instead of a copy per serializer."""

    def __init__(
        self,
        enum: type[models.TextChoices],
        *,
        aliases: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        self.enum = enum
        # Deprecated keys accepted on input for a transition (the Danish keys of before
        # decision 0019); answers and the schema's enum use the current keys only.
        self.aliases = dict(aliases or {})
        super().__init__(choices=enum.choices, **kwargs)

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str):
            data = self.aliases.get(data, data)
        return super().to_internal_value(data)


class DateField(serializers.DateField):
    """An ISO date between 1900-01-01 and 2999-12-31."""

    default_error_messages = {
        "out_of_range": _("Give a date between {earliest} and {latest}."),
    }

    def to_internal_value(self, value: Any) -> date:
        parsed: date = super().to_internal_value(value)
        if not (EARLIEST_DATE <= parsed <= LATEST_DATE):
            self.fail(
                "out_of_range",
                earliest=EARLIEST_DATE.isoformat(),
                latest=LATEST_DATE.isoformat(),
            )
        return parsed


@extend_schema_field({"type": "integer", "example": 751})
class MunicipalityCodeField(serializers.SlugRelatedField):
    """A municipality given by its official code (751 is Aarhus)."""

    default_error_messages = {
        "does_not_exist": _("There is no municipality with code {value}."),
        "invalid": _("A municipality code is a whole number, e.g. 751 for Aarhus."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", _("The municipality's official code, e.g. 751 for Aarhus."))
        super().__init__(slug_field="code", queryset=Municipality.objects.all(), **kwargs)

    def to_internal_value(self, data: Any) -> Municipality:
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("invalid")
        text = str(data).strip()
        if not text.isdigit() or len(text) > 9:
            self.fail("invalid")
        municipality = Municipality.objects.filter(code=int(text)).first()
        if municipality is None:
            self.fail("does_not_exist", value=text)
        return municipality


def bounded_int(**kwargs: Any) -> serializers.IntegerField:
    """A non-negative whole number that fits a PositiveIntegerField."""
    return serializers.IntegerField(min_value=0, max_value=POSITIVE_INT_MAX, **kwargs)


class IdField(serializers.PrimaryKeyRelatedField):
    """An object given by its id. An id is a whole JSON number: `1e400` (infinity to Python's
    JSON reader), `1.5` or `true` is the wrong type, and a whole number outside the range of
    ids names an object that does not exist, like any other unknown id (never a 500)."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool) or (
            isinstance(data, float) and not (math.isfinite(data) and data.is_integer())
        ):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if isinstance(data, float):
            data = int(data)
        if isinstance(data, int) and not 1 <= data <= ID_MAX:
            self.fail("does_not_exist", pk_value=data)
        if isinstance(data, str) and data.strip().lstrip("-").isdigit():
            number = int(data)
            if not 1 <= number <= ID_MAX:
                self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)
