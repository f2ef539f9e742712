from django.apps import AppConfig


class DeclarationsConfig(AppConfig):
    name = "netralitas.declarations"
    label = "declarations"
