"""Forms outside the internal pages: the "as of" date in a URL, and the login form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from boligsocial.web.forms.base import (
    DateInput,
    style_field,
)


class QueryDateField(forms.DateField):
    """A date typed into a URL: the error repeats the value and shows the format."""

    def to_python(self, value: Any) -> Any:
        try:
            return super().to_python(value)
        except ValidationError as error:
            raise ValidationError(
                _("“%(value)s” is not a date. Write it as YYYY-MM-DD, e.g. 2024-06-30."),
                code="invalid",
                params={"value": value},
            ) from error


class AsOfForm(forms.Form):
    """The "as of" date of the secretariat page (`?dato=YYYY-MM-DD`)."""

    dato = QueryDateField(
        label=_("As of date"),
        required=False,
        help_text=_("Show the seats held on this date. Empty: today."),
        widget=DateInput(attrs={"class": "form-input"}),
    )


class LoginForm(AuthenticationForm):
    """Django's login form with the design system's classes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for formfield in self.fields.values():
            style_field(formfield)
        self.fields["username"].widget.attrs.pop("autofocus", None)
