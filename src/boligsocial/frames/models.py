"""LBF's annual frame per fund round, what is booked against it, and the redistribution's
other flows (docs/decisions/0031).

- `FrameYear`: one year of a round's frame (base amount × index factor, the rent-support cap).
  Reference data, entered by an administrator.
- `FrameBooking`: a grant to a plan (booked by the lifecycle's grant decision) or rent support
  (huslejestøtte) to an afdeling (booked by LBF), against a year of a round's frame; an overrun
  only with an administrator's written decision.
- `LbfContribution`: money paid into LBF by an afdeling whose loans are repaid.
- `RenovationSupport`: LBF's support for physical renovation.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boligsocial.budgets.rules import AMOUNT_MAX
from boligsocial.core.validation import long_text
from boligsocial.frames.rules import indexed
from boligsocial.organisations.models import OrganisationKind

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2999)]
AMOUNT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(AMOUNT_MAX)]
POSITIVE_AMOUNT_VALIDATORS = [MinValueValidator(Decimal("0.01")), MaxValueValidator(AMOUNT_MAX)]


def _money(verbose_name: Any, **kwargs: Any) -> models.DecimalField:
    kwargs.setdefault("validators", AMOUNT_VALIDATORS)
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)


class FrameYear(models.Model):
    fund_round = models.ForeignKey(
        "funding.FundRound",
        verbose_name=_("fund round"),
        on_delete=models.PROTECT,
        related_name="frame_years",
    )
    year = models.PositiveIntegerField(_("year"), validators=YEAR_VALIDATORS)
    base_amount = _money(_("frame before indexing (kr.)"))
    index_factor = models.DecimalField(
        _("index factor"),
        max_digits=8,
        decimal_places=6,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.000001")), MaxValueValidator(Decimal("99"))],
        help_text=_("The frame is the amount before indexing times this factor (1: not indexed)."),
    )
    rent_support_max = _money(
        _("rent support at most, before indexing (kr.)"),
        null=True,
        blank=True,
        help_text=_("Empty: no cap on rent support within the frame."),
    )
    note = models.TextField(_("note"), blank=True, validators=[long_text])
    history = HistoricalRecords()

    class Meta:
        ordering = ["fund_round__first_year", "year"]
        verbose_name = _("frame year")
        verbose_name_plural = _("frame years")
        constraints = [
            models.UniqueConstraint(fields=["fund_round", "year"], name="frame_year_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.fund_round} {self.year}"

    @property
    def amount(self) -> Decimal:
        """The year's frame: base × index, rounded to the øre."""
        return indexed(self.base_amount, self.index_factor)

    @property
    def rent_support_cap(self) -> Decimal | None:
        """The indexed cap on rent support, indexed like the frame."""
        if self.rent_support_max is None:
            return None
        return indexed(self.rent_support_max, self.index_factor)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if (
            self.rent_support_max is not None
            and self.base_amount is not None
            and self.rent_support_max > self.base_amount
        ):
            errors["rent_support_max"] = _("Rent support cannot be more than the whole frame.")
        if (
            self.fund_round_id
            and self.year
            and FrameYear.objects.filter(fund_round_id=self.fund_round_id, year=self.year)
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["year"] = _("The fund round already has a frame for this year.")
        if errors:
            raise ValidationError(errors)


class BookingKind(models.TextChoices):
    GRANT = "grant", _("Grant to a plan (tilsagn)")
    RENT_SUPPORT = "rent_support", _("Rent support (huslejestøtte)")


class FrameBooking(models.Model):
    fund_round = models.ForeignKey(
        "funding.FundRound",
        verbose_name=_("fund round"),
        on_delete=models.PROTECT,
        related_name="frame_bookings",
    )
    year = models.PositiveIntegerField(_("year"), validators=YEAR_VALIDATORS)
    kind = models.CharField(_("kind"), max_length=20, choices=BookingKind.choices)
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="frame_bookings",
    )
    afdeling = models.ForeignKey(
        "areas.Afdeling",
        verbose_name=_("afdeling"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="frame_bookings",
    )
    amount = _money(_("amount (kr.)"), validators=POSITIVE_AMOUNT_VALIDATORS)
    booked_on = models.DateField(_("booked on"))
    exceeds_frame = models.BooleanField(_("exceeds the frame"), default=False)
    exceed_decision = models.TextField(
        _("decision to exceed the frame"), blank=True, validators=[long_text]
    )
    exceed_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("exceeding decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    illustrative = models.BooleanField(_("illustrative figures"), default=False)
    note = models.TextField(_("note"), blank=True, validators=[long_text])
    history = HistoricalRecords()

    class Meta:
        ordering = ["fund_round__first_year", "year", "booked_on", "pk"]
        verbose_name = _("frame booking")
        verbose_name_plural = _("frame bookings")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="grant", plan__isnull=False, afdeling__isnull=True)
                    | models.Q(kind="rent_support", plan__isnull=True, afdeling__isnull=False)
                ),
                name="frame_booking_grant_plan_rent_support_afdeling",
            ),
            models.CheckConstraint(
                condition=models.Q(exceeds_frame=False) | ~models.Q(exceed_decision=""),
                name="frame_booking_exceed_has_decision",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="frame_booking_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        subject = self.plan if self.kind == BookingKind.GRANT else self.afdeling
        return f"{self.get_kind_display()} {self.year}: {subject}"

    def clean(self) -> None:
        if self.kind == BookingKind.GRANT:
            if not self.plan_id:
                raise ValidationError({"plan": _("A grant is booked for a plan.")})
            if self.afdeling_id:
                raise ValidationError({"afdeling": _("A grant is booked for a plan only.")})
        elif self.kind == BookingKind.RENT_SUPPORT:
            if not self.afdeling_id:
                raise ValidationError({"afdeling": _("Rent support is booked for an afdeling.")})
            if self.plan_id:
                raise ValidationError({"plan": _("Rent support is booked for an afdeling only.")})
        if self.exceeds_frame and not self.exceed_decision.strip():
            raise ValidationError({"exceed_decision": _("Write the decision to exceed the frame.")})


class _Flow(models.Model):
    """Money between LBF and a housing organisation (or one of its afdelinger) in a year."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("housing organisation"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrganisationKind.HOUSING},
    )
    afdeling = models.ForeignKey(
        "areas.Afdeling",
        verbose_name=_("afdeling"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    year = models.PositiveIntegerField(_("year"), validators=YEAR_VALIDATORS)
    amount = _money(_("amount (kr.)"))
    illustrative = models.BooleanField(_("illustrative figures"), default=False)
    note = models.TextField(_("note"), blank=True, validators=[long_text])

    class Meta:
        abstract = True
        ordering = ["year", "organisation__name"]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"

    def clean(self) -> None:
        if self.organisation_id and self.organisation.kind != OrganisationKind.HOUSING:
            raise ValidationError({"organisation": _("Choose a housing organisation.")})
        afdeling = self.afdeling if self.afdeling_id else None
        if (
            afdeling is not None
            and self.organisation_id
            and afdeling.organisation_id != self.organisation_id
        ):
            raise ValidationError(
                {"afdeling": _("The afdeling belongs to another housing organisation.")}
            )


class LbfContribution(_Flow):
    """Paid into LBF (landsdispositionsfonden) by an afdeling whose loans are repaid."""

    history = HistoricalRecords()

    class Meta(_Flow.Meta):
        verbose_name = _("contribution to LBF")
        verbose_name_plural = _("contributions to LBF")


class RenovationSupport(_Flow):
    """LBF's support for physical renovation to a housing organisation or afdeling."""

    history = HistoricalRecords()

    class Meta(_Flow.Meta):
        verbose_name = _("renovation support from LBF")
        verbose_name_plural = _("renovation support from LBF")
