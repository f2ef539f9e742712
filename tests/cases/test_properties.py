"""Property-based: random sequences of actions by random personas never leave the transition table, never
skip an event or an audit entry, never break the hash chain and never let a persona act outside its scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from netralitas.audit.models import AuditEvent
from netralitas.audit.verification import verify_chain
from netralitas.cases.models import Case, CaseEvent
from netralitas.cases.services import CaseError, case_resolve_employee, case_transition
from netralitas.cases.workflow import (
    FINAL_STATUSES,
    STAGE_OF_STATUS,
    TRANSITIONS,
    Status,
    reachable_statuses,
    transition_for,
)
from netralitas.sanctions.models import SanctionType, ViolationType
from netralitas.sanctions.services import (
    decision_accept,
    decision_record,
    decision_return,
    recommendation_send,
    review_conclude_proven,
)
from tests.cases.helpers import submit
from tests.world import World

pytestmark = pytest.mark.django_db

PERSONAS = ["verifier", "analyst", "bkn_officer", "ppk_muba", "ppk_makassar", "auditor", "leader"]
ACTIONS = [t.action for t in TRANSITIONS if t.action != "merge"] + ["resolve"]

# The oracle, written independently of queries.py: what each persona may do on a case in Musi Banyuasin.
MAY = {
    "verifier": {"start_verification", "forward", "reject", "cancel", "resolve"},
    "analyst": {"conclude_proven", "conclude_not_proven"},
    "bkn_officer": {"send_recommendation", "mark_moot"},
    "ppk_muba": {"submit_decision"},
    "ppk_makassar": set(),
    "auditor": {"record_sanction", "return_decision"},
    "leader": set(),
}


def _act(world: World, persona: str, action: str, case: Case) -> Case:
    actor = getattr(world, persona)
    if action == "resolve":
        return case_resolve_employee(case=case, actor=actor, employee=world.camat)
    if action == "conclude_proven":
        return review_conclude_proven(
            case=case,
            actor=actor,
            violation_type_ids=[ViolationType.objects.get(code="media-sosial").pk],
            track="disiplin",
            level="sedang",
            sanction_type=SanctionType.objects.get(code="tukin-25-6"),
            rationale="Pertimbangan kajian yang cukup panjang untuk diterima.",
        )
    if action == "send_recommendation":
        return recommendation_send(case=case, actor=actor)
    if action == "record_sanction":
        return decision_accept(case=case, actor=actor)
    if action == "return_decision":
        return decision_return(case=case, actor=actor, reason="alasan uji")
    if action == "submit_decision":
        return decision_record(
            case=case,
            actor=actor,
            decree_number="800/1/2024",
            decree_date=dt.date(2024, 12, 2),
            sanction_type=SanctionType.objects.get(code="tukin-25-6"),
        )
    return case_transition(case=case, actor=actor, action=action, reason="alasan uji")


_allowed = [(p, a) for p, actions in MAY.items() for a in sorted(actions)]
any_step = st.tuples(st.sampled_from(PERSONAS), st.sampled_from(ACTIONS))


def _next_steps(status: str) -> list[tuple[str, str]]:
    """Steps the oracle expects to move the case on from ``status`` (steering toward late stages)."""
    forward = [
        (p, a)
        for p, a in _allowed
        if (t := transition_for(a)) and status in t.sources and t.target not in FINAL_STATUSES
    ]
    return forward or [(p, a) for p, a in _allowed if (t := transition_for(a)) and status in t.sources]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), resolved=st.booleans(), length=st.integers(1, 12))
def test_random_action_sequences_respect_the_table_scope_and_audit(
    world: World, data: st.DataObject, resolved: bool, length: int
) -> None:
    with transaction.atomic():
        case, _ = submit(world, employee=resolved)
        legal = reachable_statuses()
        for _ in range(length):
            before = Case.objects.get(pk=case.pk)
            likely = _next_steps(before.status)
            steer = likely and data.draw(st.integers(0, 3)) > 0
            persona, action = data.draw(st.sampled_from(likely) if steer else any_step)
            events_before = CaseEvent.objects.filter(case=case).count()
            # Issuing the act's letter (netralitas.documents) is audited on its own, besides the act.
            audits_before = AuditEvent.objects.exclude(action="document_issued").count()
            letters_before = AuditEvent.objects.filter(action="document_issued").count()
            try:
                with transaction.atomic():
                    _act(world, persona, action, before)
                succeeded = True
            except CaseError:
                succeeded = False
            after = Case.objects.get(pk=case.pk)
            assert after.status in legal
            new_events = CaseEvent.objects.filter(case=case).count() - events_before
            new_audits = AuditEvent.objects.exclude(action="document_issued").count() - audits_before
            new_letters = AuditEvent.objects.filter(action="document_issued").count() - letters_before
            if not succeeded:
                assert (after.status, after.version, new_events, new_audits) == (
                    before.status,
                    before.version,
                    0,
                    0,
                )
                assert new_letters == 0
                continue
            assert action in MAY[persona], f"{persona} performed {action}"
            assert new_events == 1 and new_audits == 1
            # The recommendation to the PPK and the Satgas's forwarding letter to Bawaslu are issued letters.
            assert new_letters == (1 if action in {"send_recommendation", "forward"} else 0)
            # The event records the stage it ends exactly as the case had it (monitoring reads it).
            latest = CaseEvent.objects.filter(case=case).latest("id")
            left = STAGE_OF_STATUS.get(before.status)
            if left is not None and left != STAGE_OF_STATUS.get(after.status):
                assert (latest.ended_stage, latest.stage_started_at, latest.stage_deadline_at) == (
                    left.value,
                    before.stage_started_at,
                    before.deadline_at,
                )
            else:
                assert (latest.ended_stage, latest.stage_started_at) == ("", None)
            if action != "resolve":
                t = transition_for(action)
                assert t is not None and before.status in t.sources and after.status == t.target
                assert after.version == before.version + 1
            decided = (Status.DECISION_CHECK, Status.SANCTIONED)
            assert (after.status in decided) == hasattr(after, "decision")
        event(f"final status: {Case.objects.get(pk=case.pk).status}")
        assert verify_chain().ok
        transaction.set_rollback(True)
