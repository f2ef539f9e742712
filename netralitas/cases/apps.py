from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "netralitas.cases"
    label = "cases"
