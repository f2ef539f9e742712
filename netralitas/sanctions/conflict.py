"""Konflik kepentingan PPK (ADR 0025): a case whose PPK is a candidate in the case's election is watched
from further out (``CONFLICT_REMINDER_DAYS_BEFORE`` working days before the follow-up deadline instead of
the rule's ``reminder_days_before``) and, from then, escalated straight to BKN's control and to Kemendagri,
each a queue item of its own that an officer of that body acknowledges. Neither the flag nor the
escalation is ever shown to the agency or its PPK: no case event is written (the case history is the
PPK's to read), only audit events."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from netralitas.accounts.models import Role, User
from netralitas.audit.services import audit_record
from netralitas.cases import queries
from netralitas.cases.models import Case
from netralitas.cases.services import CaseError, NotAllowed, lock_case
from netralitas.core import clock
from netralitas.core.tasks import enqueue_with_change
from netralitas.registry.holders import ppk_conflict
from netralitas.registry.models import Candidate

from .models import ConflictEscalation

Recipient = ConflictEscalation.Recipient
ConflictCache = dict[tuple[int | None, int | None], Candidate | None]


def conflict_of(case: Case, cache: ConflictCache | None = None) -> Candidate | None:
    """The candidate who is the PPK of the case's agency in its election (memoised per sweep)."""
    key = (case.election_id, case.agency_id)
    if cache is not None and key in cache:
        return cache[key]
    found = ppk_conflict(election=case.election, agency=case.agency)
    if cache is not None:
        cache[key] = found
    return found


def reminder_days_before(case: Case, conflicted: bool) -> int:
    """Working days before the deadline at which the follow-up is reminded (and, conflicted, escalated)."""
    days = case.deadline_rule.reminder_days_before if case.deadline_rule else 2
    days = 2 if days is None else days
    return max(days, settings.CONFLICT_REMINDER_DAYS_BEFORE) if conflicted else days


def sees_conflict(user: User, case: Case) -> bool:
    """BKN, the auditors, the leadership, Satgas and Bawaslu see the flag; a PPK never does, even one who
    also holds another role (the flag is about them)."""
    if Role.PPK in {r.role for r in queries.user_scope(user).roles}:
        return False
    return bool(queries.covering_roles(user, case))


def _kemendagri(user: User) -> bool:
    return user.agency is not None and user.agency.code == settings.CONFLICT_ESCALATION_AGENCY


def may_acknowledge(user: User, escalation: ConflictEscalation) -> bool:
    if not sees_conflict(user, escalation.case):
        return False
    if escalation.recipient == Recipient.BKN:
        return Role.BKN in queries.covering_roles(user, escalation.case)
    return _kemendagri(user)


def escalate_conflict(locked: Case, *, candidate: Candidate, days_left: int, now: dt.datetime) -> int:
    """Queues the case for BKN's control and for Kemendagri (idempotent); returns how many were new."""
    from .tasks import notify_conflict_escalation

    created = 0
    for recipient in Recipient:
        try:
            with transaction.atomic():
                escalation = ConflictEscalation.objects.create(
                    case=locked, recipient=recipient, candidate=candidate, created_at=now, days_left=days_left
                )
        except IntegrityError:
            continue
        created += 1
        audit_record(
            actor=None,
            action="sanctions.conflict_escalated",
            target=escalation,
            data={"case": locked.number, "recipient": recipient.value, "days_left": days_left},
        )
        enqueue_with_change(notify_conflict_escalation, escalation.pk)
    return created


def escalation_recipients(escalation: ConflictEscalation) -> list[str]:
    """E-mail addresses of the officers who act on ``escalation``: BKN officers covering the case, or the
    active users of Kemendagri (never a PPK)."""
    case = escalation.case
    if escalation.recipient == Recipient.BKN:
        users = User.objects.filter(is_active=True, role_assignments__role=Role.BKN).distinct()
        emails = {u.email for u in users if Role.BKN in queries.covering_roles(u, case)}
    else:
        users = User.objects.filter(is_active=True, agency__code=settings.CONFLICT_ESCALATION_AGENCY).exclude(
            role_assignments__role=Role.PPK
        )
        emails = set(users.values_list("email", flat=True))
    return sorted(e for e in emails if e)


def open_escalations(user: User, case: Case) -> list[ConflictEscalation]:
    """The escalations of ``case`` the user may see (none for a PPK)."""
    if not sees_conflict(user, case):
        return []
    return list(ConflictEscalation.objects.filter(case=case).select_related("acknowledged_by"))


@transaction.atomic
def escalation_acknowledge(*, case: Case, recipient: str, actor: User, note: str) -> ConflictEscalation:
    """The officer of the receiving body records what they did about it (audited)."""
    locked = lock_case(case)
    escalation = (
        ConflictEscalation.objects.select_for_update().filter(case=locked, recipient=recipient).first()
    )
    if escalation is None or not sees_conflict(actor, locked):
        raise CaseError(_("Tidak ada eskalasi konflik kepentingan untuk kasus ini."))
    if not may_acknowledge(actor, escalation):
        raise NotAllowed(
            _("Eskalasi ini ditujukan kepada %(body)s.") % {"body": escalation.get_recipient_display()}
        )
    if escalation.acknowledged_at is not None:
        raise CaseError(_("Eskalasi ini sudah ditindaklanjuti."))
    if not note.strip():
        raise CaseError(_("Tuliskan tindak lanjut yang dilakukan."))
    escalation.acknowledged_at, escalation.acknowledged_by, escalation.note = clock.now(), actor, note.strip()
    escalation.save(update_fields=["acknowledged_at", "acknowledged_by", "note"])
    audit_record(
        actor=actor,
        action="sanctions.conflict_escalation_acknowledged",
        target=escalation,
        data={"case": locked.number, "recipient": recipient},
    )
    return escalation
