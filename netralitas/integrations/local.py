"""Consumers inside this system that take case events from the outbox, like the adapters do over HTTP.

A module above ``integrations`` (e.g. ``cases`` for the next owner's e-mail) registers a handler in its
``AppConfig.ready``; ``publish_case_event`` then writes a ``Delivery`` for it in the event's transaction,
and the delivery worker calls the handler with the event's payload. A handler that raises is retried
with the same back-off as a webhook, and ends as a dead letter that the admin can replay.

This replaces one django-tasks row per event: a ``Delivery`` row costs a fraction of it on the intake
path (docs/performance-api.md), and mail gets retries and a dead-letter state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Handler = Callable[[dict[str, Any]], object]


@dataclass(frozen=True)
class LocalConsumer:
    name: str
    handle: Handler
    # Ordered consumers receive a case's events strictly in sequence (a failing one holds back the later
    # ones of that case, as for webhooks). An unordered one, such as e-mail, which re-reads the case
    # anyway, must not let one bounced message silence the case.
    ordered: bool = False


_registry: dict[str, LocalConsumer] = {}


def register_local_consumer(name: str, handle: Handler, *, ordered: bool = False) -> None:
    if name.startswith("webhook:") or len(name) > 40:
        raise ValueError(f"invalid local consumer name {name!r}")
    _registry[name] = LocalConsumer(name=name, handle=handle, ordered=ordered)


def local_consumer(name: str) -> LocalConsumer | None:
    return _registry.get(name)


def unordered_consumers() -> list[str]:
    return sorted(name for name, consumer in _registry.items() if not consumer.ordered)
