from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "boligsocial.core"
    label = "core"
    verbose_name = "Core"
