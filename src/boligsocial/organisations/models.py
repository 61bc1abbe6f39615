from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boligsocial.core.validation import unique_problem
from boligsocial.organisations.rules import cvr_problem


class Region(models.Model):
    """One of Denmark's 5 regions. Reference data loaded by a migration."""

    code = models.PositiveIntegerField(_("region code"), unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """One of the 98 kommuner. Reference data loaded by a migration."""

    code = models.PositiveIntegerField(_("municipality code"), unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    HOUSING = "housing_organisation", _("Housing organisation")
    MUNICIPALITY = "municipality", _("Municipality")
    LBF = "lbf", _("Landsbyggefonden")
    SECRETARIAT = "secretariat", _("Joint secretariat")
    POLICE = "police", _("Police")
    FOUNDATION = "foundation", _("Foundation")
    SCHOOL = "school", _("School or education")
    OTHER = "other", _("Other partner")


# The Danish keys stored before decision 0019. The filters still accept them, as deprecated
# aliases, until 1 July 2027.
FORMER_ORGANISATION_KINDS = {
    "boligorganisation": OrganisationKind.HOUSING,
    "kommune": OrganisationKind.MUNICIPALITY,
    "faellessekretariat": OrganisationKind.SECRETARIAT,
    "politi": OrganisationKind.POLICE,
    "fond": OrganisationKind.FOUNDATION,
    "skole": OrganisationKind.SCHOOL,
    "andet": OrganisationKind.OTHER,
}


CVR_MESSAGES = {
    "length": _("A CVR number has exactly 8 digits."),
    "leading_zero": _("A CVR number cannot start with 0."),
    "checksum": _("This CVR number fails the modulus-11 check; check for a typing error."),
}


def validate_cvr(value: str) -> None:
    problem = cvr_problem(value)
    if problem:
        raise ValidationError(CVR_MESSAGES[problem], code="invalid_cvr")


class Organisation(models.Model):
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    cvr = models.CharField(
        _("CVR number"),
        max_length=8,
        blank=True,
        validators=[validate_cvr],
        help_text=_("8 digits; required for housing organisations."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text=_("For a municipality organisation: the kommune it is."),
    )
    website = models.URLField(_("website"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["cvr"], condition=~models.Q(cvr=""), name="organisation_cvr_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.kind == OrganisationKind.HOUSING and not self.cvr:
            errors["cvr"] = _("A housing organisation needs its CVR number.")
        elif self.cvr and unique_problem(self, cvr=self.cvr):
            errors["cvr"] = _("Another organisation already has this CVR number.")
        if self.kind == OrganisationKind.MUNICIPALITY and not self.municipality_id:
            errors["municipality"] = _("A municipality organisation must name its kommune.")
        if errors:
            raise ValidationError(errors)
