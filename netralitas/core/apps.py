from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "netralitas.core"
    label = "core"
