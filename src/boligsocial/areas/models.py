from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boligsocial.areas.rules import geojson_problem
from boligsocial.core.models import SlugHistory
from boligsocial.core.validation import count_max, long_text, unique_problem
from boligsocial.organisations.models import OrganisationKind, Region


class Area(models.Model):
    """A boligområde: one or more afdelinger, the unit of the official lists."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    municipality = models.ForeignKey(
        "organisations.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="areas",
    )
    aliases = models.JSONField(
        _("other names"),
        default=list,
        blank=True,
        help_text=_("Names the area is published under, e.g. on the official lists."),
    )
    residents = models.PositiveIntegerField(
        _("residents"), null=True, blank=True, validators=[count_max]
    )
    residents_source = models.CharField(_("source of residents"), max_length=500, blank=True)
    outline = models.JSONField(
        _("outline (GeoJSON)"),
        null=True,
        blank=True,
        help_text=_("A GeoJSON Polygon or MultiPolygon in WGS84."),
    )
    description = models.TextField(_("description"), blank=True, validators=[long_text])
    illustrative = models.BooleanField(
        _("illustrative figures"),
        default=False,
        help_text=_("Some figures are demo values, not from a public source."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("housing area")
        verbose_name_plural = _("housing areas")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="area_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def region(self) -> Region:
        return self.municipality.region

    def clean(self) -> None:
        if not isinstance(self.aliases, list) or not all(
            isinstance(a, str) and a.strip() for a in self.aliases
        ):
            raise ValidationError({"aliases": _("Other names must be a list of names.")})
        problem = geojson_problem(self.outline)
        if problem:
            raise ValidationError({"outline": problem})
        if self.municipality_id and unique_problem(
            self, municipality_id=self.municipality_id, name=self.name
        ):
            raise ValidationError(
                {
                    "name": _("%(municipality)s already has an area with this name.")
                    % {"municipality": self.municipality.name}
                }
            )


class Afdeling(models.Model):
    """A housing department (estate) of one housing organisation."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("housing organisation"),
        on_delete=models.PROTECT,
        related_name="afdelinger",
    )
    number = models.CharField(_("afdeling number"), max_length=20)
    lbf_number = models.CharField(_("LBF number"), max_length=30, blank=True)
    name = models.CharField(_("name"), max_length=200)
    area = models.ForeignKey(
        Area,
        verbose_name=_("housing area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="afdelinger",
    )
    dwellings = models.PositiveIntegerField(
        _("dwellings"), null=True, blank=True, validators=[count_max]
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    illustrative = models.BooleanField(_("illustrative figures"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "number"]
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelinger")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="afdeling_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation.name} afd. {self.number})"

    def clean(self) -> None:
        if self.organisation_id and self.organisation.kind != OrganisationKind.HOUSING:
            raise ValidationError(
                {"organisation": _("An afdeling must belong to a housing organisation.")}
            )
        if self.organisation_id and unique_problem(
            self, organisation_id=self.organisation_id, number=self.number
        ):
            raise ValidationError(
                {
                    "number": _("%(organisation)s already has an afdeling with this number.")
                    % {"organisation": self.organisation.name}
                }
            )


class AreaSlugHistory(SlugHistory):
    """A slug an area had before it was renamed (see `core.models.SlugHistory`)."""

    owner_field = "area"

    area = models.ForeignKey(
        Area, verbose_name=_("housing area"), on_delete=models.CASCADE, related_name="former_slugs"
    )

    class Meta(SlugHistory.Meta):
        verbose_name = _("former slug of a housing area")
        verbose_name_plural = _("former slugs of housing areas")
