"""The queue page costs the same number of queries for 3 cases as for 12 (no per-row lookups)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.cases.helpers import submit
from tests.world import World

pytestmark = pytest.mark.django_db


def _queries_for_queue(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("workspace:queue")).status_code == 200
    return len(captured.captured_queries)


def test_queue_queries_do_not_grow_with_the_rows(client: Client, world: World) -> None:
    for i in range(3):
        submit(world, description=f"Laporan {i}")
    client.force_login(world.verifier)
    _queries_for_queue(client)  # warm the holiday cache
    few = _queries_for_queue(client)
    for i in range(9):
        submit(world, description=f"Laporan tambahan {i}")
    many = _queries_for_queue(client)
    assert many == few, (few, many)
