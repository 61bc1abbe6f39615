"""A plan's yearly report to LBF (issue 10, docs/decisions/0029): the accounts of the calendar
year as a reguleringskonto (received from LBF and locally, spent per budget line, the balance
carried forward), the goals' results per focus area and the milestone plan (milepælsplan) for
the coming year.

A report is due for every calendar year of a granted, running or ended plan's period once the
year has ended (`reporting.rules.report_years`); a year without a row counts as due. A row is
made when someone first opens the year's report; its due date is fixed then from the fund
round's rule (an administrator may move it in the admin, e.g. for a postponement LBF granted).
Writes go through `reporting.services`; every write to a report or its lines bumps the report's
`changed_at`, the version token of the whole report for edit conflicts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boligsocial.budgets.rules import AMOUNT_MAX
from boligsocial.core.validation import long_text
from boligsocial.reporting import rules

AMOUNT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(AMOUNT_MAX)]
# A balance may be negative (more spent than received), within the same bound.
BALANCE_VALIDATORS = [MinValueValidator(-AMOUNT_MAX), MaxValueValidator(AMOUNT_MAX)]


def _amount(verbose_name: Any, **kwargs: Any) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=2,
        validators=kwargs.pop("validators", AMOUNT_VALIDATORS),
        **kwargs,
    )


class ReportStatus(models.TextChoices):
    DUE = rules.DUE, _("Due")
    SUBMITTED = rules.SUBMITTED, _("Submitted to LBF")
    APPROVED = rules.APPROVED, _("Approved by LBF")
    RETURNED = rules.RETURNED, _("Returned by LBF with remarks")


class DecisionCapacity(models.TextChoices):
    """In what capacity a user records LBF's decision on a report (accounts.rules)."""

    LBF = "lbf", _("Acting for LBF")
    ADMIN_RECORDING_LBF = "admin_recording_lbf", _("Administrator recording LBF's letter")


class YearlyReport(models.Model):
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="yearly_reports",
    )
    year = models.PositiveIntegerField(_("year"))
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DUE
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(_("LBF's decision on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decision recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_capacity = models.CharField(
        _("recorded in the capacity"),
        max_length=32,
        choices=DecisionCapacity.choices,
        blank=True,
    )
    remarks = models.TextField(
        _("LBF's remarks"),
        blank=True,
        validators=[long_text],
        help_text=_("Why LBF returned the report, or what it remarked on approving it."),
    )
    lbf_received = _amount(
        _("received from LBF"),
        default=Decimal("0.00"),
        help_text=_("Paid out by LBF for the year, in kroner."),
    )
    local_received = _amount(
        _("local co-financing received"),
        default=Decimal("0.00"),
        help_text=_(
            "Paid in by the municipality, the housing organisations and other local sources "
            "for the year, in kroner."
        ),
    )
    opening_balance = _amount(
        _("opening balance"),
        validators=BALANCE_VALIDATORS,
        null=True,
        blank=True,
        help_text=_("Empty: carried forward from the previous year's closing balance."),
    )
    note = models.TextField(_("note"), blank=True, validators=[long_text])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Changed by every write to the report or one of its lines: the report's version token
    # changes with its content (core.concurrency), so two editors of the same report get the
    # conflict message, and a submission or LBF's decision of content changed since the user
    # read it is refused.
    changed_at = models.DateTimeField(_("changed"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "year"]
        verbose_name = _("yearly report to LBF")
        verbose_name_plural = _("yearly reports to LBF")
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="yearly_report_one_per_year"),
            models.CheckConstraint(
                condition=~models.Q(status__in=["submitted", "approved"])
                | models.Q(submitted_on__isnull=False),
                name="yearly_report_submitted_on",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["approved", "returned"])
                | models.Q(decided_on__isnull=False),
                name="yearly_report_decided_on",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Report %(year)s of %(plan)s") % {"year": self.year, "plan": self.plan.name})

    @property
    def is_editable(self) -> bool:
        return rules.can_edit(self.status)

    def clean(self) -> None:
        plan = self.plan
        if self.year and not plan.start_date.year <= self.year <= plan.end_date.year:
            raise ValidationError(
                {
                    "year": gettext("%(year)s is outside the plan's period (%(first)s–%(last)s).")
                    % {
                        "year": self.year,
                        "first": plan.start_date.year,
                        "last": plan.end_date.year,
                    }
                }
            )


def _check_focus_area(focus_area_id: int | None, report: YearlyReport) -> str | None:
    """The message when the focus area is not one of the plan's; None when it is (or none)."""
    if focus_area_id is None:
        return None
    plan = report.plan
    if not plan.focus_areas.filter(pk=focus_area_id).exists():
        return gettext("Choose one of the plan's focus areas.")
    return None


class AccountLine(models.Model):
    """What was spent in the report's year on one budget line (`line_key`, the stable key of
    budgets.BudgetLine; blank for spending tied to no line)."""

    report = models.ForeignKey(
        YearlyReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="account_lines",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    line_key = models.CharField(
        _("budget line"),
        max_length=32,
        blank=True,
        help_text=_("The line of the budget the money was spent on; empty for none."),
    )
    category = models.ForeignKey(
        "budgets.BudgetCategory",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    focus_area = models.ForeignKey(
        "funding.FocusArea",
        verbose_name=_("focus area (indsatsområde)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: across focus areas (fælles)."),
    )
    text = models.CharField(_("text"), max_length=200, help_text=_("What the money was spent on."))
    amount = _amount(_("amount spent (kr.)"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "position", "pk"]
        verbose_name = _("account line")
        verbose_name_plural = _("account lines")

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.category_id and not self.category.valid_in_year(self.report.year):
            errors["category"] = gettext("The category %(category)s is not in use in %(year)s.") % {
                "category": self.category,
                "year": self.report.year,
            }
        problem = _check_focus_area(self.focus_area_id, self.report)
        if problem:
            errors["focus_area"] = problem
        if errors:
            raise ValidationError(errors)


class GoalResult(models.Model):
    """How far a goal of one focus area was reached in the year (målopfyldelse)."""

    report = models.ForeignKey(
        YearlyReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="goal_results",
    )
    focus_area = models.ForeignKey(
        "funding.FocusArea",
        verbose_name=_("focus area (indsatsområde)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    goal = models.TextField(_("goal"), validators=[long_text])
    indicator = models.CharField(
        _("indicator"), max_length=300, help_text=_("How the goal is measured.")
    )
    baseline = models.CharField(_("baseline"), max_length=300, blank=True)
    target = models.CharField(_("target"), max_length=300)
    result = models.TextField(_("result"), validators=[long_text])
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "focus_area__position", "pk"]
        verbose_name = _("goal result")
        verbose_name_plural = _("goal results")

    def __str__(self) -> str:
        return self.indicator

    def clean(self) -> None:
        problem = _check_focus_area(self.focus_area_id, self.report)
        if problem:
            raise ValidationError({"focus_area": problem})


class Milestone(models.Model):
    """A milestone of the milepælsplan for the year after the report's year."""

    report = models.ForeignKey(
        YearlyReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    due_on = models.DateField(_("due on"))
    text = models.CharField(_("milestone"), max_length=500)
    focus_area = models.ForeignKey(
        "funding.FocusArea",
        verbose_name=_("focus area (indsatsområde)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: across focus areas (fælles)."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        errors: dict[str, str] = {}
        coming = self.report.year + 1
        if self.due_on and self.due_on.year != coming:
            errors["due_on"] = gettext(
                "A milestone of the report for %(year)s is in the coming year, %(coming)s."
            ) % {"year": self.report.year, "coming": coming}
        problem = _check_focus_area(self.focus_area_id, self.report)
        if problem:
            errors["focus_area"] = problem
        if errors:
            raise ValidationError(errors)
