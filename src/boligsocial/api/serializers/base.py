from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from rest_framework import serializers

from boligsocial.accounts.rules import Scopes
from boligsocial.accounts.selectors import scopes_for


class OutputSerializer(serializers.ModelSerializer):
    """A response body. Every field is read-only, and so always present in the schema, except
    those named in `Meta.optional_fields` (left out for some users).

    Integer ranges are dropped: Django derives them from the database backend, and the schema
    must be the same on SQLite and PostgreSQL."""

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        optional = getattr(self.Meta, "optional_fields", ())
        for name, field in fields.items():
            if name not in optional:
                field.read_only = True
            if isinstance(field, serializers.IntegerField):
                field.min_value = field.max_value = None
                field.validators = [
                    v
                    for v in field.validators
                    if not isinstance(v, MinValueValidator | MaxValueValidator)
                ]
        return fields


def request_scopes(serializer: serializers.BaseSerializer) -> Scopes:
    request = serializer.context.get("request")
    return scopes_for(getattr(request, "user", None))


def context_user(serializer: serializers.BaseSerializer) -> Any:
    request = serializer.context.get("request")
    return getattr(request, "user", None)
