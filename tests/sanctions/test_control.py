from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail

from netralitas.cases.models import Case, CaseEvent
from netralitas.cases.services import CaseError, NotAllowed, mark_overdue
from netralitas.registry.models import Employee
from netralitas.sanctions import control
from netralitas.sanctions.models import ControlAction
from netralitas.sanctions.services import decision_accept
from tests.cases.helpers import sanction, submit, submit_decree, to_follow_up
from tests.world import World

pytestmark = pytest.mark.django_db
Kind, State = ControlAction.Kind, ControlAction.State


def _waiting_case(world: World) -> Case:
    case, _ = submit(world)
    return to_follow_up(world, case)


def _kinds(case: Case) -> dict[str, str]:
    return dict(ControlAction.objects.filter(case=case).values_list("kind", "state"))


def test_the_ladder_from_reminder_to_unblock(world: World, django_capture_on_commit_callbacks) -> None:
    case = _waiting_case(world)
    assert case.deadline_at is not None
    deadline = case.deadline_at
    # Long before the deadline: nothing.
    assert control.escalate(now=case.stage_started_at + dt.timedelta(days=1))["reminders"] == 0
    # Two working days before: one reminder, e-mailed to the PPK desk, never twice.
    near = deadline - dt.timedelta(days=1)
    with time_machine.travel(near, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert control.escalate(now=near)["reminders"] == 1
        assert control.escalate(now=near)["reminders"] == 0
    assert _kinds(case) == {Kind.REMINDER: State.DONE}
    assert [m.to for m in mail.outbox] == [["ppk_muba@example.go.id"]]
    # After the deadline: overdue marked once, a warning queued for the auditor.
    after = deadline + dt.timedelta(hours=1)
    assert mark_overdue(now=after) == 1 and mark_overdue(now=after) == 0
    assert control.escalate(now=after)["warnings_due"] == 1
    assert control.escalate(now=after)["warnings_due"] == 0
    with time_machine.travel(after, tick=False):
        with pytest.raises(CaseError, match="peringatan"):
            control.block_propose(case=case, actor=world.auditor)
        control.warning_issue(case=case, actor=world.auditor, number="SP-1/K7/2024")
    # A week after the warning a block is due; the auditor proposes, a BKN officer approves.
    week_later = after + dt.timedelta(days=7, minutes=1)
    assert control.escalate(now=week_later)["blocks_due"] == 1
    with time_machine.travel(week_later, tick=False):
        control.block_propose(case=case, actor=world.auditor, note="PPK tidak merespons")
    with pytest.raises(NotAllowed):
        control.block_approve(case=case, actor=world.auditor)
    control.block_approve(case=case, actor=world.bkn_officer)
    assert Employee.objects.get(pk=world.camat.pk).siasn_blocked
    control.ppk_report_issue(case=case, actor=world.auditor, number="LAP-1/2024")
    # Unblocking needs the PPK's decision on record and checked first; the auditor's acceptance lifts it.
    with pytest.raises(CaseError, match="keputusan PPK"):
        control.unblock(case=case, actor=world.auditor, note="cek")
    submit_decree(world, Case.objects.get(pk=case.pk))
    with pytest.raises(CaseError, match="diperiksa auditor"):
        control.unblock(case=case, actor=world.auditor, note="cek")
    assert Employee.objects.get(pk=world.camat.pk).siasn_blocked
    decision_accept(case=case, actor=world.auditor)
    assert not Employee.objects.get(pk=world.camat.pk).siasn_blocked
    actions = set(CaseEvent.objects.filter(case=case).values_list("action", flat=True))
    assert {"overdue", "warning_issued", "block_proposed", "blocked", "ppk_reported", "unblocked"} <= actions


def test_a_warning_cannot_be_issued_before_the_deadline(world: World) -> None:
    case = _waiting_case(world)
    with pytest.raises(CaseError):
        control.warning_issue(case=case, actor=world.auditor, number="SP-1")


def test_an_auditor_outside_the_region_cannot_act(world: World) -> None:
    from netralitas.accounts.models import Role, RoleAssignment, User

    outsider = User.objects.create_user("auditor_k4", agency=world.bkn)
    RoleAssignment.objects.create(user=outsider, role=Role.AUDITOR).regions.set([world.sulsel])
    case = _waiting_case(world)
    with pytest.raises(NotAllowed):
        control.warning_issue(case=case, actor=outsider, number="SP-9")


def test_sanction_withdraws_pending_ladder_steps(world: World) -> None:
    case = _waiting_case(world)
    assert case.deadline_at is not None
    control.escalate(now=case.deadline_at + dt.timedelta(hours=1))
    assert _kinds(case)[Kind.WARNING] == State.DUE
    sanction(world, case)
    assert _kinds(case)[Kind.WARNING] == State.WITHDRAWN
    from netralitas.audit.models import AuditEvent

    audit = AuditEvent.objects.get(action="control.withdrawn")
    warning = ControlAction.objects.get(case=case, kind=Kind.WARNING)
    assert audit.actor_id == world.auditor.pk and audit.data["kind"] == Kind.WARNING
    assert (audit.target_type, audit.target_id) == ("sanctions.controlaction", str(warning.pk))


def test_each_withdrawn_ladder_step_has_its_own_audit_event(world: World) -> None:
    case = _waiting_case(world)
    assert case.deadline_at is not None
    control.escalate(now=case.deadline_at + dt.timedelta(hours=1))
    report = ControlAction.objects.create(
        case=case, kind=Kind.PPK_REPORT, state=State.DUE, created_at=case.deadline_at
    )
    sanction(world, case)
    from netralitas.audit.models import AuditEvent

    events = AuditEvent.objects.filter(action="control.withdrawn").order_by("id")
    assert [e.data["kind"] for e in events] == [Kind.WARNING, Kind.PPK_REPORT]
    assert events[1].target_id == str(report.pk)


def test_due_and_proposed_rungs_appear_in_the_auditor_and_bkn_queues(world: World) -> None:
    from netralitas.cases.queries import my_queue

    case = _waiting_case(world)
    assert not my_queue(world.auditor).filter(pk=case.pk).exists()
    assert case.deadline_at is not None
    control.escalate(now=case.deadline_at + dt.timedelta(hours=1))
    assert my_queue(world.auditor).filter(pk=case.pk).exists()
    with time_machine.travel(case.deadline_at + dt.timedelta(hours=2), tick=False):
        control.warning_issue(case=case, actor=world.auditor, number="SP-2")
    assert not my_queue(world.auditor).filter(pk=case.pk).exists()
    with time_machine.travel(case.deadline_at + dt.timedelta(days=8), tick=False):
        control.block_propose(case=case, actor=world.auditor)
    assert my_queue(world.bkn_officer).filter(pk=case.pk).exists()


def test_queue_lookups_in_the_cases_layer_match_the_control_action_values() -> None:
    # cases.queries names these values by string to respect the layers; keep them in step.
    assert (State.DUE, State.PROPOSED, Kind.BLOCK) == ("jatuh_tempo", "diusulkan", "blokir")


def test_a_block_cannot_be_proposed_until_seven_days_after_the_warning(world: World, settings) -> None:
    settings.BLOCK_AFTER_WARNING_DAYS = 7
    case = _waiting_case(world)
    assert case.deadline_at is not None
    warned_at = case.deadline_at + dt.timedelta(hours=1)
    with time_machine.travel(warned_at, tick=False):
        control.warning_issue(case=case, actor=world.auditor, number="SP-3/K7/2024")
    assert control.block_possible_from(case) == warned_at + dt.timedelta(days=7)
    for at in (warned_at, warned_at + dt.timedelta(days=7, seconds=-1)):
        with time_machine.travel(at, tick=False), pytest.raises(CaseError, match="baru dapat diusulkan"):
            control.block_propose(case=case, actor=world.auditor)
    assert Kind.BLOCK not in _kinds(case)
    with time_machine.travel(warned_at + dt.timedelta(days=7), tick=False):
        control.block_propose(case=case, actor=world.auditor)
    assert _kinds(case)[Kind.BLOCK] == State.PROPOSED
