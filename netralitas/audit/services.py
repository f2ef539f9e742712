"""Writing the audit trail. Callers audit explicitly, inside the same transaction as the change."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models

from netralitas.audit.models import GENESIS_HASH, AuditChainHead, AuditEvent
from netralitas.core import clock

__all__ = ["AuditChainBroken", "AuditOutsideTransaction", "audit_record"]

SYSTEM_LABEL = "system"


class AuditOutsideTransaction(RuntimeError):
    """``audit_record`` was called in autocommit mode: the event could outlive a rolled-back change."""


class AuditChainBroken(RuntimeError):
    """The chain head is missing although events exist; appending would fork the chain."""


def _json_safe(data: dict[str, Any] | None) -> dict[str, Any]:
    """Dates, datetimes, decimals, UUIDs, lazy strings → JSON types, exactly as stored and hashed."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise TypeError("audit data must be a dict")
    result: dict[str, Any] = json.loads(json.dumps(data, cls=DjangoJSONEncoder, allow_nan=False))
    return result


def lock_chain_head() -> AuditChainHead:
    """Lock the chain head row (creating it for the very first event); hold it to append in one piece."""
    head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
    if head.count == 0 and AuditEvent.objects.exists():
        raise AuditChainBroken("audit chain head is missing or reset but events exist; run verify_audit")
    return head


def _advance_head(head: AuditChainHead, event: AuditEvent) -> None:
    head.last_id, head.last_hash, head.count = event.pk, event.hash, head.count + 1
    AuditChainHead.objects.filter(pk=head.pk).update(
        last_id=head.last_id, last_hash=head.last_hash, count=head.count
    )


def audit_record(
    *,
    actor: AbstractBaseUser | None,
    action: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    reason: str = "",
    actor_label: str = "",
) -> AuditEvent:
    """Append one event to the audit chain. Must run inside the caller's ``transaction.atomic()``.

    Appends are serialised by locking the single ``AuditChainHead`` row (``SELECT ... FOR UPDATE`` on
    PostgreSQL; on SQLite the project's ``BEGIN IMMEDIATE`` transactions already serialise writers), so
    the chain never forks. The lock is held until the caller commits: keep audited transactions short.

    ``actor_label`` defaults to the actor's username, or "system" without an actor.
    """
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction("audit_record must be called inside transaction.atomic()")
    if not action or len(action) > AuditEvent._meta.get_field("action").max_length:  # type: ignore[operator]
        raise ValueError(f"invalid audit action {action!r}")
    if target is not None and target.pk is None:
        raise ValueError("audit target must be saved before it is audited")
    label = actor_label or (actor.get_username() if actor is not None else SYSTEM_LABEL)
    payload = _json_safe(data)

    head = lock_chain_head()
    event = AuditEvent(
        at=clock.now(),  # taken under the lock, so time follows chain order
        actor=actor,  # type: ignore[misc]  # any AUTH_USER_MODEL instance
        actor_label=label,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        data=payload,
        reason=reason,
        prev_hash=head.last_hash if head.count else GENESIS_HASH,
    )
    event.hash = event.compute_hash()
    event.save(force_insert=True)
    _advance_head(head, event)
    return event
