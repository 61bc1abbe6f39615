from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "boligsocial.funding"
    label = "funding"
    verbose_name = "Funding"
