from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from boligsocial.core.i18n import localised
from boligsocial.core.models import TimeStamped
from boligsocial.core.validation import long_text


class SiteProfile(TimeStamped):
    """What this installation is about: the city (or all of Denmark), its secretariat and the
    texts on the public pages. Data, not code, so the same software serves Aarhus, Odense or LBF.
    There is one row; `site.selectors.site_profile()` returns it.

    It was `core.SiteProfile` and keeps that table (`core_siteprofile`, and
    `core_siteprofile_municipalities`): see docs/decisions/0002."""

    title_da = models.CharField(_("title (Danish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    intro_da = models.TextField(_("introduction (Danish)"), blank=True, validators=[long_text])
    intro_en = models.TextField(_("introduction (English)"), blank=True, validators=[long_text])
    secretariat = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("joint secretariat"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    municipalities = models.ManyToManyField(
        "organisations.Municipality",
        verbose_name=_("municipalities covered"),
        blank=True,
        help_text=_("Leave empty to cover all of Denmark."),
    )
    secretariat_text_da = models.TextField(
        _("about the secretariat (Danish)"), blank=True, validators=[long_text]
    )
    secretariat_text_en = models.TextField(
        _("about the secretariat (English)"), blank=True, validators=[long_text]
    )
    demo_notice = models.BooleanField(
        _("show demo notice"),
        default=False,
        help_text=_("Show on every page that figures not from public sources are illustrative."),
    )

    class Meta:
        db_table = "core_siteprofile"
        verbose_name = _("site profile")
        verbose_name_plural = _("site profiles")

    def __str__(self) -> str:
        return self.title_da

    @property
    def title(self) -> str:
        return localised(self, "title")

    @property
    def intro(self) -> str:
        return localised(self, "intro")

    @property
    def secretariat_text(self) -> str:
        return localised(self, "secretariat_text")
