"""The transactional outbox: every case event becomes an outbox row in the same transaction.

``publish_case_event`` is called by ``cases.services._record_event`` inside the event's transaction. This
module sits below ``cases`` in the layers, so the event is typed structurally and ``cases`` is not imported.
It also fans the event out into one ``Delivery`` per interested consumer (matching webhook subscriptions and
enabled adapters), so the delivery worker never has to decide later who should have received what.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Protocol

from django.db.models import Max
from django.utils import timezone

from .adapters import adapters_for
from .models import Delivery, OutboxEvent, WebhookSubscription

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


def _matching_subscriptions(
    event_type: str, province_id: int, region_id: int, agency_id: int | None
) -> list[WebhookSubscription]:
    subscriptions = [
        s
        for s in WebhookSubscription.objects.filter(active=True)
        if not s.event_types or event_type in s.event_types
    ]
    scoped = [s.pk for s in subscriptions if not s.national]
    if not scoped:
        return subscriptions
    regions = WebhookSubscription.regions.through.objects.filter(webhooksubscription_id__in=scoped)
    agencies = WebhookSubscription.agencies.through.objects.filter(webhooksubscription_id__in=scoped)
    covered = set(
        regions.filter(region_id__in=[province_id, region_id]).values_list(
            "webhooksubscription_id", flat=True
        )
    )
    if agency_id is not None:
        covered |= set(agencies.filter(agency_id=agency_id).values_list("webhooksubscription_id", flat=True))
    return [s for s in subscriptions if s.national or s.pk in covered]


def publish_case_event(event: Any) -> OutboxEvent:
    """Writes the outbox row and its deliveries; must run inside the case event's transaction."""
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
        created_at=timezone.now(),
    )
    row.payload = event_payload(event, str(row.event_id), sequence)
    row.save(force_insert=True)
    now = row.created_at
    deliveries = [
        Delivery(event=row, consumer=sub.consumer, subscription=sub, case_code=case.code, next_attempt_at=now)
        for sub in _matching_subscriptions(event.action, case.province_id, case.region_id, case.agency_id)
    ]
    deliveries += [
        Delivery(event=row, consumer=adapter.name, case_code=case.code, next_attempt_at=now)
        for adapter in adapters_for(event.action)
    ]
    if deliveries:
        Delivery.objects.bulk_create(deliveries)
    return row
