"""The forms of a plan's staff, bodies, memberships and people, and the merge of two people."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from boligsocial.governance.models import Body, Membership, Person, PlanRole
from boligsocial.organisations.models import Organisation
from boligsocial.web.forms.base import (
    DateInput,
    ServiceForm,
    VersionedForm,
    style_field,
    typed_field,
)


def _offer_people(form: forms.Form, people: models.QuerySet[Person]) -> None:
    """The person choices: exactly the people the user may assign
    (`accounts.selectors.people_assignable_by`), so no one else is offered or accepted."""
    person = typed_field(form, "person", forms.ModelChoiceField)
    person.queryset = people.order_by("name", "pk")


FTE_RANGE_MESSAGE = _("The FTE share must be 0.01 to 1.00.")


class PlanRoleForm(VersionedForm, ServiceForm):
    model = PlanRole
    model_fields = ("person", "kind", "title", "fte", "valid_from", "valid_to")

    def __init__(self, *args: Any, people: models.QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer_people(self, people)
        fte = self.fields["fte"]
        fte.localize = True
        fte.widget = forms.TextInput(attrs={"class": "form-input", "inputmode": "decimal"})
        fte.widget.is_localized = True
        # Checked here, in the hint's words and number format ("0,01 til 1,00" in Danish),
        # before the model's validators would answer "… 1.00" with a decimal point.
        fte.validators += [
            MinValueValidator(Decimal("0.01"), message=FTE_RANGE_MESSAGE),
            MaxValueValidator(Decimal("1.00"), message=FTE_RANGE_MESSAGE),
        ]


class EndForm(VersionedForm):
    """The last day of a role or a membership."""

    valid_to = forms.DateField(
        label=_("Last day"),
        help_text=_("The last day the person has the role or the seat."),
        widget=DateInput(attrs={"class": "form-input"}),
    )

    def add_service_error(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                self.add_error("valid_to" if name == "valid_to" else None, messages)
        else:
            self.add_error(None, error.messages)


UNIQUE_CODES = {"unique", "unique_together"}


class BodyForm(VersionedForm, ServiceForm):
    model = Body
    model_fields = ("kind", "name", "description")
    widgets: ClassVar[dict[str, type[forms.Widget] | forms.Widget]] = {
        "description": forms.Textarea(attrs={"rows": 3}),
    }

    def add_service_error(self, error: ValidationError) -> None:
        """A body's name is unique within its plan: say so on the name field."""
        if hasattr(error, "error_dict") and NON_FIELD_ERRORS in error.error_dict:
            others = error.error_dict[NON_FIELD_ERRORS]
            unique = [e for e in others if e.code in UNIQUE_CODES]
            if unique:
                self.add_error("name", _("The plan already has a body with this name."))
                rest = {k: v for k, v in error.error_dict.items() if k != NON_FIELD_ERRORS}
                rest_all = [e for e in others if e.code not in UNIQUE_CODES]
                if rest_all:
                    rest[NON_FIELD_ERRORS] = rest_all
                if not rest:
                    return
                error = ValidationError(rest)
        super().add_service_error(error)


class MembershipForm(VersionedForm, ServiceForm):
    model = Membership
    model_fields = ("person", "represents", "role", "valid_from", "valid_to")

    def __init__(self, *args: Any, people: models.QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer_people(self, people)
        represents = typed_field(self, "represents", forms.ModelChoiceField)
        represents.queryset = Organisation.objects.filter(active=True).order_by("name")


class PersonForm(VersionedForm, ServiceForm):
    model = Person
    model_fields = ("name", "title", "employer", "email", "phone")

    # Asked only when a person with the same name and employer exists (`ask_if_new`); hidden
    # (and false) until then.
    confirm_new = forms.BooleanField(
        label=_("This is another person with the same name: create the person anyway"),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        employer = typed_field(self, "employer", forms.ModelChoiceField)
        employer.queryset = Organisation.objects.filter(active=True).order_by("name")
        self.duplicates: list[Person] = []

    def ask_if_new(self, duplicates: list[Person]) -> None:
        """After the service asked "is this the same person?": list the candidates and show
        the checkbox that confirms a new person."""
        self.duplicates = duplicates
        self.fields["confirm_new"].widget = forms.CheckboxInput(attrs={"class": "form-checkbox"})


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return person_label(obj)


class MergeForm(forms.Form):
    """Two records of the same person: the one to keep and the one merged into it."""

    keep = PersonChoiceField(
        label=_("Keep this person"),
        queryset=Person.objects.none(),
        help_text=_("Keeps their name and details; empty details are filled from the other."),
    )
    remove = PersonChoiceField(
        label=_("Merge this person into the first"),
        queryset=Person.objects.none(),
        help_text=_("Their roles and seats move to the first person, then they are deleted."),
    )

    def __init__(self, *args: Any, people: models.QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("keep", "remove"):
            choice = typed_field(self, name, forms.ModelChoiceField)
            choice.queryset = people.select_related("employer").order_by("name", "pk")
            style_field(choice)

    def add_service_error(self, error: ValidationError) -> None:
        for name, messages in getattr(error, "message_dict", {"__all__": error.messages}).items():
            self.add_error(name if name in self.fields else None, messages)


def person_label(person: Person) -> str:
    """A person in a list where names may repeat: name, job title, employer and id."""
    details = [d for d in (person.title, person.employer.name if person.employer else "") if d]
    details.append(_("id %(id)s") % {"id": person.pk})
    return f"{person.name} ({', '.join(details)})"
