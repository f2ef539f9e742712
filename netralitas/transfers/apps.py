from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "netralitas.transfers"
    label = "transfers"
