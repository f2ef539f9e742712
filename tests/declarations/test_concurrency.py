"""Two phones submit the same signature at the same moment: one signature, counted once."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connections

from netralitas.declarations.models import CampaignAgency, Signature
from netralitas.declarations.services import signature_sign
from tests.declarations.conftest import make_campaign
from tests.races import RACE_MARKS
from tests.world import build_world

pytestmark = RACE_MARKS


@pytest.mark.parametrize("round_", range(3))
def test_a_double_submit_makes_one_signature(round_: int) -> None:
    world = build_world()
    campaign = make_campaign(world)
    barrier = threading.Barrier(2)
    results: list[tuple[str, bool]] = []

    def run() -> None:
        try:
            barrier.wait()
            signature, created = signature_sign(
                campaign=campaign, nip=world.camat.nip, birth_date=dt.date(1986, 3, 13), nik_last4="0002"
            )
            results.append((signature.code, created))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(created for _code, created in results) == [False, True]
    assert len({code for code, _created in results}) == 1
    assert Signature.objects.count() == 1
    assert CampaignAgency.objects.get(campaign=campaign).signed == 1
