"""A deletion's confirmation can show a service's refusal (a delete service that raises a
ValidationError gives the page an error, not a 500)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from boligsocial.web.forms.base import DeleteForm


def test_delete_form_shows_a_service_refusal_as_form_errors() -> None:
    form = DeleteForm({"version": ""})
    assert form.is_valid()
    form.add_service_error(ValidationError({"end_date": ["Slutdato mangler."]}))
    assert form.non_field_errors() == ["Slutdato mangler."]
    assert not form.is_valid()
