"""Form fields shared by the web pages and the admin."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from boligsocial.core.numbers import ID_MAX


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Several objects by id. An id beyond the database's range is an invalid choice: Django
    passes it on to an `__in` lookup, which fails in the database driver (a 500)."""

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            text = str(pk).strip()
            if text.isdigit() and int(text) > ID_MAX:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text},
                )
        return super()._check_values(value)  # type: ignore[misc]  # private in the stubs
