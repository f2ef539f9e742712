"""Reads of dashboards, public statistics, open data and exports from a PostgreSQL streaming replica.

Off unless ``DATABASE_REPLICA_URL`` is set (then settings add the alias ``replica``, this router and this
middleware). The rules, in the order they are checked (docs/adr/0016-nodes-read-replica.md):

- every write goes to the primary (``db_for_write``);
- a read goes to the replica only inside a request the middleware marked as a replica request: a safe
  method (GET/HEAD/OPTIONS) on a path under ``DATABASE_REPLICA_PATHS``, without the read-your-writes
  cookie, while the replica's measured lag is under ``DATABASE_REPLICA_MAX_LAG_SECONDS``;
- even then, reads of sessions, users and their roles, 2FA devices, the database cache (rate limits,
  lockouts), the task queue and the admin log stay on the primary: they decide access or are written by
  the same request;
- a read while the primary connection is inside a transaction (``atomic``) stays on the primary, so a
  service that locks, writes and reads back sees its own rows;
- ``on_primary()`` forces the primary for a block (reference-cache loaders use it: their freshness tokens
  are read from the primary, so the data they cache must be too).

Read-your-writes: a request with a non-safe method sets a short-lived cookie (``DATABASE_REPLICA_STICKY_
SECONDS``); while it lives, that browser's reads all go to the primary. Lag is measured on the replica
(``pg_last_xact_replay_timestamp()``), kept in process memory for ``DATABASE_REPLICA_LAG_CHECK_SECONDS``,
logged when it crosses the limit, and reported by ``/readyz``.
"""

from __future__ import annotations

import contextvars
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("netralitas.replica")

REPLICA_DB_ALIAS = "replica"
STICKY_COOKIE = "nt_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Apps whose rows decide access, are written by the reading request itself, or hold shared counters.
PRIMARY_ONLY_APPS = frozenset(
    {
        "sessions",
        "auth",
        "accounts",
        "contenttypes",
        "admin",
        "otp_totp",
        "otp_static",
        "django_otp",
        "django_cache",
        "django_tasks_database",
        "captcha",
        "api",
    }
)

_use_replica: contextvars.ContextVar[bool] = contextvars.ContextVar("netralitas_use_replica", default=False)
_forced_primary: contextvars.ContextVar[bool] = contextvars.ContextVar("netralitas_on_primary", default=False)


def replica_configured() -> bool:
    return REPLICA_DB_ALIAS in settings.DATABASES


@contextmanager
def replica_reads() -> Iterator[None]:
    """Let the reads of this block go to the replica (what the middleware does for a replica request)."""
    token = _use_replica.set(True)
    try:
        yield
    finally:
        _use_replica.reset(token)


@contextmanager
def on_primary() -> Iterator[None]:
    """Send every read of this block to the primary, whatever the request."""
    token = _forced_primary.set(True)
    try:
        yield
    finally:
        _forced_primary.reset(token)


def read_alias_for(app_label: str) -> str:
    """The alias a read of a model of ``app_label`` goes to now (pure decision, tested directly)."""
    if not _use_replica.get() or _forced_primary.get() or not replica_configured():
        return DEFAULT_DB_ALIAS
    if app_label in PRIMARY_ONLY_APPS:
        return DEFAULT_DB_ALIAS
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    return REPLICA_DB_ALIAS


class ReplicaRouter:
    """Django database router: writes and migrations on the primary, chosen reads on the replica."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        return read_alias_for(model._meta.app_label)

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        # Both aliases hold the same rows (the replica is a copy of the primary).
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


# --- replica lag --------------------------------------------------------------------------------------

_LAG_SQL = (
    "SELECT pg_is_in_recovery(), "
    "CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0.0 "
    "ELSE EXTRACT(EPOCH FROM (now() - pg_last_xact_replay_timestamp()))::float END"
)


class LagProbe:
    """The replica's lag in seconds, measured at most once per ``ttl`` seconds per process.

    ``None`` means unknown: the replica cannot be reached or is not a standby. Unknown counts as too far
    behind, so reads fall back to the primary.
    """

    def __init__(self, measure: Callable[[], float | None], clock: Callable[[], float] = time.monotonic):
        self._measure = measure
        self._clock = clock
        self._lock = threading.Lock()
        self._value: float | None = None
        self._measured_at: float | None = None
        self._was_healthy: bool | None = None

    def lag(self) -> float | None:
        ttl = settings.DATABASE_REPLICA_LAG_CHECK_SECONDS
        with self._lock:
            now = self._clock()
            if self._measured_at is None or now - self._measured_at >= ttl:
                self._value = self._measure()
                self._measured_at = now
                self._log_change(self._value)
            return self._value

    def healthy(self) -> bool:
        lag = self.lag()
        return lag is not None and lag <= settings.DATABASE_REPLICA_MAX_LAG_SECONDS

    def _log_change(self, lag: float | None) -> None:
        healthy = lag is not None and lag <= settings.DATABASE_REPLICA_MAX_LAG_SECONDS
        if healthy == self._was_healthy:
            return
        self._was_healthy = healthy
        if healthy:
            logger.info("replica lag %.3fs: reads of dashboards and statistics use the replica", lag)
        else:
            logger.warning(
                "replica lag %s over %ss: reads fall back to the primary",
                "unknown" if lag is None else f"{lag:.3f}s",
                settings.DATABASE_REPLICA_MAX_LAG_SECONDS,
            )

    def reset(self) -> None:
        with self._lock:
            self._value = self._measured_at = self._was_healthy = None


def measure_replica_lag() -> float | None:
    try:
        with connections[REPLICA_DB_ALIAS].cursor() as cursor:
            cursor.execute(_LAG_SQL)
            in_recovery, lag = cursor.fetchone()
    except Exception:
        logger.exception("replica lag could not be measured")
        connections[REPLICA_DB_ALIAS].close()
        return None
    if not in_recovery:
        return None
    return max(0.0, float(lag or 0.0))


lag_probe = LagProbe(measure_replica_lag)


def replica_lag() -> float | None:
    """The replica's lag as last measured (at most ``DATABASE_REPLICA_LAG_CHECK_SECONDS`` old)."""
    return lag_probe.lag()


# --- the request side -----------------------------------------------------------------------------


def wants_replica(request: HttpRequest) -> bool:
    """Whether this request's reads may go to the replica, before asking about lag."""
    if request.method not in SAFE_METHODS:
        return False
    if request.COOKIES.get(STICKY_COOKIE):
        return False
    return request.path_info.startswith(tuple(settings.DATABASE_REPLICA_PATHS))


class ReplicaRoutingMiddleware:
    """Marks replica requests and sets the read-your-writes cookie after a write."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        use = replica_configured() and wants_replica(request) and lag_probe.healthy()
        if not use:
            response = self.get_response(request)
        else:
            with replica_reads():
                response = self.get_response(request)
            response["X-Netralitas-Read-From"] = REPLICA_DB_ALIAS
        if request.method not in SAFE_METHODS:
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_STICKY_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
