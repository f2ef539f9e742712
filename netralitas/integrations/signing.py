"""HMAC-SHA256 signatures of webhook bodies (docs/api.md shows how a receiver verifies them)."""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-Netralitas-Signature"
EVENT_ID_HEADER = "X-Netralitas-Event-Id"
DEFAULT_TOLERANCE_SECONDS = 300


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The header value ``t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." + body>``."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify(
    secret: str, header: str, body: bytes, now: int, tolerance: int = DEFAULT_TOLERANCE_SECONDS
) -> bool:
    """What a receiver does: recompute the MAC, compare in constant time, refuse stale timestamps."""
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = sign(secret, timestamp, body).split(",v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))
