"""The form of one transition of a plan's life (submit, LBF's decision, start, extend, move to
another round, …): the fields that transition takes, for the capacities the user holds. The
rules themselves are `lifecycle.rules`'; the service checks everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.lifecycle import rules
from boligsocial.lifecycle.models import Capacity, TransitionKind
from boligsocial.plans.models import Plan, PlanStatus
from boligsocial.web.forms.base import DateInput, style_field
from boligsocial.web.forms.plans import FocusAreaChoiceField


class TransitionForm(forms.Form):
    """One transition `kind` of `plan` by a user holding `held`. Prefixed by the kind, so the
    forms of several transitions live on one page with distinct ids."""

    date = forms.DateField(
        label=_("Date"),
        required=False,
        widget=DateInput,
        help_text=_("When it happened (e.g. the date of LBF's letter); today if left empty."),
    )
    note = forms.CharField(
        label=_("Internal note"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only the secretariat, LBF and the plan's editors and applicants see it."),
    )
    public_note = forms.CharField(
        label=_("Public note"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown on the public plan page when the plan is published."),
    )
    file = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("The document the step rests on, e.g. LBF's letter (PDF, DOCX, XLSX, ODT)."),
    )
    document_internal = forms.BooleanField(
        label=_("The document is internal (not for the plan's other readers)"),
        required=False,
        initial=True,
    )

    def __init__(
        self, *args: Any, kind: str, plan: Plan, held: frozenset[str], **kwargs: Any
    ) -> None:
        kwargs.setdefault("prefix", kind)
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.plan = plan
        self.label = str(TransitionKind(kind).label)
        transition = rules.TRANSITIONS[kind]
        self.transition = transition
        if len(transition.targets) > 1:
            self.fields["to_status"] = forms.ChoiceField(
                label=_("Decision"),
                choices=[
                    (value, label)
                    for value, label in PlanStatus.choices
                    if value in transition.targets
                ],
                widget=forms.RadioSelect,
            )
        allowed = [c for c in rules.CAPACITY_PREFERENCE if c in held & transition.capacities]
        if len(allowed) > 1:
            self.fields["capacity"] = forms.ChoiceField(
                label=_("In the capacity of"),
                choices=[(c, Capacity(c).label) for c in allowed],
                widget=forms.RadioSelect,
                initial=allowed[0],
            )
        if kind in (rules.EXTEND, rules.MOVE_ROUND):
            self.fields["reason"] = forms.CharField(
                label=_("Reason"),
                max_length=10_000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("The reason LBF gave for the decision."),
            )
        if kind == rules.EXTEND:
            self.fields["new_end_date"] = forms.DateField(label=_("New end date"), widget=DateInput)
        if kind == rules.MOVE_ROUND:
            self.fields["to_fund_round"] = forms.ModelChoiceField(
                label=_("To the rules of fund round"),
                queryset=FundRound.objects.exclude(pk=plan.fund_round_id).order_by("first_year"),
            )
            self.fields["focus_areas"] = FocusAreaChoiceField(
                label=_("The plan's focus areas in the new round"),
                queryset=FocusArea.objects.filter(active=True)
                .exclude(fund_round_id=plan.fund_round_id)
                .select_related("fund_round")
                .order_by("fund_round__first_year", "position"),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        if kind == rules.GRANT_DECISION and rules.ADMIN_RECORDING_LBF in held:
            # An administrator may record the decision to exceed LBF's frame when the grant
            # would (frames.services.frame_grant_book says so, with the figures).
            self.fields["exceed_frame_decision"] = forms.CharField(
                label=_("Decision to exceed LBF's frame"),
                required=False,
                max_length=10_000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_(
                    "Only when the grant is more than the frame left for the year: the written "
                    "decision to exceed it. Leave empty otherwise."
                ),
            )
        for name in self.fields:
            if name not in ("to_status", "capacity"):
                style_field(self.fields[name])
            elif isinstance(self.fields[name].widget, forms.RadioSelect):
                self.fields[name].widget.attrs["class"] = "form-radio"
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()

    def service_arguments(self) -> dict[str, Any]:
        """The service's keyword arguments from the cleaned data."""
        data = self.cleaned_data
        arguments: dict[str, Any] = {
            "date": data.get("date"),
            "note": data.get("note", ""),
            "public_note": data.get("public_note", ""),
            "upload": data.get("file"),
            "document_internal": bool(data.get("document_internal")),
        }
        for name in ("to_status", "capacity", "reason", "new_end_date", "to_fund_round"):
            if name in self.fields:
                arguments[name] = data.get(name) or (None if name != "reason" else "")
        if "exceed_frame_decision" in self.fields:
            arguments["exceed_frame_decision"] = data.get("exceed_frame_decision", "")
        if "focus_areas" in self.fields:
            arguments["focus_areas"] = list(data.get("focus_areas") or [])
        return arguments

    def add_service_error(self, error: ValidationError) -> None:
        """Put the service's refusal on the fields it names; a part the plan lacks (its
        afdelinger, challenges, budget, …) becomes an error of the whole form naming it."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for name, messages in error.message_dict.items():
            target = "file" if name == "document" else name
            if target in self.fields:
                self.add_error(target, messages)
            else:
                label = _plan_label(name)
                self.add_error(None, [f"{label}: {m}" if label else m for m in messages])


def _plan_label(name: str) -> str:
    """The label of the plan's field `name` (a part the plan lacks), or "" for another."""
    try:
        field = Plan._meta.get_field(name)
    except FieldDoesNotExist:
        return ""
    if isinstance(field, models.Field):
        return str(field.verbose_name).capitalize()
    return ""
