from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "netralitas.registry"
    label = "registry"
