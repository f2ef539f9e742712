from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "netralitas.core"
    label = "core"

    def ready(self) -> None:
        from .refcache import watch_reference_models

        watch_reference_models()
