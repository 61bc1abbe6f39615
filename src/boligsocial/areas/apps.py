from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "boligsocial.areas"
    label = "areas"
    verbose_name = "Areas"
