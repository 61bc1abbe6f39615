from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boligsocial.documents.storage import document_path, document_storage


class DocumentKind(models.TextChoices):
    OTHER = "other", _("Other document")
    APPLICATION = "application", _("Application")
    MUNICIPAL_RECOMMENDATION = "municipal_recommendation", _("Municipality's recommendation")
    LBF_DECISION = "lbf_decision", _("LBF's decision letter")
    AGREEMENT = "agreement", _("Cooperation agreement")
    REPORT = "report", _("Report")
    MINUTES = "minutes", _("Minutes")


class Document(models.Model):
    """A file belonging to a plan. Its type and checksum are what the upload service found in
    the content, not what the uploader's name or browser claimed (decision 0021)."""

    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(
        _("kind"), max_length=32, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), upload_to=document_path, storage=document_storage, max_length=300
    )
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(
        _("SHA-256"),
        max_length=64,
        validators=[RegexValidator(r"^[0-9a-f]{64}$", _("A SHA-256 is 64 hexadecimal digits."))],
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    internal = models.BooleanField(
        _("internal"),
        default=False,
        help_text=_("Only the plan's editors and the secretariat see an internal document."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["plan", "kind"], name="document_plan_kind")]

    def __str__(self) -> str:
        return self.title
