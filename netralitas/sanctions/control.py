"""The escalation ladder (domain.md §3): reminder → warning letter → SIASN block (proposed by an auditor,
approved by a BKN officer) → report on the PPK → unblock on proof of follow-up.

``escalate`` is the time-driven part, run by ``sweep_deadlines``: it records reminders and queues the
human steps (state DUE) in the auditor's queue. Every rung is a dated ControlAction with a case event and
an audit event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from netralitas.accounts.models import Role, User
from netralitas.cases.deadlines import case_timezone
from netralitas.cases.models import Case
from netralitas.cases.notifications import local_datetime
from netralitas.cases.services import CaseError, NotAllowed, _record_event, lock_case, require_role
from netralitas.cases.workflow import Status
from netralitas.core import clock
from netralitas.core.tasks import enqueue_with_change
from netralitas.core.workdays import working_days_left
from netralitas.documents.models import Document
from netralitas.documents.services import DocumentError
from netralitas.protection.models import ProtectedAlert
from netralitas.protection.services import adverse_act_record
from netralitas.registry.calendar import holiday_dates
from netralitas.registry.models import Employee

from . import conflict, letters
from .models import ControlAction, Decision
from .tasks import notify_ppk_reminder

Kind = ControlAction.Kind
State = ControlAction.State


def _action(case: Case, kind: str) -> ControlAction | None:
    return ControlAction.objects.select_for_update().filter(case=case, kind=kind).first()


def _queue(case: Case, kind: str, now: dt.datetime, state: str = State.DUE, **fields: Any) -> bool:
    """Creates the rung if it does not exist yet; True when created (idempotent under concurrency)."""
    try:
        with transaction.atomic():
            ControlAction.objects.create(case=case, kind=kind, state=state, created_at=now, **fields)
    except IntegrityError:
        return False
    _record_event(
        case, actor=None, action=f"control_{kind}_{state}", at=now, data={"kind": kind, "state": state}
    )
    return True


def _issued(issue: Callable[[], Document]) -> Document:
    """A letter issue whose refusal (a typed number already in use) reads as the act's own error."""
    try:
        return issue()
    except DocumentError as error:
        raise CaseError(str(error)) from None


def block_possible_from(case: Case) -> dt.datetime | None:
    """When a block may be proposed: BLOCK_AFTER_WARNING_DAYS after the warning letter (None: no warning)."""
    warning = ControlAction.objects.filter(case=case, kind=Kind.WARNING, state=State.DONE).first()
    if warning is None or warning.done_at is None:
        return None
    return warning.done_at + dt.timedelta(days=settings.BLOCK_AFTER_WARNING_DAYS)


def escalate(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Time-driven rungs for cases waiting on the PPK; safe to run every minute."""
    now = now or clock.now()
    holidays = holiday_dates()
    counts = {"reminders": 0, "warnings_due": 0, "blocks_due": 0, "conflict_escalations": 0}
    conflicts: conflict.ConflictCache = {}
    block_after = dt.timedelta(days=settings.BLOCK_AFTER_WARNING_DAYS)
    waiting = list(
        Case.objects.filter(status=Status.AWAITING_FOLLOW_UP, deadline_at__isnull=False).select_related(
            "province", "deadline_rule", "election", "agency"
        )
    )
    for case in waiting:
        assert case.deadline_at is not None
        kinds = dict(ControlAction.objects.filter(case=case).values_list("kind", "state"))
        candidate = conflict.conflict_of(case, conflicts)
        days_before = conflict.reminder_days_before(case, candidate is not None)
        with transaction.atomic():
            locked = lock_case(case)
            if locked.status != Status.AWAITING_FOLLOW_UP:
                continue
            left = working_days_left(now, case.deadline_at, holidays, case_timezone(case))
            if candidate is not None and left <= days_before:
                counts["conflict_escalations"] += conflict.escalate_conflict(
                    locked, candidate=candidate, days_left=left, now=now
                )
            remind = Kind.REMINDER not in kinds and left <= days_before and now <= case.deadline_at
            if remind and _queue(locked, Kind.REMINDER, now, State.DONE, done_at=now):
                counts["reminders"] += 1
                letter = letters.issue_reminder(case=locked, days_left=max(left, 0), now=now)
                ControlAction.objects.filter(case=locked, kind=Kind.REMINDER).update(
                    letter=letter, number=letter.number
                )
                enqueue_with_change(notify_ppk_reminder, locked.pk)
            if Kind.WARNING not in kinds and now > case.deadline_at and _queue(locked, Kind.WARNING, now):
                counts["warnings_due"] += 1
            warning = ControlAction.objects.filter(case=locked, kind=Kind.WARNING, state=State.DONE).first()
            if (
                warning is not None
                and warning.done_at is not None
                and Kind.BLOCK not in kinds
                and now >= warning.done_at + block_after
                and _queue(locked, Kind.BLOCK, now)
            ):
                counts["blocks_due"] += 1
    return counts


@transaction.atomic
def warning_issue(*, case: Case, actor: User, number: str = "") -> ControlAction:
    """The auditor's warning letter to the PPK, numbered by the scheme unless ``number`` is typed."""
    locked = lock_case(case)
    require_role(actor, locked, {Role.AUDITOR}, _("Anda tidak berwenang menerbitkan surat peringatan."))
    if (
        locked.status != Status.AWAITING_FOLLOW_UP
        or locked.deadline_at is None
        or clock.now() <= locked.deadline_at
    ):
        raise CaseError(_("Surat peringatan hanya untuk kasus yang melewati batas waktu tindak lanjut PPK."))
    now = clock.now()
    action = _action(locked, Kind.WARNING) or ControlAction(case=locked, kind=Kind.WARNING, created_at=now)
    if action.state == State.DONE:
        raise CaseError(_("Surat peringatan sudah diterbitkan untuk kasus ini."))
    letter = _issued(lambda: letters.issue_warning(case=locked, actor=actor, number=number, now=now))
    action.state, action.number, action.proposed_by, action.done_at = State.DONE, letter.number, actor, now
    action.letter = letter
    action.save()
    _record_event(locked, actor=actor, action="warning_issued", at=now, data={"number": action.number})
    return action


@transaction.atomic
def block_propose(*, case: Case, actor: User, note: str = "") -> ControlAction:
    locked = lock_case(case)
    require_role(actor, locked, {Role.AUDITOR}, _("Anda tidak berwenang mengusulkan pemblokiran."))
    if locked.status != Status.AWAITING_FOLLOW_UP:
        raise CaseError(_("Pemblokiran hanya untuk kasus yang menunggu tindak lanjut PPK."))
    warning = _action(locked, Kind.WARNING)
    if warning is None or warning.state != State.DONE:
        raise CaseError(_("Terbitkan surat peringatan kepada PPK sebelum mengusulkan pemblokiran."))
    now = clock.now()
    possible_from = block_possible_from(locked)
    assert possible_from is not None
    if now < possible_from:
        raise CaseError(
            _(
                "Pemblokiran baru dapat diusulkan mulai %(date)s, %(days)d hari setelah surat peringatan "
                "diterbitkan."
            )
            % {
                "date": local_datetime(possible_from, case_timezone(locked).key),
                "days": settings.BLOCK_AFTER_WARNING_DAYS,
            }
        )
    action = _action(locked, Kind.BLOCK) or ControlAction(case=locked, kind=Kind.BLOCK, created_at=now)
    if action.state in (State.PROPOSED, State.DONE):
        raise CaseError(_("Pemblokiran sudah diusulkan untuk kasus ini."))
    action.state, action.proposed_by, action.note = State.PROPOSED, actor, note
    action.save()
    _record_event(locked, actor=actor, action="block_proposed", at=now, note=note)
    return action


@transaction.atomic
def block_approve(*, case: Case, actor: User) -> ControlAction:
    """A BKN officer, not the proposing auditor, approves: the employee is blocked in SIASN."""
    locked = lock_case(case)
    require_role(actor, locked, {Role.BKN}, _("Anda tidak berwenang menyetujui pemblokiran."))
    action = _action(locked, Kind.BLOCK)
    if action is None or action.state != State.PROPOSED:
        raise CaseError(_("Tidak ada usulan pemblokiran yang menunggu persetujuan."))
    if action.proposed_by_id == actor.pk:
        raise NotAllowed(_("Pengusul pemblokiran tidak dapat menyetujui usulannya sendiri."))
    if locked.employee is None:
        raise CaseError(_("Terlapor belum teridentifikasi."))
    now = clock.now()
    action.state, action.approved_by, action.done_at = State.DONE, actor, now
    action.letter = letters.issue_block_request(
        case=locked, actor=actor, warning=_action(locked, Kind.WARNING), now=now
    )
    action.number = action.letter.number
    action.save()
    Employee.objects.filter(pk=locked.employee.pk).update(siasn_blocked=True)
    adverse_act_record(
        employee=locked.employee,
        kind=ProtectedAlert.Kind.BLOCK,
        act_key=f"blokir:{action.pk}",
        reference=f"Pemblokiran SIASN {action.number}",
        act_date=clock.localdate(),
        actor=actor,
        now=now,
    )
    _record_event(locked, actor=actor, action="blocked", at=now, data={"employee_id": locked.employee.pk})
    return action


@transaction.atomic
def ppk_report_issue(*, case: Case, actor: User, number: str) -> ControlAction:
    locked = lock_case(case)
    require_role(actor, locked, {Role.AUDITOR}, _("Anda tidak berwenang melaporkan PPK."))
    block = _action(locked, Kind.BLOCK)
    if locked.status != Status.AWAITING_FOLLOW_UP or block is None or block.state != State.DONE:
        raise CaseError(
            _("Laporan tentang PPK dibuat setelah pemblokiran, bila PPK tetap tidak menindaklanjuti.")
        )
    now = clock.now()
    action = _action(locked, Kind.PPK_REPORT) or ControlAction(
        case=locked, kind=Kind.PPK_REPORT, created_at=now
    )
    if action.state == State.DONE:
        raise CaseError(_("Laporan tentang PPK sudah dibuat."))
    letter = _issued(
        lambda: letters.issue_ppk_report(
            case=locked,
            actor=actor,
            number=number,
            warning=_action(locked, Kind.WARNING),
            block=block,
            now=now,
        )
    )
    action.state, action.number, action.proposed_by, action.done_at = State.DONE, letter.number, actor, now
    action.letter = letter
    action.save()
    _record_event(locked, actor=actor, action="ppk_reported", at=now, data={"number": action.number})
    return action


@transaction.atomic
def unblock(*, case: Case, actor: User, note: str) -> ControlAction:
    """Lifted only on proof of follow-up: the PPK's decision is on record."""
    locked = lock_case(case)
    require_role(actor, locked, {Role.AUDITOR}, _("Anda tidak berwenang membuka blokir."))
    block = _action(locked, Kind.BLOCK)
    if block is None or block.state != State.DONE:
        raise CaseError(_("Terlapor tidak sedang diblokir karena kasus ini."))
    if not Decision.objects.filter(case=locked, checked_at__isnull=False).exists():
        raise CaseError(
            _(
                "Blokir hanya dapat dibuka setelah keputusan PPK tercatat dan diperiksa auditor "
                "sebagai bukti tindak lanjut."
            )
        )
    now = clock.now()
    done = _action(locked, Kind.UNBLOCK)
    if done is not None and done.state == State.DONE:
        raise CaseError(_("Blokir sudah dibuka."))
    return lift_block(locked, actor=actor, now=now, note=note)


def lift_block(locked: Case, *, actor: User, now: dt.datetime, note: str) -> ControlAction:
    """Records the unblock of a locked case whose block is in force; the employee's flag is cleared unless
    another case still blocks them."""
    action = _action(locked, Kind.UNBLOCK) or ControlAction(case=locked, kind=Kind.UNBLOCK, created_at=now)
    action.state, action.proposed_by, action.done_at, action.note = State.DONE, actor, now, note
    action.letter = letters.issue_unblock(case=locked, actor=actor, note=note, now=now)
    action.number = action.letter.number
    action.save()
    assert locked.employee is not None
    blocked_elsewhere = set(
        ControlAction.objects.filter(case__employee=locked.employee, kind=Kind.BLOCK, state=State.DONE)
        .exclude(case=locked)
        .values_list("case_id", flat=True)
    )
    blocked_elsewhere -= set(
        ControlAction.objects.filter(
            case_id__in=blocked_elsewhere, kind=Kind.UNBLOCK, state=State.DONE
        ).values_list("case_id", flat=True)
    )
    if not blocked_elsewhere:
        Employee.objects.filter(pk=locked.employee.pk).update(siasn_blocked=False)
    _record_event(locked, actor=actor, action="unblocked", at=now, note=note)
    return action
