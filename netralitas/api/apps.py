from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "netralitas.api"
    label = "api"
