"""The stock SQLite backend runs with the PRAGMAs and transaction mode of ADR 0002."""

from __future__ import annotations

import runpy
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import ConnectionHandler

ALIAS = "sqlite_file"
SETTINGS_FILE = Path(settings.BASE_DIR) / "config" / "settings.py"

sqlite_only = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="the SQLite options apply to SQLite only",
)


@pytest.fixture
def file_connection(tmp_path: Path, django_db_blocker: Any) -> Iterator[BaseDatabaseWrapper]:
    """A connection with the project's SQLite settings to a fresh file (WAL needs a file), registered
    under its own alias so that ``transaction.atomic(using=...)`` finds it."""
    handler = ConnectionHandler(
        {"default": {**settings.DATABASES["default"], "NAME": str(tmp_path / "db.sqlite3")}}
    )
    conn = handler["default"]
    connections[ALIAS] = conn
    with django_db_blocker.unblock():
        yield conn
        conn.close()
    del connections[ALIAS]


def _pragma(conn: BaseDatabaseWrapper, name: str) -> object:
    with conn.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


@sqlite_only
def test_stock_backend_is_used() -> None:
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"


@sqlite_only
def test_file_database_runs_in_wal_mode_with_full_sync(file_connection: BaseDatabaseWrapper) -> None:
    assert _pragma(file_connection, "journal_mode") == "wal"
    assert _pragma(file_connection, "synchronous") == 2  # FULL
    assert _pragma(file_connection, "foreign_keys") == 1


@sqlite_only
def test_transactions_take_the_write_lock_at_begin(
    file_connection: BaseDatabaseWrapper, tmp_path: Path
) -> None:
    with file_connection.cursor() as cursor:
        cursor.execute("CREATE TABLE t (x INTEGER)")
    other = sqlite3.connect(tmp_path / "db.sqlite3", timeout=0, isolation_level=None)
    try:
        with transaction.atomic(using=ALIAS):
            # No statement has run yet: a deferred BEGIN would hold no lock at this point.
            assert file_connection.connection.in_transaction
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # released at commit
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_synchronous_normal_is_an_opt_out(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    monkeypatch.setenv("SQLITE_SYNCHRONOUS", "NORMAL")
    options = runpy.run_path(str(SETTINGS_FILE))["DATABASES"]["default"]["OPTIONS"]
    assert "PRAGMA synchronous=NORMAL;" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"


def test_unknown_synchronous_value_stops_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SQLITE_SYNCHRONOUS", "OFF")
    with pytest.raises(Exception, match="SQLITE_SYNCHRONOUS"):
        runpy.run_path(str(SETTINGS_FILE))
