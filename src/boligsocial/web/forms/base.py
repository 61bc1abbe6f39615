"""What every form of the web pages builds on: `ServiceForm` (fields generated from a
model, a service's ValidationError put on the fields it names), `VersionedForm` (the edit
conflict check) and the design system's widget classes."""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from django import forms
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from boligsocial.core.concurrency import (
    ConflictError,
    jsonable,
    sign_values,
    unsign_values,
    version_token,
    version_values,
)
from boligsocial.web.conflicts import describe_conflict
from boligsocial.web.templatetags.boligsocial import field_dom_id

FieldT = TypeVar("FieldT", bound=forms.Field)


class DateInput(forms.DateInput):
    """A native date picker; its value is always ISO 8601, which every locale accepts."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ServiceForm(forms.Form):
    """A form whose fields are generated from `model` like a ModelForm's, and which reports a
    service's ValidationError on the fields it names."""

    model: ClassVar[type[models.Model]]
    model_fields: ClassVar[tuple[str, ...]] = ()
    widgets: ClassVar[dict[str, type[forms.Widget] | forms.Widget]] = {}
    field_classes: ClassVar[dict[str, type[forms.Field]]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        generated = forms.fields_for_model(
            self.model,
            fields=list(self.model_fields),
            widgets=self.widgets,
            field_classes=self.field_classes,
            formfield_callback=_formfield,
        )
        declared = dict(self.fields)
        self.fields = {name: declared.get(name) or generated[name] for name in self.model_fields}
        self.fields.update({k: v for k, v in declared.items() if k not in self.fields})
        for bound_field in self.fields.values():
            style_field(bound_field)

    def add_service_error(self, error: ValidationError) -> None:
        """Put a service's errors on the named fields; unknown names become form errors that
        say which field they are about."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for name, messages in error.message_dict.items():
            if name in self.fields:
                self.add_error(name, messages)
            elif name == NON_FIELD_ERRORS:
                self.add_error(None, messages)
            else:
                label = _verbose_name(self.model, name)
                self.add_error(None, [f"{label}: {m}" for m in messages])


class VersionedForm(forms.Form):
    """A form that edits a stored object (`version_of`) carries, in a hidden field, the
    object's values as the editor saw them (signed). The view saves inside
    `core.concurrency.expect_version(obj, form.expected_version)`; when someone else saved the
    object meanwhile, `show_conflict` turns the form into one showing the current values (the
    editor's own changes to other fields kept) and the error summary says what changed.
    Without `version_of` (a form that creates) nothing is checked."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, version_of: models.Model | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version_of = version_of
        self.seen_values: dict[str, Any] | None = None
        self.conflict: Any = None
        if version_of is not None and not self.is_bound:
            self.initial["version"] = sign_values(version_values(version_of))

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        signed = self.cleaned_data.pop("version", "")
        if self.version_of is not None and signed:
            try:
                self.seen_values = unsign_values(signed)
            except signing.BadSignature:
                self.add_error(
                    None,
                    _(
                        "This form is damaged or out of date. Open it again from the plan's "
                        "page; nothing was saved."
                    ),
                )
        return cleaned

    @property
    def expected_version(self) -> str | None:
        """The version the editor saw; None when the form did not say (nothing checked)."""
        return version_token(self.seen_values) if self.seen_values is not None else None

    def show_conflict(self, error: ConflictError) -> None:
        """After a refused save: show the stored values of the fields changed meanwhile, keep
        what the editor wrote in the others, carry the stored version, and describe the
        changes (`self.conflict`, shown by the error summary)."""
        fresh = error.instance
        seen = self.seen_values or {}
        names = [name for name in self.fields if name != "version"]
        submitted = {n: jsonable(self.cleaned_data[n]) for n in names if n in self.cleaned_data}
        self.conflict = describe_conflict(
            type(fresh),
            seen=seen,
            current=error.current,
            submitted=submitted,
            hrefs={n: f"#{field_dom_id(self[n])}" for n in names},
        )
        stored = forms.model_to_dict(fresh)
        initial: dict[str, Any] = {}
        for name in names:
            if seen.get(name) != error.current.get(name) and name in stored:
                initial[name] = stored[name]
            elif name in self.cleaned_data:
                initial[name] = self.cleaned_data[name]
            elif name in stored:
                initial[name] = stored[name]
        initial["version"] = sign_values(error.current)
        self.initial = initial
        self.is_bound = False
        self.data = {}
        self._errors = None
        self._bound_fields_cache: dict[str, Any] = {}


class DeleteForm(VersionedForm):
    """The confirmation of a deletion: only the version of the row as the editor saw it, so
    a row someone else changed meanwhile is not deleted unseen."""

    def show_conflict(self, error: ConflictError) -> None:
        super().show_conflict(error)
        self.conflict.message = _(
            "Someone else saved changes after you opened this page, so nothing was deleted. "
            "Changed meanwhile:"
        )
        self.conflict.advice = _(
            "The page now shows the row as it is. Delete it again if it is still a mistake."
        )

    def add_service_error(self, error: ValidationError) -> None:
        """A service's refusal of the deletion: its messages are the form's errors (the form
        has no field of its own to put them on)."""
        self.add_error(None, error.messages)


def _formfield(model_field: models.Field, **kwargs: Any) -> forms.Field:
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    formfield = model_field.formfield(**kwargs)
    if formfield is None:
        raise TypeError(f"{model_field.name} has no form field")
    return formfield


def typed_field(form: forms.BaseForm, name: str, kind: type[FieldT]) -> FieldT:
    """The form's field `name`, which the form's own declaration makes a `kind`."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{type(form).__name__}.{name} is not a {kind.__name__}")
    return field


def _verbose_name(model: type[models.Model], name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()  # type: ignore[union-attr]
    except FieldDoesNotExist:
        return name


def style_field(formfield: forms.Field) -> None:
    """The design system's classes on each widget."""
    widget = formfield.widget
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
        css = "form-checkbox"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-input"
    widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
    if isinstance(formfield, forms.DateField):
        formfield.widget = DateInput(attrs=widget.attrs)
