"""The forms of LBF's instalments: recording a payment, changing the plan of an unpaid
instalment, and confirming that the instalments are planned from the approved budget. An
amount is typed as Danes write it (`1.234,50`, `1234,50`) or with a decimal point where that
cannot mean thousands (`1234.50`); the services check the amount's range."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligsocial.core.numbers import NumberFormat, parse_number
from boligsocial.core.validation import LONG_TEXT_MAX
from boligsocial.payments.models import Instalment
from boligsocial.web.forms.base import DateInput, ServiceForm, VersionedForm

# "1.234" or "12.345.678": dots between groups of three digits are Danish thousands (an amount
# in kroner never has three decimals), so the amount is read as Danish.
_DANISH_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:\.\d{3})+")
_SUFFIX = re.compile(r"\s*(?:kr\.?|dkk)\s*$", re.IGNORECASE)


def parse_amount(text: str) -> Decimal:
    """An amount typed in a form, in kroner. Raises ValueError when it is not a number."""
    value = _SUFFIX.sub("", text.strip())
    if "," in value or _DANISH_THOUSANDS.fullmatch(value):
        return parse_number(value, NumberFormat.DANISH)
    return parse_number(value, NumberFormat.PLAIN)


class AmountField(forms.Field):
    """An amount in kroner with øre, e.g. `1.234.567,50`."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _("Write the amount in kroner, e.g. 1.234.567,50."),
    }
    MAX_CHARS = 40

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        return attrs

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            text = f"{value:,.2f}"  # 1,234.50 → 1.234,50
            return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        return value

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, Decimal):
            return value
        text = str(value or "").strip()
        if not text:
            return None
        try:
            if len(text) > self.MAX_CHARS:
                raise ValueError(text)
            return parse_amount(text)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def _note() -> forms.CharField:
    return forms.CharField(
        label=_("Note"),
        required=False,
        max_length=LONG_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class _InstalmentForm(VersionedForm, ServiceForm):
    """A form of one stored instalment: only as the editor saw it (an edit conflict else)."""

    model = Instalment
    model_fields: ClassVar[tuple[str, ...]] = ()


class PayForm(_InstalmentForm):
    """LBF's payment of an instalment: when, how much (the planned amount unless changed)."""

    paid_on = forms.DateField(
        label=_("Paid on"),
        help_text=_("The date LBF paid the instalment; not after today."),
        widget=DateInput,
    )
    amount = AmountField(
        label=_("Amount paid (kr.)"),
        help_text=_("More than 0 kr., e.g. 1.234.567,50; it may differ from the planned amount."),
    )
    note = _note()

    def __init__(self, *args: Any, instalment: Instalment, **kwargs: Any) -> None:
        super().__init__(*args, version_of=instalment, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("paid_on", timezone.localdate())
            self.initial.setdefault("amount", instalment.planned_amount)
            self.initial.setdefault("note", instalment.note)


class PlanEditForm(_InstalmentForm):
    """The planned date and amount of an unpaid instalment."""

    planned_on = forms.DateField(label=_("Planned on"), widget=DateInput)
    planned_amount = AmountField(
        label=_("Planned amount (kr.)"), help_text=_("0 kr. or more, e.g. 1.234.567,50.")
    )
    note = _note()

    def __init__(self, *args: Any, instalment: Instalment, **kwargs: Any) -> None:
        super().__init__(*args, version_of=instalment, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("planned_on", instalment.planned_on)
            self.initial.setdefault("planned_amount", instalment.planned_amount)
            self.initial.setdefault("note", instalment.note)


class ScheduleForm(ServiceForm):
    """The confirmation that the instalments are planned from the approved budget."""

    model = Instalment
    model_fields: ClassVar[tuple[str, ...]] = ()
