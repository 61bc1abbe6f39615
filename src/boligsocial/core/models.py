from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class DataVersion(models.Model):
    """One row whose `version` changes with every committed write to the project's tables.

    Database triggers (`core.data_version`, installed after every `migrate`) bump it in the same
    transaction as the write, so the public page cache, which puts it in every key, never serves
    an answer older than the data (docs/decisions/0014). Never written by application code."""

    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self) -> str:
        return str(self.version)
