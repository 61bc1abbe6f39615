from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FramesConfig(AppConfig):
    name = "boligsocial.frames"
    label = "frames"
    verbose_name = _("LBF's annual frame and redistribution")
