from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class SlugHistory(models.Model):
    """A slug an object had before it was renamed. Its old address answers with a permanent
    redirect to the current one, and no other object of its kind may take the slug
    (docs/decisions/0012). A concrete history adds the foreign key named `owner_field` to the
    renamed object (related name `former_slugs`); `core.services.former_slugs_of_others` and
    `remember_former_slug` keep it."""

    owner_field: ClassVar[str]

    slug = models.SlugField(_("former slug"), max_length=200, unique=True)
    replaced_at = models.DateTimeField(_("replaced at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-replaced_at"]

    def __str__(self) -> str:
        return self.slug


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
