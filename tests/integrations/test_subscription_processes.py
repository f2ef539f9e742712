"""A webhook subscription created in another process receives the very next event written here: the
reference cache of this process holds the subscriptions, and no cache may hide that write (core.refcache).

Two real processes: this test process, and a ``manage.py shell`` that creates the subscription through
the ORM, as the admin of another gunicorn worker would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from netralitas.cases.services import case_transition
from netralitas.integrations.models import Delivery, OutboxEvent, WebhookSubscription
from tests.cases.helpers import submit
from tests.races import race, shared_database_url
from tests.world import build_world

ROOT = Path(__file__).resolve().parents[2]

_CREATE = """
from netralitas.integrations.models import WebhookSubscription
from netralitas.registry.models import Agency, Region
sub = WebhookSubscription.objects.create(
    name="dari proses lain", owner=Agency.objects.get(code={owner!r}), url="https://example.go.id/hook",
    secret="s" * 32, national={national!r},
)
if not {national!r}:
    sub.regions.add(Region.objects.get(code="16"))
print(sub.pk)
"""


def _create_in_another_process(owner: str, *, national: bool) -> int:
    env = {**os.environ, "DATABASE_URL": shared_database_url(), "NETRALITAS_ENV": "test"}
    env.pop("TEST_SQLITE_NAME", None)
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", _CREATE.format(owner=owner, national=national)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    return int(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@race
@pytest.mark.parametrize("national", [True, False])
def test_a_subscription_created_in_another_process_gets_the_next_event_written_here(national: bool) -> None:
    world = build_world()
    first, _ = submit(world)  # this process now holds the (empty) list of subscriptions
    assert Delivery.objects.filter(subscription__isnull=False).count() == 0

    sub_pk = _create_in_another_process(world.bawaslu.code, national=national)
    assert WebhookSubscription.objects.filter(pk=sub_pk).exists()

    case_transition(case=first, actor=world.verifier, action="start_verification")
    second, _ = submit(world, description="Laporan lain tentang camat yang sama di grup WhatsApp.")
    delivered = Delivery.objects.filter(subscription_id=sub_pk).order_by("pk")
    assert [(d.event.case_code, d.event.sequence) for d in delivered] == [
        (first.code, 2),
        (second.code, 1),
    ]
    assert OutboxEvent.objects.count() == 3  # the event before the subscription existed is not its own
