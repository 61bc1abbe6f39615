from django.apps import AppConfig
from django.db.models.signals import post_migrate  # noqa: TID251 (infrastructure, see ready())
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "boligsocial.core"
    label = "core"
    verbose_name = _("Shared")

    def ready(self) -> None:
        from boligsocial.core.data_version import install_triggers_after_migrate

        # Infrastructure, not domain behaviour: the data-version triggers on every table of the
        # project, (re)installed after each migrate (docs/decisions/0014).
        post_migrate.connect(
            install_triggers_after_migrate, sender=self, dispatch_uid="data_version_triggers"
        )
