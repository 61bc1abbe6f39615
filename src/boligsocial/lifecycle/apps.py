from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LifecycleConfig(AppConfig):
    name = "boligsocial.lifecycle"
    label = "lifecycle"
    verbose_name = _("Plan lifecycle")

    def ready(self) -> None:
        # A working group's seats may start the day the plan was recorded as an idea, which
        # only the lifecycle knows (governance.periods; decision 0025).
        from boligsocial.governance.periods import register_idea_date
        from boligsocial.lifecycle.selectors import idea_date

        register_idea_date(idea_date)
