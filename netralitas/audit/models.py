"""Append-only, hash-chained audit events.

Each event stores the SHA-256 of its own canonical content plus the hash of the event before it, so that
altering, deleting or inserting an event breaks the chain (``verification.verify_chain``). The database
itself rejects UPDATE and DELETE on the event table (triggers, migration 0002). Events are written only by
``services.audit_record``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from netralitas.core import clock

GENESIS_HASH = "0" * 64


class AuditEvent(models.Model):
    id = models.BigAutoField(primary_key=True, verbose_name=_("ID"))
    at = models.DateTimeField(_("waktu"), default=clock.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pelaku"),
    )
    actor_label = models.CharField(
        _("label pelaku"),
        max_length=150,
        blank=True,
        help_text=_("Disimpan apa adanya, mis. nama pengguna, 'api:bawaslu-ri' atau 'system'."),
    )
    action = models.CharField(_("tindakan"), max_length=64)
    target_type = models.CharField(_("jenis objek"), max_length=100, blank=True)
    target_id = models.CharField(_("ID objek"), max_length=64, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    reason = models.TextField(_("alasan"), blank=True)
    prev_hash = models.CharField(max_length=64, verbose_name=_("hash sebelumnya"))
    hash = models.CharField(max_length=64, unique=True, verbose_name=_("hash"))

    class Meta:
        ordering = ["-id"]
        verbose_name = _("peristiwa audit")
        verbose_name_plural = _("peristiwa audit")
        indexes = [
            # "History of this case": every event about one object, in order.
            models.Index(fields=["target_type", "target_id", "id"], name="audit_target"),
            models.Index(fields=["action", "at"], name="audit_action_at"),
            models.Index(fields=["at"], name="audit_at"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.at:%Y-%m-%d %H:%M} {self.action} {self.target_type}:{self.target_id}"

    def canonical_payload(self) -> dict[str, Any]:
        """The hashed content; ``at`` in UTC so the value read back from any database hashes the same."""
        return {
            "at": self.at.astimezone(dt.UTC).isoformat(),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "data": self.data,
            "reason": self.reason,
            "prev_hash": self.prev_hash,
        }

    def compute_hash(self) -> str:
        return compute_hash(self.canonical_payload())


def canonical_json(value: Any) -> str:
    """Sorted keys, no whitespace, UTF-8 kept, NaN/Infinity refused: one text per value."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def compute_hash(payload: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


class AuditChainHead(models.Model):
    """The single row (id=1) that records the chain's tail; locking it serialises appends."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, verbose_name=_("ID"))
    last_id = models.BigIntegerField(null=True, blank=True, verbose_name=_("ID terakhir"))
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH, verbose_name=_("hash terakhir"))
    count = models.BigIntegerField(default=0, verbose_name=_("jumlah"))

    class Meta:
        verbose_name = _("ujung rantai audit")
        verbose_name_plural = _("ujung rantai audit")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_chain_head_single_row")]

    def __str__(self) -> str:
        return f"{self.count} events, last #{self.last_id}"
