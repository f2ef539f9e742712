from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "netralitas.accounts"
    label = "accounts"
