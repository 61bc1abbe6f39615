from django.contrib import admin
from django.db import models

from boligsocial.core.forms import IdsChoiceField
from boligsocial.site.models import SiteProfile


@admin.register(SiteProfile)
class SiteProfileAdmin(admin.ModelAdmin):
    list_display = ("title_da", "secretariat", "demo_notice")
    filter_horizontal = ("municipalities",)
    # An id beyond the database's range is an invalid choice, not a 500 (docs/decisions/0011).
    formfield_overrides = {models.ManyToManyField: {"form_class": IdsChoiceField}}
