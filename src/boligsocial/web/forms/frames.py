"""The forms of LBF's frame (docs/decisions/0031): which round's frame to show, booking rent
support (huslejestøtte) to an afdeling, and the period of the redistribution. An afdeling is
named by its housing organisation and number, so the form stays small with 7,000 afdelinger."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligsocial.areas.models import Afdeling
from boligsocial.core.validation import LONG_TEXT_MAX
from boligsocial.frames.models import FrameBooking
from boligsocial.funding.models import FundRound
from boligsocial.organisations.models import Organisation, OrganisationKind
from boligsocial.web.forms.base import DateInput, ServiceForm, style_field, typed_field
from boligsocial.web.forms.budgets import AmountField

YEAR_MIN, YEAR_MAX = 1900, 2999
# The longest period the redistribution page sums over.
PERIOD_MAX_YEARS = 50


class RoundForm(forms.Form):
    """`?runde=`: the fund round whose frame is shown."""

    runde = forms.ChoiceField(label=_("Fund round"))

    def __init__(self, *args: Any, rounds: list[FundRound], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = typed_field(self, "runde", forms.ChoiceField)
        field.choices = [(r.code, f"{r.code} ({r.name})") for r in rounds]
        style_field(field)


class RentSupportForm(ServiceForm):
    """Rent support to one afdeling in one of the round's frame years. The decision to exceed
    the frame is asked of administrators only (`may_exceed`)."""

    model = FrameBooking
    model_fields: ClassVar[tuple[str, ...]] = ()

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    organisation = forms.ModelChoiceField(
        label=_("Housing organisation"),
        queryset=Organisation.objects.none(),
        help_text=_("The housing organisation that owns the afdeling."),
    )
    afdeling_number = forms.CharField(
        label=_("Afdeling number"), max_length=20, help_text=_("As the organisation numbers it.")
    )
    amount = AmountField(label=_("Amount (kr.)"), help_text=_("E.g. 1.250.000,00."))
    booked_on = forms.DateField(label=_("Booked on"), widget=DateInput)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E.g. LBF's case number, or what the support is for."),
    )
    exceed_decision = forms.CharField(
        label=_("Decision to exceed the frame"),
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only when the rent support does not fit the frame: who decided to exceed it, "
            "when, and why. An administrator records it."
        ),
    )

    def __init__(self, *args: Any, years: list[int], may_exceed: bool, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("booked_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        typed_field(self, "year", forms.TypedChoiceField).choices = [(y, str(y)) for y in years]
        organisation = typed_field(self, "organisation", forms.ModelChoiceField)
        organisation.queryset = self.housing_organisations()
        if not may_exceed:
            del self.fields["exceed_decision"]
        self.afdeling: Afdeling | None = None

    @staticmethod
    def housing_organisations() -> QuerySet[Organisation]:
        return Organisation.objects.filter(kind=OrganisationKind.HOUSING).order_by("name", "pk")

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        organisation = self.cleaned_data.get("organisation")
        number = (self.cleaned_data.get("afdeling_number") or "").strip()
        if organisation is not None and number:
            self.afdeling = Afdeling.objects.filter(
                organisation=organisation, number=number
            ).first()
            if self.afdeling is None:
                self.add_error(
                    "afdeling_number",
                    ValidationError(
                        _("%(organisation)s has no afdeling number %(number)s.")
                        % {"organisation": organisation.name, "number": number}
                    ),
                )
        return cleaned


class PeriodForm(forms.Form):
    """`?fra=&til=`: the years the redistribution sums over, both included."""

    fra = forms.IntegerField(label=_("From year"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    til = forms.IntegerField(label=_("To year"), min_value=YEAR_MIN, max_value=YEAR_MAX)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            style_field(field)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        first, last = self.cleaned_data.get("fra"), self.cleaned_data.get("til")
        if first is not None and last is not None:
            if last < first:
                self.add_error("til", _("The last year is before the first year."))
            elif last - first >= PERIOD_MAX_YEARS:
                self.add_error(
                    "til",
                    _("A period is at most %(years)s years.") % {"years": PERIOD_MAX_YEARS},
                )
        return cleaned
