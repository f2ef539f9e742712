"""The delivery worker: claim due deliveries, send them, record the outcome.

Safe to run several workers at once and to kill at any point:

- A claim is a short transaction that leases rows (``leased_until``) and commits before any HTTP call.
  On PostgreSQL the rows are taken with ``SELECT … FOR UPDATE SKIP LOCKED``; on SQLite the project's
  ``BEGIN IMMEDIATE`` transactions serialise claims.
- A worker killed after sending but before recording leaves the lease to expire; the delivery is then
  sent again with the same event id, which the receiver uses to drop the duplicate (at-least-once).
- Just before sending, the worker renews the lease of that one delivery, if it still holds it, and only
  the holder of the current lease records the outcome. A batch worked through slowly (a hung mail or
  web server) thus never has a delivery sent by two workers at once.
- Order per case: a delivery is only claimable when no earlier event of the same case is still pending or
  dead for the same consumer, so one failing event blocks later events of that case, never other cases.
  Local consumers registered as unordered (e-mail) are exempt.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass

import httpx
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q

from netralitas.accounts.models import User
from netralitas.audit.services import audit_record
from netralitas.core import clock, requestid

from .adapters import OutboundRequest, adapter_named
from .local import local_consumer, unordered_consumers
from .models import Delivery
from .signing import EVENT_ID_HEADER, SIGNATURE_HEADER, sign


@dataclass(frozen=True)
class Outcome:
    delivered: int = 0
    retried: int = 0
    dead: int = 0

    @property
    def attempted(self) -> int:
        return self.delivered + self.retried + self.dead


def backoff(attempts: int) -> dt.timedelta:
    """Exponential: base, 2·base, 4·base … capped."""
    seconds = settings.OUTBOX_BACKOFF_SECONDS * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, settings.OUTBOX_BACKOFF_MAX_SECONDS))


def _due(now: dt.datetime) -> Q:
    return Q(state=Delivery.State.PENDING, next_attempt_at__lte=now) & (
        Q(leased_until__isnull=True) | Q(leased_until__lt=now)
    )


def claim(*, batch: int, now: dt.datetime | None = None) -> list[Delivery]:
    """Leases up to ``batch`` due deliveries whose earlier events (same consumer, same case) are delivered."""
    now = now or clock.now()
    earlier_open = Delivery.objects.filter(
        consumer=OuterRef("consumer"),
        case_code=OuterRef("case_code"),
        event_id__lt=OuterRef("event_id"),
        state__in=[Delivery.State.PENDING, Delivery.State.DEAD],
    )
    with transaction.atomic():
        held_back = Q(Exists(earlier_open)) & ~Q(consumer__in=unordered_consumers())
        rows = Delivery.objects.filter(_due(now)).exclude(held_back).order_by("event_id")
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True, of=("self",))
        claimed = list(rows[:batch])
        lease = now + dt.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
        Delivery.objects.filter(pk__in=[d.pk for d in claimed]).update(leased_until=lease)
    return list(
        Delivery.objects.filter(pk__in=[d.pk for d in claimed]).select_related("event", "subscription")
    )


def build_request(delivery: Delivery, now: dt.datetime) -> OutboundRequest | None:
    """The HTTP request for one delivery, or None when its consumer no longer exists or is disabled."""
    payload = delivery.event.payload
    if delivery.subscription is not None:
        sub = delivery.subscription
        if not sub.active:
            return None
        body = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/json",
            EVENT_ID_HEADER: payload["event_id"],
            SIGNATURE_HEADER: sign(sub.secret, int(now.timestamp()), body),
        }
        return OutboundRequest(url=sub.url, headers=headers, body=body)
    adapter = adapter_named(delivery.consumer)
    if adapter is None or not adapter.enabled():
        return None
    return adapter.request(payload)


def _finish(delivery: Delivery, *, ok: bool, status: int | None, error: str, now: dt.datetime) -> str:
    attempts = delivery.attempts + 1
    fields: dict[str, object] = {"attempts": attempts, "leased_until": None, "last_status": status}
    if ok:
        fields |= {"state": Delivery.State.DELIVERED, "delivered_at": now, "last_error": ""}
    elif attempts >= settings.OUTBOX_MAX_ATTEMPTS or (status is None and error.startswith("konsumen")):
        fields |= {"state": Delivery.State.DEAD, "last_error": error[:2000]}
    else:
        fields |= {"next_attempt_at": now + backoff(attempts), "last_error": error[:2000]}
    # Only the lease holder records: a worker whose lease ran out must not overwrite a newer outcome.
    Delivery.objects.filter(
        pk=delivery.pk, state=Delivery.State.PENDING, leased_until=delivery.leased_until
    ).update(**fields)
    return str(fields.get("state", Delivery.State.PENDING))


SKIPPED = "dilewati"  # send() lost the delivery's lease to another worker and left it alone


def _renew_lease(delivery: Delivery) -> bool:
    """A fresh full lease for this one delivery, if this worker's lease on it still holds."""
    lease = clock.now() + dt.timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    renewed = Delivery.objects.filter(
        pk=delivery.pk, state=Delivery.State.PENDING, leased_until=delivery.leased_until
    ).update(leased_until=lease)
    if renewed:
        delivery.leased_until = lease
    return bool(renewed)


def _handle_locally(delivery: Delivery) -> str | None:
    """Runs a local consumer's handler; None when the delivery's consumer is not a local one."""
    consumer = local_consumer(delivery.consumer)
    if consumer is None:
        return None
    try:
        consumer.handle(delivery.event.payload)
    except Exception as exc:  # any failure of the handler is a failed attempt, retried
        error = f"{type(exc).__name__}: {exc}"
        return _finish(delivery, ok=False, status=None, error=error, now=clock.now())
    return _finish(delivery, ok=True, status=None, error="", now=clock.now())


def send(delivery: Delivery, client: httpx.Client) -> str:
    """Sends one delivery under the request id of the change that caused it (logs and X-Request-ID)."""
    with requestid.bound(delivery.event.request_id or str(delivery.event.event_id)):
        return _send(delivery, client)


def _send(delivery: Delivery, client: httpx.Client) -> str:
    if delivery.leased_until is None or not _renew_lease(delivery):
        return SKIPPED
    handled = _handle_locally(delivery)
    if handled is not None:
        return handled
    now = clock.now()
    request = build_request(delivery, now)
    if request is None:
        return _finish(delivery, ok=False, status=None, error="konsumen tidak aktif lagi", now=now)
    headers = {**request.headers, requestid.HEADER: requestid.current()}
    try:
        response = client.post(request.url, content=request.body, headers=headers)
    except httpx.HTTPError as exc:
        return _finish(delivery, ok=False, status=None, error=f"{type(exc).__name__}: {exc}", now=clock.now())
    ok = 200 <= response.status_code < 300
    error = "" if ok else f"HTTP {response.status_code}: {response.text[:500]}"
    return _finish(delivery, ok=ok, status=response.status_code, error=error, now=clock.now())


def deliver_due(*, batch: int = 50, client: httpx.Client | None = None) -> Outcome:
    """Claims one batch and sends it; returns what happened."""
    claimed = claim(batch=batch)
    counts = {"delivered": 0, "retried": 0, "dead": 0}
    own = client is None
    http = client or httpx.Client(timeout=settings.OUTBOX_HTTP_TIMEOUT)
    try:
        for delivery in claimed:
            state = send(delivery, http)
            if state == SKIPPED:
                continue
            key = {Delivery.State.DELIVERED.value: "delivered", Delivery.State.DEAD.value: "dead"}.get(
                state, "retried"
            )
            counts[key] += 1
    finally:
        if own:
            http.close()
    return Outcome(**counts)


def deliver_until_idle(*, batch: int = 50, max_seconds: float | None = None) -> Outcome:
    """Runs batches until nothing is due (or time runs out)."""
    total = Outcome()
    started = time.monotonic()
    with httpx.Client(timeout=settings.OUTBOX_HTTP_TIMEOUT) as client:
        while True:
            outcome = deliver_due(batch=batch, client=client)
            total = Outcome(
                total.delivered + outcome.delivered,
                total.retried + outcome.retried,
                total.dead + outcome.dead,
            )
            if outcome.attempted == 0 or (
                max_seconds is not None and time.monotonic() - started > max_seconds
            ):
                return total


def delivery_replay(*, deliveries: list[Delivery], actor: User | None = None) -> int:
    """Puts dead (or pending) deliveries back in the queue now, attempts reset; used by the admin action.
    Audited: who replayed which deliveries."""
    with transaction.atomic():
        ids = list(
            Delivery.objects.filter(
                pk__in=[d.pk for d in deliveries], state__in=[Delivery.State.DEAD, Delivery.State.PENDING]
            ).values_list("pk", flat=True)
        )
        count = Delivery.objects.filter(pk__in=ids).update(
            state=Delivery.State.PENDING, attempts=0, next_attempt_at=clock.now(), leased_until=None
        )
        if count:
            audit_record(
                actor=actor, action="integrations.delivery_replayed", data={"deliveries": ids, "count": count}
            )
        return count
