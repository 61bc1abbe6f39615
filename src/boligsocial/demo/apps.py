from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data loaders and their commands: no models. `boligsocial demo` (the Aarhus
    demo) and `boligsocial national` (the synthetic national installation)."""

    name = "boligsocial.demo"
    label = "demo"
    verbose_name = "Demo data"
