from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "boligsocial.governance"
    label = "governance"
    verbose_name = "Governance"
