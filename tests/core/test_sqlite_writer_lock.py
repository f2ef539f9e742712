"""The SQLite backend hands the write lock from one transaction to the next at once (no busy polling)."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from netralitas.core.sqlite.base import DatabaseWrapper


def _wrapper(path: Path, alias: str) -> DatabaseWrapper:
    settings_dict: dict[str, Any] = {
        "ENGINE": "netralitas.core.sqlite",
        "NAME": str(path),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;",
        },
        "TIME_ZONE": None,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "TEST": {},
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
    }
    return DatabaseWrapper(settings_dict, alias=alias)


def _begin(db: DatabaseWrapper) -> None:
    db.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)


def _end(db: DatabaseWrapper, *, commit: bool) -> None:
    db.commit() if commit else db.rollback()
    db.set_autocommit(True)


@pytest.fixture(autouse=True)
def _own_databases(django_db_blocker: Any, settings: Any) -> Any:
    # These tests open their own SQLite files next to, not through, the test database. They time the
    # writer lock's handover to the millisecond, so no background checkpoint (checkpoint.py, tested in
    # test_sqlite_checkpoint.py) runs on those files meanwhile.
    settings.SQLITE_CHECKPOINT_SECONDS = 0
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def two(tmp_path: Path) -> Any:
    first, second = _wrapper(tmp_path / "db.sqlite3", "w1"), _wrapper(tmp_path / "db.sqlite3", "w2")
    second.inc_thread_sharing()  # used from the test's second thread
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE t (n INTEGER)")
    yield first, second
    first.close()
    second.close()
    second.dec_thread_sharing()


@pytest.mark.parametrize("commit", [True, False])
def test_a_waiting_writer_starts_the_moment_the_holder_finishes(two: Any, commit: bool) -> None:
    first, second = two
    _begin(first)
    with first.cursor() as cursor:
        cursor.execute("INSERT INTO t VALUES (1)")
    started = threading.Event()
    got_lock_at: list[float] = []

    def other_writer() -> None:
        started.set()
        _begin(second)
        got_lock_at.append(time.perf_counter())
        with second.cursor() as cursor:
            cursor.execute("INSERT INTO t VALUES (2)")
        _end(second, commit=True)

    thread = threading.Thread(target=other_writer)
    thread.start()
    started.wait()
    time.sleep(0.2)
    assert not got_lock_at, "the second writer must wait while the first holds the lock"
    released_at = time.perf_counter()
    _end(first, commit=commit)
    thread.join(timeout=10)
    # SQLite alone polls in 1-100 ms steps: after 0.2 s of waiting the next attempt comes ~25-50 ms later.
    assert got_lock_at and got_lock_at[0] - released_at < 0.01
    with first.cursor() as cursor:
        cursor.execute("SELECT n FROM t ORDER BY n")
        assert [r[0] for r in cursor.fetchall()] == ([1, 2] if commit else [2])


def test_closing_a_connection_inside_a_transaction_releases_the_lock(two: Any) -> None:
    first, second = two
    _begin(first)
    first.close()
    done = threading.Event()

    def other_writer() -> None:
        _begin(second)
        _end(second, commit=True)
        done.set()

    thread = threading.Thread(target=other_writer)
    thread.start()
    assert done.wait(timeout=5)
    thread.join()


def test_an_in_memory_database_needs_no_lock_file(tmp_path: Path) -> None:
    db = _wrapper(Path(":memory:"), "mem")
    with db.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert db._writer_fd is None
    db.close()
