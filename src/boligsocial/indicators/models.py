from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from boligsocial.core.i18n import localised
from boligsocial.core.validation import count_max, figure_in_range, long_text
from boligsocial.indicators.rules import counts_problem


class Unit(models.TextChoices):
    PERCENT = "percent", _("per cent")
    COUNT = "count", _("count")
    RATIO = "ratio", _("ratio")
    KRONER = "kroner", _("kroner")


class Indicator(models.Model):
    """What a figure about an area means: the data dictionary. Reference data, editable by an
    administrator, deactivated instead of deleted."""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    name_da = models.CharField(_("name (Danish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    definition_da = models.TextField(_("definition (Danish)"), validators=[long_text])
    definition_en = models.TextField(_("definition (English)"), blank=True, validators=[long_text])
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    population_da = models.CharField(
        _("population (Danish)"),
        max_length=300,
        blank=True,
        help_text=_("What the figure is a share of, e.g. 'beboere 18–64 år'."),
    )
    source = models.CharField(_("source"), max_length=500, blank=True)
    criterion = models.BooleanField(
        _("legal criterion"),
        default=False,
        help_text=_("One of the criteria of almenboligloven §61a/§61b."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "key"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def definition(self) -> str:
        return localised(self, "definition")


class IndicatorValue(models.Model):
    """One figure for one area and year. `persons` and `population` are the counts behind it
    (numerator and denominator of a share), used by disclosure control; empty when unknown."""

    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("housing area"),
        on_delete=models.CASCADE,
        related_name="indicator_values",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="values"
    )
    year = models.PositiveIntegerField(_("year"))
    value = models.DecimalField(
        _("value"), max_digits=16, decimal_places=4, validators=[figure_in_range]
    )
    persons = models.PositiveIntegerField(
        _("persons counted"), null=True, blank=True, validators=[count_max]
    )
    population = models.PositiveIntegerField(
        _("population"), null=True, blank=True, validators=[count_max]
    )
    source = models.CharField(_("source"), max_length=500, blank=True)

    class Meta:
        ordering = ["area__name", "indicator__position", "year"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "indicator", "year"], name="indicator_value_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.indicator.key} {self.year}: {self.value}"

    def clean(self) -> None:
        if counts_problem(self.persons, self.population):
            raise ValidationError(
                {
                    "persons": _(
                        "%(persons)s persons counted, but the population is only %(population)s."
                    )
                    % {"persons": self.persons, "population": self.population}
                }
            )


class Designation(models.TextChoices):
    GHETTO = "ghetto", _("Ghettoområde")
    HAARDT_GHETTO = "haardt_ghetto", _("Hårdt ghettoområde")
    UDSAT = "udsat", _("Udsat boligområde")
    PARALLELSAMFUND = "parallelsamfund", _("Parallelsamfund")
    OMDANNELSE = "omdannelse", _("Omdannelsesområde")
    FOREBYGGELSE = "forebyggelse", _("Forebyggelsesområde")


class OfficialListEntry(models.Model):
    """What the ministry's list of 1 December of a year said about an area: on the list for a
    designation, or published as having left it."""

    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("housing area"),
        on_delete=models.CASCADE,
        related_name="official_list_entries",
    )
    year = models.PositiveIntegerField(_("list year"))
    designation = models.CharField(_("designation"), max_length=20, choices=Designation.choices)
    on_list = models.BooleanField(
        _("on the list"),
        default=True,
        help_text=_("Unticked: published as having left the list that year."),
    )
    source = models.CharField(_("source"), max_length=500)

    class Meta:
        ordering = ["area__name", "year", "designation"]
        verbose_name = _("official list entry")
        verbose_name_plural = _("official list entries")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "year", "designation"], name="official_list_entry_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.year} {self.designation}"
