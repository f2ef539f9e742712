from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "netralitas.core"
    label = "core"

    def ready(self) -> None:
        from .refcache import watch_reference_models

        watch_reference_models()

        from django_tasks.signals import task_finished, task_started

        from .requestid import bind_task_request_id, unbind_task_request_id

        task_started.connect(bind_task_request_id, dispatch_uid="request_id")
        task_finished.connect(unbind_task_request_id, dispatch_uid="request_id")
