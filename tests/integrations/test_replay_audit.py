"""Replaying deliveries is an audited act, whether the admin action or another caller asks for it."""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from netralitas.audit.models import AuditEvent
from netralitas.audit.verification import verify_chain
from netralitas.integrations.delivery import delivery_replay
from netralitas.integrations.models import Delivery
from tests.cases.helpers import submit
from tests.integrations.test_outbox import subscribe
from tests.world import World

pytestmark = pytest.mark.django_db


def _dead_delivery(world: World) -> Delivery:
    subscribe(world, "http://127.0.0.1:9/x", national=True)
    submit(world)
    Delivery.objects.update(state=Delivery.State.DEAD, attempts=5)
    return Delivery.objects.get()


def test_replaying_a_dead_delivery_is_audited_with_who_and_which(world: World) -> None:
    dead = _dead_delivery(world)
    assert delivery_replay(deliveries=[dead], actor=world.bkn_officer) == 1
    event = AuditEvent.objects.get(action="integrations.delivery_replayed")
    assert event.actor_id == world.bkn_officer.pk and event.data["deliveries"] == [dead.pk]
    assert verify_chain().ok


def test_the_admin_replay_action_goes_through_the_audited_service(world: World) -> None:
    dead = _dead_delivery(world)
    request = RequestFactory().post("/")
    request.user = world.bkn_officer
    admin = site._registry[Delivery]
    admin.message_user = lambda *args, **kwargs: None  # type: ignore[method-assign]
    admin.replay(request, Delivery.objects.filter(pk=dead.pk))  # type: ignore[attr-defined]
    assert Delivery.objects.get(pk=dead.pk).state == Delivery.State.PENDING
    assert AuditEvent.objects.get(action="integrations.delivery_replayed").actor_id == world.bkn_officer.pk
