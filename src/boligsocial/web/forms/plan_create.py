"""The forms that create a plan ("Ny helhedsplan") and prepare its application: the texts
(challenges with the fund round's character limit, purpose, goals per focus area, the
municipality's recommendation) and the budget estimate per year and source."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from boligsocial.areas.models import Afdeling
from boligsocial.core.forms import IdsChoiceField
from boligsocial.core.numbers import NumberFormat, parse_number
from boligsocial.funding.models import FocusArea, FundRound
from boligsocial.governance.models import Person
from boligsocial.plans.models import BudgetSource, Plan
from boligsocial.plans.services import BudgetEstimateInput
from boligsocial.web.forms.base import ServiceForm, VersionedForm, style_field, typed_field
from boligsocial.web.forms.plans import AfdelingChoiceField, FocusAreaChoiceField

# How many afdelinger one search shows; a narrower search finds the rest.
SEARCH_LIMIT = 25


class PlanCreateForm(ServiceForm):
    """A new plan as an idea. The afdelinger are chosen with a search (`afdeling_search`):
    the chosen ones are posted as `afdelinger`, whatever the number of afdelinger in the
    installation; the form never lists them all."""

    model = Plan
    model_fields = (
        "name",
        "fund_round",
        "start_date",
        "end_date",
        "length_reason",
        "fund_round_reason",
        "afdelinger",
        "focus_areas",
    )
    widgets: ClassVar[dict[str, type[forms.Widget] | forms.Widget]] = {
        "afdelinger": forms.CheckboxSelectMultiple,
        "focus_areas": forms.CheckboxSelectMultiple,
        "length_reason": forms.Textarea(attrs={"rows": 2}),
        "fund_round_reason": forms.Textarea(attrs={"rows": 2}),
    }
    field_classes: ClassVar[dict[str, type[forms.Field]]] = {
        "afdelinger": AfdelingChoiceField,
        "focus_areas": FocusAreaChoiceField,
    }
    afdeling_search = forms.CharField(
        label=_("Find afdelinger"),
        required=False,
        max_length=200,
        help_text=_(
            "Search by the afdeling's name or number, its housing organisation, housing area "
            "or municipality; every word must match."
        ),
    )
    # The working group (decision 0025): people chosen with a search, like the afdelinger; the
    # view narrows the queryset to the people the user may read.
    working_group = IdsChoiceField(
        label=_("Working group"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The people who prepare the plan, from the people register. Each gets a seat in "
            "the plan's working group from today, representing their employer."
        ),
    )
    person_search = forms.CharField(
        label=_("Find people"),
        required=False,
        max_length=200,
        help_text=_("Search by name, job title or employer; every word must match."),
    )
    note = forms.CharField(
        label=_("Note on the idea (internal)"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, people: QuerySet[Person] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group = typed_field(self, "working_group", forms.ModelMultipleChoiceField)
        group.queryset = (people if people is not None else Person.objects.none()).select_related(
            "employer"
        )
        afdelinger = typed_field(self, "afdelinger", forms.ModelMultipleChoiceField)
        afdelinger.queryset = Afdeling.objects.select_related("organisation")
        afdelinger.help_text = _(
            "The afdelinger the plan covers, across housing organisations; "
            "the plan's areas are theirs."
        )
        focus = typed_field(self, "focus_areas", forms.ModelMultipleChoiceField)
        focus.queryset = (
            FocusArea.objects.filter(active=True, fund_round__active=True)
            .select_related("fund_round")
            .order_by("fund_round__first_year", "position")
        )
        focus.help_text = _("Choose the focus areas of the plan's fund round.")
        fund_round = typed_field(self, "fund_round", forms.ModelChoiceField)
        fund_round.queryset = FundRound.objects.filter(active=True).order_by("first_year")
        self.fields["name"].help_text = _("E.g. “Helhedsplan for Testparken 2027–2030”.")
        self.fields["start_date"].label = _("Intended start")
        self.fields["end_date"].label = _("Intended end")
        for name in ("afdeling_search", "person_search", "note"):
            style_field(self.fields[name])

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("afdeling_search", None)
        data.pop("person_search", None)
        data.pop("working_group", None)
        return data


class ApplicationForm(VersionedForm, ServiceForm):
    """The application's texts on the plan, with one goals field per chosen focus area
    (`goals_<id>`)."""

    model = Plan
    model_fields = (
        "challenges",
        "purpose",
        "municipality_recommendation_date",
        "municipality_recommendation_note",
    )
    widgets: ClassVar[dict[str, type[forms.Widget] | forms.Widget]] = {
        "challenges": forms.Textarea(attrs={"rows": 12}),
        "purpose": forms.Textarea(attrs={"rows": 4}),
        "municipality_recommendation_note": forms.Textarea(attrs={"rows": 3}),
    }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        kwargs.setdefault("version_of", plan)
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.focus_areas = list(plan.focus_areas.select_related("fund_round"))
        goals = {g.focus_area_id: g.goals for g in plan.focus_area_goals.all()}
        for focus_area in self.focus_areas:
            field = forms.CharField(
                label=_("Goals in “%(focus_area)s”") % {"focus_area": focus_area.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            style_field(field)
            self.fields[f"goals_{focus_area.pk}"] = field
            if not self.is_bound:
                self.initial[f"goals_{focus_area.pk}"] = goals.get(focus_area.pk, "")
        challenges = self.fields["challenges"]
        self.challenges_limit = plan.fund_round.challenges_max_chars
        if self.challenges_limit is not None:
            # No maxlength attribute: a browser would cut a pasted text silently; the counter
            # says how much is too much, and the service refuses it.
            challenges.widget.attrs["data-char-limit"] = str(self.challenges_limit)

    @staticmethod
    def initial_for(plan: Plan) -> dict[str, Any]:
        return forms.model_to_dict(plan, fields=list(ApplicationForm.model_fields))

    def goal_fields(self) -> list[forms.BoundField]:
        return [self[f"goals_{fa.pk}"] for fa in self.focus_areas]

    def text_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.model_fields]

    def application_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.model_fields}

    def goals(self) -> dict[FocusArea, str]:
        return {fa: self.cleaned_data.get(f"goals_{fa.pk}", "") for fa in self.focus_areas}


class BudgetForm(VersionedForm):
    """The budget estimate as a grid: one amount (kr.) per year of the plan's period and
    source (`amount_<year>_<source>`); an empty cell is no estimate. Amounts are written the
    Danish way (1.234.567,50)."""

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        kwargs.setdefault("version_of", plan)
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.years = list(range(plan.start_date.year, plan.end_date.year + 1))
        self.sources = list(BudgetSource.choices)
        stored = {(e.year, e.source): e.amount for e in plan.budget_estimates.all()}
        for year in self.years:
            for source, label in self.sources:
                name = f"amount_{year}_{source}"
                field = forms.CharField(
                    label=_("%(source)s, %(year)s (kr.)") % {"source": label, "year": year},
                    required=False,
                    max_length=40,
                )
                field.widget.attrs.update({"inputmode": "decimal", "class": "form-input"})
                self.fields[name] = field
                if not self.is_bound and (year, source) in stored:
                    self.initial[name] = _danish(stored[(year, source)])

    def add_service_error(self, error: ValidationError) -> None:
        """The service names each refused row by its number, year and source."""
        self.add_error(None, error.messages)

    def rows(self) -> list[tuple[int, list[forms.BoundField]]]:
        return [
            (year, [self[f"amount_{year}_{source}"] for source, _label in self.sources])
            for year in self.years
        ]

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        self.estimates: list[BudgetEstimateInput] = []
        for year in self.years:
            for source, _label in self.sources:
                name = f"amount_{year}_{source}"
                text = (self.cleaned_data.get(name) or "").strip()
                if not text:
                    continue
                try:
                    amount = parse_number(text, NumberFormat.DANISH)
                except ValueError:
                    self.add_error(
                        name,
                        gettext("“%(text)s” is not an amount; write it like 1.234.567,50 (kr.).")
                        % {"text": text},
                    )
                    continue
                self.estimates.append(BudgetEstimateInput(year, source, amount))
        return cleaned


def _danish(amount: Decimal) -> str:
    """1234567.5 as 1.234.567,50 and 3000000 as 3.000.000: the format the grid reads back,
    whatever the page's language."""
    whole, _point, cents = f"{amount:,.2f}".partition(".")
    whole = whole.replace(",", ".")
    return whole if cents == "00" else f"{whole},{cents}"
