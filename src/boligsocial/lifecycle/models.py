"""A plan's timeline: every transition of its state, and the events that keep it (an
extension, a move to another fund round's rules), with date, actor, capacity and the document
it rests on (docs/decisions/0020). Rows are written only by `lifecycle.services`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from boligsocial.core.validation import long_text
from boligsocial.plans.models import PlanStatus


class TransitionKind(models.TextChoices):
    IDEA = "idea", _("Registered as an idea")
    SUBMIT_PREQUALIFICATION = "submit_prequalification", _("Pre-qualification application sent")
    PREQUALIFICATION_DECISION = "prequalification_decision", _("LBF's pre-qualification decision")
    START_DIALOGUE = "start_dialogue", _("Dialogue with LBF started")
    SUBMIT_PLAN = "submit_plan", _("Full plan sent to LBF")
    GRANT_DECISION = "grant_decision", _("LBF's decision on the full plan")
    START = "start", _("Plan started")
    END = "end", _("Plan ended")
    WITHDRAW = "withdraw", _("Application withdrawn")
    REOPEN = "reopen", _("Prepared again")
    EXTEND = "extend", _("Extended")
    MOVE_ROUND = "move_round", _("Moved to another fund round's rules")


class Capacity(models.TextChoices):
    SECRETARIAT = "secretariat", _("the secretariat")
    APPLICANT = "applicant", _("applicant")
    LBF = "lbf", _("acting for LBF")
    ADMIN_RECORDING_LBF = "admin_recording_lbf", _("administrator recording LBF's letter")


class PlanTransition(models.Model):
    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="transitions"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=TransitionKind.choices)
    from_status = models.CharField(_("from"), max_length=32, choices=PlanStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=32, choices=PlanStatus.choices)
    date = models.DateField(_("date"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The actor's name when it was recorded, so the timeline keeps it if the user goes.
    actor_name = models.CharField(_("recorded by (name)"), max_length=300, blank=True)
    capacity = models.CharField(_("capacity"), max_length=32, choices=Capacity.choices)
    note = models.TextField(
        _("internal note"),
        blank=True,
        validators=[long_text],
        help_text=_("Only those who may edit the plan, the secretariat and LBF see it."),
    )
    public_note = models.TextField(
        _("public note"),
        blank=True,
        validators=[long_text],
        help_text=_("Shown on the public plan page when the plan is published."),
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transitions",
    )
    reason = models.TextField(_("reason"), blank=True, validators=[long_text])
    old_end_date = models.DateField(_("old end date"), null=True, blank=True)
    new_end_date = models.DateField(_("new end date"), null=True, blank=True)
    from_fund_round = models.ForeignKey(
        "funding.FundRound",
        verbose_name=_("from fund round"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    to_fund_round = models.ForeignKey(
        "funding.FundRound",
        verbose_name=_("to fund round"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("plan transition")
        verbose_name_plural = _("plan transitions")
        indexes = [models.Index(fields=["plan", "date"], name="transition_plan_date")]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.kind} {self.date}"
