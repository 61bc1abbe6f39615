from django.apps import AppConfig


class APIConfig(AppConfig):
    name = "boligsocial.api"
    label = "api"
    verbose_name = "API"
