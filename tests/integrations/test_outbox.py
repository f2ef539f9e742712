from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from netralitas.cases.services import case_transition
from netralitas.integrations.delivery import claim, deliver_until_idle, delivery_replay
from netralitas.integrations.models import Delivery, OutboxEvent, WebhookSubscription
from netralitas.integrations.signing import sign, verify
from netralitas.registry.models import Region
from tests.cases.helpers import submit
from tests.integrations.standin import StandIn
from tests.world import World

pytestmark = pytest.mark.django_db


def subscribe(
    world: World,
    url: str,
    *,
    regions: list[Region] | None = None,
    national: bool = False,
    types: list[str] | None = None,
) -> WebhookSubscription:
    sub = WebhookSubscription.objects.create(
        name=f"hook-{url[-5:]}-{len(regions or [])}",
        owner=world.bawaslu,
        url=url,
        secret="rahasia-webhook",
        national=national,
        event_types=types or [],
    )
    sub.regions.set(regions or [])
    return sub


def test_every_case_event_becomes_an_outbox_row_numbered_per_case(world: World) -> None:
    first, _ = submit(world)
    second, _ = submit(world, description="Laporan lain tentang camat yang sama di grup WhatsApp.")
    case_transition(case=first, actor=world.verifier, action="start_verification")
    assert list(OutboxEvent.objects.filter(case_code=first.code).values_list("sequence", "event_type")) == [
        (1, "submitted"),
        (2, "start_verification"),
    ]
    assert list(OutboxEvent.objects.filter(case_code=second.code).values_list("sequence", flat=True)) == [1]


def test_the_outbox_row_rolls_back_with_the_change(world: World) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        submit(world)
        assert OutboxEvent.objects.count() == 1
        raise RuntimeError("the change fails after the event was written")
    assert OutboxEvent.objects.count() == 0


def test_payload_carries_codes_but_never_internal_reasons(world: World) -> None:
    case, _ = submit(world)
    case = case_transition(case=case, actor=world.verifier, action="start_verification")
    case_transition(case=case, actor=world.verifier, action="reject", reason="Nama pelapor: Siti, rahasia")
    payload = OutboxEvent.objects.get(case_code=case.code, event_type="reject").payload
    assert payload["case"]["status"] == "ditolak" and payload["case"]["employee_nip"] == world.camat.nip
    assert payload["case"]["agency"] == "KAB-16.06" and payload["case"]["province"] == "16"
    assert "Siti" not in json.dumps(payload)


def test_subscriptions_receive_only_events_in_their_scope_and_types(world: World) -> None:
    sumsel = subscribe(world, "http://127.0.0.1:9/a", regions=[world.sumsel])
    makassar = subscribe(world, "http://127.0.0.1:9/b", regions=[world.makassar])
    national_transitions = subscribe(
        world, "http://127.0.0.1:9/c", national=True, types=["start_verification"]
    )
    case, _ = submit(world)
    case_transition(case=case, actor=world.verifier, action="start_verification")
    by_consumer = {}
    for consumer, event_type in Delivery.objects.values_list("consumer", "event__event_type"):
        by_consumer.setdefault(consumer, []).append(event_type)
    assert by_consumer == {
        sumsel.consumer: ["submitted", "start_verification"],
        national_transitions.consumer: ["start_verification"],
    }
    assert makassar.consumer not in by_consumer


def test_signature_verifies_and_rejects_tampering_or_stale_timestamps() -> None:
    body = b'{"type":"submitted"}'
    header = sign("s3cret", 1_700_000_000, body)
    assert verify("s3cret", header, body, now=1_700_000_010)
    assert not verify("s3cret", header, body + b" ", now=1_700_000_010)
    assert not verify("other", header, body, now=1_700_000_010)
    assert not verify("s3cret", header, body, now=1_700_000_000 + 301)
    assert not verify("s3cret", "garbage", body, now=1_700_000_000)


def test_webhooks_arrive_signed_with_an_event_id(world: World, receiver: StandIn) -> None:
    subscribe(world, receiver.url + "/hook", national=True)
    case, _ = submit(world)
    assert deliver_until_idle().delivered == 1
    (got,) = receiver.requests
    event = OutboxEvent.objects.get(case_code=case.code)
    assert got.headers["x-netralitas-event-id"] == str(event.event_id)
    assert verify(
        "rahasia-webhook",
        got.headers["x-netralitas-signature"],
        got.body,
        now=int(timezone.now().timestamp()),
    )
    assert got.json["case"]["number"] == case.number


@override_settings(OUTBOX_BACKOFF_SECONDS=60)
def test_a_failing_event_blocks_later_events_of_its_case_only(world: World, receiver: StandIn) -> None:
    subscribe(world, receiver.url, national=True)
    stuck, _ = submit(world)
    other, _ = submit(world, description="Laporan lain tentang kepala dinas di Palembang.")
    first_event = OutboxEvent.objects.get(case_code=stuck.code)
    receiver.fail_events = {str(first_event.event_id)}
    case_transition(case=stuck, actor=world.verifier, action="start_verification")
    outcome = deliver_until_idle()
    assert (outcome.delivered, outcome.retried) == (1, 1)
    assert [r.json["case"]["code"] for r in receiver.accepted.values()] == [other.code]
    retry = Delivery.objects.get(event=first_event)
    assert retry.attempts == 1 and retry.next_attempt_at > timezone.now() + dt.timedelta(seconds=55)
    # Receiver recovers; after the backoff both events of the stuck case arrive, in order.
    receiver.fail_events = set()
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=61), tick=False):
        assert deliver_until_idle().delivered == 2
    stuck_types = [r.json["type"] for r in receiver.accepted.values() if r.json["case"]["code"] == stuck.code]
    assert stuck_types == ["submitted", "start_verification"]


def test_backoff_doubles_until_the_cap() -> None:
    from netralitas.integrations.delivery import backoff

    with override_settings(OUTBOX_BACKOFF_SECONDS=30, OUTBOX_BACKOFF_MAX_SECONDS=200):
        assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 200]


@override_settings(OUTBOX_MAX_ATTEMPTS=2, OUTBOX_BACKOFF_SECONDS=1)
def test_dead_letter_after_the_last_attempt_and_manual_replay(world: World, receiver: StandIn) -> None:
    subscribe(world, receiver.url, national=True)
    submit(world)
    receiver.fail_status = 503
    deliver_until_idle()
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=5), tick=False):
        deliver_until_idle()
    dead = Delivery.objects.get()
    assert dead.state == Delivery.State.DEAD and dead.attempts == 2 and "503" in dead.last_error
    receiver.fail_status = None
    assert deliver_until_idle().attempted == 0
    assert delivery_replay(deliveries=[dead]) == 1
    assert deliver_until_idle().delivered == 1
    assert len(receiver.accepted) == 1


def test_a_claimed_delivery_is_not_claimed_again_while_leased(world: World) -> None:
    subscribe(world, "http://127.0.0.1:9/x", national=True)
    submit(world)
    assert len(claim(batch=10)) == 1
    assert claim(batch=10) == []
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5), tick=False):
        assert len(claim(batch=10)) == 1


def test_deliveries_to_a_deactivated_subscription_go_to_dead_letter(world: World) -> None:
    sub = subscribe(world, "http://127.0.0.1:9/x", national=True)
    submit(world)
    WebhookSubscription.objects.filter(pk=sub.pk).update(active=False)
    assert deliver_until_idle().dead == 1
