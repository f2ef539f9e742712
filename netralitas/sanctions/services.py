"""Writes of the sanction stage: Bawaslu's conclusion, BKN's recommendation, the PPK's decision."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from netralitas.accounts.models import User
from netralitas.audit.services import audit_record
from netralitas.cases import queries
from netralitas.cases.models import Case
from netralitas.cases.services import CaseError, NotAllowed, TransitionConflict, case_transition, lock_case
from netralitas.cases.workflow import Status, transition_for
from netralitas.core import clock
from netralitas.documents.services import DocumentError
from netralitas.protection.models import ProtectedAlert
from netralitas.protection.services import adverse_act_record
from netralitas.registry.models import Employee

from . import control, hearings, letters
from .models import (
    ControlAction,
    Decision,
    Level,
    Recommendation,
    ReturnedDecision,
    SanctionType,
    Track,
    ViolationType,
)


def _check_sanction_fits(sanction: SanctionType, employee: Employee | None) -> None:
    if not sanction.active:
        raise CaseError(_("Jenis sanksi “%(name)s” tidak aktif.") % {"name": sanction.name})
    if employee is not None and sanction.applies_to not in (SanctionType.AppliesTo.ALL, employee.kind):
        raise CaseError(
            _("Sanksi “%(name)s” tidak berlaku untuk %(kind)s.")
            % {"name": sanction.name, "kind": employee.kind}
        )


def review_conclude_proven(
    *,
    case: Case,
    actor: User,
    violation_type_ids: list[int],
    track: str,
    level: str,
    sanction_type: SanctionType,
    rationale: str,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Case:
    """Bawaslu concludes the violation is proven and records the recommended track, level and sanction."""
    if not violation_type_ids:
        raise CaseError(_("Pilih minimal satu jenis pelanggaran yang terbukti."))
    if track not in Track.values or level not in Level.values:
        raise CaseError(_("Jalur atau tingkat sanksi tidak dikenal."))
    if sanction_type.track != track or sanction_type.level != level:
        raise CaseError(
            _("Sanksi “%(name)s” bukan sanksi jalur %(track)s, tingkat %(level)s.")
            % {"name": sanction_type.name, "track": Track(track).label, "level": Level(level).label}
        )
    if len(rationale.strip()) < 20:
        raise CaseError(_("Tuliskan pertimbangan kajian (minimal 20 karakter)."))
    if actor.agency_id is None:
        raise CaseError(_("Akun Anda belum terhubung dengan instansi."))
    with transaction.atomic():
        locked = lock_case(case)
        _check_sanction_fits(sanction_type, locked.employee)
        if Recommendation.objects.filter(case=locked).exists():
            raise TransitionConflict(
                _("Kasus %(number)s sudah memiliki kesimpulan kajian.") % {"number": locked.number}
            )
        found = set(ViolationType.objects.filter(pk__in=violation_type_ids).values_list("pk", flat=True))
        if found != set(violation_type_ids):
            raise CaseError(_("Jenis pelanggaran tidak dikenal."))
        recommendation = Recommendation.objects.create(
            case=locked,
            track=track,
            level=level,
            sanction_type=sanction_type,
            rationale=rationale.strip(),
            reviewed_by=actor,
            reviewing_agency_id=actor.agency_id,
            reviewed_at=now or clock.now(),
        )
        recommendation.violation_types.set(violation_type_ids)
        locked.violation_types.set(violation_type_ids)
        return case_transition(
            case=locked,
            actor=actor,
            action="conclude_proven",
            expected_version=expected_version,
            now=now,
            data={
                "track": track,
                "level": level,
                "sanction": sanction_type.code,
                "violations": sorted(violation_type_ids),
            },
        )


def recommendation_send(
    *,
    case: Case,
    actor: User,
    letter_number: str = "",
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Case:
    """BKN (KASN before Sep 2024) sends the recommendation letter to the PPK; the PPK's clock starts."""
    with transaction.atomic():
        locked = lock_case(case)
        recommendation = Recommendation.objects.select_for_update().filter(case=locked).first()
        if recommendation is None:
            raise CaseError(_("Kasus ini belum memiliki rekomendasi Bawaslu."))
        now = now or clock.now()
        result = case_transition(
            case=locked,
            actor=actor,
            action="send_recommendation",
            expected_version=expected_version,
            now=now,
        )
        recommendation.sent_by = actor
        recommendation.sending_agency_id = actor.agency_id
        recommendation.sent_at = now
        try:
            letter = letters.issue_recommendation(
                case=locked, recommendation=recommendation, actor=actor, number=letter_number, now=now
            )
        except DocumentError as error:
            raise CaseError(str(error)) from None
        recommendation.letter, recommendation.letter_number = letter, letter.number
        recommendation.save()
        return result


def _decision_allowed(case: Case, actor: User) -> None:
    """Who may decide is checked before whether the ASN was heard: a non-PPK gets 403, not the rule."""
    transition = transition_for("submit_decision")
    assert transition is not None
    if case.status in transition.sources and not queries.may_perform(actor, case, transition):
        raise NotAllowed(
            _("Anda tidak berwenang melakukan “%(action)s” pada kasus ini.") % {"action": _(transition.label)}
        )


def decision_record(
    *,
    case: Case,
    actor: User,
    decree_number: str,
    decree_date: dt.date,
    sanction_type: SanctionType,
    document: object | None = None,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Case:
    """The PPK records the sanction decree, which waits for the auditor's check (``decision_accept`` or
    ``decision_return``); a sanction lighter than recommended is flagged."""
    if not decree_number.strip():
        raise CaseError(_("Nomor keputusan wajib diisi."))
    if decree_date > clock.localdate():
        raise CaseError(_("Tanggal keputusan tidak boleh di masa depan."))
    with transaction.atomic():
        locked = lock_case(case)
        _check_sanction_fits(sanction_type, locked.employee)
        recommendation = Recommendation.objects.filter(case=locked).select_related("sanction_type").first()
        if recommendation is None:
            raise CaseError(_("Kasus ini belum memiliki rekomendasi."))
        _decision_allowed(locked, actor)
        heard = None
        if locked.status == Status.AWAITING_FOLLOW_UP:  # otherwise case_transition says why (409)
            heard = hearings.decision_requires_hearing(locked, recommendation)
        if decree_date < locked.incident_date:
            raise CaseError(_("Tanggal keputusan tidak boleh sebelum tanggal kejadian."))
        lighter = sanction_type.severity < recommendation.sanction_type.severity
        if Decision.objects.filter(case=locked).exists():
            raise TransitionConflict(
                _("Keputusan PPK untuk kasus %(number)s sudah tercatat.") % {"number": locked.number}
            )
        decision = Decision(
            case=locked,
            decree_number=decree_number.strip(),
            decree_date=decree_date,
            sanction_type=sanction_type,
            is_lighter=lighter,
            recorded_by=actor,
            recorded_at=now or clock.now(),
        )
        if document is not None:
            decision.document = document
        decision.save()
        if locked.employee is not None:
            adverse_act_record(
                employee=locked.employee,
                kind=ProtectedAlert.Kind.SANCTION,
                act_key=f"sanksi:{decision.pk}",
                reference=f"{sanction_type.name}: {decision.decree_number}",
                act_date=decree_date,
                actor=actor,
                now=now,
            )
        return case_transition(
            case=locked,
            actor=actor,
            action="submit_decision",
            expected_version=expected_version,
            now=now,
            data={
                "decree_number": decision.decree_number,
                "sanction": sanction_type.code,
                "lighter": lighter,
                # What the decision rests on: the BAP (its hash) or the second absence (ADR 0024).
                "hearing": heard.state if heard else "",
                "bap_sha256": heard.minutes_sha256 if heard else "",
            },
        )


def decision_accept(
    *,
    case: Case,
    actor: User,
    note: str = "",
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Case:
    """The auditor accepts the PPK's decree: the sanction is recorded (I'DIS receives ``record_sanction``
    through the outbox), a block in force is lifted, pending ladder steps are withdrawn, the case closes."""
    with transaction.atomic():
        locked = lock_case(case)
        decision = Decision.objects.select_for_update().filter(case=locked).first()
        if decision is None:
            raise CaseError(_("Kasus ini belum memiliki keputusan PPK untuk diperiksa."))
        now = now or clock.now()
        result = case_transition(
            case=locked,
            actor=actor,
            action="record_sanction",
            expected_version=expected_version,
            note=note,
            now=now,
            data={
                "decree_number": decision.decree_number,
                "sanction": decision.sanction_type.code,
                "lighter": decision.is_lighter,
            },
        )
        decision.checked_by, decision.checked_at = actor, now
        decision.save(update_fields=["checked_by", "checked_at"])
        # Ladder steps still waiting are no longer needed; a block in force is lifted on this proof.
        pending = ControlAction.objects.filter(
            case=locked,
            state=ControlAction.State.DUE,
            kind__in=[ControlAction.Kind.WARNING, ControlAction.Kind.BLOCK, ControlAction.Kind.PPK_REPORT],
        )
        # One audit event per withdrawn action, each naming it, as for every other ladder step.
        for action in pending.select_for_update().order_by("pk"):
            action.state = ControlAction.State.WITHDRAWN
            action.save(update_fields=["state"])
            audit_record(
                actor=actor,
                action="control.withdrawn",
                target=action,
                data={"number": locked.number, "kind": action.kind, "because": "record_sanction"},
            )
        blocked = ControlAction.objects.filter(
            case=locked, kind=ControlAction.Kind.BLOCK, state=ControlAction.State.DONE
        ).exists()
        lifted = ControlAction.objects.filter(
            case=locked, kind=ControlAction.Kind.UNBLOCK, state=ControlAction.State.DONE
        ).exists()
        if blocked and not lifted:
            control.lift_block(
                result, actor=actor, now=now, note=f"Keputusan PPK {decision.decree_number} diterima auditor."
            )
        return result


def decision_return(
    *,
    case: Case,
    actor: User,
    reason: str,
    expected_version: int | None = None,
    now: dt.datetime | None = None,
) -> Case:
    """The auditor sends the decree back with a reason; the PPK corrects it and submits again.

    The returned decree is kept as a ``ReturnedDecision`` (its file stays in storage), so the case
    history shows every decree submitted; the case's one active ``Decision`` is freed for the next."""
    with transaction.atomic():
        locked = lock_case(case)
        decision = Decision.objects.select_for_update().filter(case=locked).first()
        if decision is None:
            raise CaseError(_("Kasus ini belum memiliki keputusan PPK untuk diperiksa."))
        now = now or clock.now()
        returned = {
            "decree_number": decision.decree_number,
            "decree_date": decision.decree_date.isoformat(),
            "document": decision.document.name or "",
        }
        result = case_transition(
            case=locked,
            actor=actor,
            action="return_decision",
            expected_version=expected_version,
            reason=reason,
            note=reason.strip(),
            now=now,
            data={"returned": returned},
        )
        # The transition's audit event above already names the returned decree and the reason.
        ReturnedDecision.objects.create(
            case=locked,
            decree_number=decision.decree_number,
            decree_date=decision.decree_date,
            sanction_type=decision.sanction_type,
            document=decision.document.name or "",
            is_lighter=decision.is_lighter,
            recorded_by=decision.recorded_by,
            recorded_at=decision.recorded_at,
            returned_by=actor,
            returned_at=now,
            return_reason=reason.strip(),
        )
        decision.delete()
        return result
