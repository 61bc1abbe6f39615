from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "boligsocial.reporting"
    label = "reporting"
    verbose_name = _("Yearly accounts and reports to LBF")
