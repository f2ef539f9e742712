from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import override_settings

from netralitas.cases.services import mark_overdue
from netralitas.integrations.delivery import deliver_until_idle
from netralitas.integrations.models import Delivery
from netralitas.sanctions import control
from tests.cases.helpers import sanction, submit, to_follow_up
from tests.integrations.standin import StandIn
from tests.world import World

pytestmark = pytest.mark.django_db


def test_adapters_are_off_while_their_url_is_unset(world: World) -> None:
    case = to_follow_up(world, submit(world)[0])
    sanction(world, case)
    assert not Delivery.objects.exists()


def test_sanction_decision_is_sent_to_idis_with_the_token(world: World, idis: StandIn) -> None:
    with override_settings(IDIS_URL=idis.url + "/api", IDIS_TOKEN="token-idis"):
        case = to_follow_up(world, submit(world)[0])
        sanction(world, case)
        assert deliver_until_idle().delivered == 1
    (got,) = idis.requests
    assert got.path == "/api/sanksi" and got.headers["authorization"] == "Bearer token-idis"
    assert got.json["nip"] == world.camat.nip and got.json["kode_sanksi"] == "tukin-25-6"
    assert got.json["nomor_keputusan"] == "800/123/BKPSDM/2024"
    assert got.headers["idempotency-key"] == got.json["event_id"]


def test_idis_outage_is_retried_until_it_answers(world: World, idis: StandIn) -> None:
    idis.fail_status = 502
    with override_settings(IDIS_URL=idis.url, OUTBOX_BACKOFF_SECONDS=10):
        sanction(world, to_follow_up(world, submit(world)[0]))
        assert deliver_until_idle().retried == 1
        idis.fail_status = None
        later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=11)
        with time_machine.travel(later, tick=False):
            assert deliver_until_idle().delivered == 1
    assert len(idis.requests) == 2 and len(idis.accepted) == 1


def test_block_and_unblock_requests_reach_siasn(world: World, siasn: StandIn) -> None:
    with override_settings(SIASN_URL=siasn.url, SIASN_TOKEN="token-siasn"):
        case = to_follow_up(world, submit(world)[0])
        assert case.deadline_at is not None
        after = case.deadline_at + dt.timedelta(hours=1)
        mark_overdue(now=after)
        with time_machine.travel(after, tick=False):
            control.warning_issue(case=case, actor=world.auditor, number="SP-1/K7/2024")
        with time_machine.travel(after + dt.timedelta(days=7), tick=False):
            control.block_propose(case=case, actor=world.auditor, note="PPK tidak merespons")
        control.block_approve(case=case, actor=world.bkn_officer)
        sanction(world, case)  # the auditor's acceptance of the decree lifts the block
        assert deliver_until_idle().delivered == 2
    assert [(r.path, r.json["tindakan"]) for r in siasn.requests] == [
        ("/blokir", "blokir"),
        ("/buka-blokir", "buka_blokir"),
    ]
    assert all(r.json["nip"] == world.camat.nip for r in siasn.requests)
    assert siasn.requests[0].headers["authorization"] == "Bearer token-siasn"
