"""Who hears about a case event (e-mail to the next owner). Called by services._record_event inside the
event's transaction; sending happens after commit through a background task."""

from __future__ import annotations

from .models import CaseEvent


def case_event_recorded(event: CaseEvent) -> None:
    """Hook for notifications of the next owner; the workspace work fills it in."""
