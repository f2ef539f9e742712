"""The transactional outbox: every case event becomes an outbox row in the same transaction.

``publish_case_event`` is called by ``cases.services._record_event`` inside the event's transaction. This
module sits below ``cases`` in the layers, so the event is typed structurally and ``cases`` is not imported.
It also fans the event out into one ``Delivery`` per interested consumer (matching webhook subscriptions and
enabled adapters), so the delivery worker never has to decide later who should have received what.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.db.models import Max

from netralitas.core import clock, requestid
from netralitas.core.refcache import ReferenceCache

from .adapters import adapters_for
from .local import local_consumer
from .models import Delivery, OutboxEvent, WebhookSubscription, webhook_consumer

# Event data that may leave the system; internal notes, reasons and reporter details never do.
PUBLIC_DATA_KEYS = frozenset(
    {
        "source",
        "resolved",
        "track",
        "level",
        "sanction",
        "violations",
        "decree_number",
        "lighter",
        "number",
        "kind",
        "state",
        "merged_into",
        "merged_from",
    }
)


class CaseEventLike(Protocol):
    """What the outbox reads from ``cases.CaseEvent``."""

    pk: Any
    case: Any
    action: str
    at: dt.datetime
    from_status: str
    to_status: str
    data: dict[str, Any]


def _code(obj: Any) -> str | None:
    return obj.code if obj is not None else None


def event_payload(event: CaseEventLike, event_id: str, sequence: int) -> dict[str, Any]:
    case = event.case
    employee = case.employee if case.employee_id else None
    return {
        "event_id": event_id,
        "type": event.action,
        "sequence": sequence,
        "occurred_at": event.at.isoformat(),
        "case": {
            "code": case.code,
            "number": case.number,
            "status": case.status,
            "from_status": event.from_status if event.from_status not in ("", "-") else None,
            "to_status": event.to_status or None,
            "source": case.source,
            "agency": _code(case.agency) if case.agency_id else None,
            "province": case.province.code,
            "region": case.region.code,
            "employee_nip": employee.nip if employee is not None else None,
        },
        "data": {k: v for k, v in (event.data or {}).items() if k in PUBLIC_DATA_KEYS},
    }


@dataclass(frozen=True)
class _Subscription:
    """What fan-out needs of an active ``WebhookSubscription``."""

    pk: int
    event_types: frozenset[str]
    national: bool
    region_ids: frozenset[int]
    agency_ids: frozenset[int]

    def wants(self, event_type: str, province_id: int, region_id: int, agency_id: int | None) -> bool:
        if self.event_types and event_type not in self.event_types:
            return False
        return (
            self.national
            or province_id in self.region_ids
            or region_id in self.region_ids
            or (agency_id is not None and agency_id in self.agency_ids)
        )


def _load_subscriptions() -> tuple[_Subscription, ...]:
    active = list(WebhookSubscription.objects.filter(active=True).order_by("pk"))
    ids = [s.pk for s in active if not s.national]
    regions: dict[int, set[int]] = {pk: set() for pk in ids}
    agencies: dict[int, set[int]] = {pk: set() for pk in ids}
    if ids:
        through_r = WebhookSubscription.regions.through.objects.filter(webhooksubscription_id__in=ids)
        for sub_id, region_id in through_r.values_list("webhooksubscription_id", "region_id"):
            regions[sub_id].add(region_id)
        through_a = WebhookSubscription.agencies.through.objects.filter(webhooksubscription_id__in=ids)
        for sub_id, agency_id in through_a.values_list("webhooksubscription_id", "agency_id"):
            agencies[sub_id].add(agency_id)
    return tuple(
        _Subscription(
            pk=s.pk,
            event_types=frozenset(s.event_types or ()),
            national=s.national,
            region_ids=frozenset(regions.get(s.pk, ())),
            agency_ids=frozenset(agencies.get(s.pk, ())),
        )
        for s in active
    )


# A subscription receives every event whose fan-out runs after it was committed, whichever process writes
# the event: the cache checks the subscriptions' token at every fan-out (per_use), which runs after the
# case's row lock is held, so no event of a case can miss it once an earlier one has seen it.
# Deliveries of a deactivated subscription are skipped at send time.
_subscriptions = ReferenceCache(
    "webhook-subscriptions", _load_subscriptions, [WebhookSubscription], per_use=True
)


def _matching_subscriptions(
    event_type: str, province_id: int, region_id: int, agency_id: int | None
) -> list[_Subscription]:
    return [s for s in _subscriptions.get() if s.wants(event_type, province_id, region_id, agency_id)]


def publish_case_event(event: Any, *, local_consumers: Sequence[str] = ()) -> OutboxEvent:
    """Writes the outbox row and its deliveries; must run inside the case event's transaction.

    ``local_consumers``: names registered with ``local.register_local_consumer`` that want this event."""
    case = event.case
    if event.action == "submitted":
        sequence = 1  # the case was created in this very transaction
    else:
        # Callers hold the case's row lock, so concurrent events of one case cannot take the same number.
        latest = OutboxEvent.objects.filter(case_code=case.code).aggregate(m=Max("sequence"))["m"]
        sequence = (latest or 0) + 1
    row = OutboxEvent(
        case_code=case.code,
        case_number=case.number,
        sequence=sequence,
        event_type=event.action,
        province_id=case.province_id,
        region_id=case.region_id,
        agency_id=case.agency_id,
        payload={},
        created_at=clock.now(),
        request_id=requestid.current(),
    )
    row.payload = event_payload(event, str(row.event_id), sequence)
    row.save(force_insert=True)
    now = row.created_at
    deliveries = [
        Delivery(
            event=row,
            consumer=webhook_consumer(sub.pk),
            subscription_id=sub.pk,
            case_code=case.code,
            next_attempt_at=now,
        )
        for sub in _matching_subscriptions(event.action, case.province_id, case.region_id, case.agency_id)
    ]
    deliveries += [
        Delivery(event=row, consumer=adapter.name, case_code=case.code, next_attempt_at=now)
        for adapter in adapters_for(event.action)
    ]
    for name in local_consumers:
        if local_consumer(name) is None:
            raise ValueError(f"no local consumer {name!r} is registered")
        deliveries.append(Delivery(event=row, consumer=name, case_code=case.code, next_attempt_at=now))
    Delivery.objects.bulk_create(deliveries)
    return row
