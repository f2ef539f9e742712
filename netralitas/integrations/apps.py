from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "netralitas.integrations"
    label = "integrations"
