"""The transactional outbox: every case event becomes an outbox row in the same transaction."""

from __future__ import annotations

from typing import Any


def publish_case_event(event: Any) -> None:
    """Hook for the outbox; the data-sharing work fills it in."""
