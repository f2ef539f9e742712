from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "netralitas.accounts"
    label = "accounts"

    def ready(self) -> None:
        from .admin_otp import require_otp_for_admin

        require_otp_for_admin()
