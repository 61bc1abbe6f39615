from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "boligsocial.budgets"
    label = "budgets"
    verbose_name = _("Budgets and co-financing")
