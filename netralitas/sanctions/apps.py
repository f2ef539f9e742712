from django.apps import AppConfig


class SanctionsConfig(AppConfig):
    name = "netralitas.sanctions"
    label = "sanctions"
