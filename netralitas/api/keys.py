"""API keys: ``nk_<prefix>_<secret>``; only the prefix and the SHA-256 of the whole key are stored.

Issuing, rotating and revoking a key, and changing a client's rights, are audited here (not in the
admin), so a command, a test or any later interface leaves the same trace."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.db import transaction

from netralitas.accounts.models import User
from netralitas.audit.changes import row_save
from netralitas.audit.services import audit_record
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


def _client_data(client: ApiClient) -> dict[str, object]:
    return {
        "client": client.name,
        "key_prefix": client.key_prefix,
        "can_read": client.can_read,
        "can_write": client.can_write,
        "agency": client.agency_id,
        "user": client.user_id,
    }


@transaction.atomic
def api_client_issue_key(*, client: ApiClient, actor: User | None = None) -> str:
    """Sets a new key (creation or rotation) and returns it; it is shown once and never stored in clear.

    Audited as ``api.client_created`` (first key) or ``api.key_rotated`` (the old key stops at once)."""
    prefix, key = new_key()
    rotating = bool(client.key_hash)
    previous_prefix = client.key_prefix
    client.key_prefix, client.key_hash = prefix, hash_key(key)
    if rotating:
        client.rotated_at = clock.now()
    client.revoked_at = None
    client.save()
    data = _client_data(client) | ({"previous_key_prefix": previous_prefix} if rotating else {})
    audit_record(
        actor=actor, action="api.key_rotated" if rotating else "api.client_created", target=client, data=data
    )
    return key


@transaction.atomic
def api_client_revoke(*, client: ApiClient, actor: User | None = None) -> None:
    client.revoked_at = clock.now()
    client.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action="api.key_revoked", target=client, data=_client_data(client))


def api_client_change(*, client: ApiClient, actor: User | None = None) -> None:
    """A change of a client's rights, agency, account or rate limit (``api.client.changed``)."""
    row_save(actor=actor, obj=client, action="api.client")


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
