from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "boligsocial.plans"
    label = "plans"
    verbose_name = "Plans"
