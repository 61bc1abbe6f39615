"""The forms of a plan's cooperation agreement: a version's note, a sub-agreement, submitting
a draft, recording LBF's approval, discarding, and the choice of two versions to compare."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from boligsocial.agreements.models import (
    ITEM_MAX_LENGTH,
    ITEMS_MAX,
    AgreementVersion,
    ApprovalCapacity,
    SubAgreement,
)
from boligsocial.agreements.rules import items_from_lines
from boligsocial.documents.models import Document
from boligsocial.funding.models import FocusArea
from boligsocial.web.forms.base import (
    DateInput,
    DeleteForm,
    ServiceForm,
    VersionedForm,
    style_field,
    typed_field,
)


class LinesField(forms.CharField):
    """A list of items typed one a line (activities, indicators): the list is what the
    service gets, the lines what the editor sees."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, list):
            return value
        return items_from_lines(super().to_python(value) or "")

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value: Any) -> None:
        """The item rules are the model's (its `clean`), so the service reports them."""


def _lines_field(label: Any, help_text: Any) -> LinesField:
    return LinesField(
        label=label,
        required=False,
        help_text=help_text,
        max_length=(ITEM_MAX_LENGTH + 1) * ITEMS_MAX,
    )


def _offer_documents(form: forms.Form, documents: QuerySet[Document] | None) -> None:
    field = typed_field(form, "document", forms.ModelChoiceField)
    field.queryset = documents if documents is not None else Document.objects.none()


class VersionForm(VersionedForm, ServiceForm):
    """A draft's note, and the document it rests on."""

    model = AgreementVersion
    model_fields = ("note", "document")
    widgets: ClassVar[dict[str, type[forms.Widget] | forms.Widget]] = {
        "note": forms.Textarea(attrs={"rows": 3}),
    }

    def __init__(self, *args: Any, documents: QuerySet[Document] | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        _offer_documents(self, documents)


class SubAgreementForm(VersionedForm, ServiceForm):
    """A sub-agreement (delaftale) of a draft."""

    model = SubAgreement
    model_fields: ClassVar[tuple[str, ...]] = ("goals", "target_groups", "activities", "indicators")
    widgets: ClassVar[dict[str, type[forms.Widget] | forms.Widget]] = {
        "goals": forms.Textarea(attrs={"rows": 4}),
        "target_groups": forms.Textarea(attrs={"rows": 3}),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activities"] = _lines_field(
            _("Activities planned"), _("One activity a line, in the order they are listed.")
        )
        self.fields["indicators"] = _lines_field(
            _("Indicators"), _("One indicator (how the goal is measured) a line.")
        )
        for name in ("activities", "indicators"):
            style_field(self.fields[name])


class SubAgreementAddForm(SubAgreementForm):
    """A sub-agreement for a focus area of the plan's fund round the draft has none for."""

    model_fields: ClassVar[tuple[str, ...]] = (
        "focus_area",
        "goals",
        "target_groups",
        "activities",
        "indicators",
    )

    def __init__(self, *args: Any, focus_areas: QuerySet[FocusArea], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "focus_area", forms.ModelChoiceField).queryset = focus_areas


class SubmitForm(VersionedForm):
    """Sending a draft to LBF: only the version the editor saw, so content changed since is
    not sent unseen."""


class DiscardForm(DeleteForm):
    """Throwing away a draft, or withdrawing a version waiting for LBF."""


class ApproveForm(VersionedForm):
    """LBF's approval of a pending version: on which date, in which capacity (only those the
    user holds are offered), and the document (LBF's letter) if it is uploaded."""

    approved_on = forms.DateField(
        label=_("Approved by LBF on"),
        help_text=_("The date of LBF's approval (its letter)."),
        widget=DateInput(attrs={"class": "form-input"}),
    )
    approval_capacity = forms.ChoiceField(
        label=_("Recorded in the capacity"),
        widget=forms.RadioSelect,
    )
    document = forms.ModelChoiceField(
        label=_("Document"),
        queryset=Document.objects.none(),
        required=False,
        help_text=_("LBF's letter, if it is uploaded to the plan's documents."),
    )

    def __init__(
        self,
        *args: Any,
        capacities: tuple[str, ...],
        documents: QuerySet[Document] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "approval_capacity", forms.ChoiceField).choices = [
            (value, ApprovalCapacity(value).label) for value in capacities
        ]
        if len(capacities) == 1:
            self.initial.setdefault("approval_capacity", capacities[0])
        _offer_documents(self, documents)
        style_field(self.fields["document"])


class CompareForm(forms.Form):
    """`?fra=&til=`: the two versions to compare (numbers of the plan's versions)."""

    fra = forms.TypedChoiceField(label=_("Compare version"), coerce=int)
    til = forms.TypedChoiceField(label=_("with version"), coerce=int)

    def __init__(self, *args: Any, numbers: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(n, str(n)) for n in numbers]
        for name in ("fra", "til"):
            field = typed_field(self, name, forms.TypedChoiceField)
            field.choices = choices
            style_field(field)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if cleaned and cleaned.get("fra") is not None and cleaned.get("fra") == cleaned.get("til"):
            self.add_error("til", _("Choose two different versions."))
        return cleaned
