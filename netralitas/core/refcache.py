"""Process-local caches of reference tables (regions, elections, catalogs, deadline rules, holidays, ...).

Hot paths such as the intake of a report read the same few small, rarely-changing tables on every request.
A ``ReferenceCache`` keeps what its loader built from them in process memory, for at most
``settings.REFERENCE_CACHE_SECONDS``:

- saving or deleting a row of one of its models through the ORM or the admin clears the cache of *this*
  process at once (``post_save``/``post_delete``, ``m2m_changed``, and again on commit);
- other processes (gunicorn workers, the task worker) see the change within ``REFERENCE_CACHE_SECONDS``;
- bulk writes that send no signals (``bulk_create``, ``QuerySet.update``, raw SQL) must call ``clear()``
  (or ``clear_reference_caches()``), as the master-data loaders do.

What a loader returns is shared by every request of the process: treat it as read-only. Never cache data
that decides access (roles, scopes, keys): those are read fresh per request. A value loaded inside a
transaction that is later rolled back may be served for up to ``REFERENCE_CACHE_SECONDS``.
See docs/adr/0013-reference-caches.md.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

__all__ = ["ReferenceCache", "clear_reference_caches"]

T = TypeVar("T")

_registry: list[ReferenceCache[Any]] = []


class ReferenceCache(Generic[T]):
    """One value built by ``loader`` from ``models``, cached per process (see the module docstring)."""

    def __init__(
        self,
        name: str,
        loader: Callable[[], T],
        models: Iterable[type[models.Model]],
        seconds: float | None = None,
    ) -> None:
        self.name = name
        self._loader = loader
        self._seconds = seconds
        self._lock = threading.Lock()
        self._generation = 0
        self._cached: tuple[float, T] | None = None
        for model in models:
            uid = f"refcache:{name}:{model._meta.label_lower}"
            post_save.connect(self._changed, sender=model, dispatch_uid=f"{uid}:save", weak=False)
            post_delete.connect(self._changed, sender=model, dispatch_uid=f"{uid}:delete", weak=False)
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                m2m_changed.connect(
                    self._changed, sender=through, dispatch_uid=f"{uid}:{field.name}", weak=False
                )
        _registry.append(self)

    @property
    def seconds(self) -> float:
        if self._seconds is not None:
            return self._seconds
        return float(getattr(settings, "REFERENCE_CACHE_SECONDS", 60))

    def get(self) -> T:
        cached = self._cached
        now = time.monotonic()
        if cached is not None and now - cached[0] < self.seconds:
            return cached[1]
        generation = self._generation
        value = self._loader()
        with self._lock:
            # Do not keep a value read before a concurrent invalidation: it may already be stale.
            if generation == self._generation:
                self._cached = (now, value)
        return value

    def clear(self) -> None:
        """Forget the cached value in this process; the next ``get()`` runs the loader."""
        with self._lock:
            self._generation += 1
            self._cached = None

    def _changed(self, **kwargs: Any) -> None:
        self.clear()
        # Readers inside the writing transaction already see the change; other threads only after commit.
        transaction.on_commit(self.clear)

    def __repr__(self) -> str:
        return f"<ReferenceCache {self.name}>"


def clear_reference_caches() -> None:
    """Clear every reference cache of this process (after bulk loads, and between tests)."""
    for cache in list(_registry):
        cache.clear()
