"""The delivery worker is killed (SIGKILL) in the middle of a batch and restarted: nothing is lost, and a
receiver that dedupes by event id accepts every event exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netralitas.integrations.models import Delivery, OutboxEvent, WebhookSubscription
from tests.cases.helpers import submit
from tests.integrations.standin import StandIn
from tests.races import race, shared_database_url
from tests.world import build_world

ROOT = Path(__file__).resolve().parents[2]
EVENTS = 24


def _worker(*args: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": shared_database_url(),
        "NETRALITAS_ENV": "test",
        "OUTBOX_LEASE_SECONDS": "2",
        "OUTBOX_HTTP_TIMEOUT": "5",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "deliver_outbox", "--batch", "8", "--sleep", "0.1", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
@race
def test_worker_killed_mid_batch_loses_nothing_and_the_receiver_sees_each_event_once(
    receiver: StandIn,
) -> None:
    world = build_world()
    sub = WebhookSubscription.objects.create(
        name="kill", owner=world.bawaslu, url=receiver.url, secret="s", national=True
    )
    for i in range(EVENTS):
        submit(world, description=f"Laporan ke-{i} tentang ajakan memilih oleh camat di media sosial.")
    expected = {str(e) for e in OutboxEvent.objects.values_list("event_id", flat=True)}
    assert len(expected) == EVENTS and Delivery.objects.filter(subscription=sub).count() == EVENTS
    receiver.delay = 0.25

    first = _worker()
    deadline = time.monotonic() + 120  # a loaded machine starts Django slowly
    while len(receiver.accepted) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    assert 3 <= len(receiver.accepted) < EVENTS, "the kill must land in the middle of the work"

    receiver.delay = 0.0
    time.sleep(2.5)  # the killed worker's lease runs out
    second = _worker("--once")
    _out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err.decode()

    assert set(receiver.accepted) == expected, "every event is delivered"
    assert receiver.duplicates <= 8, "only the killed batch may be offered again"
    assert not Delivery.objects.exclude(state=Delivery.State.DELIVERED).exists()
