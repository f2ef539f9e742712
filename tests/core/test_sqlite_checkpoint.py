"""WAL checkpoints run in a background thread, not in the committing request."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from netralitas.core.sqlite import checkpoint


def _wal_connection(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA wal_autocheckpoint=0")  # only the background thread checkpoints here
    connection.execute("CREATE TABLE t (n INTEGER, pad TEXT)")
    return connection


def test_the_thread_copies_committed_pages_back_while_writers_go_on(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    writer = _wal_connection(path)
    assert checkpoint.ensure_checkpointer(str(path), 0.05)
    assert not checkpoint.ensure_checkpointer(str(path), 0.05)  # one thread per process and database
    assert any(t.name == "sqlite-checkpoint" for t in threading.enumerate())
    for n in range(200):
        writer.execute("INSERT INTO t VALUES (?, ?)", (n, "x" * 500))
    # The rows (~100 KB) are in the WAL; only a checkpoint copies them into the database file, and this
    # connection never checkpoints.
    deadline = time.monotonic() + 5
    while path.stat().st_size < 100_000 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert path.stat().st_size >= 100_000
    assert writer.execute("SELECT count(*) FROM t").fetchone() == (200,)


def test_zero_seconds_turns_it_off(tmp_path: Path) -> None:
    assert not checkpoint.ensure_checkpointer(str(tmp_path / "other.sqlite3"), 0)
