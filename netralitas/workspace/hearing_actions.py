"""The due-process acts of a case page (issue 15) as page actions, and what the page shows of them.

The services (sanctions.hearings, sanctions.remedies) decide what is allowed; ``available`` only chooses
which forms a user sees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from netralitas.accounts.models import User
from netralitas.cases.deadlines import case_timezone
from netralitas.cases.models import Case
from netralitas.cases.workflow import Status
from netralitas.sanctions import hearings, remedies
from netralitas.sanctions.models import Examiner, Hearing, Remedy, Summons

from . import hearing_forms as hf

if TYPE_CHECKING:
    from .actions import Action, CaseFacts

State = Hearing.State


def _hearing(case: Case) -> Hearing | None:
    return Hearing.objects.filter(case=case).first()


def _may_hear(case: Case, f: CaseFacts) -> bool:
    return bool(f.roles & hearings.HEARING_ROLES) and case.status == Status.AWAITING_FOLLOW_UP


def _may_summon(case: Case, f: CaseFacts) -> bool:
    if not _may_hear(case, f):
        return False
    hearing = _hearing(case)
    return hearing is None or hearing.state == State.ABSENT_ONCE


def _state_in(*states: str) -> Callable[[Case, CaseFacts], bool]:
    def available(case: Case, f: CaseFacts) -> bool:
        hearing = _hearing(case) if _may_hear(case, f) else None
        return hearing is not None and hearing.state in states

    return available


def _may_file_remedy(case: Case, f: CaseFacts) -> bool:
    return (
        bool(f.roles & remedies.REMEDY_ROLES)
        and case.status == Status.SANCTIONED
        and remedies.pending_remedy(case) is None
    )


def _may_decide_remedy(case: Case, f: CaseFacts) -> bool:
    return bool(f.roles & remedies.REMEDY_ROLES) and remedies.pending_remedy(case) is not None


def _summon(case: Case, user: User, form: forms.Form) -> str:
    d = form.cleaned_data
    at = dt.datetime.combine(d["examination_date"], d["examination_time"], tzinfo=case_timezone(case))
    summons = hearings.hearing_summon(
        case=case,
        actor=user,
        examination_at=at,
        place=d["place"],
        examiner_names=d.get("examiner_names", ""),
        letter_number=d.get("letter_number", ""),
    )
    return gettext("Surat panggilan %(number)s terbit; PDF-nya tersedia di bagian Pemeriksaan terlapor.") % {
        "number": summons.letter.number
    }


def _attendance(case: Case, user: User, form: forms.Form) -> str:
    hearing = hearings.hearing_attendance(
        case=case, actor=user, attended=form.cleaned_data["attended"], note=form.cleaned_data.get("note", "")
    )
    if hearing.state == State.ATTENDED:
        return gettext("Kehadiran tercatat. Unggah berita acara pemeriksaan.")
    if hearing.state == State.ABSENT_ONCE:
        return gettext("Ketidakhadiran tercatat. Kirim panggilan kedua.")
    return gettext(
        "Ketidakhadiran kedua tercatat. PPK dapat memutus berdasarkan alat bukti dan keterangan yang ada."
    )


def _minutes(case: Case, user: User, form: forms.Form) -> str:
    upload = form.cleaned_data["minutes"]
    hearings.hearing_minutes(
        case=case,
        actor=user,
        upload=upload,
        name=getattr(upload, "name", "") or "bap",
        board_recommendation=form.cleaned_data.get("board_recommendation", ""),
    )
    return gettext("Berita acara pemeriksaan tersimpan. PPK dapat mencatat keputusannya.")


def _remedy_file(case: Case, user: User, form: forms.Form) -> str:
    d = form.cleaned_data
    remedy = remedies.remedy_file(
        case=case,
        actor=user,
        kind=d["kind"],
        filed_on=d["filed_on"],
        grounds=d["grounds"],
        decided_by_body=d["decided_by_body"],
    )
    return gettext("%(kind)s tercatat; batas pengajuannya %(deadline)s.") % {
        "kind": remedy.get_kind_display(),
        "deadline": remedy.deadline.strftime("%d-%m-%Y"),
    }


def _remedy_decide(case: Case, user: User, form: forms.Form) -> str:
    d = form.cleaned_data
    remedy = remedies.remedy_decide(
        case=case,
        actor=user,
        outcome=d["outcome"],
        decided_on=d["decided_on"],
        note=d["note"],
        new_sanction_type=d.get("new_sanction_type"),
    )
    return gettext("Hasil upaya administratif tercatat: %(outcome)s.") % {
        "outcome": remedy.get_outcome_display()
    }


def hearing_page_actions(action: type[Action]) -> list[Action]:
    """The acts, in the order they happen; ``action`` is the page's Action class (no import cycle)."""
    return [
        action(
            "hearing_summon",
            _("Panggil terlapor untuk diperiksa"),
            _(
                "Sistem menerbitkan surat panggilan (PDF) untuk terlapor, tanpa data pelapor. Pada tanggal "
                "pemeriksaan, catat kehadirannya."
            ),
            hf.SummonsForm,
            _summon,
            _may_summon,
        ),
        action(
            "hearing_attendance",
            _("Catat kehadiran pada pemeriksaan"),
            _(
                "Hadir: unggah berita acara. Tidak hadir: panggilan kedua; tidak hadir lagi: diputus "
                "berdasarkan bukti."
            ),
            hf.AttendanceForm,
            _attendance,
            _state_in(State.SUMMONED, State.SUMMONED_AGAIN),
        ),
        action(
            "hearing_minutes",
            _("Unggah berita acara pemeriksaan (BAP)"),
            _("PPK dapat mencatat keputusan dengan merujuk berita acara ini."),
            hf.MinutesForm,
            _minutes,
            _state_in(State.ATTENDED),
            multipart=True,
        ),
        action(
            "remedy_file",
            _("Catat keberatan atau banding administratif"),
            _("Status publik kasus menjadi “dalam upaya administratif” sampai hasilnya dicatat."),
            hf.RemedyFileForm,
            _remedy_file,
            _may_file_remedy,
        ),
        action(
            "remedy_decide",
            _("Catat hasil upaya administratif"),
            _("Kasus menyimpan keputusan semula dan hasil upaya administratif dalam riwayatnya."),
            hf.RemedyDecideForm,
            _remedy_decide,
            _may_decide_remedy,
        ),
    ]


def hearing_context(case: Case) -> dict[str, Any]:
    """What the case page shows of due process: where it stands and what comes next."""
    hearing = Hearing.objects.filter(case=case).select_related("rule").first()
    summonses: list[Summons] = (
        list(hearing.summonses.select_related("letter").order_by("ordinal")) if hearing is not None else []
    )
    case_remedies = list(Remedy.objects.filter(case=case).select_related("new_sanction_type"))
    return {
        "hearing": hearing,
        "hearing_ethics": hearing is not None and hearing.examiner == Examiner.ETHICS_BOARD,
        "summonses": summonses,
        "second_summons_due": hearings.examination_deadline_hint(hearing) if hearing else None,
        "remedies": case_remedies,
        # Decisions recorded before due process was kept (the demo's history) show no empty panel.
        "show_due_process": hearing is not None
        or bool(case_remedies)
        or case.status == Status.AWAITING_FOLLOW_UP,
    }
