"""Two connections race to transition the same case: exactly one wins, the other gets a conflict."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from netralitas.cases.models import Case, CaseEvent
from netralitas.cases.services import TransitionConflict, case_transition
from netralitas.cases.workflow import Status
from tests.cases.helpers import submit
from tests.races import RACE_MARKS
from tests.world import build_world

# PostgreSQL serialises the two on the case's row lock, SQLite on the write lock of BEGIN IMMEDIATE.
pytestmark = RACE_MARKS


def _race(case_pk: int, attempts: list[tuple[object, str, str]]) -> list[str]:
    barrier = threading.Barrier(len(attempts))
    outcomes: list[str] = []

    def run(actor: object, action: str, reason: str) -> None:
        try:
            barrier.wait()
            case_transition(case=case_pk, actor=actor, action=action, reason=reason)  # type: ignore[arg-type]
            outcomes.append("ok")
        except TransitionConflict:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=attempt) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


@pytest.mark.parametrize("round_", range(5))
def test_two_verifiers_forward_and_reject_at_once_exactly_one_wins(round_: int) -> None:
    world = build_world()
    case, _ = submit(world)
    case_transition(case=case, actor=world.verifier, action="start_verification")
    outcomes = _race(case.pk, [(world.verifier, "forward", ""), (world.verifier, "reject", "tidak lengkap")])
    assert outcomes == ["conflict", "ok"]
    final = Case.objects.get(pk=case.pk)
    assert final.status in (Status.REVIEW, Status.REJECTED)
    assert final.version == 2
    assert CaseEvent.objects.filter(case=case).exclude(action="submitted").count() == 2


def test_the_same_action_twice_at_once_happens_once() -> None:
    world = build_world()
    case, _ = submit(world)
    outcomes = _race(case.pk, [(world.verifier, "start_verification", "")] * 2)
    assert outcomes == ["conflict", "ok"]
    assert CaseEvent.objects.filter(case=case, action="start_verification").count() == 1
