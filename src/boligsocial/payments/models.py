"""LBF's instalments (udbetalinger) to a plan, one per year (issue 10,
docs/decisions/0030-instalments-and-hold-back.md).

An instalment is planned from the plan's current approved budget (its LBF amount of the year,
on 1 January or on the plan's start date in its first year) and paid when LBF's payment is
recorded. Whether an unpaid instalment is held back is never stored: it is derived from the
plan's late reports (`payments.rules.instalment_state`), so approving the late report releases
it at once. Writes go through `boligsocial.payments.services`."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boligsocial.budgets.rules import AMOUNT_MAX
from boligsocial.core.validation import long_text
from boligsocial.payments import rules

YEAR_MIN = 2000
YEAR_MAX = 2100


class InstalmentState(models.TextChoices):
    """The derived state of an instalment (`payments.rules`): never stored, named here for the
    API's schema and the pages' labels."""

    PLANNED = rules.PLANNED, _("Planned")
    HELD_BACK = rules.HELD_BACK, _("Held back")
    PAID = rules.PAID, _("Paid")


class Instalment(models.Model):
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="instalments",
    )
    year = models.PositiveIntegerField(
        _("year"), validators=[MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]
    )
    planned_on = models.DateField(_("planned on"))
    planned_amount = models.DecimalField(
        _("planned amount (kr.)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(AMOUNT_MAX)],
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_amount = models.DecimalField(
        _("amount paid (kr.)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(AMOUNT_MAX)],
    )
    note = models.TextField(_("note"), blank=True, validators=[long_text])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("payment recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "year"]
        verbose_name = _("instalment (udbetaling)")
        verbose_name_plural = _("instalments (udbetalinger)")
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="instalment_one_per_plan_year"),
            models.CheckConstraint(
                condition=models.Q(planned_amount__gte=0),
                name="instalment_planned_amount_not_negative",
            ),
            # Paid means both the date and the amount are recorded, the amount above 0.
            models.CheckConstraint(
                condition=(models.Q(paid_on__isnull=True) & models.Q(paid_amount__isnull=True))
                | (models.Q(paid_on__isnull=False) & models.Q(paid_amount__gt=0)),
                name="instalment_paid_on_and_amount_together",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Instalment %(year)s of %(plan)s") % {"year": self.year, "plan": self.plan})

    @property
    def is_paid(self) -> bool:
        return self.paid_on is not None
