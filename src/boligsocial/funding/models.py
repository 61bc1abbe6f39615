from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boligsocial.core.i18n import localised
from boligsocial.core.validation import long_text

SHARE_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))]


class FundRound(models.Model):
    """A bevillingsperiode of LBF's money for social work, with its rules as data.

    A future round is added by an administrator (Django admin), not by code."""

    code = models.CharField(_("code"), max_length=20, unique=True, help_text="e.g. 2019–26")
    name = models.CharField(_("name"), max_length=200)
    first_year = models.PositiveIntegerField(_("first year"))
    last_year = models.PositiveIntegerField(_("last year"))
    lbf_max_share = models.DecimalField(
        _("LBF maximum share"),
        max_digits=5,
        decimal_places=4,
        validators=SHARE_VALIDATORS,
        default=Decimal("0.75"),
    )
    local_min_share = models.DecimalField(
        _("local co-financing minimum share"),
        max_digits=5,
        decimal_places=4,
        validators=SHARE_VALIDATORS,
        default=Decimal("0.25"),
    )
    normal_plan_years = models.PositiveIntegerField(_("normal plan length (years)"), default=4)
    annual_frame = models.DecimalField(
        _("annual frame (kr.)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    annual_frame_note_da = models.TextField(
        _("about the frame (Danish)"), blank=True, validators=[long_text]
    )
    annual_frame_note_en = models.TextField(
        _("about the frame (English)"), blank=True, validators=[long_text]
    )
    social_work_annual_frame = models.DecimalField(
        _("annual frame for social work (kr.)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    in_kind_counts = models.BooleanField(
        _("in-kind contributions count as co-financing"),
        null=True,
        blank=True,
        help_text=_("Empty: not known for this round."),
    )
    latest_plan_end = models.DateField(
        _("latest plan end"),
        null=True,
        blank=True,
        help_text=_("Plans granted in this round must end by this date, if set."),
    )
    challenges_max_chars = models.PositiveIntegerField(
        _("character limit of the description of the challenges"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "At most this many characters in a plan's description of the challenges in its "
            "pre-qualification application. Empty: no limit known."
        ),
    )
    challenges_limit_note = models.TextField(
        _("about the character limit"),
        blank=True,
        validators=[long_text],
        help_text=_("Where the limit comes from, e.g. LBF's page limit and how it was converted."),
    )
    # Deadlines as data (docs/decisions/0024): the pipeline's warnings read them.
    dialogue_min_months = models.PositiveIntegerField(
        _("normal dialogue with LBF, shortest (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    dialogue_max_months = models.PositiveIntegerField(
        _("normal dialogue with LBF, longest (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("A plan in dialogue longer than this gets a warning. Empty: no warning."),
    )
    report_due_months = models.PositiveIntegerField(
        _("yearly report due (months after year end)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(24)],
        help_text=_("Empty: no reporting deadline known for this round."),
    )
    application_window_opens = models.DateField(
        _("applications accepted from"), null=True, blank=True
    )
    application_window_closes = models.DateField(
        _("applications accepted until"),
        null=True,
        blank=True,
        help_text=_("Empty: no closing date known (continuous applications)."),
    )
    deadlines_note = models.TextField(
        _("about the deadlines"),
        blank=True,
        validators=[long_text],
        help_text=_("Where the deadlines come from, and which are assumptions."),
    )
    notes_da = models.TextField(_("notes (Danish)"), blank=True, validators=[long_text])
    notes_en = models.TextField(_("notes (English)"), blank=True, validators=[long_text])
    source_url = models.URLField(_("source"), blank=True, max_length=500)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["first_year"]
        verbose_name = _("fund round")
        verbose_name_plural = _("fund rounds")

    def __str__(self) -> str:
        return self.code

    @property
    def notes(self) -> str:
        return localised(self, "notes")

    @property
    def annual_frame_note(self) -> str:
        return localised(self, "annual_frame_note")

    def clean(self) -> None:
        if self.first_year and self.last_year and self.last_year < self.first_year:
            raise ValidationError({"last_year": _("The last year is before the first year.")})
        if (
            self.dialogue_min_months
            and self.dialogue_max_months
            and self.dialogue_max_months < self.dialogue_min_months
        ):
            raise ValidationError(
                {"dialogue_max_months": _("The longest dialogue is shorter than the shortest.")}
            )
        if (
            self.application_window_opens
            and self.application_window_closes
            and self.application_window_closes < self.application_window_opens
        ):
            raise ValidationError(
                {"application_window_closes": _("Applications close before they open.")}
            )
        if (
            self.lbf_max_share is not None
            and self.local_min_share is not None
            and self.lbf_max_share + self.local_min_share != Decimal("1")
        ):
            raise ValidationError(
                {
                    "local_min_share": _(
                        "LBF's maximum share and the local minimum share must add up to 100 %."
                    )
                }
            )


class FocusArea(models.Model):
    """An indsatsområde defined by a fund round."""

    fund_round = models.ForeignKey(
        FundRound,
        verbose_name=_("fund round"),
        on_delete=models.PROTECT,
        related_name="focus_areas",
    )
    name_da = models.CharField(_("name (Danish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["fund_round__first_year", "position"]
        verbose_name = _("focus area (indsatsområde)")
        verbose_name_plural = _("focus areas (indsatsområder)")
        constraints = [
            models.UniqueConstraint(fields=["fund_round", "name_da"], name="focus_area_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self, "name")
