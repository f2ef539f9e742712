from django.apps import AppConfig


class CapturesConfig(AppConfig):
    name = "netralitas.captures"
    label = "captures"
    verbose_name = "Tangkapan tautan"
