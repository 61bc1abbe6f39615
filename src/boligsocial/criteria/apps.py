from django.apps import AppConfig


class CriteriaConfig(AppConfig):
    name = "boligsocial.criteria"
    label = "criteria"
    verbose_name = "Criteria"
