from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "boligsocial.web"
    label = "web"
    verbose_name = "Web"
