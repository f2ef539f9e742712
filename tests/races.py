"""Marks for the race tests: several connections (threads or processes) on one shared database.

They run on PostgreSQL and on a SQLite *file* database (``make pytest-races`` sets ``TEST_SQLITE_NAME``);
an in-memory SQLite database cannot be shared that way, so there they are skipped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from django.conf import settings
from django.db import connection

T = TypeVar("T", bound=Callable[..., Any])

IN_MEMORY_SQLITE = connection.vendor == "sqlite" and not settings.DATABASES["default"]["TEST"].get("NAME")

needs_shared_database = pytest.mark.skipif(
    IN_MEMORY_SQLITE,
    reason="connections cannot share an in-memory SQLite database; run with TEST_SQLITE_NAME "
    "(make pytest-races) or on PostgreSQL",
)

RACE_MARKS = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True), needs_shared_database]


def race(test: T) -> T:
    """Marks one race test (a module takes ``pytestmark = RACE_MARKS``)."""
    for mark in RACE_MARKS:
        test = mark(test)
    return test


def shared_database_url() -> str:
    """The test database as a ``DATABASE_URL``, for a child process that must share it."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user, host, port = settings["USER"], settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"
