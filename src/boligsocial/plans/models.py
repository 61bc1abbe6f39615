from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boligsocial.core.models import SlugHistory
from boligsocial.core.validation import check_period, long_text, unique_problem

# The longest description of the challenges any installation stores; a fund round's own limit
# (`FundRound.challenges_max_chars`) is usually much lower.
CHALLENGES_MAX = 50_000
# The largest budget estimate of one year and source (kr.), far above any real plan's.
BUDGET_AMOUNT_MAX = Decimal("1000000000")


class PlanStatus(models.TextChoices):
    """A plan's state in its life from idea to grant to end (docs/decisions/0020). The state
    changes only through the transitions of `boligsocial.lifecycle.services`."""

    IDEA = "idea", _("Idea (under preparation)")
    PREQUALIFICATION_SUBMITTED = (
        "prequalification_submitted",
        _("Pre-qualification application submitted"),
    )
    PREQUALIFIED = "prequalified", _("Pre-qualified")
    REJECTED = "rejected", _("Rejected (afslag)")
    IN_DIALOGUE = "in_dialogue", _("In dialogue with LBF")
    PLAN_SUBMITTED = "plan_submitted", _("Full plan submitted")
    GRANTED = "granted", _("Granted (tilsagn)")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The stored values before decision 0020 (Danish keys), still accepted by the API's filters as
# deprecated aliases.
LEGACY_STATUS_VALUES: dict[str, str] = {
    "forberedelse": PlanStatus.IDEA,
    "praekvalificeret": PlanStatus.PREQUALIFIED,
    "tilsagn": PlanStatus.GRANTED,
    "igang": PlanStatus.RUNNING,
    "afsluttet": PlanStatus.ENDED,
    "afslag": PlanStatus.REJECTED,
}


class Plan(models.Model):
    """A boligsocial helhedsplan."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    lbf_number = models.CharField(_("LBF plan number"), max_length=40, blank=True)
    fund_round = models.ForeignKey(
        "funding.FundRound",
        verbose_name=_("fund round"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    afdelinger = models.ManyToManyField(
        "areas.Afdeling",
        verbose_name=_("afdelinger"),
        blank=True,
        related_name="plans",
    )
    focus_areas = models.ManyToManyField(
        "funding.FocusArea",
        verbose_name=_("focus areas (indsatsområder)"),
        blank=True,
        related_name="plans",
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    length_reason = models.TextField(
        _("reason for a non-standard length"),
        blank=True,
        help_text=_("Required when the period is not the fund round's normal length."),
        validators=[long_text],
    )
    fund_round_reason = models.TextField(
        _("reason for a period outside the fund round"),
        blank=True,
        help_text=_(
            "Required when the plan does not start within its fund round's years, "
            "e.g. moved to a new round's rules by LBF."
        ),
        validators=[long_text],
    )
    status = models.CharField(
        _("status"), max_length=32, choices=PlanStatus.choices, default=PlanStatus.IDEA
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown on the public pages.")
    )
    description = models.TextField(_("description"), blank=True, validators=[long_text])
    office_address = models.CharField(_("local office address"), max_length=300, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    data_note = models.TextField(
        _("note on the data"),
        blank=True,
        help_text=_("Shown with the plan, e.g. which figures are illustrative."),
        validators=[long_text],
    )
    illustrative = models.BooleanField(_("illustrative figures"), default=False)
    # The application's texts (decision 0020). The fund round's character limit of the
    # challenges is checked by `plans.services.plan_application_update`; the validator here is
    # only the absolute cap of any installation.
    challenges = models.TextField(
        _("description of the challenges"),
        blank=True,
        validators=[MaxLengthValidator(CHALLENGES_MAX)],
        help_text=_("The area's challenges, for the pre-qualification application."),
    )
    purpose = models.TextField(_("purpose"), blank=True, validators=[long_text])
    municipality_recommendation_date = models.DateField(
        _("date of the municipality's recommendation"), null=True, blank=True
    )
    municipality_recommendation_note = models.TextField(
        _("the municipality's recommendation"),
        blank=True,
        validators=[long_text],
        help_text=_("The decision, e.g. the committee that recommended the application."),
    )
    history = HistoricalRecords(m2m_fields=[afdelinger, focus_areas])

    class Meta:
        ordering = ["name"]
        verbose_name = _("boligsocial helhedsplan")
        verbose_name_plural = _("boligsociale helhedsplaner")
        constraints = [
            models.UniqueConstraint(
                fields=["lbf_number"],
                condition=~models.Q(lbf_number=""),
                name="plan_lbf_number_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="plan_end_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        for field in ("start_date", "end_date"):
            value = getattr(self, field)
            if value and not 1900 <= value.year <= 2999:
                errors[field] = _("The year must be between 1900 and 2999.")
        if self.lbf_number and unique_problem(self, lbf_number=self.lbf_number):
            errors["lbf_number"] = _("Another plan already has this LBF plan number.")
        if errors:
            raise ValidationError(errors)
        check_period(self.start_date, self.end_date, from_field="start_date", to_field="end_date")


class PlanSlugHistory(SlugHistory):
    """A slug a plan had before it was renamed (see `core.models.SlugHistory`)."""

    owner_field = "plan"

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="former_slugs"
    )

    class Meta(SlugHistory.Meta):
        verbose_name = _("former slug of a plan")
        verbose_name_plural = _("former slugs of plans")


class PlanFocusAreaGoals(models.Model):
    """The plan's purpose and goals within one of its focus areas, for the application."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="focus_area_goals"
    )
    focus_area = models.ForeignKey(
        "funding.FocusArea",
        verbose_name=_("focus area"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    goals = models.TextField(_("goals"), validators=[long_text])
    history = HistoricalRecords()

    class Meta:
        ordering = ["focus_area__position"]
        verbose_name = _("goals in a focus area")
        verbose_name_plural = _("goals in focus areas")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "focus_area"], name="plan_focus_area_goals_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} – {self.focus_area}"


class BudgetSource(models.TextChoices):
    LBF = "lbf", _("Landsbyggefonden (LBF)")
    MUNICIPALITY = "municipality", _("Municipality")
    HOUSING_ORGANISATION = "housing_organisation", _("Housing organisations")
    OTHER = "other", _("Other sources")


class PlanBudgetEstimate(models.Model):
    """The estimated money of one year of the plan from one source (kr.), until the plan's
    budget is kept in full (the money issue)."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="budget_estimates"
    )
    year = models.PositiveIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2999)]
    )
    source = models.CharField(_("source"), max_length=32, choices=BudgetSource.choices)
    amount = models.DecimalField(
        _("amount (kr.)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(BUDGET_AMOUNT_MAX)],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "source"]
        verbose_name = _("budget estimate")
        verbose_name_plural = _("budget estimates")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "source"], name="plan_budget_estimate_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="plan_budget_estimate_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.year} {self.get_source_display()}"
