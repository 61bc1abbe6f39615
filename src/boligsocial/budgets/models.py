"""A plan's budget (issue 10, docs/decisions/0026): versions of lines per year × category ×
focus area × funding source, checked against the fund round's co-financing rule.

Version 1 (`original`) is the budget of the application and the dialogue with LBF; it becomes
the granted budget when LBF grants the plan. Each later version is a `revision` (omplacering)
copied from the latest approved version, edited as a draft and approved by the plan's board.
Approved versions never change; at most one draft per plan. Writes go through
`boligsocial.budgets.services`."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boligsocial.budgets.rules import AMOUNT_MAX
from boligsocial.core.i18n import localised
from boligsocial.core.validation import long_text

AMOUNT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(AMOUNT_MAX)]


class BudgetCategory(models.Model):
    """A kind of expense (salaries, activities, …): reference data with validity, so a future
    round's categories are added by an administrator and old ones end instead of vanishing."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_da = models.CharField(_("name (Danish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("Empty: still in use.")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("budget category")
        verbose_name_plural = _("budget categories")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="budget_category_valid_period",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self, "name")

    def valid_in_year(self, year: int) -> bool:
        """True when the category is valid on some day of `year`."""
        ends = self.valid_to is None or self.valid_to.year >= year
        return self.valid_from.year <= year and ends


class SourceKind(models.TextChoices):
    """Who pays a line. Every kind but LBF is local co-financing."""

    LBF = "lbf", _("Landsbyggefonden (LBF)")
    MUNICIPALITY = "municipality", _("Municipality")
    HOUSING_ORGANISATION = "housing_organisation", _("Housing organisation")
    AFDELING = "afdeling", _("Afdeling")
    FOUNDATION = "foundation", _("Foundation")
    OTHER = "other", _("Other source")


class VersionKind(models.TextChoices):
    ORIGINAL = "original", _("Original budget")
    REVISION = "revision", _("Revision (omplacering)")


class VersionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class BudgetVersion(models.Model):
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="budget_versions",
    )
    number = models.PositiveIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=20, choices=VersionKind.choices)
    state = models.CharField(
        _("state"), max_length=20, choices=VersionState.choices, default=VersionState.DRAFT
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    decision = models.TextField(
        _("decision"),
        blank=True,
        validators=[long_text],
        help_text=_(
            "LBF's tilsagn for the original budget; the plan's bestyrelse's decision for a "
            "revision (omplacering)."
        ),
    )
    body = models.ForeignKey(
        "governance.Body",
        verbose_name=_("approved by (body)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True, validators=[long_text])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Bumped by every change of the version or its lines: the budget's version token for
    # conflicts (core.concurrency) changes with its content.
    changed_at = models.DateTimeField(_("changed"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("budget version")
        verbose_name_plural = _("budget versions")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="budget_version_number_unique"),
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(state="draft"),
                name="budget_one_draft_per_plan",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="approved") | models.Q(approved_on__isnull=False),
                name="budget_version_approved_on_set",
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Budget version %(number)s (%(state)s)")
            % {"number": self.number, "state": self.get_state_display()}
        )

    @property
    def is_editable(self) -> bool:
        return self.state == VersionState.DRAFT

    @property
    def is_granted(self) -> bool:
        return self.kind == VersionKind.ORIGINAL and self.state == VersionState.APPROVED


class BudgetLine(models.Model):
    version = models.ForeignKey(
        BudgetVersion,
        verbose_name=_("budget version"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    # The line's identity across versions: a revision's copy keeps it, so versions compare
    # line by line and accounts refer to it.
    key = models.CharField(_("key"), max_length=32)
    position = models.PositiveIntegerField(_("position"), default=0)
    year = models.PositiveIntegerField(
        _("year"), validators=[MinValueValidator(1900), MaxValueValidator(2999)]
    )
    category = models.ForeignKey(
        BudgetCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    focus_area = models.ForeignKey(
        "funding.FocusArea",
        verbose_name=_("focus area (indsatsområde)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: shared, across focus areas."),
    )
    text = models.CharField(_("what the money is for"), max_length=200)
    source_kind = models.CharField(_("source"), max_length=32, choices=SourceKind.choices)
    source_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("source organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    source_afdeling = models.ForeignKey(
        "areas.Afdeling",
        verbose_name=_("source afdeling"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    source_name = models.CharField(
        _("source name"),
        max_length=200,
        blank=True,
        help_text=_("A foundation or other source not in the register."),
    )
    in_kind = models.BooleanField(
        _("in kind"), default=False, help_text=_("A contribution in kind, e.g. staff hours.")
    )
    amount = models.DecimalField(
        _("amount (kr.)"), max_digits=14, decimal_places=2, validators=AMOUNT_VALIDATORS
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "year", "position", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="budget_line_key_unique"),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="budget_line_amount_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["version", "year"], name="budget_line_version_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.text}"

    @property
    def is_local(self) -> bool:
        return self.source_kind != SourceKind.LBF
