from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "boligsocial.pipeline"
    label = "pipeline"
    verbose_name = "Deadlines and the renewal pipeline"
