"""The form that edits a plan, and how it names afdelinger and focus areas."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from boligsocial.areas.models import Afdeling
from boligsocial.core.forms import IdsChoiceField
from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.plans.models import Plan
from boligsocial.web.forms.base import (
    ServiceForm,
    VersionedForm,
    typed_field,
)


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

    def __init__(self, *args: Any, plan: Plan, may_publish: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("version_of", plan)
        super().__init__(*args, **kwargs)
        if not may_publish:
            # Only the secretariat publishes (decision 0025): a disabled field ignores what is
            # posted and keeps the plan's value.
            published = self.fields["published"]
            published.disabled = True
            published.help_text = _("Only the secretariat publishes a plan.")
            self.initial["published"] = plan.published
        afdelinger = typed_field(self, "afdelinger", forms.ModelMultipleChoiceField)
        afdelinger.queryset = Afdeling.objects.select_related("organisation").order_by(
            "organisation__name", "number"
        )
        focus = typed_field(self, "focus_areas", forms.ModelMultipleChoiceField)
        focus.queryset = (
            FocusArea.objects.filter(models.Q(active=True) | models.Q(plans=plan))
            .select_related("fund_round")
            .distinct()
            .order_by("fund_round__first_year", "position")
        )
        fund_round = typed_field(self, "fund_round", forms.ModelChoiceField)
        fund_round.queryset = FundRound.objects.filter(
            models.Q(active=True) | models.Q(pk=plan.fund_round_id)
        ).order_by("first_year")

    @staticmethod
    def initial_for(plan: Plan) -> dict[str, Any]:
        initial = forms.model_to_dict(plan, fields=list(PlanForm.model_fields))
        initial["afdelinger"] = [a.pk for a in plan.afdelinger.all()]
        initial["focus_areas"] = [f.pk for f in plan.focus_areas.all()]
        return initial

    def service_data(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in self.relations}
