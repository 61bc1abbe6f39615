"""Forms of the internal pages. Their fields come from the models (labels, help texts,
validators), like a ModelForm, but they never save: the views hand `cleaned_data` to the
domain services, and a service's ValidationError is put back on the fields it names."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar, TypeVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from boligsocial.areas.models import Afdeling
from boligsocial.core.concurrency import (
    ConflictError,
    jsonable,
    sign_values,
    unsign_values,
    version_token,
    version_values,
)
from boligsocial.core.forms import IdsChoiceField
from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.governance.models import Body, Membership, Person, PlanRole
from boligsocial.organisations.models import Organisation
from boligsocial.plans.models import Plan, PlanStatus
from boligsocial.plans.rules import TRANSITIONS
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
            _style(bound_field)

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


def _formfield(model_field: models.Field, **kwargs: Any) -> forms.Field:
    if isinstance(model_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    formfield = model_field.formfield(**kwargs)
    if formfield is None:
        raise TypeError(f"{model_field.name} has no form field")
    return formfield


def _field(form: forms.BaseForm, name: str, kind: type[FieldT]) -> FieldT:
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


def _style(formfield: forms.Field) -> None:
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


def afdeling_label(afdeling: Afdeling) -> str:
    return _("%(name)s (%(organisation)s, afdeling %(number)s)") % {
        "name": afdeling.name,
        "organisation": afdeling.organisation.name,
        "number": afdeling.number,
    }


class AfdelingChoiceField(IdsChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return afdeling_label(obj)


class FocusAreaChoiceField(IdsChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.fund_round.code})"


class PlanForm(VersionedForm, ServiceForm):
    model = Plan
    model_fields = (
        "name",
        "lbf_number",
        "fund_round",
        "status",
        "start_date",
        "end_date",
        "length_reason",
        "fund_round_reason",
        "afdelinger",
        "focus_areas",
        "description",
        "office_address",
        "contact_email",
        "contact_phone",
        "website",
        "published",
        "illustrative",
        "data_note",
    )
    widgets: ClassVar[dict[str, type[forms.Widget] | forms.Widget]] = {
        "afdelinger": forms.CheckboxSelectMultiple,
        "focus_areas": forms.CheckboxSelectMultiple,
        "length_reason": forms.Textarea(attrs={"rows": 3}),
        "fund_round_reason": forms.Textarea(attrs={"rows": 3}),
        "description": forms.Textarea(attrs={"rows": 5}),
        "data_note": forms.Textarea(attrs={"rows": 3}),
    }
    field_classes: ClassVar[dict[str, type[forms.Field]]] = {
        "afdelinger": AfdelingChoiceField,
        "focus_areas": FocusAreaChoiceField,
    }
    relations = ("afdelinger", "focus_areas")

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        kwargs.setdefault("version_of", plan)
        super().__init__(*args, **kwargs)
        afdelinger = _field(self, "afdelinger", forms.ModelMultipleChoiceField)
        afdelinger.queryset = Afdeling.objects.select_related("organisation").order_by(
            "organisation__name", "number"
        )
        focus = _field(self, "focus_areas", forms.ModelMultipleChoiceField)
        focus.queryset = (
            FocusArea.objects.filter(models.Q(active=True) | models.Q(plans=plan))
            .select_related("fund_round")
            .distinct()
            .order_by("fund_round__first_year", "position")
        )
        fund_round = _field(self, "fund_round", forms.ModelChoiceField)
        fund_round.queryset = FundRound.objects.filter(
            models.Q(active=True) | models.Q(pk=plan.fund_round_id)
        ).order_by("first_year")
        self._offer_statuses(plan)

    def _offer_statuses(self, plan: Plan) -> None:
        status = _field(self, "status", forms.TypedChoiceField)
        allowed = {plan.status, *TRANSITIONS.get(plan.status, frozenset())}
        status.choices = [(v, label) for v, label in PlanStatus.choices if v in allowed]

    def show_conflict(self, error: ConflictError) -> None:
        super().show_conflict(error)
        if not isinstance(error.instance, Plan):
            raise TypeError("a plan form's conflict is about a plan")
        self._offer_statuses(error.instance)

    @staticmethod
    def initial_for(plan: Plan) -> dict[str, Any]:
        initial = forms.model_to_dict(plan, fields=list(PlanForm.model_fields))
        initial["afdelinger"] = [a.pk for a in plan.afdelinger.all()]
        initial["focus_areas"] = [f.pk for f in plan.focus_areas.all()]
        return initial

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in self.relations}


def _offer_people(form: forms.Form, people: models.QuerySet[Person]) -> None:
    """The person choices: exactly the people the user may assign
    (`accounts.selectors.people_assignable_by`), so no one else is offered or accepted."""
    person = _field(form, "person", forms.ModelChoiceField)
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
        represents = _field(self, "represents", forms.ModelChoiceField)
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
        employer = _field(self, "employer", forms.ModelChoiceField)
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
            choice = _field(self, name, forms.ModelChoiceField)
            choice.queryset = people.select_related("employer").order_by("name", "pk")
            _style(choice)

    def add_service_error(self, error: ValidationError) -> None:
        for name, messages in getattr(error, "message_dict", {"__all__": error.messages}).items():
            self.add_error(name if name in self.fields else None, messages)


def person_label(person: Person) -> str:
    """A person in a list where names may repeat: name, job title, employer and id."""
    details = [d for d in (person.title, person.employer.name if person.employer else "") if d]
    details.append(_("id %(id)s") % {"id": person.pk})
    return f"{person.name} ({', '.join(details)})"


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
            _style(formfield)
        self.fields["username"].widget.attrs.pop("autofocus", None)
