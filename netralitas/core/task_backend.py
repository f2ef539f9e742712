"""django-tasks-db's database backend, storing the enqueuing request's id with the task (requestid.py).

The id is kept, in the same INSERT, as one more key of the row's ``args_kwargs`` JSON beside ``args`` and
``kwargs``: the worker builds the call from those two keys only, so no task's signature changes, and the
``task_started`` receiver reads the id back. ``_task_to_db_task`` is a private method of the pinned
django-tasks-db (0.13), copied here with the one key added; tests/core/test_request_id.py fails if it
stops being called.
"""

from __future__ import annotations

from typing import Any

from django_tasks_db import DatabaseBackend
from django_tasks_db.compat import normalize_json

from . import requestid


class TracedDatabaseBackend(DatabaseBackend):
    def _task_to_db_task(self, task: Any, args: Any, kwargs: Any) -> Any:
        from django_tasks_db.models import DBTaskResult

        stored: dict[str, Any] = {"args": args, "kwargs": kwargs}
        request_id = requestid.current()
        if request_id:
            stored["request_id"] = request_id
        return DBTaskResult.objects.create(
            id=self._get_id(),
            args_kwargs=normalize_json(stored),
            priority=task.priority,
            task_path=task.module_path,
            queue_name=task.queue_name,
            run_after=task.run_after,
            backend_name=self.alias,
        )
