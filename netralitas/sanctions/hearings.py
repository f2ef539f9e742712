"""The right to be heard (issue 15): the reported ASN is summoned in writing, examined and the examination
recorded (berita acara pemeriksaan, BAP) before the PPK decides; a second summons follows a first absence,
and a second absence lets the PPK decide on the evidence (PP 94/2021; ADR 0024). The ethics track records
the Majelis Kode Etik's examination and recommendation the same way (PP 42/2004).

Who examines and the time limits are ``HearingRule`` rows (data with their legal basis). Every act writes a
case event and an audit event in one transaction; the summons letter is an issued document
(netralitas.documents). Nothing here reads the reporter: the letters and the events carry the reported ASN,
the violation and the dates only.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import IO

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from netralitas.accounts.models import Role, User
from netralitas.cases.deadlines import case_timezone
from netralitas.cases.evidence import clean_upload
from netralitas.cases.models import Case
from netralitas.cases.services import CaseError, TransitionConflict, _record_event, lock_case, require_role
from netralitas.cases.workflow import Status
from netralitas.core import clock
from netralitas.core.workdays import DayUnit, due_date, working_days_between
from netralitas.documents.models import Document, LetterKind
from netralitas.documents.rendering import id_date
from netralitas.documents.services import DocumentError, body_for_agency, document_issue, national_body
from netralitas.registry.calendar import holiday_dates

from .hearing_seed import seed_hearing_rules
from .models import Examiner, Hearing, HearingRule, Level, Recommendation, Summons, Track

HEARING_ROLES = frozenset({Role.SUPERIOR, Role.PPK})
# Statuses in which the examination runs: after the recommendation reached the PPK, before the decree.
HEARING_STATUSES = frozenset({Status.AWAITING_FOLLOW_UP})
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


LETTER_BASIS: dict[str, str] = {
    Track.DISCIPLINE: "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
    Track.ETHICS: "Peraturan Pemerintah Nomor 42 Tahun 2004 tentang Pembinaan Jiwa Korps dan Kode Etik "
    "Pegawai Negeri Sipil",
}


class DueProcessMissing(CaseError):
    """The PPK's decision was asked for before the ASN was heard."""


def rule_for(track: str, level: str) -> HearingRule | None:
    """The active rule of the track and level, else the track's rule for every level."""
    if not HearingRule.objects.exists():  # a flushed table (transactional tests): the defaults again
        seed_hearing_rules(HearingRule)
    rules = {r.level: r for r in HearingRule.objects.filter(track=track, active=True)}
    return rules.get(level) or rules.get("")


def _refusal() -> str:
    return _("Hanya atasan langsung/tim pemeriksa atau PPK instansi terlapor yang mencatat pemeriksaan.")


def _holidays(case: Case, around: dt.date) -> frozenset[dt.date]:
    return holiday_dates()


def examination_deadline_hint(hearing: Hearing) -> dt.date | None:
    """After a first absence: the last day by which the second summons is due (rule data)."""
    first = hearing.summonses.filter(ordinal=1).first()
    if first is None or hearing.state != Hearing.State.ABSENT_ONCE:
        return None
    day = timezone.localtime(first.examination_at, case_timezone(hearing.case)).date()
    return due_date(
        day, hearing.rule.second_summons_working_days, DayUnit.WORKING, _holidays(hearing.case, day)
    )


def _employee_context(case: Case) -> dict[str, object]:
    employee = case.employee
    if employee is None:
        return {"employee": None, "subject_name": case.subject_name}
    return {
        "employee": {
            "name": employee.name,
            "nip": employee.nip,
            "position": employee.position,
            "unit": employee.unit,
            "agency": employee.agency.name,
        },
        "subject_name": case.subject_name,
    }


def _issue_summons(
    *,
    case: Case,
    hearing: Hearing,
    actor: User,
    ordinal: int,
    examination_at: dt.datetime,
    place: str,
    number: str,
    now: dt.datetime,
) -> Document:
    """The summons letter, built from the reported ASN, the violation and the dates only (no reporter)."""
    tz = case_timezone(case)
    local = timezone.localtime(examination_at, tz)
    first = hearing.summonses.filter(ordinal=1).select_related("letter").first() if ordinal == 2 else None
    body = body_for_agency(case.agency) if case.agency is not None else national_body("bkn")
    employee = case.employee
    addressee = (
        [f"Sdr. {employee.name}", employee.position or "ASN", "di tempat"]
        if employee is not None
        else [f"Sdr. {case.subject_name}", "di tempat"]
    )
    context = {
        **_employee_context(case),
        "ordinal": ordinal,
        "legal_basis": LETTER_BASIS[hearing.track],
        "examiner": hearing.examiner_names,
        "track": "disiplin" if hearing.track == Track.DISCIPLINE else "kode etik",
        "violations": [v.name for v in case.violation_types.order_by("order")],
        "incident_date": id_date(case.incident_date),
        "incident_region": case.region.name,
        "examination_day": f"{WEEKDAYS[local.weekday()]}, {id_date(local.date())}",
        "examination_time": f"{local:%H.%M} {local.tzname() or ''}".strip(),
        "place": place,
        "first_number": first.letter.number if first else "",
        "first_day": id_date(timezone.localtime(first.examination_at, tz).date()) if first else "",
    }
    subject = (
        "Panggilan kedua untuk pemeriksaan dugaan pelanggaran netralitas ASN"
        if ordinal == 2
        else "Panggilan untuk pemeriksaan dugaan pelanggaran netralitas ASN"
    )
    try:
        return document_issue(
            body=body,
            kind=LetterKind.SUMMONS,
            subject=subject,
            addressee=addressee,
            context=context,
            actor=actor,
            reference=case.number,
            classification="Rahasia",
            number=number,
            now=now,
        )
    except DocumentError as error:
        raise CaseError(str(error)) from None


def _check_notice(case: Case, rule: HearingRule, examination_at: dt.datetime, now: dt.datetime) -> None:
    tz = case_timezone(case)
    today = timezone.localtime(now, tz).date()
    day = timezone.localtime(examination_at, tz).date()
    if day <= today:
        raise CaseError(_("Tanggal pemeriksaan harus setelah tanggal surat panggilan."))
    gap = working_days_between(today, day, _holidays(case, today))
    if gap < rule.notice_working_days:
        earliest = due_date(today, rule.notice_working_days, DayUnit.WORKING, _holidays(case, today))
        raise CaseError(
            _(
                "Surat panggilan dikirim paling lambat %(days)d hari kerja sebelum tanggal pemeriksaan "
                "(%(basis)s): pilih tanggal pemeriksaan %(earliest)s atau sesudahnya."
            )
            % {"days": rule.notice_working_days, "basis": rule.legal_basis, "earliest": id_date(earliest)}
        )


def hearing_summon(
    *,
    case: Case,
    actor: User,
    examination_at: dt.datetime,
    place: str,
    examiner_names: str = "",
    letter_number: str = "",
    now: dt.datetime | None = None,
) -> Summons:
    """The first summons (which opens the examination) or, after a recorded absence, the second."""
    if not place.strip():
        raise CaseError(_("Tempat pemeriksaan wajib diisi."))
    now = now or clock.now()
    with transaction.atomic():
        locked = lock_case(case)
        require_role(actor, locked, HEARING_ROLES, _refusal())
        if locked.status not in HEARING_STATUSES:
            raise TransitionConflict(
                _("Pemanggilan hanya dapat dilakukan setelah rekomendasi diterima PPK dan sebelum keputusan.")
            )
        hearing = Hearing.objects.select_for_update().filter(case=locked).first()
        if hearing is None:
            recommendation = Recommendation.objects.filter(case=locked).first()
            if recommendation is None:
                raise CaseError(_("Kasus ini belum memiliki rekomendasi."))
            rule = rule_for(recommendation.track, recommendation.level)
            if rule is None:
                raise CaseError(
                    _("Belum ada aturan pemeriksaan untuk jalur %(track)s, %(level)s; hubungi admin.")
                    % {
                        "track": Track(recommendation.track).label,
                        "level": Level(recommendation.level).label,
                    }
                )
            if not examiner_names.strip():
                raise CaseError(_("Tuliskan nama dan jabatan pemeriksa (atasan langsung atau tim)."))
            hearing = Hearing.objects.create(
                case=locked,
                rule=rule,
                track=recommendation.track,
                examiner=rule.examiner,
                examiner_names=examiner_names.strip()[:400],
                state=Hearing.State.SUMMONED,
                started_by=actor,
                started_at=now,
            )
            ordinal = 1
        elif hearing.state == Hearing.State.ABSENT_ONCE:
            ordinal = 2
        else:
            raise TransitionConflict(
                _("Pemanggilan baru hanya setelah ketidakhadiran pada panggilan pertama dicatat.")
            )
        _check_notice(locked, hearing.rule, examination_at, now)
        letter = _issue_summons(
            case=locked,
            hearing=hearing,
            actor=actor,
            ordinal=ordinal,
            examination_at=examination_at,
            place=place.strip(),
            number=letter_number,
            now=now,
        )
        summons = Summons.objects.create(
            hearing=hearing,
            ordinal=ordinal,
            letter=letter,
            examination_at=examination_at,
            place=place.strip()[:300],
            issued_by=actor,
        )
        hearing.state = Hearing.State.SUMMONED if ordinal == 1 else Hearing.State.SUMMONED_AGAIN
        hearing.save(update_fields=["state"])
        _record_event(
            locked,
            actor=actor,
            action="hearing_summoned",
            at=now,
            data={
                "ordinal": ordinal,
                "letter": letter.number,
                "examination_at": examination_at.isoformat(),
                "examiner": hearing.examiner,
            },
        )
        return summons


def hearing_attendance(
    *, case: Case, actor: User, attended: bool, note: str = "", now: dt.datetime | None = None
) -> Hearing:
    """Records whether the ASN appeared on the summons' date; a second absence ends the examination."""
    now = now or clock.now()
    with transaction.atomic():
        locked = lock_case(case)
        require_role(actor, locked, HEARING_ROLES, _refusal())
        hearing = Hearing.objects.select_for_update().filter(case=locked).first()
        if hearing is None or hearing.state not in (Hearing.State.SUMMONED, Hearing.State.SUMMONED_AGAIN):
            raise TransitionConflict(_("Tidak ada panggilan yang menunggu catatan kehadiran."))
        summons = hearing.summonses.select_for_update().order_by("-ordinal").first()
        assert summons is not None
        if now < summons.examination_at - dt.timedelta(hours=12):
            raise CaseError(
                _("Kehadiran dicatat pada atau setelah tanggal pemeriksaan (%(day)s).")
                % {"day": id_date(timezone.localtime(summons.examination_at, case_timezone(locked)).date())}
            )
        if not attended and len(note.strip()) < 5:
            raise CaseError(_("Tuliskan keterangan ketidakhadiran (misalnya tanpa alasan yang sah)."))
        summons.attended, summons.attendance_note = attended, note.strip()
        summons.attendance_by, summons.attendance_at = actor, now
        summons.save(update_fields=["attended", "attendance_note", "attendance_by", "attendance_at"])
        if attended:
            hearing.state = Hearing.State.ATTENDED
            hearing.examined_on = timezone.localtime(summons.examination_at, case_timezone(locked)).date()
        else:
            hearing.state = Hearing.State.ABSENT_ONCE if summons.ordinal == 1 else Hearing.State.DEFAULTED
        hearing.save(update_fields=["state", "examined_on"])
        _record_event(
            locked,
            actor=actor,
            action="hearing_attended" if attended else "hearing_absent",
            at=now,
            note=note.strip(),
            data={"ordinal": summons.ordinal, "state": hearing.state},
        )
        return hearing


def hearing_minutes(
    *,
    case: Case,
    actor: User,
    upload: IO[bytes],
    name: str = "",
    board_recommendation: str = "",
    now: dt.datetime | None = None,
) -> Hearing:
    """Uploads the BAP (checked and stripped of metadata like evidence); for the ethics track also the
    Majelis Kode Etik's recommendation to the PPK."""
    clean = clean_upload(upload, name or getattr(upload, "name", "") or "bap")
    now = now or clock.now()
    with transaction.atomic():
        locked = lock_case(case)
        require_role(actor, locked, HEARING_ROLES, _refusal())
        hearing = Hearing.objects.select_for_update().filter(case=locked).first()
        if hearing is None or hearing.state != Hearing.State.ATTENDED:
            raise TransitionConflict(_("Berita acara diunggah setelah kehadiran terlapor dicatat."))
        if hearing.examiner == Examiner.ETHICS_BOARD and len(board_recommendation.strip()) < 20:
            raise CaseError(_("Tuliskan rekomendasi Majelis Kode Etik kepada PPK (minimal 20 karakter)."))
        hearing.minutes.save(
            f"bap-{secrets.token_urlsafe(12)}.{clean.extension}", ContentFile(clean.content), save=False
        )
        hearing.minutes_sha256, hearing.minutes_name = clean.sha256, clean.name[:255]
        hearing.minutes_by, hearing.minutes_at = actor, now
        hearing.board_recommendation = board_recommendation.strip()
        hearing.state = Hearing.State.EXAMINED
        hearing.save()
        _record_event(
            locked,
            actor=actor,
            action="hearing_minutes",
            at=now,
            data={"sha256": clean.sha256, "content_type": clean.content_type, "examiner": hearing.examiner},
        )
        return hearing


def decision_requires_hearing(case: Case, recommendation: Recommendation) -> Hearing | None:
    """The guard of the PPK's decision (workspace and API alike): on the discipline track the ASN must
    have been examined (BAP recorded) or have stayed away from the second summons. Returns the hearing
    the decision rests on (the decree's event cites it)."""
    hearing = Hearing.objects.filter(case=case).first()
    if recommendation.track != Track.DISCIPLINE or (hearing is not None and hearing.complete):
        return hearing
    stage = hearing.get_state_display() if hearing is not None else _("belum dipanggil")
    raise DueProcessMissing(
        _(
            "Keputusan hukuman disiplin belum dapat dicatat: terlapor harus dipanggil secara tertulis dan "
            "diperiksa, dengan berita acara pemeriksaan diunggah, atau tidak hadir pada panggilan kedua "
            "(PP 94/2021). Tahap pemeriksaan sekarang: %(stage)s."
        )
        % {"stage": stage}
    )
