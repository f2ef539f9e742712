"""Administrative remedies after the PPK's decision (issue 15): the ASN's keberatan or banding
administratif, its deadline (``HearingRule`` data, counted in working days from the decree's date) and its
outcome. The case keeps its final status and the decree; the remedy and its outcome are kept beside them,
each act with a case event and an audit event. The public status says only that the case is "dalam upaya
administratif", never who filed what."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from netralitas.accounts.models import Role, User
from netralitas.cases.models import Case
from netralitas.cases.services import CaseError, TransitionConflict, _record_event, lock_case, require_role
from netralitas.cases.workflow import Status
from netralitas.core import clock
from netralitas.core.workdays import DayUnit, due_date
from netralitas.documents.rendering import id_date
from netralitas.registry.calendar import holiday_dates

from .hearings import rule_for
from .models import Decision, Recommendation, Remedy, SanctionType

REMEDY_ROLES = frozenset({Role.PPK, Role.BKN})
PUBLIC_PENDING = "Dalam upaya administratif."
PUBLIC_DONE = "Upaya administratif selesai."


def _refusal() -> str:
    return _("Hanya PPK instansi terlapor atau petugas BKN yang mencatat upaya administratif.")


def remedy_deadline(case: Case, kind: str) -> dt.date | None:
    """The last day to file, counted from the decree's date; None when no rule sets one."""
    decision = Decision.objects.filter(case=case).first()
    recommendation = Recommendation.objects.filter(case=case).first()
    if decision is None or recommendation is None:
        return None
    rule = rule_for(recommendation.track, recommendation.level)
    if rule is None:
        return None
    days = rule.objection_working_days if kind == Remedy.Kind.OBJECTION else rule.appeal_working_days
    if days is None:
        return None
    return due_date(decision.decree_date, days, DayUnit.WORKING, holiday_dates())


def public_status_label(case: Case) -> str | None:
    """What the public status page says instead of the case's status while (or after) a remedy runs:
    "dalam upaya administratif" without details; a sanction annulled on objection no longer reads as
    imposed."""
    latest = Remedy.objects.filter(case=case).order_by("-recorded_at", "-id").first()
    if latest is None:
        return None
    if latest.outcome == Remedy.Outcome.PENDING:
        return str(pgettext_lazy("status publik", "Dalam upaya administratif"))
    if latest.outcome == Remedy.Outcome.UPHELD:
        return str(pgettext_lazy("status publik", "Sanksi dibatalkan setelah upaya administratif"))
    return None


def pending_remedy(case: Case) -> Remedy | None:
    return Remedy.objects.filter(case=case, outcome=Remedy.Outcome.PENDING).first()


def remedy_file(
    *,
    case: Case,
    actor: User,
    kind: str,
    filed_on: dt.date,
    grounds: str,
    decided_by_body: str,
    now: dt.datetime | None = None,
) -> Remedy:
    if kind not in Remedy.Kind.values:
        raise CaseError(_("Jenis upaya administratif tidak dikenal."))
    if len(grounds.strip()) < 10:
        raise CaseError(_("Tuliskan ringkasan alasan upaya administratif (minimal 10 karakter)."))
    if not decided_by_body.strip():
        raise CaseError(_("Tuliskan pejabat atau badan yang memutus upaya administratif."))
    if filed_on > clock.localdate():
        raise CaseError(_("Tanggal pengajuan tidak boleh di masa depan."))
    now = now or clock.now()
    with transaction.atomic():
        locked = lock_case(case)
        require_role(actor, locked, REMEDY_ROLES, _refusal())
        decision = Decision.objects.filter(case=locked).first()
        if locked.status != Status.SANCTIONED or decision is None:
            raise TransitionConflict(_("Upaya administratif dicatat setelah keputusan hukuman ditetapkan."))
        if pending_remedy(locked) is not None:
            raise TransitionConflict(_("Masih ada upaya administratif yang belum diputus untuk kasus ini."))
        if filed_on < decision.decree_date:
            raise CaseError(_("Tanggal pengajuan tidak boleh sebelum tanggal keputusan."))
        deadline = remedy_deadline(locked, kind)
        if deadline is None:
            raise CaseError(_("Belum ada aturan batas waktu upaya administratif ini; hubungi admin."))
        if filed_on > deadline:
            raise CaseError(
                _(
                    "Upaya administratif diajukan %(filed)s, melewati batas %(deadline)s; "
                    "tidak dapat diterima."
                )
                % {"filed": id_date(filed_on), "deadline": id_date(deadline)}
            )
        remedy = Remedy.objects.create(
            case=locked,
            kind=kind,
            filed_on=filed_on,
            deadline=deadline,
            decided_by_body=decided_by_body.strip()[:300],
            grounds=grounds.strip(),
            recorded_by=actor,
            recorded_at=now,
        )
        _record_event(
            locked,
            actor=actor,
            action="remedy_filed",
            at=now,
            public_message=PUBLIC_PENDING,
            data={"kind": kind, "filed_on": filed_on.isoformat(), "deadline": deadline.isoformat()},
        )
        return remedy


def remedy_decide(
    *,
    case: Case,
    actor: User,
    outcome: str,
    decided_on: dt.date,
    note: str,
    new_sanction_type: SanctionType | None = None,
    now: dt.datetime | None = None,
) -> Remedy:
    if outcome not in (Remedy.Outcome.UPHELD, Remedy.Outcome.REJECTED, Remedy.Outcome.CHANGED):
        raise CaseError(_("Pilih hasil upaya administratif: dikabulkan, ditolak atau hukuman diubah."))
    if outcome == Remedy.Outcome.CHANGED and new_sanction_type is None:
        raise CaseError(_("Pilih hukuman pengganti bila hukuman diubah."))
    if outcome != Remedy.Outcome.CHANGED:
        new_sanction_type = None
    if len(note.strip()) < 10:
        raise CaseError(_("Tuliskan pertimbangan putusan (minimal 10 karakter)."))
    if decided_on > clock.localdate():
        raise CaseError(_("Tanggal putusan tidak boleh di masa depan."))
    now = now or clock.now()
    with transaction.atomic():
        locked = lock_case(case)
        require_role(actor, locked, REMEDY_ROLES, _refusal())
        remedy = (
            Remedy.objects.select_for_update().filter(case=locked, outcome=Remedy.Outcome.PENDING).first()
        )
        if remedy is None:
            raise TransitionConflict(_("Tidak ada upaya administratif yang menunggu putusan."))
        if decided_on < remedy.filed_on:
            raise CaseError(_("Tanggal putusan tidak boleh sebelum tanggal pengajuan."))
        remedy.outcome, remedy.decided_on, remedy.outcome_note = outcome, decided_on, note.strip()
        remedy.new_sanction_type, remedy.outcome_by = new_sanction_type, actor
        remedy.save()
        _record_event(
            locked,
            actor=actor,
            action="remedy_decided",
            at=now,
            public_message=PUBLIC_DONE,
            data={
                "kind": remedy.kind,
                "outcome": outcome,
                "sanction": new_sanction_type.code if new_sanction_type else "",
            },
        )
        return remedy
