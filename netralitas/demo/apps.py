from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "netralitas.demo"
    label = "demo"
    verbose_name = "Demo data"
