"""Caches of reference tables (regions, elections, catalogs, deadline rules, holidays, subscriptions, ...)
that no write can hide from another process.

Hot paths such as the intake of a report read the same few small, rarely-changing tables on every request.
A ``ReferenceCache`` keeps what its loader built from them in process memory, and knows at once when any
process changed them:

- every write to one of its models through the ORM or the admin (``post_save``, ``post_delete``,
  ``m2m_changed``) replaces that model's token in ``core_referencestamp`` *in the writing transaction*,
  and clears the caches of the writing process at once;
- before serving a value, a cache compares the tokens it was built under with the table's. The tokens are
  read with one query of a tiny table: once per request (``RequestScopeMiddleware``) for most caches, and
  at every use for a cache created with ``per_use=True`` (the webhook fan-out, which must see a
  subscription committed while the request waited for a case's lock). Outside a request (the task
  worker, commands) they are read at every use;
- bulk writes that send no signals (``bulk_create``, ``QuerySet.update``, raw SQL) must call
  ``reference_tables_changed(...)`` in their transaction, as the master-data loaders do;
- ``REFERENCE_CACHE_SECONDS`` only bounds how long a value is kept at most, as a backstop for a write
  made behind Django's back (SQL typed by an operator).

Tokens are random, not counters, so a value built inside a transaction that was rolled back can never
match a later token. What a loader returns is shared by every request of the process: treat it as
read-only. Never cache data that decides access (roles, scopes, keys): those are read fresh per request.
See docs/adr/0013-reference-caches.md.
"""

from __future__ import annotations

import contextvars
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse

from .replica import on_primary

__all__ = [
    "WATCHED_MODELS",
    "ReferenceCache",
    "RequestScopeMiddleware",
    "clear_reference_caches",
    "reference_tables_changed",
    "request_scope",
    "watch_reference_models",
]

T = TypeVar("T")

_registry: list[ReferenceCache[Any]] = []
_caches_by_model: dict[str, list[ReferenceCache[Any]]] = {}

# Every model any reference cache holds. Their writes are watched from startup (``CoreConfig.ready``), in
# every process, whether or not that process ever imports the module that declares the cache: a shell or
# a command that saves a subscription must tell the web workers as surely as the admin does. A cache of
# a model missing here refuses to be created.
WATCHED_MODELS = (
    "core.democlock",
    "registry.region",
    "registry.agency",
    "registry.election",
    "registry.electionstage",
    "registry.holiday",
    "cases.deadlinerule",
    "sanctions.violationtype",
    "declarations.campaign",
    "integrations.webhooksubscription",
)

_READ_SQL = "SELECT model, token FROM core_referencestamp"
_BUMP_SQL = (
    "INSERT INTO core_referencestamp (model, token) VALUES (%s, %s) "
    "ON CONFLICT (model) DO UPDATE SET token = excluded.token"
)


class _Scope:
    """The tokens read once for one request (``None`` until the first cache asks). After the request
    writes a cached model itself, it reads them at every use: its own new token may yet be rolled back."""

    __slots__ = ("stamps", "wrote")

    def __init__(self) -> None:
        self.stamps: dict[str, int] | None = None
        self.wrote = False


_scope: contextvars.ContextVar[_Scope | None] = contextvars.ContextVar("refcache_scope", default=None)


def _read_stamps(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    with connections[using].cursor() as cursor:
        cursor.execute(_READ_SQL)
        return dict(cursor.fetchall())


def _current_stamps(*, per_use: bool) -> dict[str, int]:
    scope = _scope.get()
    if scope is None or per_use or scope.wrote:
        return _read_stamps()
    if scope.stamps is None:
        scope.stamps = _read_stamps()
    return scope.stamps


@contextmanager
def request_scope() -> Iterator[None]:
    """Within the block the caches read the tokens once (per-use caches still read them at each use)."""
    token = _scope.set(_Scope())
    try:
        yield
    finally:
        _scope.reset(token)


class RequestScopeMiddleware:
    """One read of the reference tokens per request, however many caches the request consults."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_scope():
            return self.get_response(request)


def _bump(labels: Iterable[str], using: str) -> None:
    with connections[using].cursor() as cursor:
        for label in sorted(set(labels)):  # one order everywhere: two bulk writers cannot deadlock
            cursor.execute(_BUMP_SQL, [label, secrets.randbits(62)])


def _forget(labels: Iterable[str], using: str) -> None:
    caches = {id(c): c for label in labels for c in _caches_by_model.get(label, ())}
    scope = _scope.get()
    if scope is not None:
        scope.stamps, scope.wrote = None, True
    for cache in caches.values():
        cache.clear()
        # Readers inside the writing transaction already see the change; other threads only after commit.
        transaction.on_commit(cache.clear, using=using)


def _model_written(label: str, using: str) -> None:
    _bump([label], using)
    _forget([label], using)


def _on_save_or_delete(sender: type[models.Model], using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    _model_written(sender._meta.label_lower, using)


def _m2m_receiver(label: str) -> Callable[..., None]:
    def receiver(action: str, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
        if action in ("post_add", "post_remove", "post_clear"):
            _model_written(label, using)

    return receiver


def watch_reference_models() -> None:
    """Connects the token bump to every write of ``WATCHED_MODELS`` (called once, from ``CoreConfig``)."""
    for label in WATCHED_MODELS:
        model = apps.get_model(label)
        _caches_by_model.setdefault(label, [])
        uid = f"refcache:{label}"
        post_save.connect(_on_save_or_delete, sender=model, dispatch_uid=f"{uid}:save", weak=False)
        post_delete.connect(_on_save_or_delete, sender=model, dispatch_uid=f"{uid}:delete", weak=False)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(
                _m2m_receiver(label), sender=through, dispatch_uid=f"{uid}:{field.name}", weak=False
            )


class ReferenceCache(Generic[T]):
    """One value built by ``loader`` from ``models``, cached per process (see the module docstring)."""

    def __init__(
        self,
        name: str,
        loader: Callable[[], T],
        models: Iterable[type[models.Model]],
        seconds: float | None = None,
        *,
        per_use: bool = False,
    ) -> None:
        self.name = name
        self._loader = loader
        self._seconds = seconds
        self._per_use = per_use
        self._lock = threading.Lock()
        self._generation = 0
        self._cached: tuple[float, tuple[int, ...], T] | None = None
        self._labels: tuple[str, ...] = ()
        for model in models:
            label = model._meta.label_lower
            if label not in WATCHED_MODELS:
                raise ImproperlyConfigured(f"refcache: add {label!r} to WATCHED_MODELS for cache {name!r}")
            self._labels += (label,)
            _caches_by_model.setdefault(label, []).append(self)
        _registry.append(self)

    @property
    def seconds(self) -> float:
        if self._seconds is not None:
            return self._seconds
        return float(getattr(settings, "REFERENCE_CACHE_SECONDS", 60))

    def _key(self) -> tuple[int, ...]:
        if not self._labels:
            return ()
        stamps = _current_stamps(per_use=self._per_use)
        return tuple(stamps.get(label, 0) for label in self._labels)

    def get(self) -> T:
        # The tokens are read before the loader runs: a write committed in between makes the next get()
        # load again, never keeps a value older than its key.
        key = self._key()
        cached = self._cached
        now = time.monotonic()
        if cached is not None and cached[1] == key and now - cached[0] < self.seconds:
            return cached[2]
        generation = self._generation
        # The tokens come from the primary, so the value must too (never from a lagging replica).
        with on_primary():
            value = self._loader()
        with self._lock:
            # Do not keep a value read before a concurrent invalidation: it may already be stale.
            if generation == self._generation:
                self._cached = (now, key, value)
        return value

    def clear(self) -> None:
        """Forget the cached value in this process; the next ``get()`` runs the loader."""
        with self._lock:
            self._generation += 1
            self._cached = None

    def __repr__(self) -> str:
        return f"<ReferenceCache {self.name}>"


def reference_tables_changed(
    models: Iterable[type[models.Model]] | None = None, *, using: str = DEFAULT_DB_ALIAS
) -> None:
    """Tell every process that ``models`` (default: all cached ones) changed without model signals.

    Call it inside the transaction of the bulk write: the tokens change when the write commits."""
    labels = [m._meta.label_lower for m in models] if models is not None else list(WATCHED_MODELS)
    _bump(labels, using)
    _forget(labels, using)


def clear_reference_caches() -> None:
    """Clear every reference cache of *this process* only (between tests). A bulk write calls
    ``reference_tables_changed`` instead, so that the other processes learn of it too."""
    for cache in list(_registry):
        cache.clear()
