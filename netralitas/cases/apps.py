from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "netralitas.cases"
    label = "cases"

    def ready(self) -> None:
        from netralitas.integrations.local import register_local_consumer

        from .notifications import EMAIL_CONSUMER
        from .tasks import mail_next_owners

        register_local_consumer(EMAIL_CONSUMER, mail_next_owners)
