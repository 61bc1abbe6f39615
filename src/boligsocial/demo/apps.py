from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data loaders: no models, only the `national` command (the Aarhus demo's
    `boligsocial demo` lives in core)."""

    name = "boligsocial.demo"
    label = "demo"
    verbose_name = "Demo data"
