"""One request id per request, carried into its log lines, the tasks it enqueues and its outbox deliveries.

The id comes from the ``X-Request-ID`` header when the load balancer (or a calling system) sends a sane one
(letters, digits, ``.``, ``_``, ``:``, ``-``; at most 128 characters), otherwise it is generated; the response
echoes it. It lives in a context variable, so every log record written while the request runs gets it
(``RequestIdLogFilter``), and:

- a task enqueued during the request stores it next to its arguments (``TracedDatabaseBackend``); the
  ``db_worker`` binds it again while the task runs (``bind_task_request_id`` on ``task_started``);
- an outbox event stores it (``OutboxEvent.request_id``) and the delivery worker binds it and sends it as
  the ``X-Request-ID`` header of the webhook or adapter call.

No request (a sweep, a management command): a task gets its own result id, a delivery its event id.
"""

from __future__ import annotations

import contextlib
import logging
import re
import uuid
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
_META_KEY = "HTTP_X_REQUEST_ID"
_VALID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_current: ContextVar[str] = ContextVar("netralitas_request_id", default="")


def current() -> str:
    """The request id bound now, or ``""``."""
    return _current.get()


def new() -> str:
    return uuid.uuid4().hex


def accepted(value: str | None) -> str | None:
    """The incoming header value when it is a usable id, else None (a fresh id is generated)."""
    if value and _VALID.match(value):
        return value
    return None


@contextlib.contextmanager
def bound(request_id: str) -> Iterator[str]:
    token = _current.set(request_id)
    try:
        yield request_id
    finally:
        _current.reset(token)


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = accepted(request.META.get(_META_KEY)) or new()
        request.request_id = request_id  # type: ignore[attr-defined]
        with bound(request_id):
            response = self.get_response(request)
        response[HEADER] = request_id
        return response


class RequestIdLogFilter(logging.Filter):
    """Adds ``request_id`` to every record (``-`` outside a request, task or delivery)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = _current.get() or "-"
        return True


# --- tasks ------------------------------------------------------------------------------------------

_task_tokens: dict[str, Any] = {}


def _from_database_backend(sender: Any) -> bool:
    from django_tasks_db import DatabaseBackend

    # django-tasks-db's worker sends the backend instance as sender on success, its class on failure.
    backend = sender if isinstance(sender, type) else type(sender)
    return issubclass(backend, DatabaseBackend)


def bind_task_request_id(*, sender: Any, task_result: Any, **kwargs: Any) -> None:
    """``task_started`` receiver: the enqueuing request's id (or the task's own id) for the task's run.

    Only for the database backend's worker; the immediate backend (tests) runs the task inside the request,
    where the id is bound already."""
    if not _from_database_backend(sender):
        return
    from django_tasks_db.models import DBTaskResult

    request_id = ""
    row = DBTaskResult.objects.filter(id=task_result.id).values_list("args_kwargs", flat=True).first()
    if isinstance(row, dict):
        request_id = str(row.get("request_id") or "")
    _task_tokens[str(task_result.id)] = _current.set(request_id or _current.get() or str(task_result.id))


def unbind_task_request_id(*, sender: Any, task_result: Any, **kwargs: Any) -> None:
    """``task_finished`` receiver."""
    token = _task_tokens.pop(str(task_result.id), None)
    if token is not None:
        with contextlib.suppress(ValueError):
            _current.reset(token)
