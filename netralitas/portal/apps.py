from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "netralitas.portal"
    label = "portal"
