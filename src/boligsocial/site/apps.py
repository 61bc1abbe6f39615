from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """What this installation is about: the site profile (city, secretariat, public texts)."""

    name = "boligsocial.site"
    label = "site"
    verbose_name = _("Site")
