"""API-key authentication, the per-client rate limit and the audit of read calls."""

from __future__ import annotations

import threading
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from ninja.security import APIKeyHeader

from netralitas.audit.services import audit_record

from .keys import client_for_key
from .models import ApiClient
from .problems import ApiProblem

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class RateLimited(ApiProblem):
    def __init__(self, limit: int, retry_after: int) -> None:
        super().__init__(
            429,
            "rate-limited",
            "Terlalu banyak permintaan",
            f"Batas {limit} permintaan per menit untuk klien ini terlampaui; "
            f"coba lagi dalam {retry_after} detik.",
            f"This client's limit of {limit} requests per minute is exceeded; "
            f"retry in {retry_after} seconds.",
            headers={"Retry-After": str(retry_after)},
        )


class _LocalCounts:
    """Requests counted in this process and not yet added to the shared counter, per (client, window)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pending: dict[tuple[int, str, int], int] = {}
        self.shared: dict[tuple[int, str, int], int] = {}


_local = _LocalCounts()


def check_rate(client: ApiClient, now: float | None = None) -> None:
    """A fixed one-minute window per client, counted in the shared cache (the database, so every gunicorn
    worker agrees). Each process adds its count to the shared counter every ``API_RATE_LIMIT_SYNC_EVERY``
    requests rather than on every request: a write per request would cost more than the submission's own
    transaction on SQLite. The limit can therefore be overshot by at most (sync_every - 1) per process."""
    now = time.time() if now is None else now
    window = int(now // 60)
    slot = (client.pk, client.key_prefix, window)
    sync_every = max(1, int(settings.API_RATE_LIMIT_SYNC_EVERY))
    with _local.lock:
        pending = _local.pending.get(slot, 0) + 1
        _local.pending = {k: v for k, v in _local.pending.items() if k[2] >= window - 1}
        _local.pending[slot] = pending
        shared = _local.shared.get(slot, 0)
        flush = pending >= sync_every
        if flush:
            _local.pending[slot] = 0
    if flush:
        key = f"api-rate:{client.pk}:{window}"
        cache.add(key, 0, timeout=120)
        try:
            shared = cache.incr(key, pending)
        except ValueError:  # expired between add and incr
            cache.set(key, pending, timeout=120)
            shared = pending
        with _local.lock:
            _local.shared = {k: v for k, v in _local.shared.items() if k[2] >= window - 1}
            _local.shared[slot] = shared
        pending = 0
    if shared + pending > client.rate_limit_per_minute:
        raise RateLimited(client.rate_limit_per_minute, max(1, 60 - int(now % 60)))


def audit_read(request: HttpRequest, client: ApiClient) -> None:
    """Reads are audited per call; writes are audited by the case events they cause (ADR 0010)."""
    with transaction.atomic():
        audit_record(
            actor=client.user,
            action="api.read",
            actor_label=client.actor_label,
            data={
                "method": request.method,
                "path": request.path,
                "query": request.META.get("QUERY_STRING", ""),
            },
        )


class ApiKey(APIKeyHeader):
    """``X-API-Key: nk_<prefix>_<secret>``."""

    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        client = client_for_key(key or "")
        if client is None:
            return None
        check_rate(client)
        if request.method in READ_METHODS:
            require_read(client)
            audit_read(request, client)
        return client


def require_write(client: ApiClient) -> None:
    if not client.can_write:
        raise ApiProblem(
            403,
            "forbidden",
            "Tidak berwenang",
            "Kunci API ini hanya untuk membaca; minta kunci dengan izin menulis kepada admin.",
            "This API key is read-only; ask the administrator for a key with write scope.",
        )


def client_of(request: HttpRequest) -> ApiClient:
    client = request.auth  # type: ignore[attr-defined]
    assert isinstance(client, ApiClient)
    return client


def require_read(client: ApiClient) -> None:
    """403 problem for a key without the read scope (also for read-only POSTs such as reconciliation)."""
    if not client.can_read:
        raise ApiProblem(
            403,
            "forbidden",
            "Tidak berwenang",
            "Kunci API ini tidak memiliki izin membaca.",
            "This API key has no read scope.",
        )
