"""API keys: ``nk_<prefix>_<secret>``; only the prefix and the SHA-256 of the whole key are stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from netralitas.core import clock
from netralitas.registry.reference import with_cached_agency

from .models import ApiClient

KEY_PREFIX = "nk"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> tuple[str, str]:
    """(prefix, full key); the secret part has 256 bits of entropy, so a fast hash is enough."""
    prefix = secrets.token_hex(5)
    return prefix, f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"


def api_client_issue_key(*, client: ApiClient) -> str:
    """Sets a new key (creation or rotation) and returns it; it is shown once and never stored in clear."""
    prefix, key = new_key()
    rotating = bool(client.key_hash)
    client.key_prefix, client.key_hash = prefix, hash_key(key)
    if rotating:
        client.rotated_at = clock.now()
    client.revoked_at = None
    client.save()
    return key


def api_client_revoke(*, client: ApiClient) -> None:
    client.revoked_at = clock.now()
    client.save(update_fields=["revoked_at"])


def client_for_key(key: str) -> ApiClient | None:
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX:
        return None
    # The client and its account in one statement; their agencies come from the reference cache.
    client = ApiClient.objects.select_related("user").filter(key_prefix=parts[1]).first()
    if client is None or not hmac.compare_digest(client.key_hash, hash_key(key)):
        return None
    with_cached_agency(client)
    with_cached_agency(client.user)
    return client if client.is_active else None
