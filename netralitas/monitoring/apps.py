from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "netralitas.monitoring"
    label = "monitoring"
