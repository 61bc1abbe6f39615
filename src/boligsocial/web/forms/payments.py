"""The forms of LBF's instalments: recording a payment, changing the plan of an unpaid
instalment, and confirming that the instalments are planned from the approved budget. An
amount is read by the budget pages' `AmountField` (Danish `1.234,50`, or `1234.50`; an
ambiguous one refused); the services check the amount's range."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligsocial.core.validation import LONG_TEXT_MAX
from boligsocial.payments.models import Instalment
from boligsocial.web.forms.base import DateInput, ServiceForm, VersionedForm
from boligsocial.web.forms.budgets import AmountField


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
