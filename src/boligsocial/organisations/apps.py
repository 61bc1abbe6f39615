from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "boligsocial.organisations"
    label = "organisations"
    verbose_name = "Organisations"
