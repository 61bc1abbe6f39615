"""The forms of a plan's yearly reports to LBF (web/views/reporting): the report's figures,
an account line, a goal result, a milestone, submitting, LBF's decision, deleting a line, and
the filter of the all-plans list. Every form that changes a stored report carries the report's
version (the whole report is one object for edit conflicts, docs/decisions/0029)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from boligsocial.budgets.models import BudgetCategory, BudgetLine
from boligsocial.core.concurrency import ConflictError
from boligsocial.funding.models import FocusArea
from boligsocial.reporting.models import (
    AccountLine,
    DecisionCapacity,
    GoalResult,
    Milestone,
    ReportStatus,
    YearlyReport,
)
from boligsocial.web.forms.base import (
    DateInput,
    DeleteForm,
    ServiceForm,
    VersionedForm,
    style_field,
    typed_field,
)
from boligsocial.web.forms.budgets import AmountField
from boligsocial.web.templatetags.boligsocial import kr

# Fields a conflict never names: kept by the system, not typed by anyone.
SYSTEM_FIELDS = frozenset({"changed_at", "created_at"})


class ReportVersioned(VersionedForm):
    """A form checked against the version of the whole report: a conflict names the
    report's own fields that changed; when only its lines changed, it says so."""

    def show_conflict(self, error: ConflictError) -> None:
        super().show_conflict(error)
        self.conflict.changes = [
            change
            for change in self.conflict.changes
            if change.name not in SYSTEM_FIELDS and change.name in self.fields
        ]
        if not self.conflict.changes:
            self.conflict.message = _(
                "Someone else changed this report (its figures, accounts, goals or milestones) "
                "after you opened this form, so your changes were not saved. Check the report "
                "and save again."
            )


class ReportDeleteForm(ReportVersioned, DeleteForm):
    """The confirmation of deleting a line of the report."""

    def show_conflict(self, error: ConflictError) -> None:
        ReportVersioned.show_conflict(self, error)
        self.conflict.message = _(
            "Someone else changed this report after you opened this page, so nothing was "
            "deleted. Check the report and delete the line again if it is still a mistake."
        )


def _focus_areas(form: forms.Form, focus_areas: QuerySet[FocusArea], *, blank: Any) -> None:
    field = typed_field(form, "focus_area", forms.ModelChoiceField)
    field.queryset = focus_areas
    field.empty_label = blank


class BalanceField(AmountField):
    """A balance in kroner: an amount that may be negative (more spent than received)."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            text = value.strip()
            for minus in ("-", "−"):
                if text.startswith(minus):
                    amount = super().to_python(text[len(minus) :])
                    return -amount if amount is not None else None
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | int) and value < 0:
            return "-" + str(super().prepare_value(-Decimal(value)))
        return super().prepare_value(value)


def _amount(label: Any, help_text: Any, field: type[AmountField] = AmountField) -> AmountField:
    return field(label=label, help_text=help_text, required=False)


class ReportFiguresForm(ReportVersioned, ServiceForm):
    """The report's own figures: received from LBF and locally, the opening balance, a note.
    Amounts typed in Danish (1.234.567,50) or with a decimal point (1234567.50)."""

    model = YearlyReport
    model_fields = ("lbf_received", "local_received", "opening_balance", "note")
    lbf_received = _amount(_("Received from LBF"), _("Paid out by LBF for the year, in kroner."))
    local_received = _amount(
        _("Local co-financing received"),
        _(
            "Paid in by the municipality, the housing organisations and other local sources "
            "for the year, in kroner."
        ),
    )
    opening_balance = _amount(
        _("Opening balance"),
        _("Empty: carried forward from the previous year's closing balance."),
        BalanceField,
    )

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        for name in ("lbf_received", "local_received"):
            if name in self.cleaned_data and self.cleaned_data[name] is None:
                self.cleaned_data[name] = Decimal("0.00")  # empty: nothing received
        return cleaned

    widgets: ClassVar[dict[str, type[forms.Widget] | forms.Widget]] = {
        "note": forms.Textarea(attrs={"rows": 3}),
    }


def budget_line_label(line: BudgetLine) -> str:
    focus = str(line.focus_area) if line.focus_area_id else str(_("Across focus areas"))
    source = line.get_source_kind_display()
    return f"{line.text} – {line.category} – {focus} – {source} ({kr(line.amount)})"


class AccountLineForm(ReportVersioned, ServiceForm):
    """A line of the accounts: the budget line it is spent on (its category, focus area and
    text are taken when left empty), or a category and a text; the amount spent."""

    model = AccountLine
    model_fields = ("line_key", "category", "focus_area", "text", "amount")
    amount = AmountField(label=_("Amount spent (kr.)"))

    def __init__(
        self,
        *args: Any,
        budget_lines: list[BudgetLine],
        categories: QuerySet[BudgetCategory],
        focus_areas: QuerySet[FocusArea],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("None: not on a line of the budget"))] + [
            (line.key, budget_line_label(line)) for line in budget_lines
        ]
        kept = self.initial.get("line_key")
        if kept and kept not in {key for key, _label in choices}:
            choices.append((kept, kept))  # a line a later budget version no longer has
        self.fields["line_key"] = forms.ChoiceField(
            label=_("Budget line"),
            required=False,
            choices=choices,
            help_text=_("The line of the current budget the money was spent on."),
        )
        style_field(self.fields["line_key"])
        category = typed_field(self, "category", forms.ModelChoiceField)
        category.queryset = categories
        category.required = False
        category.empty_label = _("The budget line's")
        category.help_text = _("Empty: the budget line's category.")
        _focus_areas(self, focus_areas, blank=_("Across focus areas (fælles)"))
        self.fields["focus_area"].help_text = _("Empty: across focus areas, or the budget line's.")
        self.fields["text"].required = False
        self.fields["text"].help_text = _("What the money was spent on. Empty: the budget line's.")


class GoalResultForm(ReportVersioned, ServiceForm):
    """A goal of one focus area: the indicator it is measured by, baseline, target, result."""

    model = GoalResult
    model_fields = ("focus_area", "goal", "indicator", "baseline", "target", "result")
    widgets: ClassVar[dict[str, type[forms.Widget] | forms.Widget]] = {
        "goal": forms.Textarea(attrs={"rows": 3}),
        "result": forms.Textarea(attrs={"rows": 3}),
    }

    def __init__(self, *args: Any, focus_areas: QuerySet[FocusArea], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _focus_areas(self, focus_areas, blank=_("Choose a focus area"))


class MilestoneForm(ReportVersioned, ServiceForm):
    """A milestone of the milepælsplan for the coming year."""

    model = Milestone
    model_fields = ("due_on", "text", "focus_area")

    def __init__(self, *args: Any, focus_areas: QuerySet[FocusArea], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _focus_areas(self, focus_areas, blank=_("Across focus areas (fælles)"))


class StepForm(ReportVersioned):
    """A step of the report (submitting, LBF's decision): a service's refusal goes on the
    fields it names, or on the form."""

    def add_service_error(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for name, messages in error.message_dict.items():
            self.add_error(name if name in self.fields else None, messages)


class SubmitForm(StepForm):
    """Sending the report to LBF: only as the editor saw it."""

    submitted_on = forms.DateField(
        label=_("Submitted on"),
        required=False,
        help_text=_("Empty: today. A date when the report was sent earlier by letter or e-mail."),
        widget=DateInput(attrs={"class": "form-input"}),
    )


class DecisionForm(StepForm):
    """LBF's decision on a submitted report: the date, the capacity (only those the user
    holds are offered) and the remarks (required to return it)."""

    decided_on = forms.DateField(
        label=_("LBF's decision on"),
        widget=DateInput(attrs={"class": "form-input"}),
    )
    decision_capacity = forms.ChoiceField(
        label=_("Recorded in the capacity"), widget=forms.RadioSelect
    )
    remarks = forms.CharField(
        label=_("LBF's remarks"),
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-input"}),
    )

    def __init__(
        self, *args: Any, capacities: tuple[str, ...], remarks_required: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = typed_field(self, "decision_capacity", forms.ChoiceField)
        field.choices = [(c, DecisionCapacity(c).label) for c in capacities]
        if len(capacities) == 1:
            self.initial.setdefault("decision_capacity", capacities[0])
        self.fields["remarks"].required = remarks_required
        self.fields["remarks"].help_text = (
            _("What LBF asks to be changed before the report is submitted again.")
            if remarks_required
            else _("LBF's remarks on approving the report, if any.")
        )


OPEN = "open"
LATE = "late"
ALL = "all"


class ReportsFilterForm(forms.Form):
    """`?status=` of the all-plans list: the open reports (not approved) by default, one
    status, the late ones or all."""

    status = forms.ChoiceField(
        label=_("Reports"),
        required=False,
        choices=[
            (OPEN, _("Not yet approved by LBF")),
            (LATE, _("Late")),
            *ReportStatus.choices,
            (ALL, _("All")),
        ],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
