"""The cooperation agreement (samarbejdsaftale) of a plan, in versions, with one sub-agreement
(delaftale) per focus area of the plan's fund round. See
docs/decisions/0023-cooperation-agreement.md.

A version is a draft while the plan's editors write it, pending while it waits for LBF, and
approved once a user acting for LBF (or an administrator recording LBF's letter) records LBF's
approval; the approved version it replaces becomes superseded. Approved and superseded versions
never change: a change is a new draft copied from the latest version."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boligsocial.agreements.rules import ItemProblem, item_problem
from boligsocial.core.validation import long_text

# Items of a list (activities planned, indicators): each one line of at most this many
# characters, at most this many per list.
ITEM_MAX_LENGTH = 500
ITEMS_MAX = 50


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Pending LBF's approval")
    APPROVED = "approved", _("Approved by LBF")
    SUPERSEDED = "superseded", _("Superseded")


OPEN_STATUSES = (VersionStatus.DRAFT, VersionStatus.PENDING)


class ApprovalCapacity(models.TextChoices):
    """In what capacity a user records LBF's approval."""

    LBF = "lbf", _("Acting for LBF")
    ADMIN_RECORDING_LBF = "admin_recording_lbf", _("Administrator recording LBF's letter")


class Agreement(models.Model):
    """The samarbejdsaftale of one plan: the container of its versions."""

    plan = models.OneToOneField(
        "plans.Plan",
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="agreement",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("cooperation agreement (samarbejdsaftale)")
        verbose_name_plural = _("cooperation agreements (samarbejdsaftaler)")

    def __str__(self) -> str:
        return str(_("Cooperation agreement of %(plan)s") % {"plan": self.plan})


class AgreementVersion(models.Model):
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("cooperation agreement"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("What this version changes and why."),
        validators=[long_text],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Changed by every edit of the version or its sub-agreements, so the version's token (and
    # ETag) changes with its content: a submission or approval of content that changed since
    # the user read it is refused (core.concurrency).
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted to LBF"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_on = models.DateField(_("approved by LBF on"), null=True, blank=True)
    approval_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approval recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approval_capacity = models.CharField(
        _("recorded in the capacity"),
        max_length=32,
        choices=ApprovalCapacity.choices,
        blank=True,
    )
    approval_recorded_at = models.DateTimeField(_("approval recorded"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The agreement as signed, or LBF's letter approving it."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "-number"]
        verbose_name = _("version of a cooperation agreement")
        verbose_name_plural = _("versions of cooperation agreements")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"], name="agreement_version_number_unique"
            ),
            # One version at a time is being written or waits for LBF.
            models.UniqueConstraint(
                fields=["agreement"],
                condition=models.Q(status__in=["draft", "pending"]),
                name="agreement_one_open_version",
            ),
            models.UniqueConstraint(
                fields=["agreement"],
                condition=models.Q(status="approved"),
                name="agreement_one_current_version",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["approved", "superseded"])
                | (models.Q(approved_on__isnull=False) & ~models.Q(approval_capacity="")),
                name="agreement_version_approval_recorded",
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Version %(number)s (%(status)s)")
            % {"number": self.number, "status": self.get_status_display()}
        )

    def clean(self) -> None:
        if self.document is not None and self.document.plan_id != self.agreement.plan_id:
            raise ValidationError({"document": gettext("The document belongs to another plan.")})

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT


class SubAgreement(models.Model):
    """A delaftale: what the plan will do in one focus area of its fund round. The lists
    (activities planned, indicators) keep their order, so two versions compare item by item."""

    version = models.ForeignKey(
        AgreementVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="sub_agreements",
    )
    focus_area = models.ForeignKey(
        "funding.FocusArea",
        verbose_name=_("focus area (indsatsområde)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    goals = models.TextField(_("goals"), blank=True, validators=[long_text])
    target_groups = models.TextField(_("target groups"), blank=True, validators=[long_text])
    activities = models.JSONField(
        _("activities planned"),
        default=list,
        blank=True,
        help_text=_("One activity a line."),
    )
    indicators = models.JSONField(
        _("indicators"),
        default=list,
        blank=True,
        help_text=_("One indicator (how the goal is measured) a line."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "focus_area__position", "focus_area__pk"]
        verbose_name = _("sub-agreement (delaftale)")
        verbose_name_plural = _("sub-agreements (delaftaler)")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "focus_area"], name="sub_agreement_one_per_focus_area"
            ),
        ]

    def __str__(self) -> str:
        return str(self.focus_area)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        plan = self.version.agreement.plan
        if self.focus_area_id and self.focus_area.fund_round_id != plan.fund_round_id:
            errors["focus_area"] = gettext(
                "%(focus_area)s is not a focus area of the plan's fund round (%(round)s)."
            ) % {"focus_area": self.focus_area, "round": plan.fund_round}
        for name in ("activities", "indicators"):
            problem = item_problem(
                getattr(self, name), max_items=ITEMS_MAX, max_length=ITEM_MAX_LENGTH
            )
            if problem is not None:
                errors[name] = item_message(problem)
        if errors:
            raise ValidationError(errors)


def item_message(problem: ItemProblem) -> str:
    """The message for a problem of a list of items (line numbers from 1)."""
    line = (problem.index or 0) + 1
    messages = {
        "not_a_list": gettext("Give a list of texts, one for each item."),
        "not_text": gettext("Item %(line)s is not a text.") % {"line": line},
        "empty": gettext("Item %(line)s is empty.") % {"line": line},
        "too_long": gettext("Item %(line)s is longer than %(max)s characters.")
        % {"line": line, "max": ITEM_MAX_LENGTH},
        "too_many": gettext("At most %(max)s items.") % {"max": ITEMS_MAX},
    }
    return messages[problem.kind]
