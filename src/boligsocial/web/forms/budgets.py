"""The forms of a plan's budget: one budget line of a draft, deleting a line, starting an
omplacering, approving a draft, discarding it, and choosing a co-financer for the overview.
Amounts are typed as Danish `1.234,50` or `1234.50`; a text that could mean either (`1.500`) is
refused with the two readings, never guessed."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, ClassVar

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from boligsocial.areas.models import Afdeling
from boligsocial.budgets.models import BudgetCategory, BudgetLine
from boligsocial.budgets.rules import AMOUNT_MAX
from boligsocial.core.concurrency import ConflictError
from boligsocial.core.numbers import NumberFormat, parse_number
from boligsocial.core.validation import LONG_TEXT_MAX
from boligsocial.funding.models import FocusArea
from boligsocial.governance.models import Body
from boligsocial.organisations.models import Municipality, Organisation
from boligsocial.web.conflicts import ChangedField
from boligsocial.web.forms import afdeling_label
from boligsocial.web.forms.agreements import CompareForm
from boligsocial.web.forms.base import (
    DateInput,
    DeleteForm,
    ServiceForm,
    VersionedForm,
    style_field,
    typed_field,
)

__all__ = [
    "AmountField",
    "ApproveForm",
    "BudgetOpenForm",
    "CofinancerForm",
    "CompareForm",
    "DiscardForm",
    "LineDeleteForm",
    "LineForm",
    "RevisionStartForm",
    "parse_amount",
]

ORE = Decimal("0.01")


def _danish(value: Decimal) -> str:
    """1234567.5 → "1.234.567,50", whatever the page's language (what the field reads back)."""
    whole, _point, cents = f"{value:,.2f}".partition(".")
    return f"{whole.replace(',', '.')},{cents}"


def _decimals(text: str, mark: str) -> int:
    return len(text.rpartition(mark)[2]) if mark in text else 0


def parse_amount(text: str) -> Decimal:
    """An amount typed into a form: Danish (`1.234,50`, `1234,5`, `2.000`) or with a decimal
    point and no thousands (`1234.50`). A point followed by three digits is a Danish thousands'
    dot (money has two decimals); a comma followed by three digits (`1,500`) could be either
    and is refused. ValueError with a message for the user otherwise."""
    value = text.strip().removesuffix("kr.").removesuffix("kr").strip()
    readings: dict[NumberFormat, Decimal] = {}
    for fmt in (NumberFormat.DANISH, NumberFormat.PLAIN):
        try:
            readings[fmt] = parse_number(value, fmt)
        except ValueError:
            continue
    if NumberFormat.DANISH in readings and _decimals(value, ".") > 2 and "," not in value:
        readings.pop(NumberFormat.PLAIN, None)  # "2.000": two thousand, not 2,000 kroner
    ambiguous = "." not in value and _decimals(value, ",") == 3
    if not readings:
        raise ValueError(
            gettext("“%(text)s” is not an amount; write it like 1.234.567,50 or 1234567.50.")
            % {"text": text}
        )
    if ambiguous or len(set(readings.values())) > 1:
        first = next(iter(readings.values()))
        second = first * 1000 if ambiguous else list(readings.values())[1]
        raise ValueError(
            gettext(
                "“%(text)s” can be read as %(first)s kr. or %(second)s kr.; write the øre "
                "after a decimal comma (e.g. 1.500,00), or leave out the thousands' dot."
            )
            % {"text": text, "first": _danish(first), "second": _danish(second)}
        )
    amount = next(iter(readings.values()))
    if amount < 0:
        raise ValueError(gettext("An amount cannot be negative."))
    if amount != amount.quantize(ORE, ROUND_HALF_UP):
        raise ValueError(gettext("An amount has at most two decimals (øre)."))
    if amount > AMOUNT_MAX:
        raise ValueError(gettext("The largest amount is 999.999.999,99 kr."))
    return amount.quantize(ORE)


class AmountField(forms.CharField):
    """An amount in kroner (Decimal with øre), typed in Danish or with a decimal point."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | int):
            return _danish(Decimal(value))
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, Decimal):
            return value
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_amount(text)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid") from None

    def run_validators(self, value: Any) -> None:
        """parse_amount holds the rules (max_length is the text's, not the number's)."""


class AfdelingSourceField(forms.ModelChoiceField):
    """One of the plan's afdelinger, named with its organisation and number."""

    def label_from_instance(self, obj: Any) -> str:
        return afdeling_label(obj)


class BodyField(forms.ModelChoiceField):
    """One of the plan's boards, by its name (the plan is the page's)."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class BudgetVersioned(VersionedForm):
    """A form whose token is the budget version's (`changed_at` moves with every line): when
    someone else changed the budget meanwhile, the conflict message says when, and that what
    the editor wrote is kept on the form."""

    def show_conflict(self, error: ConflictError) -> None:
        seen = (self.seen_values or {}).get("changed_at")
        super().show_conflict(error)
        self.conflict.changes = [
            ChangedField(
                name="changed_at",
                label=gettext("The budget was last changed"),
                seen=_when(seen),
                current=_when(error.current.get("changed_at")),
            )
        ]
        self.conflict.advice = gettext(
            "The form shows what you wrote. Look at the budget as it is now (open it in another "
            "tab), then save again if your change still applies."
        )


def _when(value: Any) -> str:
    if not value:
        return gettext("(empty)")
    moment = timezone.localtime(datetime.fromisoformat(value))
    return date_format(moment, "DATETIME_FORMAT")


class LineForm(BudgetVersioned, ServiceForm):
    """One line of a draft budget. The version token is the budget version's: a line saved
    by someone else since the form was opened (anywhere in the budget) is a conflict."""

    model = BudgetLine
    model_fields: ClassVar[tuple[str, ...]] = (
        "year",
        "category",
        "focus_area",
        "text",
        "source_kind",
        "source_organisation",
        "source_afdeling",
        "source_name",
        "in_kind",
        "amount",
    )
    field_classes: ClassVar[dict[str, type[forms.Field]]] = {}

    def __init__(
        self,
        *args: Any,
        years: list[int],
        focus_areas: QuerySet[FocusArea],
        organisations: QuerySet[Organisation],
        afdelinger: QuerySet[Afdeling],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"] = forms.TypedChoiceField(
            label=_("Year"), coerce=int, choices=[(y, str(y)) for y in years]
        )
        self.fields["amount"] = AmountField(
            label=_("Amount (kr.)"),
            help_text=_("In kroner with øre, e.g. 125.000 or 1.234,50."),
        )
        category = typed_field(self, "category", forms.ModelChoiceField)
        category.queryset = BudgetCategory.objects.order_by("position", "code")
        focus = typed_field(self, "focus_area", forms.ModelChoiceField)
        focus.queryset = focus_areas
        focus.empty_label = gettext("Shared (across focus areas)")
        typed_field(self, "source_organisation", forms.ModelChoiceField).queryset = organisations
        self.fields["source_afdeling"] = AfdelingSourceField(
            queryset=afdelinger,
            required=False,
            label=capfirst(BudgetLine._meta.get_field("source_afdeling").verbose_name),
        )
        self.fields["source_organisation"].help_text = _(
            "The municipality, housing organisation, foundation or other organisation that pays "
            "(not for LBF or an afdeling)."
        )
        self.fields["source_afdeling"].help_text = _("Only when an afdeling pays.")
        for name in ("year", "amount", "source_afdeling"):
            style_field(self.fields[name])


class LineDeleteForm(BudgetVersioned, DeleteForm):
    """Deleting a line of a draft (the budget version's token: nothing deleted unseen)."""


class DiscardForm(BudgetVersioned, DeleteForm):
    """Throwing away a draft omplacering (or a draft original that was never granted)."""


class RevisionStartForm(forms.Form):
    """Starting an omplacering: a draft copied from the latest approved version."""

    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the omplacering is for, e.g. money moved from one activity to another."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        style_field(self.fields["note"])

    def add_service_error(self, error: Any) -> None:
        self.add_error(None, error.messages)


class BudgetOpenForm(forms.Form):
    """Starting the plan's budget: the draft original, from the application's estimate."""

    def add_service_error(self, error: Any) -> None:
        self.add_error(None, error.messages)


class ApproveForm(BudgetVersioned):
    """The plan's board approves a draft omplacering: the date, the board and its decision."""

    approved_on = forms.DateField(
        label=_("Approved on"),
        help_text=_("The date of the board's decision."),
        widget=DateInput(attrs={"class": "form-input"}),
    )
    body = BodyField(
        label=_("Approved by"),
        queryset=Body.objects.none(),
        help_text=_("The plan's bestyrelse that decided."),
    )
    decision = forms.CharField(
        label=_("Decision"),
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The board's decision as minuted, e.g. the item and what was decided."),
    )

    def __init__(self, *args: Any, bodies: QuerySet[Body], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body = typed_field(self, "body", BodyField)
        body.queryset = bodies
        body.required = bool(bodies)  # a plan without a board records the decision alone
        if not self.is_bound and len(bodies) == 1:
            self.initial.setdefault("body", bodies[0].pk)
        for name in ("body", "decision"):
            style_field(self.fields[name])

    def add_service_error(self, error: Any) -> None:
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


class CofinancerForm(forms.Form):
    """`?organisation=` or `?kommune=`: whose commitments the overview shows."""

    organisation = forms.ModelChoiceField(
        label=_("Housing organisation or other co-financer"),
        queryset=Organisation.objects.none(),
        required=False,
        to_field_name="slug",
    )
    kommune = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        to_field_name="code",
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        municipalities: QuerySet[Municipality],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        typed_field(self, "organisation", forms.ModelChoiceField).queryset = organisations
        typed_field(self, "kommune", forms.ModelChoiceField).queryset = municipalities
        for field in self.fields.values():
            style_field(field)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if cleaned and cleaned.get("organisation") and cleaned.get("kommune"):
            self.add_error(
                "kommune", gettext("Choose an organisation or a municipality, not both.")
            )
        return cleaned
