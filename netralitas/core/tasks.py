"""Enqueuing background tasks (django-tasks) so that a task exists exactly when its change committed."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import connection, transaction
from django_tasks.base import Task
from django_tasks_db import DatabaseBackend


def enqueue_with_change(task: Task[Any, Any], *args: Any) -> None:
    """Enqueue ``task(*args)`` as part of the caller's transaction.

    On the database backend (production, ``manage.py db_worker``) the task row is written inside the open
    transaction: the worker sees it only once the change commits, a rolled-back change leaves no task, and
    no second write transaction is spent per change (on SQLite each one takes the database's write lock).
    Other backends, e.g. the immediate backend of the tests, are called after the commit.
    """
    if connection.in_atomic_block and isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args)
    else:
        transaction.on_commit(partial(task.enqueue, *args))
