"""Writes on cases: intake, the transition service, employee resolution, merge, assignment, overdue
marking and audited reads of the reporter's identity.

Each function validates, locks, writes, records a case event and an audit event, in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netralitas.accounts.models import Role, User
from netralitas.audit.services import audit_record
from netralitas.core import clock, crypto
from netralitas.integrations.outbox import publish_case_event
from netralitas.registry.models import Agency, Election, ElectionStage, Employee, Region
from netralitas.registry.reference import election_stage_on

from . import letters, queries
from .deadlines import start_stage
from .models import Case, CaseEvent, CaseNumberSequence, ReporterIdentity, Source
from .notifications import notice_consumers
from .workflow import STAGE_OF_STATUS, Requirement, Stage, Status, Transition, is_final, transition_for


class CaseError(Exception):
    """A refused action, with a message for the user in Bahasa Indonesia."""


class TransitionConflict(CaseError):
    """The case changed since the user saw it: another action won."""


class NotAllowed(CaseError, PermissionDenied):
    """The actor may see the case but may not perform this action."""


def actor_label(actor: User | None) -> str:
    if actor is None:
        return "sistem"
    agency = actor.agency.short_name or actor.agency.name if actor.agency_id else ""  # type: ignore[union-attr]
    return f"{actor.username} ({agency})" if agency else actor.username


def _record_event(
    case: Case,
    *,
    actor: User | None,
    action: str,
    at: dt.datetime,
    from_status: str = "",
    note: str = "",
    public_message: str = "",
    data: dict[str, Any] | None = None,
    ended: tuple[Stage, dt.datetime, dt.datetime | None] | None = None,
) -> CaseEvent:
    """``ended``: the stage this event leaves, with the start and deadline the case had for it."""
    label = actor_label(actor)
    event = CaseEvent.objects.create(
        case=case,
        at=at,
        actor=actor,
        actor_label=label,
        actor_agency_id=actor.agency_id if actor else None,
        action=action,
        from_status=from_status,
        to_status=case.status if from_status else "",
        note=note,
        public_message=public_message,
        data=data or {},
        ended_stage=ended[0].value if ended else "",
        stage_started_at=ended[1] if ended else None,
        stage_deadline_at=ended[2] if ended else None,
    )
    publish_case_event(event, local_consumers=notice_consumers(event))
    audit_record(
        actor=actor,
        action=f"case.{action}",
        target=case,
        actor_label=label,
        data={
            "number": case.number,
            "from": from_status,
            "to": event.to_status,
            "event_id": event.pk,
            **(data or {}),
        },
    )
    return event


# --- intake ---------------------------------------------------------------------------------------


def _next_number(year: int) -> str:
    """The year's next complaint number, gapless: one ``UPDATE … RETURNING`` that also locks the year's
    row until the caller's transaction ends (a rolled-back submission gives its number back)."""
    table = connection.ops.quote_name(CaseNumberSequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET last = last + 1 WHERE year = %s RETURNING last", [year])  # noqa: S608
        row = cursor.fetchone()
    if row is None:  # the first case of the year
        try:
            with transaction.atomic():
                CaseNumberSequence.objects.create(year=year)
        except IntegrityError:
            pass  # created by a concurrent submission; the UPDATE below waits for it
        return _next_number(year)
    return f"SBT-{year}-{row[0]:06d}"


def case_submit(
    *,
    source: str,
    election: Election,
    region: Region,
    incident_date: dt.date,
    description: str,
    employee: Employee | None = None,
    reported_name: str = "",
    reported_position: str = "",
    reported_agency: Agency | None = None,
    reported_description: str = "",
    violation_type_ids: list[int] | None = None,
    links: list[str] | None = None,
    election_stage: ElectionStage | None = None,
    reporter_identity: dict[str, str] | None = None,
    reporter_user: User | None = None,
    idempotency_key: str | None = None,
    idempotency_hash: str = "",
    now: dt.datetime | None = None,
) -> tuple[Case, str | None, bool]:
    """Files a report. Returns (case, receipt code or None on a replay, created).

    A repeated ``idempotency_key`` returns the case first filed with it (``idempotency_hash``, a digest of
    what was submitted, is kept so a caller can tell a retry from a reuse of the key). The unique index
    answers, so a first submission costs no look-up. Everything that needs no database is done before
    the transaction starts: on SQLite the transaction holds the only write lock."""
    if employee is None and not (reported_name or reported_description):
        raise CaseError(_("Sebutkan terlapor: NIP/NIK, atau nama dan ciri-cirinya."))
    if source not in Source.values:
        raise CaseError(_("Sumber laporan tidak dikenal: %(source)s") % {"source": source})
    now = now or clock.now()
    province = region if region.level == Region.Level.PROVINCE else region.province
    assert province is not None, "a kabupaten/kota always has its province"
    receipt = crypto.new_receipt_code()
    case = Case(
        number="",
        code=crypto.new_opaque_code(),
        source=source,
        election=election,
        election_stage=election_stage or election_stage_on(election, incident_date),
        incident_date=incident_date,
        region=region,
        province=province,
        employee=employee,
        agency=employee.agency if employee else reported_agency,
        reported_name=reported_name.strip(),
        reported_position=reported_position.strip(),
        reported_description=reported_description.strip(),
        description=description.strip(),
        links=list(links or []),
        receipt_hash=crypto.receipt_hash(receipt),
        reporter_user=reporter_user,
        idempotency_key=idempotency_key or None,
        idempotency_hash=idempotency_hash,
        received_at=now,
        stage_started_at=now,
    )
    start_stage(case, now)
    identity = (
        ReporterIdentity(ciphertext=crypto.encrypt_json(reporter_identity), created_at=now)
        if reporter_identity
        else None
    )
    violation_ids = list(dict.fromkeys(violation_type_ids or ()))
    try:
        # Outermost, this is the transaction; inside a caller's, a savepoint. Either way a clash on the
        # idempotency key rolls back the number taken with it.
        with transaction.atomic():
            case.number = _next_number(timezone.localdate(now).year)
            case.save(force_insert=True)
            through = Case.violation_types.through
            through.objects.bulk_create(through(case_id=case.pk, violationtype_id=pk) for pk in violation_ids)
            if identity is not None:
                identity.case = case
                identity.save(force_insert=True)
            _record_event(
                case,
                actor=reporter_user,
                action="submitted",
                at=now,
                from_status="-",
                public_message="Laporan diterima dan menunggu verifikasi Satgas Netralitas.",
                data={"source": source, "anonymous": not reporter_identity, "resolved": employee is not None},
            )
            if letters.issues_receipt(case):
                letters.issue_receipt(case=case, actor=reporter_user, now=now)
    except IntegrityError:
        if idempotency_key:
            existing = Case.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return existing, None, False
        raise
    return case, receipt, True


# --- transitions ----------------------------------------------------------------------------------


def _check_requirements(case: Case, t: Transition, reason: str, merge_target: Case | None) -> None:
    if Requirement.EMPLOYEE_RESOLVED in t.requires and case.employee_id is None:
        raise CaseError(_("Terlapor belum dicocokkan dengan data ASN; cocokkan NIP terlebih dahulu."))
    if Requirement.REASON in t.requires and not reason.strip():
        raise CaseError(_("Alasan wajib diisi untuk tindakan ini."))
    if Requirement.MERGE_TARGET in t.requires and merge_target is None:
        raise CaseError(_("Pilih kasus tujuan penggabungan."))
    if Requirement.RECOMMENDATION in t.requires and getattr(case, "recommendation", None) is None:
        raise CaseError(
            _("Isi rekomendasi (jalur, tingkat, sanksi, pertimbangan) sebelum menyimpulkan terbukti.")
        )
    if Requirement.DECISION in t.requires and getattr(case, "decision", None) is None:
        raise CaseError(_("Catat keputusan PPK (nomor dan tanggal keputusan, sanksi) terlebih dahulu."))
    if Requirement.EMPLOYEE_LEFT_SERVICE in t.requires and (
        case.employee is None or case.employee.status == Employee.Status.ACTIVE
    ):
        raise CaseError(_("Kasus hanya dapat dinyatakan gugur bila terlapor tidak lagi berstatus ASN aktif."))


def lock_case(case: Case | int) -> Case:
    pk = case.pk if isinstance(case, Case) else case
    return Case.objects.select_for_update(of=("self",)).select_related("province", "employee").get(pk=pk)


def case_transition(
    *,
    case: Case | int,
    actor: User | None,
    action: str,
    expected_version: int | None = None,
    reason: str = "",
    note: str = "",
    public_message: str = "",
    data: dict[str, Any] | None = None,
    merge_target: Case | None = None,
    now: dt.datetime | None = None,
) -> Case:
    """The only way a case changes status. ``actor=None`` is the system (sweeps, integrations)."""
    with transaction.atomic():
        locked = lock_case(case)
        t = transition_for(action)
        if t is None:
            raise CaseError(_("Tindakan tidak dikenal: %(action)s") % {"action": action})
        if expected_version is not None and locked.version != expected_version:
            raise TransitionConflict(
                _(
                    "Kasus %(number)s telah diubah oleh pengguna lain; "
                    "muat ulang halaman lalu periksa kembali."
                )
                % {"number": locked.number}
            )
        if locked.status not in t.sources:
            raise TransitionConflict(
                _("Kasus %(number)s berstatus “%(status)s”; tindakan “%(action)s” tidak berlaku lagi.")
                % {"number": locked.number, "status": locked.get_status_display(), "action": _(t.label)}
            )
        if actor is not None and not queries.may_perform(actor, locked, t):
            raise NotAllowed(
                _("Anda tidak berwenang melakukan “%(action)s” pada kasus ini.") % {"action": _(t.label)}
            )
        _check_requirements(locked, t, reason, merge_target)
        now = now or clock.now()
        from_status = locked.status
        locked.status = t.target
        locked.version += 1
        if merge_target is not None:
            locked.merged_into = merge_target
        ended = None
        if (left := STAGE_OF_STATUS.get(from_status)) != STAGE_OF_STATUS.get(t.target):
            if left is not None:
                ended = (left, locked.stage_started_at, locked.deadline_at)
            start_stage(locked, now)
        if is_final(t.target):
            locked.closed_at = now
        locked.save()
        _record_event(
            locked,
            actor=actor,
            action=action,
            at=now,
            from_status=from_status,
            note=note,
            public_message=public_message or t.public_message,
            data={"reason": reason, **(data or {})} if reason else dict(data or {}),
            ended=ended,
        )
        if action == "forward":  # the Satgas's letter to Bawaslu, numbered with the act
            letters.issue_forwarding(case=locked, actor=actor, now=now)
        return locked


# --- other acts on a case -------------------------------------------------------------------------


def require_role(actor: User, case: Case, roles: Collection[str], refusal: str) -> None:
    """Refuses (NotAllowed with the given message) unless one of ``roles`` covers the case."""
    if queries.covering_roles(actor, case).isdisjoint(roles):
        raise NotAllowed(refusal)


@transaction.atomic
def case_resolve_employee(*, case: Case, actor: User, employee: Employee, note: str = "") -> Case:
    locked = lock_case(case)
    require_role(actor, locked, {Role.VERIFIER}, _("Anda tidak berwenang mencocokkan terlapor."))
    if locked.status not in (Status.RECEIVED, Status.VERIFICATION):
        raise TransitionConflict(_("Terlapor hanya dapat dicocokkan selama verifikasi."))
    previous = locked.employee_id
    locked.employee = employee
    locked.agency_id = employee.agency_id
    locked.version += 1
    locked.save(update_fields=["employee", "agency", "version", "updated_at"])
    _record_event(
        locked,
        actor=actor,
        action="employee_resolved",
        at=clock.now(),
        note=note,
        data={"employee_id": employee.pk, "previous_employee_id": previous},
    )
    return locked


def case_merge(*, case: Case, target: Case, actor: User, reason: str = "") -> Case:
    """Closes ``case`` as a duplicate of ``target``; both timelines stay, each pointing at the other."""
    if case.pk == target.pk:
        raise CaseError(_("Kasus tidak dapat digabungkan dengan dirinya sendiri."))
    with transaction.atomic():
        locked_target = lock_case(target)
        if is_final(locked_target.status) or locked_target.merged_into_id:
            raise CaseError(
                _("Kasus tujuan %(number)s sudah selesai atau sudah digabungkan.")
                % {"number": locked_target.number}
            )
        if not queries.visible_cases(actor).filter(pk=locked_target.pk).exists():
            raise NotAllowed(_("Kasus tujuan berada di luar cakupan Anda."))
        merged = case_transition(
            case=case,
            actor=actor,
            action="merge",
            reason=reason or f"Duplikat dari {locked_target.number}",
            merge_target=locked_target,
            data={"merged_into": locked_target.number},
        )
        _record_event(
            locked_target,
            actor=actor,
            action="merged_from",
            at=clock.now(),
            note=f"Digabungkan dari {merged.number}",
            data={"merged_from": merged.number},
        )
        return merged


@transaction.atomic
def case_assign(*, cases: list[Case], assignee: User, actor: User) -> int:
    """Bulk assignment to a colleague of the same agency who holds a role covering each case."""
    if assignee.agency_id != actor.agency_id:
        raise NotAllowed(_("Kasus hanya dapat ditugaskan kepada rekan satu instansi."))
    visible = queries.visible_cases(actor)
    assignee_visible = queries.visible_cases(assignee)
    count = 0
    for case in cases:
        locked = lock_case(case)
        if not visible.filter(pk=locked.pk).exists():
            raise NotAllowed(_("Salah satu kasus berada di luar cakupan Anda."))
        if not assignee_visible.filter(pk=locked.pk).exists():
            raise CaseError(
                _("%(user)s tidak memiliki cakupan untuk kasus %(number)s.")
                % {"user": assignee, "number": locked.number}
            )
        locked.assignee = assignee
        locked.save(update_fields=["assignee", "updated_at"])
        _record_event(
            locked,
            actor=actor,
            action="assigned",
            at=clock.now(),
            data={"assignee_id": assignee.pk, "assignee": assignee.username},
        )
        count += 1
    return count


IDENTITY_READERS = {Role.VERIFIER, Role.BAWASLU}


def reporter_identity_read(*, case: Case, actor: User, reason: str) -> dict[str, Any] | None:
    """Decrypts the reporter's identity; allowed to verifiers and Bawaslu analysts, always audited.

    A refused attempt (no reason, or a role that may not read it) is audited too, as
    ``reporter.identity_refused``, in its own transaction so that raising does not roll the record back.
    """
    reason = reason.strip()
    refusal: CaseError | None = None
    if len(reason) < 10:
        refusal = CaseError(_("Tuliskan alasan membuka identitas pelapor (minimal 10 karakter)."))
    else:
        try:
            require_role(actor, case, IDENTITY_READERS, _("Anda tidak berwenang membuka identitas pelapor."))
        except NotAllowed as error:
            refusal = error
    if refusal is not None:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action="reporter.identity_refused",
                target=case,
                reason=reason,
                actor_label=actor_label(actor),
                data={
                    "number": case.number,
                    "refusal": "role" if isinstance(refusal, NotAllowed) else "reason",
                },
            )
        raise refusal
    with transaction.atomic():
        identity = ReporterIdentity.objects.filter(case=case).first()
        audit_record(
            actor=actor,
            action="reporter.identity_read",
            target=case,
            reason=reason,
            actor_label=actor_label(actor),
            data={"number": case.number, "anonymous": identity is None},
        )
    return crypto.decrypt_json(identity.ciphertext) if identity else None


def reporter_identity_refused_outside_scope(*, actor: User, code: str) -> None:
    """Audits a request for the identity on a case the actor may not see (the view answers 404)."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="reporter.identity_refused",
            target=Case.objects.filter(code=code).first(),
            actor_label=actor_label(actor),
            data={"code": code[:64], "refusal": "scope"},
        )


def mark_overdue(*, now: dt.datetime | None = None) -> int:
    """Marks open cases whose stage deadline has passed; idempotent (already-marked cases are skipped)."""
    now = now or clock.now()
    ids = list(
        Case.objects.open()
        .filter(deadline_at__lt=now, overdue_since__isnull=True)
        .values_list("pk", flat=True)
    )
    marked = 0
    for pk in ids:
        with transaction.atomic():
            locked = lock_case(pk)
            if locked.overdue_since is not None or locked.deadline_at is None or locked.deadline_at >= now:
                continue
            Case.objects.filter(pk=pk).update(overdue_since=now)
            locked.overdue_since = now
            _record_event(
                locked,
                actor=None,
                action="overdue",
                at=now,
                data={
                    "stage": STAGE_OF_STATUS[locked.status].value,
                    "deadline_at": locked.deadline_at.isoformat(),
                },
            )
            marked += 1
    return marked
