"""Checking the audit chain end to end, streaming, in constant memory."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from netralitas.audit.models import GENESIS_HASH, AuditChainHead, AuditEvent

__all__ = ["BreakKind", "VerificationResult", "verify_chain"]

CHUNK_SIZE = 2000


class BreakKind(StrEnum):
    ALTERED = "altered"  # the row's content no longer matches its hash
    LINK = "link"  # prev_hash differs from the previous row's hash: a row was deleted or inserted before it
    HEAD = "head"  # the chain ends before the recorded head, or the head disagrees: tail deleted


@dataclass(frozen=True)
class VerificationResult:
    checked: int
    broken_at: int | None = None  # id of the first bad event (None for a head mismatch past the end)
    kind: BreakKind | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.kind is None

    def __str__(self) -> str:
        if self.ok:
            return f"OK: {self.checked} events"
        where = f"event #{self.broken_at}" if self.broken_at is not None else "chain head"
        return f"BROKEN at {where} ({self.kind}): {self.detail} [{self.checked} events checked]"


def verify_chain(chunk_size: int = CHUNK_SIZE) -> VerificationResult:
    """Recompute every hash in id order and report the first broken link.

    The head is read first: events appended while we walk are checked as chain links too, and the head
    snapshot is compared when the walk reaches its ``last_id`` (appends take the head lock and insert
    under it, so ids grow in chain order).
    """
    head = AuditChainHead.objects.filter(pk=1).first()
    head_id = head.last_id if head is not None and head.count else None
    previous_hash = GENESIS_HASH
    checked = 0
    head_seen = False

    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=chunk_size):
        if event.prev_hash != previous_hash:
            return VerificationResult(
                checked,
                event.pk,
                BreakKind.LINK,
                f"prev_hash {event.prev_hash[:12]}… does not match the previous event's hash "
                f"{previous_hash[:12]}…: an event before it was deleted or inserted",
            )
        if event.compute_hash() != event.hash:
            return VerificationResult(
                checked, event.pk, BreakKind.ALTERED, "content does not match its hash: the row was altered"
            )
        checked += 1
        previous_hash = event.hash
        if head is not None and event.pk == head_id:
            head_seen = True
            if event.hash != head.last_hash or checked != head.count:
                return VerificationResult(
                    checked,
                    event.pk,
                    BreakKind.HEAD,
                    f"head records {head.count} events ending in {head.last_hash[:12]}…, "
                    f"the table has {checked} ending in {event.hash[:12]}…",
                )

    if head is None:
        if checked:
            return VerificationResult(checked, None, BreakKind.HEAD, "chain head row is missing")
        return VerificationResult(0)
    if head.count and not head_seen:
        return VerificationResult(
            checked,
            None,
            BreakKind.HEAD,
            f"head records {head.count} events ending at #{head.last_id}, which is missing: "
            "events at the end of the chain were deleted",
        )
    if head.count == 0 and checked:
        return VerificationResult(
            checked, None, BreakKind.HEAD, "head records no events but the table has some"
        )
    return VerificationResult(checked)
