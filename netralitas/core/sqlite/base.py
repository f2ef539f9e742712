"""SQLite with one lock file per database that queues writers and wakes the next one at once.

Every transaction here is ``BEGIN IMMEDIATE`` (ADR 0002), so writers queue for SQLite's write lock. SQLite
itself waits for a busy lock by polling: its busy handler sleeps 1, 2, 5, 10, 15, 20, 25 … ms between
attempts and cannot be told when the lock is free. With two gunicorn workers each holding the lock for
about a millisecond per request, a blocked writer slept far longer than the lock was held: API intake ran
*slower* with two workers than with one (measured: 267 vs 323 submissions/s).

So before ``BEGIN IMMEDIATE`` each connection takes an exclusive ``flock`` on ``<database>-writer.lock``
and releases it at ``COMMIT``/``ROLLBACK``. A blocked ``flock`` is woken by the kernel the moment the
holder releases it. The lock belongs to the connection's own open file, so it works between the threads
of one process as between processes, and a crashed process's lock is released with its files.
Statements in autocommit mode (outside ``atomic``) do not take it; SQLite's own locking (and
``busy_timeout``) still guards them, and every writer remains correct without the file lock: it only
decides who waits how. In-memory databases (the test suite's default) skip it. See
docs/adr/0002-sqlite-immediate-transactions.md.
"""

from __future__ import annotations

import fcntl
import os
from typing import Any

from django.conf import settings
from django.db.backends.sqlite3 import base

from .checkpoint import ensure_checkpointer


class DatabaseWrapper(base.DatabaseWrapper):
    _writer_fd: int | None = None
    _writer_locked = False

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        connection = super().get_new_connection(conn_params)
        self._close_writer_lock()
        if not self.is_in_memory_db():
            path = f"{self.settings_dict['NAME']}-writer.lock"
            self._writer_fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            ensure_checkpointer(str(self.settings_dict["NAME"]), settings.SQLITE_CHECKPOINT_SECONDS)
        return connection

    def _start_transaction_under_autocommit(self) -> None:
        if self._writer_fd is not None and not self._writer_locked:
            fcntl.flock(self._writer_fd, fcntl.LOCK_EX)
            self._writer_locked = True
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._release_writer_lock()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]
        finally:
            if not self.in_transaction_after_commit():
                self._release_writer_lock()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]
        finally:
            self._release_writer_lock()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]
        finally:
            self._close_writer_lock()

    def in_transaction_after_commit(self) -> bool:
        """A failed COMMIT leaves the transaction open (and Django rolls it back next)."""
        return bool(self.connection is not None and self.connection.in_transaction)

    def _release_writer_lock(self) -> None:
        if self._writer_locked and self._writer_fd is not None:
            fcntl.flock(self._writer_fd, fcntl.LOCK_UN)
        self._writer_locked = False

    def _close_writer_lock(self) -> None:
        self._release_writer_lock()
        if self._writer_fd is not None:
            os.close(self._writer_fd)
            self._writer_fd = None
