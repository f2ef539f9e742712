"""Counting failed signing attempts per NIP and per client address in the shared (database) cache.

Only failures are counted: a correct signature costs one cache read, and an office of hundreds signing
behind one NAT address is never blocked by its own successes.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()[:32]
    return f"decl-fail:{kind}:{digest}"


def is_blocked(*, nip: str, ip: str) -> bool:
    nip_key, ip_key = _key("nip", nip), _key("ip", ip)
    counts = cache.get_many([nip_key, ip_key])
    return int(counts.get(nip_key, 0)) >= settings.DECLARATION_FAILURES_PER_NIP or int(
        counts.get(ip_key, 0)
    ) >= int(settings.DECLARATION_FAILURES_PER_IP)


def record_failure(*, nip: str, ip: str) -> None:
    window = settings.DECLARATION_FAILURE_WINDOW_SECONDS
    for key in (_key("nip", nip), _key("ip", ip)):
        # add() starts the window at the first failure; incr() keeps its expiry.
        if not cache.add(key, 1, timeout=window):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=window)
