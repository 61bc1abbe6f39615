from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "boligsocial.indicators"
    label = "indicators"
    verbose_name = "Indicators"
